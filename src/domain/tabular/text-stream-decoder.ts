/**
 * Bytes → text, a slice at a time, for files of unknown and possibly mixed encoding.
 *
 * Offices concatenate exports (a UTF-8 file with GBK rows appended, or the other way round), so
 * the encoding is judged per line, not once per file: a line that is valid UTF-8 is UTF-8, one
 * that is not but is well-formed GB18030 (the superset of GBK) is GB18030, and one that is
 * neither is marked undecodable so its rows can be refused by name instead of stored garbled.
 * A line valid in both (short GBK text can happen to be valid UTF-8) follows the lines around it.
 * UTF-16 (with a byte order mark, or recognised by its zero bytes) is decoded as a whole.
 *
 * A line is judged only once it is complete: a slice usually ends inside a line and may end
 * inside a character. Lines too long to wait for are cut at a character boundary instead.
 */
import { checkUtf8, gb18030Length, isGb18030, sniffUtf16, trimIncompleteUtf8Tail, type Utf16 } from './byte-encoding.ts'
import type { TextEncodingName } from './table.ts'

/** 'ascii' text reads the same in every supported encoding; 'undecodable' in none. */
export type RunEncoding = TextEncodingName | 'ascii' | 'undecodable'

export interface DecodedRun {
  text: string
  encoding: RunEncoding
}

/** Longer lines are judged in pieces of about this size, so memory stays bounded. */
export const MAX_LINE_BYTES = 64 * 1024
const START_SAMPLE_BYTES = 64 * 1024
const LF = 0x0a

export class TextStreamDecoder {
  private started = false
  private utf16: { decoder: TextDecoder; encoding: Utf16 } | null = null
  /** bytes of a line not yet complete, kept as the slices came to avoid copying them again */
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  /** the encoding of the last line that could only be one: ambiguous lines follow it */
  private region: 'utf-8' | 'gb18030' = 'utf-8'
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
  private readonly gb18030 = new TextDecoder('gb18030', { ignoreBOM: true })
  private readonly fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

  /** UTF-16 when the file is, else null (the encoding then varies by line). */
  get wholeFileEncoding(): Utf16 | null {
    return this.utf16?.encoding ?? null
  }

  push(bytes: Uint8Array, last: boolean): DecodedRun[] {
    // Until a line ends (or the start sample is complete), small slices are only collected.
    const waiting = !this.started ? START_SAMPLE_BYTES : this.utf16 ? 0 : MAX_LINE_BYTES
    if (!last && this.pendingBytes + bytes.length < waiting && (!this.started || bytes.indexOf(LF) < 0)) {
      this.pending.push(bytes.slice())
      this.pendingBytes += bytes.length
      return []
    }
    const data = this.pendingBytes > 0 ? concat([...this.pending, bytes]) : bytes
    this.pending = []
    this.pendingBytes = 0
    if (!this.started) {
      this.started = true
      const utf16 = sniffUtf16(data)
      if (utf16) {
        this.utf16 = { decoder: new TextDecoder(utf16.encoding), encoding: utf16.encoding }
      } else {
        this.region = firstDecidedEncoding(data) ?? 'utf-8'
      }
    }
    if (this.utf16) {
      // TextDecoder keeps a cut code unit for the next call and drops the byte order mark.
      const text = this.utf16.decoder.decode(data, { stream: !last })
      return text === '' ? [] : [{ text, encoding: this.utf16.encoding }]
    }
    return this.decodeLines(data, last)
  }

  private decodeLines(data: Uint8Array, last: boolean): DecodedRun[] {
    const runs = new RunBuilder((encoding, start, end) => this.decodeBytes(encoding, data, start, end))
    let lineStart = this.wholeUtf8Lines(data, runs)
    for (let lineEnd = data.indexOf(LF, lineStart); lineEnd >= 0; lineEnd = data.indexOf(LF, lineStart)) {
      this.addLine(runs, data, lineStart, lineEnd + 1)
      lineStart = lineEnd + 1
    }
    if (last) {
      if (lineStart < data.length) this.addLine(runs, data, lineStart, data.length)
    } else if (data.length - lineStart > MAX_LINE_BYTES) {
      const cut = characterBoundary(data, lineStart, data.length)
      this.addLine(runs, data, lineStart, cut)
      lineStart = cut
    }
    if (!last && lineStart < data.length) {
      this.pending = [data.slice(lineStart)]
      this.pendingBytes = data.length - lineStart
    }
    return runs.finish()
  }

  /**
   * The common case at native speed: in a UTF-8 stretch of the file, a slice whose complete
   * lines are valid UTF-8 as a whole gives the answer judging each line would give (a line
   * valid in both encodings follows the UTF-8 lines around it). Returns where it stopped.
   */
  private wholeUtf8Lines(data: Uint8Array, runs: RunBuilder): number {
    if (this.region !== 'utf-8') return 0
    const end = data.lastIndexOf(LF) + 1
    if (end === 0 || hasBomAfterLineBreak(data, end)) return 0
    try {
      this.fatalUtf8.decode(data.subarray(0, end))
    } catch {
      return 0
    }
    // Plain ASCII before the first other byte is 'ascii', as line-by-line judging would say.
    let firstText = 0
    while (firstText < end && data[firstText] < 0x80) firstText++
    const asciiEnd = firstText === end ? end : data.lastIndexOf(LF, firstText) + 1
    if (asciiEnd > 0) runs.add('ascii', 0, asciiEnd)
    if (asciiEnd < end) runs.add('utf-8', asciiEnd, end)
    return end
  }

