/**
 * Telling UTF-8 from GB18030 (the superset of GBK that Excel on a Chinese Windows writes) by
 * the byte structure of a piece of text, and finding where a piece may be cut without cutting
 * a character. Hand-written loops rather than a fatal TextDecoder: a file of a million GBK lines
 * would otherwise throw a million exceptions.
 */

/** 'valid3': valid UTF-8 with a 3- or 4-byte sequence (CJK); 'valid2': valid, 2-byte sequences only. */
export type Utf8Check = 'ascii' | 'valid2' | 'valid3' | 'invalid'

export function checkUtf8(bytes: Uint8Array, start = 0, end = bytes.length): Utf8Check {
  let long = false
  let nonAscii = false
  let index = start
  while (index < end) {
    const byte = bytes[index]
    if (byte < 0x80) {
      index++
      continue
    }
    nonAscii = true
    let needed: number
    let minimum: number
    if (byte >= 0xc2 && byte <= 0xdf) [needed, minimum] = [1, 0x80]
    else if (byte >= 0xe0 && byte <= 0xef) [needed, minimum] = [2, 0x800]
    else if (byte >= 0xf0 && byte <= 0xf4) [needed, minimum] = [3, 0x10000]
    else return 'invalid'
    if (index + needed >= end) return 'invalid'
    let point = byte & (needed === 1 ? 0x1f : needed === 2 ? 0x0f : 0x07)
    for (let offset = 1; offset <= needed; offset++) {
      const next = bytes[index + offset]
      if ((next & 0xc0) !== 0x80) return 'invalid'
      point = (point << 6) | (next & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (point < minimum || (point >= 0xd800 && point <= 0xdfff) || point > 0x10ffff) return 'invalid'
    if (needed > 1) long = true
    index += needed + 1
  }
  return !nonAscii ? 'ascii' : long ? 'valid3' : 'valid2'
}

/**
 * Whether the bytes are well-formed GB18030: one byte 00–80 (0x80 is € in the WHATWG decoder),
 * two bytes 81–FE + 40–7E/80–FE, or four bytes 81–FE 30–39 81–FE 30–39.
 */
export function isGb18030(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  return gb18030Length(bytes, start, end) === end - start
}

/** Length of the longest prefix of whole GB18030 characters (stops at the first malformed one). */
export function gb18030Length(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let index = start
  while (index < end) {
    const lead = bytes[index]
    if (lead <= 0x80) {
      index++
      continue
    }
    if (lead === 0xff || index + 1 >= end) break
    const second = bytes[index + 1]
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) {
      index += 2
      continue
    }
    if (second >= 0x30 && second <= 0x39 && index + 3 < end) {
      const third = bytes[index + 2]
      const fourth = bytes[index + 3]
      if (third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39) {
        index += 4
        continue
      }
    }
    break
  }
  return index - start
}

/**
 * Length of `bytes` without a trailing UTF-8 sequence that the end cuts short: a slice of a file
 * often ends inside a character, and judging the slice with the cut bytes in would call a
 * UTF-8 file invalid.
 */
export function trimIncompleteUtf8Tail(bytes: Uint8Array, start = 0, end = bytes.length): number {
  for (let back = 1; back <= 3 && end - back >= start; back++) {
    const byte = bytes[end - back]
    if ((byte & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      if (back < needed) return end - back
    }
    break
  }
  return end
}

export type Utf16 = 'utf-16le' | 'utf-16be'

/** A UTF-16 byte order mark, or, without one, text whose every other byte is zero. */
export function sniffUtf16(bytes: Uint8Array): { encoding: Utf16; bom: boolean } | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true }
  // A CSV always has ASCII (digits, commas, line breaks), which UTF-16 writes with a zero byte;
  // UTF-8 and GB18030 text has no zero bytes except as NUL damage, never on every other byte.
  const pairs = Math.min(bytes.length, 4096) >> 1
  if (pairs < 4) return null
  let zeroEven = 0
  let zeroOdd = 0
  for (let index = 0; index < pairs; index++) {
    if (bytes[2 * index] === 0) zeroEven++
    if (bytes[2 * index + 1] === 0) zeroOdd++
  }
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.02) return { encoding: 'utf-16le', bom: false }
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.02) return { encoding: 'utf-16be', bom: false }
  return null
}
