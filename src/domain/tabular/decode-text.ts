/**
 * Text files from Chinese offices come in two encodings: UTF-8 (often with a BOM) and GBK,
 * which Excel on a Chinese Windows writes when it saves "CSV (逗号分隔)". A strict UTF-8 decode
 * fails on almost any GBK Chinese text, so trying UTF-8 first and falling back is reliable.
 */
import type { TextEncodingName } from './table.ts'

const UTF8_BOM = [0xef, 0xbb, 0xbf]

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]
}

/**
 * Which encoding a file's leading bytes are in. A chunk may end inside a UTF-8 sequence, so
 * when `complete` is false up to 3 trailing bytes are left out of the check.
 */
export function sniffEncoding(bytes: Uint8Array, complete = true): TextEncodingName {
  if (hasUtf8Bom(bytes)) return 'utf-8'
  const checked = complete ? bytes : bytes.subarray(0, trimIncompleteUtf8Tail(bytes))
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(checked)
    return 'utf-8'
  } catch {
    return 'gbk'
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const encoding = sniffEncoding(bytes)
  // TextDecoder drops a UTF-8 BOM by default (ignoreBOM: false).
  const text = new TextDecoder(encoding === 'gbk' ? 'gbk' : 'utf-8').decode(bytes)
  return { text, encoding }
}

/** Length of `bytes` without a trailing, possibly cut UTF-8 sequence. */
function trimIncompleteUtf8Tail(bytes: Uint8Array): number {
  let end = bytes.length
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]
    if ((byte & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      if (back < needed) end -= back
    }
    break
  }
  return end
}
