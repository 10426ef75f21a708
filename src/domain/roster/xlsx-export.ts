/**
 * Rosters out: the XLSX roster (排班表) per team and shift, and the data of a cleaner's printable
 * A4 beat sheet (责任区域表). The sheet models are plain data (tested without a workbook); the
 * workbook is built from them with exceljs, loaded on first use.
 */
import type { Worksheet } from 'exceljs'
import { lineBetween } from './split-point.ts'
import type { CleaningGrade, Position, RosterCleaner, RosterSegment, RosterTeam, SegmentRoster, ShiftCode, ShiftDef } from './types.ts'
import { beatSummary, type BeatStreet, type BoundingBox } from './workload.ts'
import { loadExcel } from './xlsx-import.ts'

export const ROSTER_EXPORT_COLUMNS = ['工号', '姓名', '后街背巷', '段号', '起点(米)', '终点(米)', '长度(米)', '保洁等级', '工作量'] as const
export const SUBTOTAL_LABEL = '小计'
export const TOTAL_LABEL = '合计'

export interface RosterExportInput {
  teams: readonly RosterTeam[]
  cleaners: readonly RosterCleaner[]
  segments: ReadonlyMap<number, RosterSegment>
  grades: readonly CleaningGrade[]
  shifts: readonly ShiftDef[]
  /** each shift's rosters (the editor's, or from the stored assignments of the day) */
  rostersByShift: Partial<Record<ShiftCode, Iterable<SegmentRoster>>>
  /** the teams to export; all given when left out */
  teamIds?: readonly number[]
}

export type RosterSheetRow =
  | { kind: 'piece'; employeeNo: string; name: string; backStreet: string; seq: number; fromM: number; toM: number; lengthM: number; grade: string; workload: number }
  | { kind: 'subtotal'; employeeNo: string; name: string; lengthM: number; workload: number }
  | { kind: 'total'; lengthM: number; workload: number }

export interface RosterSheetModel {
  /** unique, ≤ 31 characters, no characters Excel forbids */
  sheetName: string
  teamId: number
  shift: ShiftCode
  title: string
  rows: RosterSheetRow[]
}

/**
 * One sheet per team and shift: the team's cleaners who hold pieces on that shift, plus its
 * active cleaners whose home shift it is (with a zero subtotal: a beat still to be given), by
 * 工号; each cleaner's pieces by back street name, 段号 and start; a 小计 per cleaner and a 合计.
 */
export function rosterSheetModels(input: RosterExportInput): RosterSheetModel[] {
  const teams = input.teamIds ? input.teams.filter((team) => input.teamIds?.includes(team.id)) : input.teams
  const gradeNames = new Map(input.grades.map((grade) => [grade.grade as number, grade.name]))
  const usedNames = new Set<string>()
  const models: RosterSheetModel[] = []
  // Iterables may be one-shot: read each shift's rosters once.
  const shiftRosters = new Map(input.shifts.map((shift) => [shift.code, [...(input.rostersByShift[shift.code] ?? [])]]))
  for (const team of teams) {
    for (const shift of input.shifts) {
      const holders = rostersByCleaner(shiftRosters.get(shift.code) ?? [])
      const members = input.cleaners
        .filter((cleaner) => cleaner.teamId === team.id && (holders.has(cleaner.id) || (cleaner.active && cleaner.shift === shift.code)))
        .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo, 'zh-CN', { numeric: true }))
      const rows: RosterSheetRow[] = []
      let teamLength = 0
      let teamWorkload = 0
      for (const cleaner of members) {
        const beat = beatSummary(cleaner.id, holders.get(cleaner.id) ?? [], input.segments, input.grades)
        for (const street of beat.backStreets) {
          for (const piece of street.pieces) {
            rows.push({
              kind: 'piece',
              employeeNo: cleaner.employeeNo,
              name: cleaner.name,
              backStreet: street.name,
              seq: piece.seq,
              fromM: round1(piece.fromM),
              toM: round1(piece.toM),
              lengthM: round1(piece.lengthM),
              grade: gradeNames.get(piece.grade) ?? `${piece.grade} 级`,
              workload: round1(piece.workload),
            })
          }
        }
        rows.push({ kind: 'subtotal', employeeNo: cleaner.employeeNo, name: cleaner.name, lengthM: round1(beat.lengthM), workload: round1(beat.workload) })
        teamLength += beat.lengthM
        teamWorkload += beat.workload
      }
      rows.push({ kind: 'total', lengthM: round1(teamLength), workload: round1(teamWorkload) })
      models.push({
        sheetName: uniqueSheetName(`${team.name}-${shift.name}`, usedNames),
        teamId: team.id,
        shift: shift.code,
        title: `${team.name} ${shift.name}（${shift.starts}–${shift.ends}）`,
        rows,
      })
    }
  }
  return models
}

