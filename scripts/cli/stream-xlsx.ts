/**
 * The first worksheet of an .xlsx file, a slice of rows at a time, with exceljs's streaming
 * reader (ExcelJS.stream.xlsx.WorkbookReader), so a large workbook is not held whole. Cells read
 * exactly as the whole-file reader reads them (src/domain/tabular/read-xlsx.ts: the same
 * cellText and header rules), tested against it.
 *
 * What the format does not allow: the workbook's shared-strings table (every distinct text,
 * stored once for the whole file) is kept in memory, and exceljs stores a worksheet that comes
 * before that table in the ZIP on disk until the table is read. A worksheet holds at most
 * 1,048,576 rows, so an XLSX is never "any size" the way a CSV is.
 *
 * Node only (it reads the file by path), hence here and not in src/domain.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { columnsFromHeader, isBlankRow, looksLikeDataRow, recordFromCells } from '../../src/domain/tabular/header.ts'
import { cellText } from '../../src/domain/tabular/read-xlsx.ts'
import { TableError } from '../../src/domain/tabular/table-error.ts'
import type { ReadIssue } from '../../src/domain/tabular/read-issue.ts'

export interface XlsxSlice {
  rows: Record<string, string>[]
  rowNumbers: number[]
  /** control characters removed, extra cells: as the whole-file reader reports them */
  issues?: ReadIssue[]
}

export async function streamXlsx(
  path: string,
  onRows: (slice: XlsxSlice, columns: string[]) => Promise<void>,
  options: { sliceRows?: number } = {},
): Promise<{ columns: string[]; rowsRead: number }> {
  // A workbook cut short (an interrupted download or copy) lacks the ZIP's closing directory;
  // exceljs's reader may then stop without a word, so it is refused before reading.
  if (!hasZipEndRecord(path)) throw new TableError('unreadable_xlsx', '文件不完整（ZIP 结尾缺失），可能下载或复制时被截断')
  // Should the reader still stall — its stream ending with no error and no end — the process
  // would exit with nothing said; `beforeExit` turns that into an error instead.
  let onStall = () => {}
  const stalled = new Promise<never>((_resolve, reject) => {
    onStall = () => reject(new TableError('unreadable_xlsx', '读取中途停止，文件可能已损坏'))
    process.once('beforeExit', onStall)
  })
  try {
    return await Promise.race([readRows(path, onRows, options.sliceRows ?? 1000), stalled])
  } finally {
    process.off('beforeExit', onStall)
  }
}

async function readRows(path: string, onRows: (slice: XlsxSlice, columns: string[]) => Promise<void>, sliceRows: number): Promise<{ columns: string[]; rowsRead: number }> {
  // Loaded on first use, as the whole-file reader does: it is large, and most inputs are CSV.
  const loaded = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') }
  const excel = loaded.default ?? loaded
  const reader = new excel.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' })
  let columns: string[] | null = null
  let rowsRead = 0
  let slice: XlsxSlice = { rows: [], rowNumbers: [] }
  const flush = async () => {
    if (!columns || slice.rows.length === 0) return
    const full = slice
    slice = { rows: [], rowNumbers: [] }
    await onRows(full, columns)
  }
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const cells: string[] = []
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = cellText(cell.value)
        })
        for (let index = 0; index < cells.length; index++) cells[index] ??= ''
        if (isBlankRow(cells)) continue
        if (!columns) {
          if (looksLikeDataRow(cells)) throw new TableError('no_header', `第 ${row.number} 行全是数字`)
          columns = columnsFromHeader(cells)
          continue
        }
        const read = recordFromCells(columns, cells, row.number, ' | ')
        slice.rows.push(read.record)
        slice.rowNumbers.push(row.number)
        if (read.issues.length > 0) (slice.issues ??= []).push(...read.issues)
        rowsRead += 1
        if (slice.rows.length >= sliceRows) await flush()
      }
      break // the first worksheet only, as the whole-file reader does
    }
  } catch (error) {
    if (error instanceof TableError) throw error
    throw new TableError('unreadable_xlsx', error instanceof Error ? error.message : undefined, { cause: error })
  }
  await flush()
  if (!columns) throw new TableError('empty_file', '第一个工作表没有内容')
  if (rowsRead === 0) throw new TableError('no_rows')
  return { columns, rowsRead }
}

/** The ZIP end-of-central-directory record (PK\x05\x06) within the last 64 KiB + 22 bytes. */
function hasZipEndRecord(path: string): boolean {
  const size = statSync(path).size
  const length = Math.min(size, 65_557)
  const tail = Buffer.alloc(length)
  const descriptor = openSync(path, 'r')
  try {
    readSync(descriptor, tail, 0, length, size - length)
  } finally {
    closeSync(descriptor)
  }
  for (let index = length - 22; index >= 0; index--) {
    if (tail[index] === 0x50 && tail[index + 1] === 0x4b && tail[index + 2] === 0x05 && tail[index + 3] === 0x06) return true
  }
  return false
}
