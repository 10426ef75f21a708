/**
 * Every CSV the product writes goes through here, so every one is safe to open in Excel or
 * WPS: a cell that would run as a formula (CSV injection — `=HYPERLINK(…)`, `=cmd|…`,
 * `@SUM(…)`, `+…`, `-…`, or one starting with a tab or carriage return, which some
 * spreadsheet programs strip before looking for `=`) gets a leading `'`, which the
 * spreadsheet shows as text. Plain numbers (-1, +86, -0.5, 1e-3) stay numbers: a coordinate
 * west of Greenwich must not turn into text.
 */
import Papa from 'papaparse'

export const UTF8_BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/** The cell as it is safe to write: unchanged, or with a leading ' when it looks like a formula. */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell
}

/**
 * Records as CSV text: cells escaped (escapeFormula), quoted where needed, CRLF after every
 * record (the last one too, as Excel writes), so texts of consecutive slices concatenate.
 */
export function csvRecords(records: readonly (readonly string[])[]): string {
  if (records.length === 0) return ''
  const data = records.map((cells) => cells.map(escapeFormula))
  return `${Papa.unparse(data, { newline: '\r\n', quotes: false, header: false, skipEmptyLines: false })}\r\n`
}
