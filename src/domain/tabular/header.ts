/**
 * Turning raw cell arrays into named records. Shared by the whole-file and the streaming CSV
 * readers and by the XLSX reader, so all three name columns, skip blank rows and report what
 * they could not keep alike.
 */
import { removeControlCharacters } from './clean-text.ts'
import { excerpt, type ReadIssue } from './read-issue.ts'

/**
 * Column names from a header row: trimmed; a blank header becomes 列N; a repeated name gets
 * " (2)", " (3)" … so no value is silently overwritten.
 */
export function columnsFromHeader(cells: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return cells.map((cell, index) => {
    const base = cell.replace(/^\uFEFF/, '').trim() || `列${index + 1}`
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    return count === 1 ? base : `${base} (${count})`
  })
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

/** Header cells without control characters, and a warning naming what was removed. */
export function cleanHeaderCells(cells: readonly string[], row: number): { cells: string[]; issues: ReadIssue[] } {
  const issues: ReadIssue[] = []
  const cleaned = cells.map((cell, index) => {
    const { text, removed } = removeControlCharacters(cell)
    if (removed) issues.push(controlCharacterIssue(row, `第 ${index + 1} 列表头`, cell, removed))
    return text
  })
  return { cells: cleaned, issues }
}

/**
 * A row's cells under the header's names. Missing trailing cells read as ''. Control
 * characters are removed and cells beyond the header (which have no name) are not taken —
 * each with a warning, so the row is kept and nothing changes unannounced.
 */
export function recordFromCells(
  columns: readonly string[],
  cells: readonly string[],
  row: number,
  separator = ',',
): { record: Record<string, string>; issues: ReadIssue[] } {
  const record: Record<string, string> = {}
  const issues: ReadIssue[] = []
  for (let index = 0; index < columns.length; index++) {
    const cell = cells[index] ?? ''
    const { text, removed } = removeControlCharacters(cell)
    if (removed) issues.push(controlCharacterIssue(row, columns[index], cell, removed))
    record[columns[index]] = text
  }
  // Empty cells beyond the header (a trailing delimiter, Excel's used range) lose nothing.
  let last = cells.length - 1
  while (last >= columns.length && cells[last].trim() === '') last--
  if (last >= columns.length) {
    const extra = cells.slice(columns.length, last + 1)
    const value = extra.join(separator)
    const range = extra.length === 1 ? `第 ${columns.length + 1} 列` : `第 ${columns.length + 1}–${last + 1} 列`
    issues.push({
      code: 'extra_cells',
      refused: false,
      row,
      field: range,
      value: excerpt(value, 50),
      message: `比表头多 ${extra.length} 个单元格（${range}：“${excerpt(value)}”），这些内容没有列名，未导入；` +
        '若是问题描述里的逗号把单元格拆开了，请给该单元格加上引号',
    })
  }
  return { record, issues }
}

export function controlCharacterIssue(row: number, field: string, value: string, removed: string): ReadIssue {
  return {
    code: 'control_characters',
    refused: false,
    row,
    field,
    value: excerpt(removeControlCharacters(value).text),
    message: `“${field}”含有控制字符 ${removed}，已删除（数据库不接受这些字符）`,
  }
}

/**
 * A first row made only of numbers is data, not a header: the file was exported without
 * column names, and guessing them would map the wrong columns.
 */
export function looksLikeDataRow(cells: readonly string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter((cell) => cell !== '')
  return filled.length > 0 && filled.every((cell) => /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell))
}
