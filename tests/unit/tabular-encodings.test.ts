/**
 * Every character kept: GBK files are read as GB18030 (its superset), files concatenated from
 * exports in different encodings are read part by part with a notice naming the rows, lines
 * no encoding reads are refused by row, UTF-16 is recognised, and control characters are
 * removed with a warning instead of sinking a database batch.
 */
import { describe, expect, it } from 'vitest'
import { decodeText, encodeGbk, readTable } from '../../src/domain/tabular/index.ts'
import { concatBytes, encodeGb18030, encodeUtf16, utf8 } from './fixtures/tabular/encodings.ts'
import { readBoth } from './fixtures/tabular/read-both.ts'

const HEADER = '工单编号,问题描述,事发地址\r\n'

describe('GB18030', () => {
  it('characters GBK lacks (䶮, €, four-byte 𠮷) come out as written', async () => {
    const text = HEADER + 'RX-1,龑䶮€𠮷与中文混排,海陵路\r\nRX-2,“热线转办：门口垃圾，无人清理”,南街\r\n'
    const bytes = encodeGb18030(text)
    // The platform's decoder agrees that these are the file's characters.
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(text)
    const read = await readBoth(bytes, 5)
    expect(read.table.encoding).toBe('gb18030')
    expect(read.rows).toEqual([
      { 工单编号: 'RX-1', 问题描述: '龑䶮€𠮷与中文混排', 事发地址: '海陵路' },
      { 工单编号: 'RX-2', 问题描述: '“热线转办：门口垃圾，无人清理”', 事发地址: '南街' },
    ])
    expect(read.issues).toEqual([])
  })
})

describe('a file concatenated from exports in different encodings', () => {
  const part = (from: number) =>
    [0, 1, 2].map((offset) => `RX-${from + offset},小区门口垃圾堆放无人清理${from + offset},海陵路${from + offset}号\r\n`).join('')
  const expected = (from: number, count: number) =>
    Array.from({ length: count }, (_unused, index) => ({ 工单编号: `RX-${from + index}`, 问题描述: `小区门口垃圾堆放无人清理${from + index}`, 事发地址: `海陵路${from + index}号` }))

  it('UTF-8 with GBK rows appended: each part decoded in its own encoding, the ranges named', async () => {
    const bytes = concatBytes(utf8(HEADER + part(1)), encodeGbk(part(4)))
    const read = await readBoth(bytes, 31)
    expect(read.rows).toEqual(expected(1, 6))
    expect(read.notices).toEqual([{
      code: 'mixed_encoding', count: 3,
      message: '文件混有不同编码的部分（可能是几个导出文件拼接而成）：第 2–4 行为 UTF-8，第 5–7 行为 GB18030（GBK）；已按各自的编码读取，请核对这些行的文字',
    }])
  })

  it('GBK first, then UTF-8 with its own byte order mark', async () => {
    const bytes = concatBytes(encodeGbk(HEADER + part(1)), Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(part(4) + part(7)))
    const read = await readBoth(bytes, 64)
    expect(read.rows).toEqual(expected(1, 9))
    expect(read.table.encoding).toBe('utf-8')
    expect(read.notices[0].message).toContain('第 2–4 行为 GB18030（GBK），第 5–10 行为 UTF-8')
    expect(read.notices[0].count).toBe(3)
  })

  it('a row neither encoding reads is refused, naming them; its neighbours are kept', async () => {
    const bad = concatBytes(utf8('RX-9,门口'), Uint8Array.from([0xff, 0xfe, 0x80]), utf8('垃圾,南街\r\n'))
    const bytes = concatBytes(utf8(HEADER + part(1)), bad, utf8(part(5)))
    const read = await readBoth(bytes)
    expect(read.refused).toEqual([5])
    expect(read.issues).toEqual([expect.objectContaining({ code: 'undecodable', refused: true, row: 5, field: '整行' })])
    expect(read.issues[0].message).toContain('既不是 UTF-8 也不是 GB18030（GBK）编码')
    expect(read.rows).toEqual([...expected(1, 3), ...expected(5, 3)])
    expect(read.rowNumbers).toEqual([2, 3, 4, 6, 7, 8])
  })

  it('as JSON (no rows to refuse by line), the file is told about bytes no encoding reads', async () => {
    const json = concatBytes(utf8('[{"service_request_id":"1","description":"门口'), Uint8Array.from([0xff]), utf8('"}]'))
    const table = await readTable(json, 'requests.json')
    expect(table.notices).toEqual([expect.objectContaining({ code: 'undecodable_text', count: 1 })])
    expect(decodeText(json).undecodable).toBe(true)
  })
})

describe('UTF-16', () => {
  const text = HEADER + 'RX-1,门口垃圾𠮷,海陵路\r\nRX-2,"第一行\r\n第二行",南街\r\n'
  const rows = [
    { 工单编号: 'RX-1', 问题描述: '门口垃圾𠮷', 事发地址: '海陵路' },
    { 工单编号: 'RX-2', 问题描述: '第一行\r\n第二行', 事发地址: '南街' },
  ]

  it.each([
    ['little-endian with a BOM', encodeUtf16(text, 'le'), 'utf-16le'],
    ['big-endian with a BOM', encodeUtf16(text, 'be'), 'utf-16be'],
    ['little-endian without a BOM', encodeUtf16(text, 'le', false), 'utf-16le'],
  ] as const)('%s, in slices that cut code units', async (_name, bytes, encoding) => {
    const read = await readBoth(bytes, 7)
    expect(read.table.encoding).toBe(encoding)
    expect(read.rows).toEqual(rows)
    expect(read.issues).toEqual([])
  })
})

describe('control characters', () => {
  it('NUL and other C0 controls are removed with a warning per row and column; tab, CR and LF are kept', async () => {
    const text = HEADER + 'RX-1,门口\u0000垃圾\u0000,海陵路\u001b\r\nRX-2,"第一行\r\n\t第二行",南街\r\nRX-3,a\u007fb,c\r\n'
    const read = await readBoth(utf8(text), 3)
    expect(read.rows).toEqual([
      { 工单编号: 'RX-1', 问题描述: '门口垃圾', 事发地址: '海陵路' },
      { 工单编号: 'RX-2', 问题描述: '第一行\r\n\t第二行', 事发地址: '南街' },
      { 工单编号: 'RX-3', 问题描述: 'ab', 事发地址: 'c' },
    ])
    expect(read.issues.map((issue) => [issue.code, issue.row, issue.field, issue.refused])).toEqual([
      ['control_characters', 2, '问题描述', false],
      ['control_characters', 2, '事发地址', false],
      ['control_characters', 4, '问题描述', false],
    ])
    expect(read.issues[0].message).toBe('“问题描述”含有控制字符 NUL（U+0000）×2，已删除（数据库不接受这些字符）')
    expect(read.issues[1].message).toContain('U+001B')
  })
})
