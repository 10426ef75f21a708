import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Table } from '../../src/domain/tabular/index.ts'
import {
  cleanerPayload,
  cleanerRowsFromTable,
  errorLine,
  isClock,
  parseShift,
  readRosterSheet,
  segmentsHeldBy,
  shiftsPayload,
} from '../../src/features/roster/people-import.ts'
import { panelsZhCN } from '../../src/features/roster/i18n-panels.zh-CN.ts'

const SHIFTS = [
  { code: 'early' as const, name: '早班' },
  { code: 'day' as const, name: '白班' },
  { code: 'late' as const, name: '晚班' },
]

function table(columns: string[], rows: string[][]): Table {
  return { columns, rows: rows.map((cells) => Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']))), format: 'xlsx' }
}

/** A tiny i18next stand-in over the Chinese strings: `{{x}}` interpolation only. */
function t(key: string, options: Record<string, unknown> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], panelsZhCN) as string
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''))
}

describe('cleaners sheet → roster_import_cleaners rows', () => {
  it('maps every column, shift names to codes, 不限 and empty to null, row numbers from the sheet', () => {
    const result = cleanerRowsFromTable(
      table(['工号', '姓名', '班组', '电话', '班次'], [
        ['A001', '张三', '一组', '13800000000', '早班'],
        ['A002', ' 李四 ', '', '', '不限'],
        ['A003', '王五', '二组', '010-6000 0000', 'late'],
      ]),
      SHIFTS,
      '当前班组',
    )
    expect(result.errors).toEqual([])
    expect(result.read).toBe(3)
    expect(result.rows).toEqual([
      { row: 2, employee_no: 'A001', name: '张三', team: '一组', phone: '13800000000', shift: 'early' },
      { row: 3, employee_no: 'A002', name: '李四', team: '当前班组', phone: '', shift: null },
      { row: 4, employee_no: 'A003', name: '王五', team: '二组', phone: '010-6000 0000', shift: 'late' },
    ])
  })

  it('reports every bad row by row and field, and keeps only the good ones', () => {
    const result = cleanerRowsFromTable(
      table(['工号', '姓名', '电话', '班次'], [
        ['A001', '张三', '', '早班'],
        ['', '无工号', '', ''],
        ['A001', '重复', '', ''],
        ['A004', '', 'abc', '夜班'],
      ]),
      SHIFTS,
      '一组',
    )
    expect(result.rows.map((row) => row.employee_no)).toEqual(['A001'])
    expect(result.errors).toEqual([
      { row: 3, field: '工号', reason: 'missing' },
      { row: 4, field: '工号', reason: 'duplicate', value: 'A001' },
      { row: 5, field: '姓名', reason: 'missing' },
      { row: 5, field: '电话', reason: 'badPhone', value: 'abc' },
      { row: 5, field: '班次', reason: 'badShift', value: '夜班' },
    ])
    expect(errorLine(t, result.errors[0])).toBe('第 3 行 工号：不能为空')
    expect(errorLine(t, result.errors[4])).toBe('第 5 行 班次：“夜班”不是班次（早班、白班、晚班或不限）')
  })

  it('leaves phone and shift out when the file has no such column (the stored values stay)', () => {
    const result = cleanerRowsFromTable(table(['工号', '姓名', '保洁队'], [['A001', '张三', '一队']]), SHIFTS, null)
    expect(result).toEqual({ rows: [{ row: 2, employee_no: 'A001', name: '张三', team: '一队' }], errors: [], read: 1 })
  })

  it('refuses a sheet without the 工号 or 姓名 column, and without 班组 when no team is chosen', () => {
    const result = cleanerRowsFromTable(table(['编号', '名字'], [['1', 'x']]), SHIFTS, null)
    expect(result.rows).toEqual([])
    expect(result.errors.map((error) => `${error.field}:${error.reason}`)).toEqual(['工号:noColumn', '姓名:noColumn', '班组:noColumn'])
    expect(errorLine(t, result.errors[0])).toBe('工号：文件缺少这一列')
  })

  it('reads a real .xlsx with its row numbers', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('保洁员')
    sheet.addRow(['工号', '姓名', '班组', '电话', '班次'])
    sheet.addRow(['B001', '赵六', '一组', '', '白班'])
    sheet.addRow([])
    sheet.addRow(['B002', '孙七', '一组', '', '晚'])
    const bytes = await workbook.xlsx.writeBuffer()
    const file = Object.assign(new Blob([bytes]), { name: '保洁员.xlsx' })
    const result = cleanerRowsFromTable(await readRosterSheet(file), SHIFTS, null)
    expect(result.rows).toEqual([{ row: 2, employee_no: 'B001', name: '赵六', team: '一组', phone: '', shift: 'day' }])
    expect(result.errors).toEqual([{ row: 4, field: '班次', reason: 'badShift', value: '晚' }])
  })
})

describe('the people panel’s other payloads', () => {
  it('parses shifts by configured name, code and the usual names', () => {
    expect(parseShift('午班', [{ code: 'day', name: '午班' }])).toBe('day')
    expect(parseShift('EARLY', SHIFTS)).toBe('early')
    expect(parseShift('', SHIFTS)).toBeNull()
    expect(parseShift('夜班', SHIFTS)).toBeUndefined()
  })

  it('builds roster_save_cleaner’s JSON: id only when editing, 不限 as null, trimmed', () => {
    expect(cleanerPayload({ name: ' 张三 ', employeeNo: ' A1 ', shift: 'any' }, 7, null)).toEqual({ team_id: 7, name: '张三', employee_no: 'A1', phone: '', shift: null })
    expect(cleanerPayload({ name: '张三', employeeNo: 'A1', shift: 'late', phone: '138' }, 7, 3)).toEqual({ id: 3, team_id: 7, name: '张三', employee_no: 'A1', phone: '138', shift: 'late' })
  })

  it('counts the distinct segments a cleaner holds on any shift', () => {
    const rows = [
      { segmentId: 1, cleanerId: 5 },
      { segmentId: 1, cleanerId: 5 },
      { segmentId: 2, cleanerId: 5 },
      { segmentId: 3, cleanerId: 6 },
    ]
    expect(segmentsHeldBy(rows, 5)).toBe(2)
    expect(segmentsHeldBy(rows, 9)).toBe(0)
  })

  it('checks shift hours and builds roster_save_shifts’ JSON', () => {
    expect(isClock('04:30')).toBe(true)
    expect(isClock('24:00')).toBe(false)
    expect(isClock('4:30')).toBe(false)
    expect(shiftsPayload([{ code: 'early', name: ' 早班 ', starts: '04:30', ends: '12:00' }])).toEqual({ shifts: [{ code: 'early', name: '早班', starts: '04:30', ends: '12:00' }] })
  })
})
