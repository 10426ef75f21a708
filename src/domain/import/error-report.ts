/**
 * The error report a dispatcher downloads: one line per problem, UTF-8 with a BOM so Excel on
 * a Chinese Windows opens it as UTF-8 instead of guessing GBK, CRLF line ends as Excel writes.
 * Written with the shared CSV writer, so a value that looks like a formula is shown as text.
 */
import { csvRecords, UTF8_BOM } from '../tabular/write-csv.ts'
import type { RowError } from './intake-row.ts'

export const ERROR_REPORT_COLUMNS = ['行号', '字段', '值', '原因'] as const

export function errorReportCsv(errors: readonly RowError[]): string {
  return UTF8_BOM + csvRecords([[...ERROR_REPORT_COLUMNS], ...errors.map((error) => [String(error.row), error.field, error.value, error.reason])])
}
