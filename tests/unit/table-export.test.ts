/**
 * Issue 17 item 8: every table as CSV and XLSX. The XLSX is read back with exceljs, so what is
 * checked is what Excel will find in the file (cell types, formats, frozen header), not what
 * we meant to write.
 */
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { describe, expect, test } from 'vitest'
import { displayWidth, exportFileName, safeSheetName, tableToCsv, tableToXlsx, type ExportColumn, type ExportRow } from '../../src/features/shared/export/table-export.ts'

const COLUMNS: ExportColumn[] = [
  { key: 'code', title: '网格编码' },
  { key: 'name', title: '名称' },
  { key: 'count', title: '案件数', type: 'number' },
  { key: 'share', title: '占比', type: 'percent' },
  { key: 'reportedAt', title: '上报时间', type: 'date' },
  { key: 'day', title: '日期', type: 'date' },
]

const ROWS: ExportRow[] = [
  { code: '330106001001001', name: '文三路, 北段', count: 1234.5, share: 0.125, reportedAt: '2026-03-04T16:05:00.000Z', day: '2026-03-05' },
  { code: '330106001001002', name: '他说"好"', count: -3, share: 1, reportedAt: new Date('2026-03-05T01:00:00Z'), day: '2026-03-06' },
  { code: '330106001001003', name: '第一行\n第二行', count: 0, share: null, reportedAt: null, day: undefined },
  { code: '330106001001004', name: '=HYPERLINK("http://x")', count: Number.NaN, share: 0.5, reportedAt: 'not a date', day: '2026-03-07' },
]

async function readBack(blob: Blob): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await blob.arrayBuffer())
  expect(workbook.worksheets).toHaveLength(1)
  return workbook.worksheets[0]
}

