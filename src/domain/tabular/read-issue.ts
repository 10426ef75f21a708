/**
 * What a reader found wrong with single rows, and with the file as a whole, besides the rows it
 * could read. A reader never drops a row without one of these: a row it cannot read is listed
 * as refused (and is not among the table's rows); a row it read with a change — control
 * characters removed, cells beyond the header not taken — carries a warning. Callers add the
 * refused rows to their own refusals, so rows read = valid + refused adds up.
 */
export type ReadIssueCode =
  /** refused: a quoted field that never closes (runs to the end of the file or past a limit) */
  | 'unclosed_quote'
  /** refused: bytes that are neither UTF-8 nor GB18030 */
  | 'undecodable'
  /** refused: a JSON array item that is not an object (Open311) or not a Feature (GeoJSON) */
  | 'not_a_record'
  /** warning: cells beyond the header's last column, which have no column name */
  | 'extra_cells'
  /** warning: NUL and other control characters, or broken UTF-16 halves, removed */
  | 'control_characters'
  /** warning: a quote inside a field that breaks the CSV rules, read as written */
  | 'stray_quote'
  /** warning: a GeoJSON geometry with missing or malformed coordinates, read as no geometry */
  | 'bad_geometry'

export interface ReadIssue {
  code: ReadIssueCode
  /** true: the row is not among the table's rows and must be counted as refused */
  refused: boolean
  /** the row as the user sees it: spreadsheet row (header = 1), or feature/request number */
  row: number
  /** the column concerned, or '整行' */
  field: string
  /** the text concerned, shortened */
  value: string
  /** Chinese: what is wrong and what was done; the row and field are beside it, as in a RowError */
  message: string
}

export type ReadNoticeCode = 'mixed_encoding' | 'undecodable_text' | 'other_sheets'

/** About the whole file (or ranges of rows), not one row. */
export interface ReadNotice {
  code: ReadNoticeCode
  /** rows concerned (in a minority encoding, in sheets not read) */
  count: number
  message: string
}

export const WHOLE_ROW = '整行'

/** Rows a reader saw: those it delivered plus those it refused. */
export function rowsReadOf(rowsDelivered: number, issues: readonly ReadIssue[]): number {
  return rowsDelivered + refusedRowCount(issues)
}

export function refusedRowCount(issues: readonly ReadIssue[]): number {
  return new Set(issues.filter((issue) => issue.refused).map((issue) => issue.row)).size
}

/** A value short enough to quote in a message. */
export function excerpt(text: string, length = 30): string {
  const characters = Array.from(text)
  return characters.length <= length ? text : characters.slice(0, length).join('') + '…'
}
