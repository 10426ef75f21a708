/**
 * Cuts a stream of CSV text into records (rows of cells), a piece at a time, as RFC 4180 reads
 * them: a field that starts with a quote runs to the matching quote and may hold delimiters and
 * line breaks; "" inside it is one quote. Each record carries its spreadsheet row number (blank
 * lines count, a quoted line break does not) and the encodings of the text it came from.
 *
 * What a library parser cannot do, and why this is written here (docs/decisions.md, "Readers
 * that lose nothing"): one missing closing quote makes the rest of the file a single cell. Here
 * a quoted field that has crossed a line break is judged unclosed — its row refused, and reading
 * resumes at the line after its opening quote — when it
 *   - reaches the end of the file,
 *   - crosses more than MAX_QUOTED_LINES line breaks or grows past MAX_QUOTED_CHARACTERS,
 *   - meets a quote that is neither doubled nor followed by a delimiter or line break (the
 *     opening quote of a later row's quoted cell), or
 *   - closes where reading the lines after its first as records is strictly less damaged than
 *     reading it as a cell (judgeSpanning).
 * A well-formed file never meets any of these below the limits.
 * The limits bound what is held in memory while a quoted field is open.
 */
import Papa from 'papaparse'
import { lineLooksLikeRow } from './csv-line.ts'
import type { RunEncoding } from './text-stream-decoder.ts'

/** No legitimate cell needs more; a runaway quote reaches it within a few hundred rows. */
export const MAX_QUOTED_LINES = 1000
/** The most characters an Excel cell holds. */
export const MAX_QUOTED_CHARACTERS = 32_767

export type UnclosedReason = 'end_of_file' | 'too_many_lines' | 'too_long' | 'stray_quote' | 'rows_inside'

export interface CsvRecord {
  cells: string[]
  /** 1-based record number: the spreadsheet row (header = 1 when it is the first line) */
  row: number
  /** the encodings of the text the record came from, 'ascii' left out */
  encodings: readonly RunEncoding[]
  /** a quote that never closed: `column` is the field it opened; the cells are not usable */
  unclosed?: { column: number; reason: UnclosedReason; text: string }
  /** columns holding a quote that breaks the rules (unpaired, or inside an unquoted cell), read as written */
  strayQuotes?: number[]
}

const QUOTE = 34
const CR = 13
const LF = 10
const DELIMITER_SAMPLE = 64 * 1024

type Field =
  | { kind: 'value'; value: string; next: number; stray: boolean; lineBreaks: number }
  | { kind: 'more' }
  | { kind: 'unclosed'; reason: UnclosedReason }

type Scan =
  | { kind: 'record'; cells: string[]; end: number; strayQuotes: number[] }
  | { kind: 'more' }
  | { kind: 'unclosed'; column: number; reason: UnclosedReason; opening: number; end: number }

const MORE = { kind: 'more' } as const

export class CsvRecordSplitter {
  private buffer = ''
  /** absolute offset (in characters of the whole stream) of buffer[0] */
  private base = 0
  private pushed = 0
  private runs: { start: number; end: number; encoding: RunEncoding; list: readonly RunEncoding[] }[] = []
  private runCursor = 0
  private row = 0
  private delimiterCode: number | null
  /** the header's width, from the first non-blank record */
  private expected = 0
  /** length of the incomplete record left by the last drain: rescanning waits for twice as much */
  private incomplete = 0

  constructor(options: { delimiter?: string } = {}) {
    this.delimiterCode = options.delimiter ? options.delimiter.charCodeAt(0) : null
  }

  get delimiter(): string | null {
    return this.delimiterCode === null ? null : String.fromCharCode(this.delimiterCode)
  }