describe('tableToCsv', () => {
  const csv = tableToCsv(COLUMNS, ROWS)

  test('starts with a UTF-8 BOM, so Excel reads Chinese as UTF-8, and ends every record with CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv.startsWith('\uFEFF网格编码,名称,案件数,占比,上报时间,日期\r\n')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
  })

  test('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csv).toContain('"文三路, 北段"')
    expect(csv).toContain('"他说""好"""')
    expect(csv).toContain('"第一行\n第二行"')
    // and a standard parser gets every cell back
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data
    expect(parsed).toHaveLength(5)
    expect(parsed[1][1]).toBe('文三路, 北段')
    expect(parsed[2][1]).toBe('他说"好"')
    expect(parsed[3][1]).toBe('第一行\n第二行')
  })

  test('writes numbers unformatted, percentages as fractions, times in ISO 8601 at +08:00', () => {
    const lines = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data
    expect(lines[1]).toEqual(['330106001001001', '文三路, 北段', '1234.5', '0.125', '2026-03-05T00:05:00+08:00', '2026-03-05'])
    expect(lines[2].slice(2)).toEqual(['-3', '1', '2026-03-05T09:00:00+08:00', '2026-03-06'])
    expect(lines[3].slice(2)).toEqual(['0', '', '', ''])
    // NaN is no value; a text that is not a date is kept as written
    expect(lines[4].slice(2)).toEqual(['', '0.5', 'not a date', '2026-03-07'])
  })

  test('neutralises a cell that a spreadsheet would run as a formula', () => {
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`)
  })

  test('follows another offset from UTC', () => {
    const other = tableToCsv([{ key: 'at', title: 'at', type: 'date' }], [{ at: '2026-03-04T16:05:00Z' }], { utcOffsetHours: 0 })
    expect(other).toBe('\uFEFFat\r\n2026-03-04T16:05:00+00:00\r\n')
  })

  test('an empty table is its header alone', () => {
    expect(tableToCsv(COLUMNS.slice(0, 2), [])).toBe('\uFEFF网格编码,名称\r\n')
  })
})

describe('tableToXlsx', () => {
  test('writes typed cells: text, numbers, percentages and times', async () => {
    const blob = await tableToXlsx('热点排名', COLUMNS, ROWS)
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const sheet = await readBack(blob)
    expect(sheet.name).toBe('热点排名')
    expect(sheet.getRow(1).values).toEqual([undefined, '网格编码', '名称', '案件数', '占比', '上报时间', '日期'])

    const first = sheet.getRow(2)
    expect(first.getCell(1).value).toBe('330106001001001') // a code stays text: no 3.30106E+14
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String)
    expect(first.getCell(3).value).toBe(1234.5)
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number)
    expect(first.getCell(4).value).toBe(0.125)
    expect(first.getCell(4).numFmt).toBe('0.0%')
    // Excel's time has no zone: the cell holds the China wall-clock time
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Date)
    expect((first.getCell(5).value as Date).toISOString()).toBe('2026-03-05T00:05:00.000Z')
    expect(first.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss')
    expect((first.getCell(6).value as Date).toISOString()).toBe('2026-03-05T00:00:00.000Z')
    expect(first.getCell(6).numFmt).toBe('yyyy-mm-dd')

    const second = sheet.getRow(3)
    expect(second.getCell(2).value).toBe('他说"好"')
    expect(second.getCell(3).value).toBe(-3)
    expect((second.getCell(5).value as Date).toISOString()).toBe('2026-03-05T09:00:00.000Z')

    const third = sheet.getRow(4)
    expect(third.getCell(2).value).toBe('第一行\n第二行')
    expect(third.getCell(3).value).toBe(0)
    expect(third.getCell(4).type).toBe(ExcelJS.ValueType.Null)
    expect(third.getCell(5).type).toBe(ExcelJS.ValueType.Null)

    const fourth = sheet.getRow(5)
    // a string is a string in XLSX, never a formula, so it needs no leading '
    expect(fourth.getCell(2).value).toBe('=HYPERLINK("http://x")')
    expect(fourth.getCell(2).type).toBe(ExcelJS.ValueType.String)
    expect(fourth.getCell(3).type).toBe(ExcelJS.ValueType.Null)
    expect(fourth.getCell(5).value).toBe('not a date')
    expect(sheet.rowCount).toBe(5)
  })

  test('has a bold, frozen header with a filter and columns as wide as their text', async () => {
    const sheet = await readBack(await tableToXlsx('热点排名', COLUMNS, ROWS))
    for (let column = 1; column <= COLUMNS.length; column++) expect(sheet.getRow(1).getCell(column).font?.bold).toBe(true)
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBe('A1:F1')
    // 15 digits + 2; 名称's longest cell is the formula text (22) + 2; the header 网格编码 alone would be 8
    expect(sheet.getColumn(1).width).toBe(17)
    expect(sheet.getColumn(2).width).toBe(24)
    expect(sheet.getColumn(4).width).toBe(8) // '100.0%' (6) + 2
  })

  test('removes characters XML cannot hold instead of writing a file Excel refuses', async () => {
    const sheet = await readBack(await tableToXlsx('t', [{ key: 'a', title: 'a' }], [{ a: 'x\u0000y\u001bz' }]))
    expect(sheet.getRow(2).getCell(1).value).toBe('xyz')
  })

  test('an empty table is its header alone', async () => {
    const sheet = await readBack(await tableToXlsx('空', COLUMNS, []))
    expect(sheet.rowCount).toBe(1)
  })
})

describe('helpers', () => {
  test('a sheet name Excel would refuse is made acceptable', () => {
    expect(safeSheetName('2026/03 热点[街道]:排名?')).toBe('2026_03 热点_街道__排名_')
    expect(safeSheetName("'引号'")).toBe('引号')
    expect(safeSheetName('')).toBe('Sheet1')
    expect(Array.from(safeSheetName('很'.repeat(40)))).toHaveLength(31)
  })

  test('wide characters count twice', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('网格')).toBe(4)
    expect(displayWidth('（合成）')).toBe(8)
  })
})

test('an export file name is safe on Windows and carries the local day it was made', () => {
  const madeAt = new Date('2026-03-04T16:30:00Z') // 00:30 on 5 March in China
  expect(exportFileName('热点排名/街道: 2026?', 'xlsx', madeAt)).toBe('热点排名_街道_ 2026__20260305.xlsx')
  expect(exportFileName('示范区 地图.', 'png', madeAt)).toBe('示范区 地图_20260305.png')
  expect(exportFileName('  ', 'csv', madeAt, 0)).toBe('export_20260304.csv')
})
