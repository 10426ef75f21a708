export type { Table, TableFormat, TextEncodingName } from './table.ts'
export { rowNumberOf } from './table.ts'
export { TableError, TABLE_ERROR_MESSAGES, type TableErrorCode } from './table-error.ts'
export {
  excerpt,
  refusedRowCount,
  rowsReadOf,
  type ReadIssue,
  type ReadIssueCode,
  type ReadNotice,
  type ReadNoticeCode,
} from './read-issue.ts'
export { decodeText, type DecodedText } from './decode-text.ts'
export { TextStreamDecoder, MAX_LINE_BYTES, type DecodedRun, type RunEncoding } from './text-stream-decoder.ts'
export { removeControlCharacters } from './clean-text.ts'
export { geometryProblem } from './check-geometry.ts'
export { parseStrictNumber } from './parse-number.ts'
export { readCsv, readCsvText } from './read-csv.ts'
export { readXlsx } from './read-xlsx.ts'
export { readGeoJson } from './read-geojson.ts'
export { readOpen311, OPEN311_FIELDS } from './read-open311.ts'
export { readTable, extensionOf } from './read-table.ts'
export { detectCoordinateColumns } from './coordinate-columns.ts'
export {
  streamCsv,
  type CsvStreamIssues,
  type CsvStreamProgress,
  type CsvStreamResult,
  type StreamCsvOptions,
} from './stream-csv.ts'
export {
  CsvRecordSplitter,
  MAX_QUOTED_CHARACTERS,
  MAX_QUOTED_LINES,
  type CsvRecord,
  type UnclosedReason,
} from './csv-record-splitter.ts'
export { encodeGbk } from './encode-gbk.ts'