  private addLine(runs: RunBuilder, data: Uint8Array, start: number, end: number): void {
    // A byte order mark at the start of a line is where a concatenated UTF-8 export begins:
    // it marks the encoding, it is not text.
    if (end - start >= 3 && data[start] === 0xef && data[start + 1] === 0xbb && data[start + 2] === 0xbf) {
      runs.skip(start, start + 3)
      start += 3
      this.region = 'utf-8'
    }
    runs.add(this.classify(data, start, end), start, end)
  }

  private classify(data: Uint8Array, start: number, end: number): RunEncoding {
    const utf8 = checkUtf8(data, start, end)
    if (utf8 === 'ascii') return 'ascii'
    if (utf8 === 'valid3') return (this.region = 'utf-8')
    const gb = isGb18030(data, start, end)
    if (utf8 === 'valid2') return gb ? this.region : (this.region = 'utf-8')
    return gb ? (this.region = 'gb18030') : 'undecodable'
  }

  private decodeBytes(encoding: RunEncoding, data: Uint8Array, start: number, end: number): string {
    const decoder = encoding === 'gb18030' ? this.gb18030 : this.utf8
    return decoder.decode(data.subarray(start, end))
  }
}

/** Consecutive lines of one encoding become one run, decoded in one call. */
class RunBuilder {
  private readonly runs: DecodedRun[] = []
  private start = 0
  private end = 0
  private encoding: RunEncoding | null = null

  constructor(private readonly decode: (encoding: RunEncoding, start: number, end: number) => string) {}

  add(encoding: RunEncoding, start: number, end: number): void {
    // ASCII reads the same in UTF-8 and GB18030, so it joins either; never an undecodable run,
    // whose rows are refused.
    if (this.encoding === null || !compatible(this.encoding, encoding) || start !== this.end) {
      this.flush()
      this.start = start
      this.encoding = encoding
    } else if (this.encoding === 'ascii') {
      this.encoding = encoding
    }
    this.end = end
  }

  /** Bytes that are not text (a byte order mark). */
  skip(start: number, end: number): void {
    if (start !== this.end) return
    this.flush()
    this.start = this.end = end
  }

  finish(): DecodedRun[] {
    this.flush()
    return this.runs
  }

  private flush(): void {
    if (this.encoding !== null && this.end > this.start) {
      this.runs.push({ text: this.decode(this.encoding, this.start, this.end), encoding: this.encoding })
    }
    this.encoding = null
    this.start = this.end
  }
}

function isText(encoding: RunEncoding): boolean {
  return encoding === 'utf-8' || encoding === 'gb18030'
}

/** A byte order mark at the start of a line (a concatenated part) is handled line by line. */
function hasBomAfterLineBreak(data: Uint8Array, end: number): boolean {
  for (let index = data.indexOf(0xef); index >= 0 && index < end; index = data.indexOf(0xef, index + 1)) {
    if ((index === 0 || data[index - 1] === LF) && data[index + 1] === 0xbb && data[index + 2] === 0xbf) return true
  }
  return false
}

function compatible(run: RunEncoding, line: RunEncoding): boolean {
  return run === line || (run === 'ascii' && isText(line)) || (line === 'ascii' && isText(run))
}

/** The encoding of the first line that can only be one, so ambiguous lines before it follow it. */
function firstDecidedEncoding(data: Uint8Array): 'utf-8' | 'gb18030' | null {
  let start = 0
  while (start < data.length) {
    const newline = data.indexOf(LF, start)
    // The last, possibly cut, line is judged without a character the slice cut short.
    const end = newline < 0 ? trimIncompleteUtf8Tail(data, start, data.length) : newline + 1
    const utf8 = checkUtf8(data, start, end)
    if (utf8 === 'valid3' || (utf8 === 'valid2' && !isGb18030(data, start, end))) return 'utf-8'
    if (utf8 === 'invalid' && isGb18030(data, start, end)) return 'gb18030'
    if (newline < 0) break
    start = newline + 1
  }
  return null
}

/**
 * Where a long line may be cut: after the last whole character, judged as UTF-8 first (whose
 * cut tail is recognisable from the end), then as GB18030 (whose characters can only be
 * counted from the start).
 */
function characterBoundary(data: Uint8Array, start: number, end: number): number {
  const utf8End = trimIncompleteUtf8Tail(data, start, end)
  if (checkUtf8(data, start, utf8End) !== 'invalid') return utf8End
  const gbEnd = start + gb18030Length(data, start, end)
  if (end - gbEnd < 4) return gbEnd
  return end
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}
