/**
 * The resolve step of the roster imports: rows that passed validation, checked against what the
 * database holds (cleaners by 工号, back streets by name, segments by name and 段号, teams,
 * facilities). Problems are reported by row and field; the rows that resolve are returned with
 * ids, so the preview can show them. The SQL import functions check the same again.
 */
import { SLIVER_M } from './pieces.ts'
import { ROSTER_MESSAGES, rowMessage } from './messages.ts'
import type { RosterCleaner, RosterSegment, RosterTeam, ShiftCode } from './types.ts'
import type { AssignmentImportRow, CleanerImportRow, FacilityDutyImportRow, RosterRowError } from './xlsx-import.ts'

/** The key of `segmentsByStreetAndSeq`: back street name and 段号. */
export function segmentKey(backStreetName: string, seq: number): string {
  return `${backStreetName.trim()}#${seq}`
}

export function segmentsByStreetAndSeq(segments: Iterable<RosterSegment>): Map<string, RosterSegment> {
  const map = new Map<string, RosterSegment>()
  for (const segment of segments) map.set(segmentKey(segment.backStreetName, segment.seq), segment)
  return map
}

export function cleanersByEmployeeNo(cleaners: Iterable<RosterCleaner>): Map<string, RosterCleaner> {
  const map = new Map<string, RosterCleaner>()
  for (const cleaner of cleaners) map.set(cleaner.employeeNo.trim(), cleaner)
  return map
}

export interface ResolvedAssignmentRow {
  row: number
  cleanerId: number
  segmentId: number
  shift: ShiftCode
  /** filled in: 0 and the segment's length where the file left them out */
  fromM: number
  toM: number
}

function error(row: number, field: string, reason: string): RosterRowError {
  return { row, field, reason, message: rowMessage(row, field, reason) }
}

export function resolveAssignmentRows(
  rows: readonly AssignmentImportRow[],
  known: { cleanersByEmployeeNo: ReadonlyMap<string, RosterCleaner>; segmentsByStreetAndSeq: ReadonlyMap<string, RosterSegment> },
): { resolved: ResolvedAssignmentRow[]; errors: RosterRowError[] } {
  const segmentsPerStreet = new Map<string, number>()
  for (const segment of known.segmentsByStreetAndSeq.values()) {
    const name = segment.backStreetName.trim()
    segmentsPerStreet.set(name, (segmentsPerStreet.get(name) ?? 0) + 1)
  }
  const resolved: ResolvedAssignmentRow[] = []
  const errors: RosterRowError[] = []
  for (const row of rows) {
    const rowErrors: RosterRowError[] = []
    const cleaner = known.cleanersByEmployeeNo.get(row.employeeNo.trim())
    if (!cleaner) rowErrors.push(error(row.row, '工号', ROSTER_MESSAGES.unknownEmployeeNo(row.employeeNo)))
    else if (!cleaner.active) rowErrors.push(error(row.row, '工号', ROSTER_MESSAGES.inactiveCleaner(cleaner.name, cleaner.employeeNo)))
    const segment = known.segmentsByStreetAndSeq.get(segmentKey(row.backStreet, row.seq))
    const count = segmentsPerStreet.get(row.backStreet.trim()) ?? 0
    if (count === 0) rowErrors.push(error(row.row, '后街背巷', ROSTER_MESSAGES.unknownBackStreet(row.backStreet)))
    else if (!segment) rowErrors.push(error(row.row, '段号', ROSTER_MESSAGES.unknownSegment(row.backStreet.trim(), row.seq, count)))
    let fromM = row.fromM ?? 0
    let toM = row.toM ?? segment?.lengthM ?? 0
    if (segment) {
      if (fromM >= segment.lengthM) rowErrors.push(error(row.row, '起点米', ROSTER_MESSAGES.beyondSegment(fromM, segment.lengthM)))
      if (toM > segment.lengthM + SLIVER_M) rowErrors.push(error(row.row, '终点米', ROSTER_MESSAGES.beyondSegment(toM, segment.lengthM)))
      // within the database's slack: the run ends where the segment does
      toM = Math.min(toM, segment.lengthM)
      fromM = Math.max(0, fromM)
    }
    if (rowErrors.length > 0 || !cleaner || !segment) {
      errors.push(...rowErrors)
      continue
    }
    resolved.push({ row: row.row, cleanerId: cleaner.id, segmentId: segment.id, shift: row.shift, fromM, toM })
  }
  return { resolved, errors }
}

