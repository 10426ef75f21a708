/**
 * CSV (and tab- or semicolon-separated text) with a header row. Values stay strings, row order
 * is kept, blank lines are skipped but each row remembers its line in the spreadsheet so error
 * reports point at the row the user sees in Excel.
 */
import Papa from 'papaparse'
import { decodeText } from './decode-text.ts'
import { columnsFromHeader, isBlankRow, looksLikeDataRow, recordFromCells } from './header.ts'
import type { Table, TextEncodingName } from './table.ts'
import { TableError } from './table-error.ts'

export function readCsvText(text: string, encoding?: TextEncodingName): Table {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new TableError('empty_file')
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, dynamicTyping: false })
  const records = parsed.data
  const headerIndex = records.findIndex((cells) => !isBlankRow(cells))
  if (headerIndex < 0) throw new TableError('empty_file')
  if (looksLikeDataRow(records[headerIndex])) throw new TableError('no_header', `第 ${headerIndex + 1} 行全是数字`)
  const columns = columnsFromHeader(records[headerIndex])
  const rows: Record<string, string>[] = []
  const rowNumbers: number[] = []
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index]
    if (isBlankRow(cells)) continue
    rows.push(recordFromCells(columns, cells))
    rowNumbers.push(index + 1)
  }
  if (rows.length === 0) throw new TableError('no_rows')
  return { columns, rows, format: 'csv', encoding, rowNumbers }
}

export function readCsv(bytes: Uint8Array): Table {
  if (bytes.length === 0) throw new TableError('empty_file')
  const { text, encoding } = decodeText(bytes)
  return readCsvText(text, encoding)
}
