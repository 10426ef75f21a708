/**
 * Cuts a stream of CSV text into pieces that end on a record boundary, so each piece can be
 * parsed on its own: a newline ends a record only outside a quoted field (a quoted cell may
 * hold line breaks). Pure and synchronous, so the chunk logic is tested without files.
 */
import Papa from 'papaparse'

export class CsvRecordSplitter {
  private buffer = ''
  private scanned = 0
  private inQuotes = false
  private delimiter: string | undefined

  /** Adds text; returns the records completed by it (each an array of cells). */
  push(text: string): string[][] {
    this.buffer += text
    let cut = -1
    for (let index = this.scanned; index < this.buffer.length; index++) {
      const character = this.buffer.charCodeAt(index)
      if (character === 34 /* " */) this.inQuotes = !this.inQuotes
      else if (character === 10 /* \n */ && !this.inQuotes) cut = index + 1
    }
    this.scanned = this.buffer.length
    if (cut < 0) return []
    const complete = this.buffer.slice(0, cut)
    this.buffer = this.buffer.slice(cut)
    this.scanned = this.buffer.length
    // The remainder starts outside quotes (it follows an unquoted newline); rescan its quotes.
    this.inQuotes = countQuotes(this.buffer) % 2 === 1
    return this.parse(complete.replace(/\r?\n$/, ''))
  }

  /** The last record, which has no newline after it. */
  finish(): string[][] {
    const rest = this.buffer
    this.buffer = ''
    this.scanned = 0
    this.inQuotes = false
    return rest === '' ? [] : this.parse(rest.replace(/\r?\n$/, ''))
  }

  private parse(text: string): string[][] {
    // One record per line, blank lines included, so callers can count spreadsheet rows;
    // papaparse returns no record at all for an empty string, which is one blank line here.
    if (text === '') return [['']]
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: this.delimiter })
    this.delimiter ??= parsed.meta.delimiter
    return parsed.data
  }
}

function countQuotes(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 34) count++
  return count
}
