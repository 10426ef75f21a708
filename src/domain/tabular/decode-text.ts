/**
 * A whole text file's bytes → text. Text files from Chinese offices come as UTF-8 (often with a
 * BOM), GBK — which Excel on a Chinese Windows writes when it saves "CSV (逗号分隔)" and which is
 * decoded as GB18030, its superset — UTF-16 ("Unicode 文本"), or a concatenation of UTF-8 and
 * GBK parts. TextStreamDecoder judges the encoding line by line; this joins its answer.
 */
import type { TextEncodingName } from './table.ts'
import { TextStreamDecoder } from './text-stream-decoder.ts'

export interface DecodedText {
  text: string
  /** the encoding of most of the non-ASCII text (UTF-8 for plain ASCII) */
  encoding: TextEncodingName
  /** every encoding found, when the file mixes them */
  encodings: TextEncodingName[]
  /** whether some bytes were neither UTF-8 nor GB18030 (shown as U+FFFD) */
  undecodable: boolean
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const decoder = new TextStreamDecoder()
  const runs = decoder.push(bytes, true)
  const sizes = new Map<TextEncodingName, number>()
  let undecodable = false
  for (const run of runs) {
    if (run.encoding === 'undecodable') undecodable = true
    else if (run.encoding !== 'ascii') sizes.set(run.encoding, (sizes.get(run.encoding) ?? 0) + run.text.length)
  }
  const ranked = [...sizes].sort((a, b) => b[1] - a[1]).map(([encoding]) => encoding)
  return {
    text: runs.map((run) => run.text).join(''),
    encoding: decoder.wholeFileEncoding ?? ranked[0] ?? 'utf-8',
    encodings: ranked,
    undecodable,
  }
}
