/**
 * Decoded CSV text → named rows, with every row accounted for. The one place both CSV readers
 * (the whole file at once, and a large file in slices) turn records into rows, so they cannot
 * disagree: the header is the first non-blank record, blank records are skipped, a record whose
 * quote never closed or whose bytes no encoding reads is refused by row number, and the rest
 * are delivered with warnings for anything changed on the way.
 */
import { CsvRecordSplitter, MAX_QUOTED_CHARACTERS, MAX_QUOTED_LINES, type CsvRecord, type UnclosedReason } from './csv-record-splitter.ts'
import { cleanHeaderCells, columnsFromHeader, isBlankRow, looksLikeDataRow, recordFromCells } from './header.ts'
import { excerpt, WHOLE_ROW, type ReadIssue, type ReadNotice } from './read-issue.ts'
import type { TextEncodingName } from './table.ts'
import { TableError } from './table-error.ts'
import type { DecodedRun } from './text-stream-decoder.ts'

export interface CsvRowBatch {
  rows: Record<string, string>[]
  rowNumbers: number[]
  issues: ReadIssue[]
}

const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030（GBK）',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
}

const MAX_LISTED_PARTS = 10

const UNCLOSED_REASONS: Record<UnclosedReason, string> = {
  end_of_file: '直到文件末尾也没有配对的引号',
  too_many_lines: `引号内跨过了 ${MAX_QUOTED_LINES} 个换行`,
  too_long: `引号内超过 ${MAX_QUOTED_CHARACTERS} 个字符（Excel 单元格的上限）且跨行`,
  stray_quote: '跨行后遇到不成对的引号',
  rows_inside: '引号把后面完整的数据行也包了进去',
}

export class CsvRowReader {
  private readonly splitter = new CsvRecordSplitter()
  private header: string[] | null = null
  private batch: CsvRowBatch = { rows: [], rowNumbers: [], issues: [] }
  /** consecutive rows per encoding, for the mixed-encoding notice */
  private readonly parts: { encoding: TextEncodingName; from: number; to: number; rows: number }[] = []

  get columns(): string[] | null {
    return this.header
  }

  push(runs: readonly DecodedRun[]): void {
    for (const run of runs) this.accept(this.splitter.push(run.text, run.encoding))
  }

  finish(): void {
    this.accept(this.splitter.finish())
  }

  /** Rows, row numbers and issues since the last call. */
  take(): CsvRowBatch {
    const batch = this.batch
    this.batch = { rows: [], rowNumbers: [], issues: [] }
    return batch
  }

  /** The encoding most rows are in (UTF-8 for a file of plain ASCII). */
  encoding(fallback: TextEncodingName = 'utf-8'): TextEncodingName {
    const rows = new Map<TextEncodingName, number>()
    for (const part of this.parts) rows.set(part.encoding, (rows.get(part.encoding) ?? 0) + part.rows)
    let best: TextEncodingName = fallback
    let most = 0
    for (const [encoding, count] of rows) {
      if (count > most) [best, most] = [encoding, count]
    }
    return best
  }

  /** Said once the whole file has been read. */
  notices(): ReadNotice[] {
    if (new Set(this.parts.map((part) => ENCODING_LABELS[part.encoding])).size < 2) return []
    const main = this.encoding()
    const ranges = this.parts.slice(0, MAX_LISTED_PARTS).map((part) => `${rowRange(part.from, part.to)}为 ${ENCODING_LABELS[part.encoding]}`)
    if (this.parts.length > MAX_LISTED_PARTS) ranges.push(`……共 ${this.parts.length} 段`)
    return [{
      code: 'mixed_encoding',
      count: this.parts.filter((part) => part.encoding !== main).reduce((sum, part) => sum + part.rows, 0),
      message: `文件混有不同编码的部分（可能是几个导出文件拼接而成）：${ranges.join('，')}；已按各自的编码读取，请核对这些行的文字`,
    }]
  }

  private accept(records: readonly CsvRecord[]): void {
    for (const record of records) {
      if (!record.unclosed && isBlankRow(record.cells)) continue
      if (!this.header) this.readHeader(record)
      else this.readRow(record, this.header)
    }
  }

  private readHeader(record: CsvRecord): void {
    if (record.unclosed) throw new TableError('unreadable_header', `第 ${record.row} 行的引号没有闭合（${UNCLOSED_REASONS[record.unclosed.reason]}）`)
    if (record.encodings.includes('undecodable')) throw new TableError('unreadable_header', `第 ${record.row} 行既不是 UTF-8 也不是 GB18030（GBK）编码`)
    if (looksLikeDataRow(record.cells)) throw new TableError('no_header', `第 ${record.row} 行全是数字`)
    const { cells, issues } = cleanHeaderCells(record.cells, record.row)
    this.header = columnsFromHeader(cells)
    this.batch.issues.push(...issues)
  }

  private readRow(record: CsvRecord, columns: string[]): void {
    const { row } = record
    if (record.unclosed) {
      const { column, reason, text } = record.unclosed
      const field = columns[column] ?? `第 ${column + 1} 列`
      this.batch.issues.push({
        code: 'unclosed_quote', refused: true, row, field, value: excerpt(text),
        message: `“${field}”列以引号开始，但${UNCLOSED_REASONS[reason]}：本行未导入，其后的行照常读取。请在原文件中补上或删去这个引号`,
      })
      return
    }
    if (record.encodings.includes('undecodable')) {
      this.batch.issues.push({
        code: 'undecodable', refused: true, row, field: WHOLE_ROW, value: excerpt(record.cells.join(this.splitter.delimiter ?? ',')),
        message: `本行含有既不是 UTF-8 也不是 GB18030（GBK）编码的字节，无法确定本行的文字：本行未导入。请把文件另存为 UTF-8 后再导入`,
      })
      return
    }
    const { record: values, issues } = recordFromCells(columns, record.cells, row, this.splitter.delimiter ?? ',')
    this.batch.rows.push(values)
    this.batch.rowNumbers.push(row)
    this.batch.issues.push(...issues)
    for (const column of record.strayQuotes ?? []) {
      const field = columns[column] ?? `第 ${column + 1} 列`
      this.batch.issues.push({
        code: 'stray_quote', refused: false, row, field, value: excerpt(record.cells[column] ?? ''),
        message: `“${field}”列的引号不成对（含引号的单元格应整个加引号、其中的引号写成两个 ""），已按原文读取，请核对该单元格`,
      })
    }
    this.notePart(record, row)
  }

  private notePart(record: CsvRecord, row: number): void {
    const encoding = record.encodings.at(-1) as TextEncodingName | undefined
    if (!encoding) return
    const part = this.parts.at(-1)
    if (part && part.encoding === encoding) {
      part.to = row
      part.rows++
    } else {
      this.parts.push({ encoding, from: row, to: row, rows: 1 })
    }
  }
}

function rowRange(from: number, to: number): string {
  return from === to ? `第 ${from} 行` : `第 ${from}–${to} 行`
}