  /** Adds text (in the encoding it was decoded from); returns the records it completes. */
  push(text: string, encoding: RunEncoding = 'ascii'): CsvRecord[] {
    if (text === '') return []
    this.buffer += text
    this.runs.push({ start: this.pushed, end: this.pushed + text.length, encoding, list: encoding === 'ascii' ? [] : [encoding] })
    this.pushed += text.length
    if (this.delimiterCode === null) {
      if (this.buffer.length < DELIMITER_SAMPLE && !/[^\r\n][^\r\n]*[\r\n]/.test(this.buffer)) return []
      this.guessDelimiter()
    }
    // A record longer than a slice would be rescanned from its start on every slice; waiting
    // until the text has doubled keeps the work linear in the file's size.
    if (this.buffer.length < 2 * this.incomplete) return []
    return this.drain(false)
  }

  /** The records left when the text ends (the last needs no line break after it). */
  finish(): CsvRecord[] {
    if (this.delimiterCode === null) this.guessDelimiter()
    return this.drain(true)
  }

  /**
   * papaparse guesses from the header line alone: data rows may hold tabs or semicolons in
   * their text (a description pasted from elsewhere), a header's names do not.
   */
  private guessDelimiter(): void {
    const header = /^[\r\n]*([^\r\n]*)/.exec(this.buffer.slice(0, DELIMITER_SAMPLE))?.[1] ?? ''
    const guessed = header === '' ? ',' : Papa.parse<string[]>(header, { preview: 1 }).meta.delimiter || ','
    this.delimiterCode = guessed.charCodeAt(0)
  }

  private drain(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = []
    let position = 0
    while (position < this.buffer.length) {
      const scan = this.scanRecord(position, final)
      if (scan.kind === 'more') break
      this.row++
      const record: CsvRecord = { cells: [], row: this.row, encodings: this.encodingsBetween(position, scan.end) }
      if (scan.kind === 'unclosed') {
        const lineEnd = lineBreakAt(this.buffer, scan.opening)
        record.unclosed = { column: scan.column, reason: scan.reason, text: this.buffer.slice(scan.opening, lineEnd < 0 ? scan.end : lineEnd) }
      } else {
        record.cells = scan.cells
        if (scan.strayQuotes.length > 0) record.strayQuotes = scan.strayQuotes
        if (this.expected === 0 && scan.cells.some((cell) => cell.trim() !== '')) this.expected = scan.cells.length
      }
      records.push(record)
      position = scan.end
    }
    this.buffer = this.buffer.slice(position)
    this.base += position
    this.incomplete = this.buffer.length
    this.skipRunsBefore(this.base)
    this.runs = this.runs.slice(this.runCursor)
    this.runCursor = 0
    return records
  }

  /** Records come in order, so the runs they start in only move forward. */
  private skipRunsBefore(offset: number): void {
    while (this.runCursor < this.runs.length && this.runs[this.runCursor].end <= offset) this.runCursor++
  }

  private encodingsBetween(start: number, end: number): readonly RunEncoding[] {
    const from = this.base + start
    const to = this.base + end
    this.skipRunsBefore(from)
    const first = this.runs[this.runCursor]
    // Nearly every record lies within one run: share that run's list instead of making one.
    if (first && first.end >= to) return first.list
    const found: RunEncoding[] = []
    for (let index = this.runCursor; index < this.runs.length; index++) {
      const run = this.runs[index]
      if (run.start >= to) break
      if (run.end <= from || run.encoding === 'ascii' || found.includes(run.encoding)) continue
      found.push(run.encoding)
    }
    return found
  }

