/**
 * PGliteWorker forwards only `message` of an error thrown in the worker, so the SQLSTATE
 * code and the column our SQL functions name would be lost and every database error would
 * look "unknown". The worker appends the fields to the message behind a marker; the main
 * thread splits them off again before the Repository maps the error.
 */
const MARKER = '\u0000urbangrid-pg-error\u0000'
const FIELDS = ['code', 'column', 'detail', 'hint', 'constraint', 'table', 'schema'] as const

type ErrorFields = Partial<Record<(typeof FIELDS)[number], string>>

export function encodeDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const record = error as Error & Record<string, unknown>
  const fields: ErrorFields = {}
  for (const field of FIELDS) {
    if (typeof record[field] === 'string') fields[field] = record[field]
  }
  if (Object.keys(fields).length === 0) return error
  return new Error(`${error.message}${MARKER}${JSON.stringify(fields)}`, { cause: error })
}

export interface DecodedDatabaseError extends Error, ErrorFields {}

export function decodeDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const at = error.message.indexOf(MARKER)
  if (at < 0) return error
  let fields: ErrorFields = {}
  try {
    fields = JSON.parse(error.message.slice(at + MARKER.length)) as ErrorFields
  } catch {
    // A message that merely contains the marker: keep what we have.
  }
  const decoded = new Error(error.message.slice(0, at), { cause: error }) as DecodedDatabaseError
  Object.assign(decoded, fields)
  return decoded
}
