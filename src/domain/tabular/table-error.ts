/**
 * Why a whole file cannot be read (as opposed to one bad row, which the import pipeline
 * reports and skips). `code` is for programs, `message` for people.
 */
export const TABLE_ERROR_MESSAGES = {
  empty_file: '文件为空，没有任何内容',
  no_header: '文件第一行不是表头（没有找到列名）',
  no_rows: '文件只有表头，没有数据行',
  unreadable_header: '无法读取表头',
  invalid_json: '文件不是有效的 JSON，无法解析',
  unknown_json: 'JSON 内容既不是 GeoJSON 要素集合，也不是 Open311 GeoReport v2 服务请求数组',
  unreadable_xlsx: '无法读取 Excel 文件，文件可能已损坏或不是 .xlsx 格式',
  legacy_xls: '不支持旧版 Excel（.xls）格式，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入',
  unsupported_format: '不支持的文件格式，请使用 CSV、XLSX、GeoJSON 或 Open311 JSON',
  aborted: '已取消读取文件',
} as const

export type TableErrorCode = keyof typeof TABLE_ERROR_MESSAGES

export class TableError extends Error {
  readonly code: TableErrorCode

  constructor(code: TableErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${TABLE_ERROR_MESSAGES[code]}：${detail}` : TABLE_ERROR_MESSAGES[code], options)
    this.name = 'TableError'
    this.code = code
  }
}