  /**
   * One record from `start`: its cells and where the next begins, or 'more' text needed.
   * `recheck` is off while testing the other reading of a record (no second guess of a guess).
   */
  private scanRecord(start: number, final: boolean, recheck = true): Scan {
    const text = this.buffer
    const length = text.length
    const delimiter = this.delimiterCode!
    const cells: string[] = []
    const strayQuotes: number[] = []
    // the first quoted field that crossed a line break: where an unclosed quote would start
    let spanning: { open: number; close: number; column: number } | null = null
    let index = start
    for (;;) {
      let fieldEnd: number
      if (index < length && text.charCodeAt(index) === QUOTE) {
        const field = this.scanQuoted(index, final)
        if (field.kind === 'more') return MORE
        if (field.kind === 'unclosed') return this.unclosed(index, cells.length, field.reason, final)
        if (field.stray) strayQuotes.push(cells.length)
        if (field.lineBreaks > 0) spanning ??= { open: index, close: field.next - 1, column: cells.length }
        cells.push(field.value)
        fieldEnd = field.next
      } else {
        fieldEnd = index
        // A quote inside an unquoted cell is kept as text, but RFC 4180 has such a cell quoted:
        // it is where a runaway quote's partner shows up, so it is reported.
        let quoteInside = false
        while (fieldEnd < length) {
          const code = text.charCodeAt(fieldEnd)
          if (code === delimiter || code === CR || code === LF) break
          if (code === QUOTE) quoteInside = true
          fieldEnd++
        }
        if (fieldEnd === length && !final) return MORE
        if (quoteInside) strayQuotes.push(cells.length)
        cells.push(text.slice(index, fieldEnd))
      }
      let end: number
      if (fieldEnd >= length) {
        end = length
      } else if (text.charCodeAt(fieldEnd) === delimiter) {
        index = fieldEnd + 1
        continue
      } else {
        end = afterLineBreak(text, fieldEnd, final)
        if (end < 0) return MORE
      }
      if (spanning && recheck) {
        const verdict = this.judgeSpanning(spanning, { kind: 'record', cells, end, strayQuotes }, final)
        if (verdict === 'more') return MORE
        if (verdict === 'unclosed') return this.unclosed(spanning.open, spanning.column, 'rows_inside', final)
      }
      return { kind: 'record', cells, end, strayQuotes }
    }
  }

  /**
   * A record holding a quoted field that crossed a line break can be read two ways: as that
   * record (a cell with line breaks), or as an unclosed quote followed by the records the lines
   * after it make. Both are read on until they fall back into step (a record boundary both
   * share, at most MAX_QUOTED_CHARACTERS on), counting damaged records: quote damage (an
   * unclosed field, an unpaired quote, a quote inside an unquoted cell) or, the header's width
   * known, a non-blank record of another width. The second reading counts the row it refuses;
   * the first counts once if the cell swallowed a line that reads as a complete row. The record
   * stands unless the second reading is better, or as good while the record itself is damaged:
   * a real cell leaves its closing quote
   * as damage in the second reading, while a quote that never closed — and "closed" on a later
   * cell beginning with a delimiter or line break — leaves that cell's closing quote and the
   * rows it swallowed as damage in the first.
   */
  private judgeSpanning(
    spanning: { open: number; close: number },
    record: Extract<Scan, { kind: 'record' }>,
    final: boolean,
  ): 'cell' | 'unclosed' | 'more' {
    const text = this.buffer
    let second = afterLineBreak(text, spanning.open, final)
    if (second < 0) return 'more'
    const recordDamaged = this.damaged(record)
    let firstScore = (recordDamaged ? 1 : 0) + (this.swallowsRow(spanning) ? 1 : 0)
    let secondScore = 1
    let first = record.end
    const limit = record.end + MAX_QUOTED_CHARACTERS
    while (first !== second && first < limit && second < limit) {
      const behind = Math.min(first, second)
      if (behind >= text.length) {
        if (!final) return 'more'
        break
      }
      const scan = this.scanRecord(behind, final, false)
      if (scan.kind === 'more') return 'more'
      const damage = this.damaged(scan) ? 1 : 0
      if (behind === first) {
        firstScore += damage
        first = scan.end
      } else {
        secondScore += damage
        second = scan.end
      }
    }
    // On a tie the record stands when it is sound itself (the damage came later); a real cell
    // with line breaks makes a sound record.
    return secondScore < firstScore || (secondScore === firstScore && recordDamaged) ? 'unclosed' : 'cell'
  }

  private damaged(scan: Exclude<Scan, { kind: 'more' }>): boolean {
    if (quoteDamage(scan)) return true
    if (scan.kind !== 'record' || this.expected === 0) return false
    return scan.cells.length !== this.expected && scan.cells.some((cell) => cell.trim() !== '')
  }

