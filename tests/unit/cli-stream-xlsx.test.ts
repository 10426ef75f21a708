/**
 * The command line's streaming XLSX reader (scripts/cli/stream-xlsx.ts) reads exactly what the
 * whole-file reader (src/domain/tabular/read-xlsx.ts) reads, slice by slice, and refuses a
 * workbook cut short instead of stopping without a word.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { readXlsx } from '../../src/domain/tabular/read-xlsx.ts'
import { TableError } from '../../src/domain/tabular/table-error.ts'
import { streamXlsx } from '../../scripts/cli/stream-xlsx.ts'

const work = mkdtempSync(path.join(tmpdir(), 'stream-xlsx-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('工单')
  sheet.addRow([])
  sheet.addRow(['工单编号', '受理时间', '经度', '纬度', '问题描述', '链接', '合计'])
  for (let k = 0; k < 2500; k++) {
    if (k === 700) sheet.addRow([]) // a blank row keeps its place in the numbering
    sheet.addRow([
      `RX${k}`,
      new Date(Date.UTC(2026, 2, 1 + (k % 28), 8, k % 60)),
      119.9 + k / 1e5,
      32.4,
      k % 3 === 0 ? { richText: [{ text: '井盖' }, { text: '缺失', font: { bold: true } }] } : `描述 ${k % 50}`,
      { text: '查看', hyperlink: 'https://example.cn' },
      { formula: `C${k + 3}*2`, result: (119.9 + k / 1e5) * 2 },
    ])
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}

describe('streamXlsx', () => {
  it('gives the whole-file reader\'s rows, row numbers and columns, a slice at a time', async () => {
    const bytes = await workbook()
    const file = path.join(work, 'cases.xlsx')
    writeFileSync(file, bytes)
    const whole = await readXlsx(bytes)
    const rows: Record<string, string>[] = []
    const rowNumbers: number[] = []
    const sizes: number[] = []
    const result = await streamXlsx(file, async (slice, columns) => {
      expect(columns).toEqual(whole.columns)
      rows.push(...slice.rows)
      rowNumbers.push(...slice.rowNumbers)
      sizes.push(slice.rows.length)
    }, { sliceRows: 1000 })
    expect(sizes).toEqual([1000, 1000, 500])
    expect(result).toEqual({ columns: whole.columns, rowsRead: 2500 })
    expect(rows).toEqual(whole.rows)
    expect(rowNumbers).toEqual(whole.rowNumbers)
    expect(rows[0]).toMatchObject({ 工单编号: 'RX0', 受理时间: '2026-03-01T08:00:00', 问题描述: '井盖缺失', 链接: '查看' })
  }, 30_000)

  it('a workbook cut short is refused with a reason, before any row', async () => {
    const bytes = await workbook()
    const file = path.join(work, 'cut.xlsx')
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.5)))
    let delivered = 0
    const reading = streamXlsx(file, async (slice) => {
      delivered += slice.rows.length
    })
    await expect(reading).rejects.toThrow(TableError)
    await expect(reading).rejects.toThrow('文件不完整')
    expect(delivered).toBe(0)
  }, 30_000)
})
