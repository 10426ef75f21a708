import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Table } from '../../src/domain/tabular/index.ts'
import {
  cleanerPayload,
  cleanerRowsFromTable,
  isClock,
  readRosterSheet,
  segmentsHeldBy,
  shiftsPayload,
} from '../../src/features/roster/people-import.ts'
import type { ShiftDef } from '../../src/domain/roster/types.ts'

const SHIFTS: ShiftDef[] = [
  { code: 'early', name: '早班', starts: '04:30', ends: '12:00' },
  { code: 'day', name: '白班', starts: '12:00', ends: '18:00' },
  { code: 'late', name: '晚班', starts: '18:00', ends: '22:30' },
]

function table(columns: string[], rows: string[][]): Table {
  return { columns, rows: rows.map((cells) => Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']))), format: 'xlsx' }
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
    // The file has a 班组 column: an empty cell there is the file's error, not the current team.
    expect(result.errors.map((error) => error.message)).toEqual(['第 3 行 班组：为空'])
    expect(result.read).toBe(3)
    expect(result.rows).toEqual([
      { row: 2, employee_no: 'A001', name: '张三', team: '一组', phone: '13800000000', shift: 'early' },
      { row: 4, employee_no: 'A003', name: '王五', team: '二组', phone: '010-6000 0000', shift: 'late' },
    ])
  })

  it('puts rows without a 班组 column into the current team, and reports every bad row by row and field', () => {
    const result = cleanerRowsFromTable(
      table(['工号', '姓名', '电话', '班次'], [
        ['A001', '张三', '', '早班'],
        ['', '无工号', '', '不限'],
        ['A001', '重复', '', ''],
        ['A004', '', 'abc', '夜里'],
      ]),
      SHIFTS,
      '一组',
    )
    expect(result.rows).toEqual([{ row: 2, employee_no: 'A001', name: '张三', team: '一组', phone: '', shift: 'early' }])
    expect(result.errors.map((error) => error.message)).toEqual([
      '第 3 行 工号：为空',
      '第 4 行 工号：工号在文件中重复（与第 2 行相同）',
      '第 5 行 姓名：为空',
      '第 5 行 电话：不是电话号码（“abc”）',
      '第 5 行 班次：未知班次“夜里”（可填：早班、白班、晚班、early、day、late）',
    ])
  })

  it('leaves phone and shift out when the file has no such column (the stored values stay), and reads 保洁队 as 班组', () => {
    const result = cleanerRowsFromTable(table(['工号', '姓名', '保洁队'], [['A001', '张三', '一队']]), SHIFTS, null)
    expect(result).toEqual({ rows: [{ row: 2, employee_no: 'A001', name: '张三', team: '一队' }], errors: [], read: 1, notices: [] })
  })

  it('refuses a sheet without the 工号 or 姓名 column, and without 班组 when no team is chosen', () => {
    const result = cleanerRowsFromTable(table(['编号', '名称'], [['1', 'x']]), SHIFTS, null)
    expect(result.rows).toEqual([])
    expect(result.errors.map((error) => `${error.field}:${error.reason}`)).toEqual(['工号:文件中没有这一列', '姓名:文件中没有这一列', '班组:文件中没有这一列'])
  })

  it('reads a real .xlsx with its row numbers', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('保洁员')
    sheet.addRow(['工号', '姓名', '班组', '电话', '班次'])
    sheet.addRow(['B001', '赵六', '一组', '', '白班'])
    sheet.addRow([])
    sheet.addRow(['B002', '孙七', '一组', '', '夜里'])
    const bytes = await workbook.xlsx.writeBuffer()
    const file = Object.assign(new Blob([bytes]), { name: '保洁员.xlsx' })
    const result = cleanerRowsFromTable(await readRosterSheet(file), SHIFTS, null)
    expect(result.rows).toEqual([{ row: 2, employee_no: 'B001', name: '赵六', team: '一组', phone: '', shift: 'day' }])
    expect(result.errors.map((error) => [error.row, error.field])).toEqual([[4, '班次']])
  })
})

describe('the people panel’s other payloads', () => {
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
