import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { detectRosterKind } from '../../src/domain/roster/import-columns.ts'
import {
  cleanersByEmployeeNo,
  resolveAssignmentRows,
  resolveCleanerRows,
  resolveFacilityDutyRows,
  segmentsByStreetAndSeq,
  toImportAssignmentsPayload,
} from '../../src/domain/roster/import-resolve.ts'
import { parseShift, readRosterFile, readRosterWorkbook } from '../../src/domain/roster/xlsx-import.ts'
import type { RosterCleaner, RosterSegment, RosterTeam } from '../../src/domain/roster/types.ts'

async function workbook(sheets: Record<string, (string | number | null)[][]>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}

function messages(errors: { message: string }[]): string[] {
  return errors.map((error) => error.message)
}

describe('parseShift', () => {
  it('reads Chinese names, codes and configured names', () => {
    expect(parseShift('早班')).toBe('early')
    expect(parseShift(' Late ')).toBe('late')
    expect(parseShift('中班')).toBe('day')
    expect(parseShift('下午班', [{ code: 'day', name: '下午班', starts: '12:00', ends: '18:00' }])).toBe('day')
    expect(parseShift('通宵班')).toBeNull()
  })
})

describe('cleaners import', () => {
  it('keeps the valid rows and reports every bad one by row and field, in Chinese', async () => {
    const bytes = await workbook({
      保洁员: [
        ['工号', '姓名', '班组', '联系电话', '班次'],
        ['E001', '张三', '城东一班', '13800138000', '早班'],
        ['', '李四', '城东一班', '', ''],
        ['E003', '王五', '城东一班', 'abc', '通宵班'],
        [null, null, null, null, null],
        ['E001', '赵六', '城东二班', '', 'late'],
        [1004, '孙七', '城东二班', 13912345678, null],
      ],
    })
    const result = await readRosterFile(bytes, 'cleaners.xlsx', 'cleaners')
    expect(result.rowCount).toBe(5)
    expect(result.rows).toEqual([
      { row: 2, employeeNo: 'E001', name: '张三', team: '城东一班', phone: '13800138000', shift: 'early' },
      { row: 7, employeeNo: '1004', name: '孙七', team: '城东二班', phone: '13912345678', shift: null },
    ])
    expect(messages(result.errors)).toEqual([
      '第 3 行 工号：为空',
      '第 4 行 电话：不是电话号码（“abc”）',
      '第 4 行 班次：未知班次“通宵班”（可填：早班、白班、晚班、early、day、late）',
      '第 6 行 工号：工号在文件中重复（与第 2 行相同）',
    ])
    expect(result.errors[0]).toMatchObject({ row: 3, field: '工号', reason: '为空' })
  })

  it('accepts English headers and reports missing required columns', async () => {
    const english = await workbook({ Sheet1: [['Employee No', 'Name', 'Team', 'Phone'], ['E9', 'Li', 'Team A', '']] })
    expect((await readRosterFile(english, 'a.xlsx', 'cleaners')).rows).toHaveLength(1)
    const missing = await workbook({ Sheet1: [['工号', '姓名'], ['E9', '李']] })
    const result = await readRosterFile(missing, 'a.xlsx', 'cleaners')
    expect(result.rows).toEqual([])
    expect(messages(result.errors)).toEqual(['第 1 行 班组：文件中没有这一列'])
  })

  it('resolves teams by name', () => {
    const teams: RosterTeam[] = [{ id: 3, name: '城东一班', streetId: null, active: true, targetWorkload: null, areaStreetIds: [], areaCommunityIds: [] }]
    const { resolved, errors } = resolveCleanerRows(
      [
        { row: 2, employeeNo: 'E1', name: '张三', team: '城东一班', phone: '', shift: null },
        { row: 3, employeeNo: 'E2', name: '李四', team: '城西班', phone: '', shift: null },
      ],
      { teams, cleanersByEmployeeNo: new Map() },
    )
    expect(resolved.map((row) => [row.row, row.teamId, row.existingId])).toEqual([[2, 3, null]])
    expect(messages(errors)).toEqual(['第 3 行 班组：未找到班组“城西班”'])
  })
})

