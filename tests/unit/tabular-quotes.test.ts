/**
 * Every row accounted for: a quote that never closes costs its own row, named, and no other;
 * cells beyond the header and quotes that break the rules are reported per row.
 */
import { describe, expect, it } from 'vitest'
import { encodeGbk, readCsv, TableError } from '../../src/domain/tabular/index.ts'
import { utf8 } from './fixtures/tabular/encodings.ts'
import { readBoth } from './fixtures/tabular/read-both.ts'

const HEADER = '工单编号,经度,纬度,问题类别,来源,问题描述,受理时间'

function hotlineLines(count: number): string[] {
  return Array.from({ length: count }, (_unused, index) =>
    `RX-${index + 2},119.${9000 + (index % 97)},32.${4500 + (index % 89)},06010,12319热线,小区门口垃圾堆放无人清理第${index + 2}件,2026-03-05 08:${String(index % 60).padStart(2, '0')}`)
}

/** Row n of the sheet (header = 1) is lines[n - 2]. */
const csv = (lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n'

describe('an unclosed quote', () => {
  it('at row 101 of a 9,000-row GBK export costs row 101 only, named with its column', async () => {
    const lines = hotlineLines(8999)
    lines[99] = lines[99].replace(',小区门口', ',"小区门口')
    const read = await readBoth(encodeGbk(csv(lines)), 65_536)
    expect(read.rowsRead).toBe(8999)
    expect(read.refused).toEqual([101])
    expect(read.rows).toHaveLength(8998)
    const [issue] = read.issues
    expect(issue).toMatchObject({ code: 'unclosed_quote', refused: true, row: 101, field: '问题描述' })
    expect(issue.message).toContain('“问题描述”列以引号开始')
    expect(issue.message).toContain('32767')
    expect(issue.value).toMatch(/^"小区门口/)
    // The rows after it are read again as rows, each as written and with its own number.
    expect(read.rowNumbers.slice(98, 101)).toEqual([100, 102, 103])
    expect(read.rows[99]['工单编号']).toBe('RX-102')
    expect(read.rows.at(-1)).toMatchObject({ 工单编号: 'RX-9000', 问题描述: '小区门口垃圾堆放无人清理第9000件' })
  })

  it('in the last row runs to the end of the file', async () => {
    const lines = hotlineLines(5)
    lines[4] = lines[4].replace(',小区门口', ',"小区门口')
    const read = await readBoth(utf8(csv(lines)))
    expect(read.refused).toEqual([6])
    expect(read.issues[0].message).toContain('直到文件末尾也没有配对的引号')
    expect(read.rows.map((row) => row['工单编号'])).toEqual(['RX-2', 'RX-3', 'RX-4', 'RX-5'])
  })

  it('over short rows stops after the line limit', async () => {
    const lines = Array.from({ length: 3000 }, (_unused, index) => `${index},a,b`)
    lines[10] = '10,"a,b'
    const read = await readBoth(utf8(['id,x,y', ...lines].join('\n')), 4096)
    expect(read.refused).toEqual([12])
    expect(read.issues[0].message).toContain('跨过了 1000 个换行')
    expect(read.rows).toHaveLength(2999)
  })

  it('meeting a later row\'s quoted cell stops there', async () => {
    const lines = hotlineLines(10)
    lines[2] = lines[2].replace(',小区门口', ',"小区门口')
    lines[6] = lines[6].replace(/,小区门口([^,]*),/, ',"小区门口$1，""早市""",')
    const read = await readBoth(utf8(csv(lines)))
    expect(read.refused).toEqual([4])
    expect(read.issues[0].message).toContain('跨行后遇到不成对的引号')
    expect(read.rows).toHaveLength(9)
    expect(read.rows[5]['问题描述']).toBe('小区门口垃圾堆放无人清理第8件，"早市"')
  })

  it('that seems to close on a later cell beginning with a comma is still caught', async () => {
    const lines = hotlineLines(10)
    lines[2] = lines[2].replace(',小区门口', ',"小区门口')
    lines[6] = lines[6].replace(/,小区门口([^,]*),/, ',",小区门口$1",')
    const read = await readBoth(utf8(csv(lines)))
    expect(read.refused).toEqual([4])
    expect(read.rows).toHaveLength(9)
    expect(read.rows[5]['问题描述']).toBe(',小区门口垃圾堆放无人清理第8件')
  })

  it('that seems to close on the next row\'s cell beginning with a line break is still caught', async () => {
    const lines = hotlineLines(6)
    lines[2] = lines[2].replace(',小区门口', ',"小区门口')
    lines[3] = lines[3].replace(/,小区门口([^,]*),/, ',"\r\n小区门口$1",')
    const read = await readBoth(utf8(csv(lines)))
    expect(read.refused).toEqual([4])
    expect(read.issues[0].message).toContain('引号把后面完整的数据行也包了进去')
    expect(read.rows.map((row) => row['工单编号'])).toEqual(['RX-2', 'RX-3', 'RX-5', 'RX-6', 'RX-7'])
    expect(read.rows[2]['问题描述']).toBe('\r\n小区门口垃圾堆放无人清理第5件')
  })

  it('in the header makes the file unreadable, with the row', () => {
    const error = (() => {
      try {
        readCsv(utf8('工单编号,"问题描述\n1,2\n'))
      } catch (caught) {
        return caught as TableError
      }
    })()
    expect(error).toBeInstanceOf(TableError)
    expect(error?.code).toBe('unreadable_header')
    expect(error?.message).toContain('第 1 行的引号没有闭合')
  })
})

describe('text that reads two ways (found by the fuzz suite)', () => {
  it('a cell ending in a line break, then a row whose quote never closes: the cell stands, the later row is refused', async () => {
    const read = await readBoth(utf8('a,b,c,d,e,f\n1,,,,"x\r\n",\n",,,,,\n'), 1)
    expect(read.rows).toEqual([{ a: '1', b: '', c: '', d: '', e: 'x\r\n', f: '' }])
    expect(read.refused).toEqual([3])
  })

  it('a quote left open that "closes" on the next row\'s cell beginning with a comma: the open row is refused, the next read whole', async () => {
    const read = await readBoth(utf8('a,b,c\n1,2,3\n"4,5,6\n7,",门口垃圾",9\n10,11,12'), 1)
    expect(read.refused).toEqual([3])
    expect(read.rows).toEqual([{ a: '1', b: '2', c: '3' }, { a: '7', b: ',门口垃圾', c: '9' }, { a: '10', b: '11', c: '12' }])
    expect(read.rowNumbers).toEqual([2, 4, 5])
  })

  it('a quote left open in the last column, swallowing a whole row before it "closes": the open row is refused', async () => {
    // Read as a cell, the record has the right width; what gives it away is the complete row
    // inside it and the unpaired quote after it.
    const read = await readBoth(utf8('a,b,c\n1,2,"x\n4,5,6\n7,8,"\nyz"\n10,11,12\n'), 1)
    expect(read.refused).toEqual([2])
    expect(read.rows).toEqual([{ a: '4', b: '5', c: '6' }, { a: '7', b: '8', c: '\nyz' }, { a: '10', b: '11', c: '12' }])
    expect(read.rowNumbers).toEqual([3, 4, 5])
  })

  it('the delimiter is taken from the header, not from tabs in the data', async () => {
    // Read as a whole, papaparse guesses tab for this text.
    const read = await readBoth(utf8('纬度,经度,工单编号,id,note\r\n32.4,"\t\n\t",RX-1,,\r\n'))
    expect(read.table.columns).toEqual(['纬度', '经度', '工单编号', 'id', 'note'])
    expect(read.rows).toEqual([{ 纬度: '32.4', 经度: '\t\n\t', 工单编号: 'RX-1', id: '', note: '' }])
  })
})

describe('quoted cells that hold line breaks, commas and quotes', () => {
  it('stay one cell each, as written, lines and all', async () => {
    const text = 'id,描述,地址\r\n1,"热线转办：第一行\r\n第二行，有逗号,也有英文逗号\r\n第三行 ""引号""",海陵路\r\n2,"a\nb",c\r\n'
    const read = await readBoth(utf8(text), 7)
    expect(read.issues).toEqual([])
    expect(read.rows).toEqual([
      { id: '1', 描述: '热线转办：第一行\r\n第二行，有逗号,也有英文逗号\r\n第三行 "引号"', 地址: '海陵路' },
      { id: '2', 描述: 'a\nb', 地址: 'c' },
    ])
    expect(read.rowNumbers).toEqual([2, 3])
  })
})

describe('cells beyond the header', () => {
  it('are reported per row with their text; the row is kept', async () => {
    const read = await readBoth(utf8('id,描述,地址\n1,门口垃圾,海陵路,3单元,5楼\n2,道路不洁,南街,,\n3,a,b\n'))
    expect(read.rows).toEqual([
      { id: '1', 描述: '门口垃圾', 地址: '海陵路' },
      { id: '2', 描述: '道路不洁', 地址: '南街' },
      { id: '3', 描述: 'a', 地址: 'b' },
    ])
    // Empty cells after the last column (a trailing comma) lose nothing and are not reported.
    expect(read.issues).toEqual([
      expect.objectContaining({ code: 'extra_cells', refused: false, row: 2, field: '第 4–5 列', value: '3单元,5楼' }),
    ])
    expect(read.issues[0].message).toContain('比表头多 2 个单元格（第 4–5 列：“3单元,5楼”）')
  })
})

describe('a quote the writer did not double', () => {
  it('inside one line is read as written, with a warning', async () => {
    const read = await readBoth(utf8('id,描述,地址\n1,"他说"好的",c\n2,5"管,d\n'))
    expect(read.rows).toEqual([
      { id: '1', 描述: '他说"好的"', 地址: 'c' },
      // A quote inside an unquoted cell is kept as text, and reported too: RFC 4180 has such a cell quoted.
      { id: '2', 描述: '5"管', 地址: 'd' },
    ])
    expect(read.issues).toEqual([
      expect.objectContaining({ code: 'stray_quote', row: 2, field: '描述' }),
      expect.objectContaining({ code: 'stray_quote', row: 3, field: '描述' }),
    ])
  })
})