  /** Whether a line strictly inside the quoted field reads, alone, as a row of the header's width. */
  private swallowsRow(spanning: { open: number; close: number }): boolean {
    if (this.expected < 2) return false
    const text = this.buffer
    let lineStart = afterLineBreak(text, spanning.open, true)
    while (lineStart >= 0 && lineStart < spanning.close) {
      const lineEnd = lineBreakAt(text, lineStart)
      if (lineEnd < 0 || lineEnd >= spanning.close) return false
      if (lineLooksLikeRow(text, lineStart, lineEnd, this.delimiterCode!, this.expected)) return true
      lineStart = afterLineBreak(text, lineEnd, true)
    }
    return false
  }

  private unclosed(open: number, column: number, reason: UnclosedReason, final: boolean): Scan {
    const end = afterLineBreak(this.buffer, open, final)
    if (end < 0) return MORE
    return { kind: 'unclosed', column, reason, opening: open, end }
  }

  /** The quoted field whose opening quote is at `open`. */
  private scanQuoted(open: number, final: boolean): Field {
    const text = this.buffer
    const length = text.length
    const delimiter = this.delimiterCode!
    let value = ''
    let position = open + 1
    let lineBreaks = 0
    for (;;) {
      const close = text.indexOf('"', position)
      const segmentEnd = close < 0 ? length : close
      // The limits are judged character by character, so the answer does not depend on how
      // the text was sliced.
      for (let index = position; index < segmentEnd; index++) {
        const code = text.charCodeAt(index)
        if (code === LF || (code === CR && (index + 1 < length ? text.charCodeAt(index + 1) !== LF : final))) {
          if (++lineBreaks > MAX_QUOTED_LINES) return { kind: 'unclosed', reason: 'too_many_lines' }
        }
        if (lineBreaks > 0 && index - open >= MAX_QUOTED_CHARACTERS) return { kind: 'unclosed', reason: 'too_long' }
      }
      if (close < 0) return final ? { kind: 'unclosed', reason: 'end_of_file' } : MORE
      value += text.slice(position, close)
      const next = close + 1
      if (next >= length) return final ? { kind: 'value', value, next, stray: false, lineBreaks } : MORE
      const code = text.charCodeAt(next)
      if (code === QUOTE) {
        value += '"'
        position = next + 1
        continue
      }
      if (code === delimiter || code === CR || code === LF) {
        return { kind: 'value', value, next, stray: false, lineBreaks }
      }
      // A quote followed by text is not a closing quote. After a line break it is the opening
      // quote of a later row's cell, seen from inside a quote that never closed; on the same
      // line it is a quote the writer did not double, kept as written.
      if (lineBreaks > 0) return { kind: 'unclosed', reason: 'stray_quote' }
      let end = next
      while (end < length) {
        const following = text.charCodeAt(end)
        if (following === delimiter || following === CR || following === LF) break
        end++
      }
      if (end === length && !final) return MORE
      return { kind: 'value', value: value + text.slice(close, end), next: end, stray: true, lineBreaks: 0 }
    }
  }
}

function quoteDamage(scan: Exclude<Scan, { kind: 'more' }>): boolean {
  return scan.kind === 'unclosed' || scan.strayQuotes.length > 0
}

/** Index of the first CR or LF at or after `from`, or -1. */
function lineBreakAt(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === CR || code === LF) return index
  }
  return -1
}

/**
 * Where the line containing `from` ends, after its line break (CRLF counts as one); the end of
 * the text when there is none and the text is complete; -1 when more text is needed to tell.
 */
function afterLineBreak(text: string, from: number, final: boolean): number {
  const at = lineBreakAt(text, from)
  if (at < 0) return final ? text.length : -1
  if (text.charCodeAt(at) === LF) return at + 1
  if (at + 1 < text.length) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1
  return final ? at + 1 : -1
}