export interface ResolvedCleanerRow extends CleanerImportRow {
  teamId: number
  /** the cleaner this row updates (by 工号), null when it creates one */
  existingId: number | null
}

/** Teams by name (active teams only); 工号 already known update that cleaner. */
export function resolveCleanerRows(
  rows: readonly CleanerImportRow[],
  known: { teams: readonly RosterTeam[]; cleanersByEmployeeNo: ReadonlyMap<string, RosterCleaner> },
): { resolved: ResolvedCleanerRow[]; errors: RosterRowError[] } {
  const teamByName = new Map(known.teams.filter((team) => team.active).map((team) => [team.name.trim(), team]))
  const resolved: ResolvedCleanerRow[] = []
  const errors: RosterRowError[] = []
  for (const row of rows) {
    const team = teamByName.get(row.team.trim())
    if (!team) {
      errors.push(error(row.row, '班组', ROSTER_MESSAGES.unknownTeam(row.team)))
      continue
    }
    resolved.push({ ...row, teamId: team.id, existingId: known.cleanersByEmployeeNo.get(row.employeeNo)?.id ?? null })
  }
  return { resolved, errors }
}

export interface ResolvedFacilityDutyRow {
  row: number
  facilityId: number
  cleanerId: number
  deputyId: number | null
}

export function resolveFacilityDutyRows(
  rows: readonly FacilityDutyImportRow[],
  known: { facilities: readonly { id: number; name: string }[]; cleanersByEmployeeNo: ReadonlyMap<string, RosterCleaner> },
): { resolved: ResolvedFacilityDutyRow[]; errors: RosterRowError[] } {
  const byName = new Map<string, number[]>()
  for (const facility of known.facilities) {
    const name = facility.name.trim()
    byName.set(name, [...(byName.get(name) ?? []), facility.id])
  }
  const resolved: ResolvedFacilityDutyRow[] = []
  const errors: RosterRowError[] = []
  const cleanerOf = (row: number, field: string, employeeNo: string): RosterCleaner | null => {
    const cleaner = known.cleanersByEmployeeNo.get(employeeNo.trim())
    if (!cleaner) errors.push(error(row, field, ROSTER_MESSAGES.unknownEmployeeNo(employeeNo)))
    else if (!cleaner.active) errors.push(error(row, field, ROSTER_MESSAGES.inactiveCleaner(cleaner.name, cleaner.employeeNo)))
    else return cleaner
    return null
  }
  for (const row of rows) {
    const before = errors.length
    const ids = byName.get(row.facility.trim()) ?? []
    if (ids.length === 0) errors.push(error(row.row, '设施名称', ROSTER_MESSAGES.unknownFacility(row.facility)))
    else if (ids.length > 1) errors.push(error(row.row, '设施名称', ROSTER_MESSAGES.ambiguousFacility(row.facility, ids.length)))
    const cleaner = cleanerOf(row.row, '责任人工号', row.employeeNo)
    const deputy = row.deputyEmployeeNo === null ? null : cleanerOf(row.row, '副责任人工号', row.deputyEmployeeNo)
    if (errors.length > before || !cleaner) continue
    resolved.push({ row: row.row, facilityId: ids[0], cleanerId: cleaner.id, deputyId: deputy?.id ?? null })
  }
  return { resolved, errors }
}

/** `roster_import_cleaners(p_rows)`'s argument. */
export function toImportCleanersPayload(rows: readonly CleanerImportRow[]) {
  return rows.map((row) => ({ row: row.row, employee_no: row.employeeNo, name: row.name, team: row.team, phone: row.phone, shift: row.shift }))
}

/** `roster_import_assignments(p_day, p_rows)`'s rows; from_m/to_m only where the file gave them. */
export function toImportAssignmentsPayload(rows: readonly AssignmentImportRow[]) {
  return rows.map((row) => ({
    row: row.row,
    employee_no: row.employeeNo,
    back_street: row.backStreet,
    seq: row.seq,
    shift: row.shift,
    ...(row.fromM !== null ? { from_m: row.fromM } : {}),
    ...(row.toM !== null ? { to_m: row.toM } : {}),
  }))
}

/** `facility_duty_import(p_day, p_rows)`'s rows. */
export function toFacilityDutyImportPayload(rows: readonly FacilityDutyImportRow[]) {
  return rows.map((row) => ({
    row: row.row,
    facility: row.facility,
    employee_no: row.employeeNo,
    ...(row.deputyEmployeeNo !== null ? { deputy_employee_no: row.deputyEmployeeNo } : {}),
  }))
}
