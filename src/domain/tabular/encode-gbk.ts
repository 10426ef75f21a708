/**
 * Text to GBK bytes, for files meant for Excel on a Chinese Windows (which opens a CSV as GBK
 * unless it has a UTF-8 BOM). Browsers and Node only decode GBK, so the table is built once by
 * decoding every two-byte code and inverting the result. Characters GBK lacks become "?".
 */
let table: Map<string, number> | null = null

function gbkTable(): Map<string, number> {
  if (table) return table
  const pairs: number[] = []
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      // A newline after each pair keeps the decoder in step even where a pair is unassigned.
      pairs.push(lead, trail, 0x0a)
    }
  }
  const decoded = new TextDecoder('gbk').decode(Uint8Array.from(pairs)).split('\n')
  table = new Map()
  let index = 0
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const character = decoded[index++]
      if (character.length === 1 && character !== '\uFFFD' && !table.has(character)) table.set(character, (lead << 8) | trail)
    }
  }
  return table
}

export function encodeGbk(text: string): Uint8Array<ArrayBuffer> {
  const codes = gbkTable()
  const bytes = new Uint8Array(text.length * 2)
  let length = 0
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0x3f
    if (point < 0x80) {
      bytes[length++] = point
      continue
    }
    const code = codes.get(character)
    if (code === undefined) {
      bytes[length++] = 0x3f
    } else {
      bytes[length++] = code >> 8
      bytes[length++] = code & 0xff
    }
  }
  return bytes.slice(0, length)
}
