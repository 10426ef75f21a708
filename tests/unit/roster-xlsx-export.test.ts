import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { beatSheetModel, buildRosterWorkbook, rosterSheetModels, uniqueSheetName, type RosterExportInput } from '../../src/domain/roster/xlsx-export.ts'
import { segmentIndex } from '../../src/domain/roster/workload.ts'
import type { RosterCleaner, RosterSegment, ShiftDef } from '../../src/domain/roster/types.ts'

function segment(id: number, name: string, seq: number, lengthM: number, grade: 1 | 2 | 3): RosterSegment {
  return {
    id,
    backStreetId: name === '幸福巷' ? 1 : 2,
    backStreetName: name,
    seq,
    lengthM,
    grade,
    gridId: null,
    communityId: null,
    streetId: null,
    coordinates: [[119.9 + id * 0.001, 32.47], [119.9 + id * 0.001 + 0.0005, 32.4703]],
  }
}

const shifts: ShiftDef[] = [
  { code: 'early', name: '早班', starts: '04:30', ends: '12:00' },
  { code: 'late', name: '晚班', starts: '18:00', ends: '22:30' },
]
const cleaners: RosterCleaner[] = [
  { id: 1, teamId: 1, name: '张三', employeeNo: 'E010', phone: '13800138000', active: true, shift: 'early' },
  { id: 2, teamId: 1, name: '李四', employeeNo: 'E002', phone: '', active: true, shift: 'early' },
  { id: 3, teamId: 1, name: '王五', employeeNo: 'E003', phone: '', active: true, shift: 'late' },
  { id: 4, teamId: 2, name: '赵六', employeeNo: 'E004', phone: '', active: true, shift: 'early' },
]

const input: RosterExportInput = {
  teams: [
    { id: 1, name: '城东一班', streetId: null, active: true, targetWorkload: 400, areaStreetIds: [], areaCommunityIds: [] },
    { id: 2, name: '城东二班', streetId: null, active: true, targetWorkload: null, areaStreetIds: [], areaCommunityIds: [] },
  ],
  cleaners,
  segments: segmentIndex([segment(11, '幸福巷', 1, 100, 1), segment(12, '幸福巷', 2, 80.25, 3), segment(13, '和平巷', 1, 50, 2)]),
  grades: [
    { grade: 1, name: '一级', frequency: 2, dustLimit: 5 },
    { grade: 2, name: '二级', frequency: 1.5, dustLimit: 10 },
    { grade: 3, name: '三级', frequency: 1, dustLimit: 15 },
  ],
  shifts,
  rostersByShift: {
    early: [
      { segmentId: 12, pieces: [{ fromM: 0, toM: 80.25, cleanerId: 1 }], base: [] },
      { segmentId: 11, pieces: [{ fromM: 0, toM: 60, cleanerId: 1 }, { fromM: 60, toM: 100, cleanerId: 4 }], base: [] },
      { segmentId: 13, pieces: [{ fromM: 0, toM: 50, cleanerId: null }], base: [] },
    ],
    late: [{ segmentId: 13, pieces: [{ fromM: 0, toM: 50, cleanerId: 1 }], base: [] }],
  },
}

describe('rosterSheetModels', () => {
  it('gives one sheet per team and shift with pieces, a subtotal per cleaner and a total', () => {
    const models = rosterSheetModels(input)
    expect(models.map((model) => model.sheetName)).toEqual(['城东一班-早班', '城东一班-晚班', '城东二班-早班', '城东二班-晚班'])
    expect(models[0].title).toBe('城东一班 早班（04:30–12:00）')
    expect(models[0].rows).toEqual([
      { kind: 'subtotal', employeeNo: 'E002', name: '李四', lengthM: 0, workload: 0 },
      { kind: 'piece', employeeNo: 'E010', name: '张三', backStreet: '幸福巷', seq: 1, fromM: 0, toM: 60, lengthM: 60, grade: '一级', workload: 120 },
      { kind: 'piece', employeeNo: 'E010', name: '张三', backStreet: '幸福巷', seq: 2, fromM: 0, toM: 80.3, lengthM: 80.3, grade: '三级', workload: 80.3 },
      { kind: 'subtotal', employeeNo: 'E010', name: '张三', lengthM: 140.3, workload: 200.3 },
      { kind: 'total', lengthM: 140.3, workload: 200.3 },
    ])
    // 张三 (home: early) works the late shift too; 王五 (home: late) has nothing yet
    expect(models[1].rows.map((row) => row.kind === 'total' ? 'total' : `${row.kind}:${row.employeeNo}`)).toEqual(['subtotal:E003', 'piece:E010', 'subtotal:E010', 'total'])
  })

  it('keeps sheet names legal and unique', () => {
    const used = new Set<string>()
    expect(uniqueSheetName('一班/早班', used)).toBe('一班_早班')
    expect(uniqueSheetName('一班/早班', used)).toBe('一班_早班(2)')
    expect(uniqueSheetName('很'.repeat(40), used)).toHaveLength(31)
  })
})

describe('buildRosterWorkbook', () => {
  it('writes a workbook exceljs reads back with the same cells, a frozen header and widths', async () => {
    const bytes = await buildRosterWorkbook({ ...input, teamIds: [1] })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes.slice().buffer as ArrayBuffer)
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['城东一班-早班', '城东一班-晚班'])
    const sheet = book.getWorksheet('城东一班-早班')!
    expect(sheet.getRow(1).values).toEqual([undefined, '工号', '姓名', '后街背巷', '段号', '起点(米)', '终点(米)', '长度(米)', '保洁等级', '工作量'])
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getColumn(3).width).toBe(18)
    expect(sheet.getRow(3).values).toEqual([undefined, 'E010', '张三', '幸福巷', 1, 0, 60, 60, '一级', 120])
    expect(sheet.getRow(5).values).toEqual([undefined, 'E010', '张三', '小计', undefined, undefined, undefined, 140.3, undefined, 200.3])
    expect(sheet.getRow(5).font?.bold).toBe(true)
    expect(sheet.getRow(6).getCell(1).value).toBe('合计')
    expect(sheet.getRow(6).getCell(9).value).toBe(200.3)
    expect(sheet.getColumn(9).numFmt).toBe('0.0')
  })
})

describe('beatSheetModel', () => {
  it('collects the cleaner, shift hours, streets with ranges and lengths, workload, bbox and lines', () => {
    const model = beatSheetModel(cleaners[0], shifts[0], input.rostersByShift.early!, input)
    expect(model.cleaner).toEqual({ id: 1, name: '张三', employeeNo: 'E010', phone: '13800138000', teamName: '城东一班' })
    expect(model.shift.starts).toBe('04:30')
    expect(model.backStreets.map((street) => [street.name, street.lengthM, street.pieces.map((piece) => [piece.seq, piece.fromM, piece.toM])])).toEqual([
      ['幸福巷', 140.25, [[1, 0, 60], [2, 0, 80.25]]],
    ])
    expect(model.totals).toEqual({ lengthM: 140.25, workload: 200.25, segmentCount: 2, pieceCount: 2, targetWorkload: 400 })
    expect(model.lines).toHaveLength(2)
    expect(model.lines[1].coordinates).toEqual(input.segments.get(12)!.coordinates)
    expect(model.bbox![0]).toBe(119.911)
    expect(model.bbox![2]).toBeCloseTo(119.9125, 9)
  })
})
