/**
 * Reads a large CSV (hundreds of MB from a hotline system) a slice at a time: the page stays
 * responsive, shows progress and can cancel. Bytes are decoded with a streaming TextDecoder,
 * which keeps a character cut between two slices intact — something FileReader.readAsText
 * on slices cannot do — and the encoding (UTF-8 or GBK) is sniffed from the first slice.
 */
import { hasUtf8Bom, sniffEncoding } from './decode-text.ts'
import { CsvRecordSplitter } from './csv-record-splitter.ts'
import { columnsFromHeader, isBlankRow, looksLikeDataRow, recordFromCells } from './header.ts'
import type { TextEncodingName } from './table.ts'
import { TableError } from './table-error.ts'

export interface CsvStreamProgress {
  bytesRead: number
  totalBytes: number
  /** Data rows delivered so far, this batch included. */
  rowsRead: number
  columns: string[]
  encoding: TextEncodingName
}

export interface StreamCsvOptions {
  /**
   * Called once per slice with that slice's data rows and, in `rowNumbers`, each row's
   * spreadsheet row number (header = 1). Awaited, so a slow consumer slows the reader.
   */
  onRows: (rows: Record<string, string>[], progress: CsvStreamProgress, rowNumbers: number[]) => void | Promise<void>
  signal?: AbortSignal
  /** Bytes per slice; 1 MiB keeps each step well under a frame's worth of parsing. */
  chunkBytes?: number
}

export interface CsvStreamResult {
  columns: string[]
  encoding: TextEncodingName
  rowsRead: number
  bytesRead: number
}

export async function streamCsv(file: Blob, options: StreamCsvOptions): Promise<CsvStreamResult> {
  const { onRows, signal } = options
  const chunkBytes = Math.max(4096, options.chunkBytes ?? 1 << 20)
  const totalBytes = file.size
  if (totalBytes === 0) throw new TableError('empty_file')

  const decoder = new StreamingDecoder()
  const splitter = new CsvRecordSplitter()
  let columns: string[] | null = null
  let recordsSeen = 0
  let rowsRead = 0
  let bytesRead = 0

  const deliver = async (records: string[][]) => {
    const rows: Record<string, string>[] = []
    const rowNumbers: number[] = []
    for (const cells of records) {
      recordsSeen++
      if (isBlankRow(cells)) continue
      if (!columns) {
        if (looksLikeDataRow(cells)) throw new TableError('no_header', `第 ${recordsSeen} 行全是数字`)
        columns = columnsFromHeader(cells)
        continue
      }
      rows.push(recordFromCells(columns, cells))
      rowNumbers.push(recordsSeen)
    }
    rowsRead += rows.length
    if (columns && (rows.length > 0 || bytesRead === totalBytes)) {
      await onRows(rows, { bytesRead, totalBytes, rowsRead, columns, encoding: decoder.encoding }, rowNumbers)
    }
  }

  while (bytesRead < totalBytes) {
    throwIfAborted(signal)
    const end = Math.min(totalBytes, bytesRead + chunkBytes)
    const bytes = new Uint8Array(await file.slice(bytesRead, end).arrayBuffer())
    bytesRead = end
    const text = decoder.decode(bytes, bytesRead === totalBytes)
    const records = splitter.push(text)
    if (bytesRead === totalBytes) records.push(...splitter.finish())
    await deliver(records)
  }
  throwIfAborted(signal)
  if (!columns) throw new TableError('empty_file')
  if (rowsRead === 0) throw new TableError('no_rows')
  return { columns, encoding: decoder.encoding, rowsRead, bytesRead }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TableError('aborted', undefined, { cause: signal.reason })
}

/**
 * UTF-8 unless the first slice says GBK. A file whose first slice is plain ASCII and which
 * turns out to be GBK later switches without loss, because ASCII reads the same in both.
 */
class StreamingDecoder {
  encoding: TextEncodingName = 'utf-8'
  private decoder: TextDecoder | null = null
  private asciiSoFar = true

  decode(bytes: Uint8Array, last: boolean): string {
    if (!this.decoder) {
      this.encoding = sniffEncoding(bytes, last)
      this.decoder = new TextDecoder(this.encoding, { fatal: this.encoding === 'utf-8' })
      if (hasUtf8Bom(bytes)) this.asciiSoFar = false
    }
    let text: string
    try {
      text = this.decoder.decode(bytes, { stream: !last })
    } catch {
      // Invalid UTF-8 after a pure-ASCII start is GBK; after real UTF-8 text it is damage,
      // which is shown as replacement characters rather than stopping the import.
      this.encoding = this.asciiSoFar ? 'gbk' : 'utf-8'
      this.decoder = new TextDecoder(this.encoding)
      text = this.decoder.decode(bytes, { stream: !last })
    }
    if (this.asciiSoFar && !bytes.every((byte) => byte < 0x80)) this.asciiSoFar = false
    return text
  }
}
