/**
 * Reads a large CSV (hundreds of MB from a hotline system) a slice at a time: the page stays
 * responsive, shows progress and can cancel, and memory stays bounded. Bytes are decoded line
 * by line (TextStreamDecoder: a character cut between two slices stays intact, each part of a
 * file concatenated from exports in different encodings is read in its own) and rows come from
 * the same CsvRowReader as the whole-file reader, so both give the same rows and issues.
 */
import { CsvRowReader } from './csv-rows.ts'
import { refusedRowCount, type ReadIssue, type ReadNotice } from './read-issue.ts'
import type { TextEncodingName } from './table.ts'
import { TableError } from './table-error.ts'
import { TextStreamDecoder } from './text-stream-decoder.ts'

export interface CsvStreamProgress {
  bytesRead: number
  totalBytes: number
  /** Data rows seen so far, this batch included: delivered plus refused. */
  rowsRead: number
  /** Of those, rows the reader refused (listed as refused issues). */
  rowsRefused: number
  columns: string[]
  /** the encoding most rows so far are in */
  encoding: TextEncodingName
}

/** What the reader has to say besides the rows: pass it on, or rows go unaccounted for. */
export interface CsvStreamIssues {
  /** refused rows and warnings about delivered rows of this slice */
  issues: ReadIssue[]
  /** about the whole file; only with the last slice */
  notices: ReadNotice[]
}

export interface StreamCsvOptions {
  /**
   * Called once per slice with that slice's data rows, in `rowNumbers` each row's spreadsheet
   * row number (header = 1), and in `read` the rows refused and the warnings. Awaited, so a
   * slow consumer slows the reader.
   */
  onRows: (rows: Record<string, string>[], progress: CsvStreamProgress, rowNumbers: number[], read: CsvStreamIssues) => void | Promise<void>
  signal?: AbortSignal
  /** Bytes per slice; 1 MiB keeps each step well under a frame's worth of parsing. */
  chunkBytes?: number
}

export interface CsvStreamResult {
  columns: string[]
  encoding: TextEncodingName
  /** delivered plus refused */
  rowsRead: number
  rowsRefused: number
  bytesRead: number
  notices: ReadNotice[]
}

export async function streamCsv(file: Blob, options: StreamCsvOptions): Promise<CsvStreamResult> {
  const { onRows, signal } = options
  const chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? 1 << 20))
  const totalBytes = file.size
  if (totalBytes === 0) throw new TableError('empty_file')

  const decoder = new TextStreamDecoder()
  const reader = new CsvRowReader()
  let rowsRead = 0
  let rowsRefused = 0
  let bytesRead = 0
  let notices: ReadNotice[] = []

  while (bytesRead < totalBytes) {
    throwIfAborted(signal)
    const end = Math.min(totalBytes, bytesRead + chunkBytes)
    const bytes = new Uint8Array(await file.slice(bytesRead, end).arrayBuffer())
    bytesRead = end
    const last = bytesRead === totalBytes
    reader.push(decoder.push(bytes, last))
    if (last) {
      reader.finish()
      notices = reader.notices()
    }
    const { rows, rowNumbers, issues } = reader.take()
    const refused = refusedRowCount(issues)
    rowsRead += rows.length + refused
    rowsRefused += refused
    const columns = reader.columns
    if (columns && (rows.length > 0 || issues.length > 0 || last)) {
      const encoding = decoder.wholeFileEncoding ?? reader.encoding()
      await onRows(rows, { bytesRead, totalBytes, rowsRead, rowsRefused, columns, encoding }, rowNumbers, { issues, notices })
    }
  }
  throwIfAborted(signal)
  const columns = reader.columns
  if (!columns) throw new TableError('empty_file')
  if (rowsRead === 0) throw new TableError('no_rows')
  return { columns, encoding: decoder.wholeFileEncoding ?? reader.encoding(), rowsRead, rowsRefused, bytesRead, notices }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TableError('aborted', undefined, { cause: signal.reason })
}
