import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readTable, TableError } from '../../src/domain/tabular/index.ts'

async function workbookBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  fill(workbook.addWorksheet('工单'))
  workbook.addWorksheet('第二张表').addRow(['不应读取'])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

describe('readXlsx', () => {
  it('reads the first sheet: numbers, dates, formulas, rich text, blank rows', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(['工单编号', '经度', '纬度', '受理时间', '合计', '描述'])
      // Excel keeps wall-clock time; exceljs hands it over as a UTC Date.
      sheet.addRow(['RX-1', 119.92015, 32.4567, new Date(Date.UTC(2026, 2, 5, 8, 5, 0)), { formula: '1+2', result: 3 },
        { richText: [{ text: '垃圾' }, { text: '满溢', font: { bold: true } }] }])
      sheet.addRow([])
      sheet.getCell('A4').value = 'RX-2'
      sheet.getCell('D4').value = new Date(Date.UTC(2026, 2, 6))
      sheet.getCell('F4').value = 46086.5
    })
    const table = await readTable(bytes, '12319导出.xlsx')
    expect(table.format).toBe('xlsx')
    expect(table.columns).toEqual(['工单编号', '经度', '纬度', '受理时间', '合计', '描述'])
    expect(table.rows).toEqual([
      { 工单编号: 'RX-1', 经度: '119.92015', 纬度: '32.4567', 受理时间: '2026-03-05T08:05:00', 合计: '3', 描述: '垃圾满溢' },
      { 工单编号: 'RX-2', 经度: '', 纬度: '', 受理时间: '2026-03-06', 合计: '', 描述: '46086.5' },
    ])
    expect(table.rowNumbers).toEqual([2, 4])
  })

  it('reports a sheet with a header and no data', async () => {
    const bytes = await workbookBytes((sheet) => sheet.addRow(['经度', '纬度']))
    await expect(readTable(bytes, 'a.xlsx')).rejects.toMatchObject({ code: 'no_rows' })
  })

  it('reports a damaged workbook', async () => {
    const bytes = await workbookBytes((sheet) => sheet.addRow(['经度']))
    const damaged = bytes.slice(0, 200)
    const error = await readTable(damaged, 'a.xlsx').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TableError)
    expect((error as TableError).code).toBe('unreadable_xlsx')
  })
})
