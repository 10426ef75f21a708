/**
 * A mostly-Chinese UTF-8 file without a BOM, longer than one slice, read in the default 1 MiB
 * slices, where slice boundaries cut three-byte characters: once inside an ordinary row, once
 * inside a row too long to wait for (cut into pieces at a character boundary). Without the
 * care for cut characters the cut row reads as GB18030 and comes out garbled, or is refused.
 */
import { describe, expect, it } from 'vitest'
import { MAX_LINE_BYTES, readCsv, streamCsv, type ReadIssue } from '../../src/domain/tabular/index.ts'

const MIB = 1 << 20
const encoder = new TextEncoder()
const PHRASES = ['小区门口垃圾堆放无人清理', '道路不洁多处有油污', '摊贩占用人行道早市时段', '施工工地夜间噪音扰民', '垃圾桶满溢异味严重']
const HEADER = ['工单编号', '问题描述', '事发地址']

/** Rows of [id, description, address], each description mostly three-byte characters. */
function rowsUntil(bytes: number, start: number, prefix: string): { rows: string[][]; size: number } {
  const rows: string[][] = []
  let size = start
  for (let index = 0; size < bytes; index++) {
    const row = [`${prefix}${index}`, PHRASES[index % PHRASES.length].repeat(1 + (index % 4)), `海陵路${index % 97}号`]
    rows.push(row)
    size += encoder.encode(row.join(',') + '\r\n').length
  }
  return { rows, size }
}

const serialise = (rows: string[][]) => rows.map((row) => row.join(',') + '\r\n').join('')

/** Pads the first cell of `rows[at]` with ASCII until byte `boundary` of the file cuts a character. */
function cutCharacterAt(header: string, rows: string[][], at: number, boundary: number): Uint8Array<ArrayBuffer> {
  for (let padding = 0; padding < 3; padding++) {
    const bytes = encoder.encode(header + serialise(rows))
    // A continuation byte at the boundary: the slice before it ends inside a character.
    if ((bytes[boundary] & 0xc0) === 0x80) return bytes
    rows[at][0] += 'x'
  }
  throw new Error('no padding puts a character across the boundary')
}

function buildFile(): { bytes: Uint8Array<ArrayBuffer>; rows: string[][] } {
  const header = HEADER.join(',') + '\r\n'
  // Ordinary rows past the first 1 MiB boundary…
  const first = rowsUntil(MIB + 50_000, header.length, 'RX-')
  // …then rows up to about 100 KB before the second, a row of 300 KB of Chinese across it, more rows.
  const second = rowsUntil(2 * MIB - 100_000, first.size, 'RY-')
  const long = ['RZ-1', '超长描述'.repeat(25_000), '长街1号']
  const third = rowsUntil(3 * MIB, 0, 'RW-')
  const rows = [...first.rows, ...second.rows, long, ...third.rows]
  // The row crossing byte 1 MiB, and the long row, are padded until a character straddles the boundary.
  let size = header.length
  const crossing = rows.findIndex((row) => (size += encoder.encode(row.join(',') + '\r\n').length) > MIB)
  cutCharacterAt(header, rows, crossing, MIB)
  const bytes = cutCharacterAt(header, rows, first.rows.length + second.rows.length, 2 * MIB)
  return { bytes, rows }
}

describe('UTF-8 without a BOM, read in 1 MiB slices that cut characters', () => {
  const { bytes, rows } = buildFile()

  it('is built as intended: no BOM, characters cut at both boundaries, the second inside a long row', () => {
    expect(bytes.slice(0, 3)).not.toEqual(Uint8Array.from([0xef, 0xbb, 0xbf]))
    expect(bytes[MIB] & 0xc0).toBe(0x80)
    expect(bytes[2 * MIB] & 0xc0).toBe(0x80)
    const longStart = bytes.lastIndexOf(0x0a, 2 * MIB) + 1
    const longEnd = bytes.indexOf(0x0a, 2 * MIB)
    expect(2 * MIB - longStart).toBeGreaterThan(MAX_LINE_BYTES)
    expect(new TextDecoder().decode(bytes.subarray(longStart, longStart + 4))).toBe('RZ-1')
    expect(longEnd - longStart).toBeGreaterThan(300_000)
  })

  it('streamed, every row comes out exactly as written, as UTF-8, with nothing refused', async () => {
    const streamed: Record<string, string>[] = []
    const issues: ReadIssue[] = []
    const result = await streamCsv(new Blob([bytes]), {
      onRows: (batch, _progress, _numbers, read) => {
        streamed.push(...batch)
        issues.push(...read.issues)
      },
    })
    expect(result.encoding).toBe('utf-8')
    expect(result.rowsRead).toBe(rows.length)
    expect(result.rowsRefused).toBe(0)
    expect(issues).toEqual([])
    expect(result.notices).toEqual([])
    expect(streamed).toEqual(rows.map((row) => Object.fromEntries(HEADER.map((column, index) => [column, row[index]]))))
  })

  it('gives the whole-file reader\'s answer', async () => {
    const whole = readCsv(bytes)
    const streamed: Record<string, string>[] = []
    await streamCsv(new Blob([bytes]), { onRows: (batch) => void streamed.push(...batch) })
    expect(whole.encoding).toBe('utf-8')
    expect(streamed).toEqual(whole.rows)
  })
})