const segments: RosterSegment[] = [1, 2, 3].map((seq) => ({
  id: 40 + seq,
  backStreetId: 4,
  backStreetName: '幸福巷',
  seq,
  lengthM: 100,
  grade: 2,
  gridId: null,
  communityId: null,
  streetId: null,
  coordinates: [],
}))
const cleaners: RosterCleaner[] = [
  { id: 1, teamId: 1, name: '张三', employeeNo: 'E001', phone: '', active: true, shift: 'late' },
  { id: 2, teamId: 1, name: '李四', employeeNo: 'E002', phone: '', active: false, shift: 'late' },
]

describe('assignments import', () => {
  it('checks metres, shifts and overlapping runs within the file', async () => {
    const bytes = await workbook({
      排班: [
        ['工号', '后街背巷', '段号', '班次', '起点(米)', '终点（米）'],
        ['E001', '幸福巷', 1, '晚班', null, null],
        ['E001', '幸福巷', 2, '晚班', 0, 40],
        ['E002', '幸福巷', 2, '晚班', 40, 100],
        ['E001', '幸福巷', 2, '晚班', 30, 50],
        ['E001', '幸福巷', '第3段', '夜里', -5, 'x'],
        ['E001', '幸福巷', 3, 'late', 60, 60],
        ['E001', '幸福巷', 1, '早班', null, null],
        ['E001', '幸福巷', 0, '早班', null, null],
      ],
    })
    const result = await readRosterFile(bytes, 'r.xlsx', 'assignments')
    expect(result.rows.map((row) => row.row)).toEqual([2, 3, 4, 8])
    expect(result.rows[0]).toEqual({ row: 2, employeeNo: 'E001', backStreet: '幸福巷', seq: 1, shift: 'late', fromM: null, toM: null })
    expect(messages(result.errors)).toEqual([
      '第 5 行 起点米：与第 3 行重叠（同一后街背巷、同一段、同一班次）',
      '第 6 行 班次：未知班次“夜里”（可填：早班、白班、晚班、early、day、late）',
      '第 6 行 起点米：不能为负数',
      '第 6 行 终点米：不是数字（“x”）',
      '第 7 行 终点米：须大于起点米（60 ≤ 60）',
      '第 9 行 段号：应为正整数（“0”）',
    ])
  })

  it('resolves employees, back streets and segments, reporting each by row and field', () => {
    const rows = [
      { row: 2, employeeNo: 'E001', backStreet: '幸福巷', seq: 1, shift: 'late' as const, fromM: null, toM: null },
      { row: 3, employeeNo: 'E999', backStreet: '幸福巷', seq: 2, shift: 'late' as const, fromM: 0, toM: 50 },
      { row: 4, employeeNo: 'E002', backStreet: '和平巷', seq: 1, shift: 'late' as const, fromM: null, toM: null },
      { row: 5, employeeNo: 'E001', backStreet: '幸福巷', seq: 7, shift: 'late' as const, fromM: null, toM: null },
      { row: 6, employeeNo: 'E001', backStreet: '幸福巷', seq: 3, shift: 'late' as const, fromM: 50, toM: 100.005 },
      { row: 7, employeeNo: 'E001', backStreet: '幸福巷', seq: 2, shift: 'late' as const, fromM: 100, toM: 130 },
    ]
    const { resolved, errors } = resolveAssignmentRows(rows, {
      cleanersByEmployeeNo: cleanersByEmployeeNo(cleaners),
      segmentsByStreetAndSeq: segmentsByStreetAndSeq(segments),
    })
    expect(resolved).toEqual([
      { row: 2, cleanerId: 1, segmentId: 41, shift: 'late', fromM: 0, toM: 100 },
      { row: 6, cleanerId: 1, segmentId: 43, shift: 'late', fromM: 50, toM: 100 },
    ])
    expect(messages(errors)).toEqual([
      '第 3 行 工号：未找到工号为“E999”的保洁员',
      '第 4 行 工号：保洁员“李四”（E002）已停用',
      '第 4 行 后街背巷：未找到后街背巷“和平巷”',
      '第 5 行 段号：“幸福巷”没有第 7 段（共 3 段）',
      '第 7 行 起点米：100 米超出路段长度 100.0 米',
      '第 7 行 终点米：130 米超出路段长度 100.0 米',
    ])
    expect(toImportAssignmentsPayload(rows.slice(0, 2))).toEqual([
      { row: 2, employee_no: 'E001', back_street: '幸福巷', seq: 1, shift: 'late' },
      { row: 3, employee_no: 'E999', back_street: '幸福巷', seq: 2, shift: 'late', from_m: 0, to_m: 50 },
    ])
  })
})

