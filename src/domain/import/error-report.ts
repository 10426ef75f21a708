/**
 * The error report a dispatcher downloads: one line per problem, UTF-8 with a BOM so Excel on
 * a Chinese Windows opens it as UTF-8 instead of guessing GBK, CRLF line ends as Excel writes.
 */
import Papa from 'papaparse'
import type { RowError } from './intake-row.ts'

export const ERROR_REPORT_COLUMNS = ['行号', '字段', '值', '原因'] as const

export function errorReportCsv(errors: readonly RowError[]): string {
  const body = Papa.unparse(
    {
      fields: [...ERROR_REPORT_COLUMNS],
      data: errors.map((error) => [String(error.row), error.field, neutralized(error.value), error.reason]),
    },
    { newline: '\r\n', quotes: false },
  )
  return '\uFEFF' + body + '\r\n'
}

/** A value starting with = + - @ would run as a formula in Excel (CSV injection); a leading ' shows it as text. */
function neutralized(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d/.test(value) ? `'${value}` : value
}
