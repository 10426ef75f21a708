/**
 * CSV (and tab- or semicolon-separated text) with a header row, read whole. Values stay strings
 * exactly as written, row order is kept, blank lines are skipped but each row remembers its line
 * in the spreadsheet so error reports point at the row the user sees in Excel. Rows the reader
 * cannot read are listed in `issues`, never dropped without a word.
 */
import { CsvRowReader } from './csv-rows.ts'
import { rowsReadOf } from './read-issue.ts'
import type { Table, TextEncodingName } from './table.ts'
import { TableError } from './table-error.ts'
import { TextStreamDecoder, type DecodedRun } from './text-stream-decoder.ts'

export function readCsvText(text: string, encoding: TextEncodingName = 'utf-8'): Table {
  return readCsvRuns([{ text: text.replace(/^\uFEFF/, ''), encoding }], encoding)
}

export function readCsv(bytes: Uint8Array): Table {
  if (bytes.length === 0) throw new TableError('empty_file')
  const decoder = new TextStreamDecoder()
  return readCsvRuns(decoder.push(bytes, true), decoder.wholeFileEncoding ?? undefined)
}

/** Text already decoded by TextStreamDecoder, each run tagged with its encoding. */
export function readCsvRuns(runs: DecodedRun[], encoding?: TextEncodingName): Table {
  if (runs.every((run) => run.text.trim() === '')) throw new TableError('empty_file')
  const reader = new CsvRowReader()
  reader.push(runs)
  reader.finish()
  const { rows, rowNumbers, issues } = reader.take()
  if (!reader.columns) throw new TableError('empty_file')
  if (rowsReadOf(rows.length, issues) === 0) throw new TableError('no_rows')
  return { columns: reader.columns, rows, format: 'csv', encoding: reader.encoding(encoding), rowNumbers, issues, notices: reader.notices() }
}