describe('facility duties import', () => {
  it('validates, then resolves facilities and both people', async () => {
    const bytes = await workbook({
      设施包干: [
        ['设施名称', '责任人工号', '副责任人工号'],
        ['幸福巷装车点', 'E001', ''],
        ['幸福巷装车点', 'E001', ''],
        ['和平公厕', 'E001', 'E001'],
        ['东站装车点', 'E001', 'E002'],
        ['无名点', 'E404', null],
      ],
    })
    const parsed = await readRosterFile(bytes, 'f.xlsx', 'facilityDuties')
    expect(messages(parsed.errors)).toEqual(['第 3 行 设施名称：设施在文件中重复（与第 2 行相同）', '第 4 行 副责任人工号：副责任人不能与责任人相同'])
    const { resolved, errors } = resolveFacilityDutyRows(parsed.rows, {
      facilities: [{ id: 1, name: '幸福巷装车点' }, { id: 2, name: '东站装车点' }, { id: 3, name: '东站装车点' }],
      cleanersByEmployeeNo: cleanersByEmployeeNo(cleaners),
    })
    expect(resolved).toEqual([{ row: 2, facilityId: 1, cleanerId: 1, deputyId: null }])
    expect(messages(errors)).toEqual([
      '第 5 行 设施名称：有 2 个设施名为“东站装车点”，请改用唯一的名称',
      '第 5 行 副责任人工号：保洁员“李四”（E002）已停用',
      '第 6 行 设施名称：未找到设施“无名点”',
      '第 6 行 责任人工号：未找到工号为“E404”的保洁员',
    ])
  })
})

describe('readRosterWorkbook', () => {
  it('reads each sheet by its header, whatever its name, and says which it skipped', async () => {
    const bytes = await workbook({
      人员: [['工号', '姓名', '班组'], ['E001', '张三', '一班']],
      Sheet2: [['设施名称', '责任人工号'], ['幸福巷装车点', 'E001']],
      说明: [['本表由环卫所填写']],
      排班表: [['工号', '后街背巷', '段号', '班次'], ['E001', '幸福巷', 1, '白班'], ['E001', '', 2, '白班']],
    })
    const result = await readRosterWorkbook(bytes)
    expect(result.cleaners?.rows).toHaveLength(1)
    expect(result.facilityDuties?.rows).toHaveLength(1)
    expect(result.assignments?.rows).toHaveLength(1)
    expect(result.assignments?.errors).toEqual([{ row: 3, field: '后街背巷', reason: '为空', message: '第 3 行 后街背巷：为空', sheet: '排班表' }])
    expect(result.skippedSheets.map((skipped) => skipped.sheet)).toEqual(['说明'])
    expect(detectRosterKind(['设施名称', '工号'])).toBe('facilityDuties')
  })

  it('refuses a file that is not a workbook with the tabular readers\' error', async () => {
    await expect(readRosterWorkbook(new TextEncoder().encode('工号,姓名'))).rejects.toMatchObject({ name: 'TableError', code: 'unreadable_xlsx' })
    await expect(readRosterWorkbook(new Uint8Array())).rejects.toMatchObject({ code: 'empty_file' })
  })

  it('reads CSV through the same path', async () => {
    const csv = new TextEncoder().encode('工号,姓名,班组,班次\nE1,张三,一班,晚班\n')
    expect((await readRosterFile(csv, 'c.csv', 'cleaners')).rows).toEqual([{ row: 2, employeeNo: 'E1', name: '张三', team: '一班', phone: '', shift: 'late' }])
  })
})