/** Each cleaner's rosters on one shift, so a beat is summed over its own segments only. */
function rostersByCleaner(rosters: readonly SegmentRoster[]): Map<number, SegmentRoster[]> {
  const result = new Map<number, SegmentRoster[]>()
  for (const roster of rosters) {
    for (const cleanerId of new Set(roster.pieces.map((piece) => piece.cleanerId))) {
      if (cleanerId === null) continue
      const list = result.get(cleanerId)
      if (list) list.push(roster)
      else result.set(cleanerId, [roster])
    }
  }
  return result
}

const WIDTHS = [12, 10, 18, 7, 10, 10, 10, 10, 10]

/** The roster workbook: a frozen Chinese header row, widths set, a bold 小计 per cleaner and 合计. */
export async function buildRosterWorkbook(input: RosterExportInput): Promise<Uint8Array> {
  const excel = await loadExcel()
  const workbook = new excel.Workbook()
  workbook.creator = 'UrbanGrid'
  const models = rosterSheetModels(input)
  if (models.length === 0) workbook.addWorksheet('排班表')
  for (const model of models) writeSheet(workbook.addWorksheet(model.sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] }), model)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

function writeSheet(sheet: Worksheet, model: RosterSheetModel): void {
  sheet.addRow([...ROSTER_EXPORT_COLUMNS]).font = { bold: true }
  WIDTHS.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width
  })
  for (const column of [5, 6, 7, 9]) sheet.getColumn(column).numFmt = '0.0'
  for (const row of model.rows) {
    if (row.kind === 'piece') {
      sheet.addRow([row.employeeNo, row.name, row.backStreet, row.seq, row.fromM, row.toM, row.lengthM, row.grade, row.workload])
    } else if (row.kind === 'subtotal') {
      sheet.addRow([row.employeeNo, row.name, SUBTOTAL_LABEL, null, null, null, row.lengthM, null, row.workload]).font = { bold: true }
    } else {
      sheet.addRow([TOTAL_LABEL, null, null, null, null, null, row.lengthM, null, row.workload]).font = { bold: true }
    }
  }
}

/** Excel's sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique ignoring case. */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').trim().slice(0, 31) || '排班表'
  let name = base
  for (let count = 2; used.has(name.toLowerCase()); count++) {
    const suffix = `(${count})`
    name = base.slice(0, 31 - suffix.length) + suffix
  }
  used.add(name.toLowerCase())
  return name
}

export interface BeatSheetModel {
  cleaner: { id: number; name: string; employeeNo: string; phone: string; teamName: string }
  shift: ShiftDef
  backStreets: BeatStreet[]
  totals: { lengthM: number; workload: number; segmentCount: number; pieceCount: number; targetWorkload: number | null }
  bbox: BoundingBox | null
  /** each piece's line, for the sheet's map */
  lines: { segmentId: number; fromM: number; toM: number; coordinates: Position[] }[]
}

/** What a printable A4 beat sheet shows for one cleaner on one shift. */
export function beatSheetModel(
  cleaner: RosterCleaner,
  shift: ShiftDef,
  rosters: Iterable<SegmentRoster>,
  context: { segments: ReadonlyMap<number, RosterSegment>; grades: readonly CleaningGrade[]; teams: readonly RosterTeam[] },
): BeatSheetModel {
  const list = [...rosters]
  const beat = beatSummary(cleaner.id, list, context.segments, context.grades)
  const team = context.teams.find((one) => one.id === cleaner.teamId)
  const lines: BeatSheetModel['lines'] = []
  for (const street of beat.backStreets) {
    for (const piece of street.pieces) {
      const segment = context.segments.get(piece.segmentId) as RosterSegment
      lines.push({ segmentId: piece.segmentId, fromM: piece.fromM, toM: piece.toM, coordinates: piece.wholeSegment ? segment.coordinates : lineBetween(segment.coordinates, piece.fromM, piece.toM) })
    }
  }
  return {
    cleaner: { id: cleaner.id, name: cleaner.name, employeeNo: cleaner.employeeNo, phone: cleaner.phone, teamName: team?.name ?? '' },
    shift,
    backStreets: beat.backStreets,
    totals: { lengthM: beat.lengthM, workload: beat.workload, segmentCount: beat.segmentCount, pieceCount: beat.pieceCount, targetWorkload: team?.targetWorkload ?? null },
    bbox: beat.bbox,
    lines,
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
