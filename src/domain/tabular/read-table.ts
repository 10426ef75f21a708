/**
 * Any supported file to a Table: by extension first, by content when the extension says
 * nothing useful (.json holds GeoJSON or Open311; a missing or odd extension is sniffed).
 */
import { readCsvRuns } from './read-csv.ts'
import { isGeoJson, readGeoJson } from './read-geojson.ts'
import type { ReadNotice } from './read-issue.ts'
import { isOpen311, readOpen311 } from './read-open311.ts'
import { readXlsx } from './read-xlsx.ts'
import type { Table } from './table.ts'
import { TableError } from './table-error.ts'
import { TextStreamDecoder, type DecodedRun } from './text-stream-decoder.ts'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] // legacy .xls (and .doc) compound file

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte)
}

export function extensionOf(fileName: string): string {
  const match = /\.([^./\\]+)$/.exec(fileName.trim())
  return match ? match[1].toLowerCase() : ''
}

export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (bytes.length === 0) throw new TableError('empty_file')
  const extension = extensionOf(fileName)
  if (startsWith(bytes, OLE_MAGIC) || extension === 'xls') throw new TableError('legacy_xls')
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (extension === 'xlsx' || extension === 'xlsm' || extension === '' || !TEXT_EXTENSIONS.has(extension)) return readXlsx(bytes)
    throw new TableError('unsupported_format', `“${fileName}” 是压缩包，不是文本文件`)
  }
  if (extension === 'xlsx' || extension === 'xlsm') throw new TableError('unreadable_xlsx', '文件不是 .xlsx 格式（缺少 ZIP 文件头）')

  const decoder = new TextStreamDecoder()
  const runs = decoder.push(bytes, true)
  const text = runs.map((run) => run.text).join('')
  if (text.trim() === '') throw new TableError('empty_file')
  const firstCharacter = text.trimStart()[0]
  const jsonByName = extension === 'json' || extension === 'geojson'
  if (jsonByName || ((extension === '' || !TEXT_EXTENSIONS.has(extension)) && (firstCharacter === '{' || firstCharacter === '['))) {
    const table = readJsonTable(text, extension)
    return { ...table, notices: [...(table.notices ?? []), ...undecodableNotice(runs)] }
  }
  if (TEXT_EXTENSIONS.has(extension) || extension === '') return readCsvRuns(runs, decoder.wholeFileEncoding ?? undefined)
  throw new TableError('unsupported_format', `扩展名 .${extension}`)
}

const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'json', 'geojson'])

function readJsonTable(text: string, extension: string): Table {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new TableError('invalid_json', error instanceof Error ? error.message : undefined, { cause: error })
  }
  if (isGeoJson(value)) return readGeoJson(value)
  if (extension !== 'geojson' && isOpen311(value)) return readOpen311(value)
  throw new TableError('unknown_json')
}

/**
 * JSON has no rows to refuse by line, so bytes no encoding reads (shown as U+FFFD) are reported
 * for the file; CSV refuses the rows that hold them.
 */
function undecodableNotice(runs: readonly DecodedRun[]): ReadNotice[] {
  const lines = runs.filter((run) => run.encoding === 'undecodable').reduce((sum, run) => sum + run.text.split('\n').length - (run.text.endsWith('\n') ? 1 : 0), 0)
  if (lines === 0) return []
  return [{ code: 'undecodable_text', count: lines, message: `文件中有 ${lines} 行既不是 UTF-8 也不是 GB18030（GBK）编码，其中的文字无法还原，显示为 �：请把文件另存为 UTF-8 后再导入` }]
}
