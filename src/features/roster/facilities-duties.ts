/**
 * 专人包干 of facilities, the pure part: which facilities (and segments) lie in a team's area,
 * the counts per kind of who answers for them, the table's filters, the rows
 * `facility_duty_set` takes, and the duties sheet (设施名称 / 责任人工号 / 副责任人工号) as the rows
 * `facility_duty_import` takes, every bad row reported by row and field.
 */
import type { FacilityDuty } from '../../data/roster-reads.ts'
import type { RosterTeam } from '../../domain/roster/types.ts'
import { rowNumberOf, type Table } from '../../domain/tabular/index.ts'
import { findColumn, type ImportResult, type ImportRowError } from './people-import.ts'

/** The kinds that have a person answering for them, in the order the panel lists them. */
export const DUTY_KINDS = ['collection_point', 'compactor_station', 'public_toilet', 'transfer_station'] as const
export type DutyKind = (typeof DUTY_KINDS)[number]

/** In the team's area: its community is listed, or its street is. No team: everything. */
export function inTeamArea(team: Pick<RosterTeam, 'areaCommunityIds' | 'areaStreetIds'> | null, place: { communityId: number | null; streetId: number | null }): boolean {
  if (!team) return true
  if (place.communityId !== null && team.areaCommunityIds.includes(place.communityId)) return true
  return place.streetId !== null && team.areaStreetIds.includes(place.streetId)
}

export function dutiesOfTeam(duties: readonly FacilityDuty[], team: Pick<RosterTeam, 'areaCommunityIds' | 'areaStreetIds'> | null): FacilityDuty[] {
  return duties.filter((duty) => inTeamArea(team, duty))
}

export interface DutyCounts {
  total: number
  withResponsible: number
  withDeputy: number
  /** nobody answers for it */
  nobody: number
}

/** Per kind (every kind listed, zero when absent) and overall. */
export function dutySummary(duties: readonly FacilityDuty[]): { byKind: Record<DutyKind, DutyCounts>; total: DutyCounts } {
  const empty = (): DutyCounts => ({ total: 0, withResponsible: 0, withDeputy: 0, nobody: 0 })
  const byKind = Object.fromEntries(DUTY_KINDS.map((kind) => [kind, empty()])) as Record<DutyKind, DutyCounts>
  const total = empty()
  for (const duty of duties) {
    const counts = [total, byKind[duty.kind as DutyKind]].filter(Boolean)
    for (const count of counts) {
      count.total++
      if (duty.cleanerId !== null) count.withResponsible++
      if (duty.deputyId !== null) count.withDeputy++
      if (duty.cleanerId === null && duty.deputyId === null) count.nobody++
    }
  }
  return { byKind, total }
}

export interface DutyFilter {
  kind: DutyKind | null
  nobodyOnly: boolean
  /** part of the facility's name */
  text?: string
}

export function filterDuties(duties: readonly FacilityDuty[], filter: DutyFilter): FacilityDuty[] {
  const text = (filter.text ?? '').trim()
  return duties.filter(
    (duty) =>
      (filter.kind === null || duty.kind === filter.kind) &&
      (!filter.nobodyOnly || (duty.cleanerId === null && duty.deputyId === null)) &&
      (text === '' || duty.name.includes(text)),
  )
}

/** One row of `facility_duty_set`, based on the version the table showed. */
export function dutySetRow(duty: Pick<FacilityDuty, 'facilityId' | 'version'>, cleanerId: number | null, deputyId: number | null) {
  return { facility_id: duty.facilityId, cleaner_id: cleanerId, deputy_id: deputyId, base_version: duty.version }
}

/** Why a responsible/deputy pair cannot be saved, before anything is sent; null when it can. */
export function dutyPairProblem(cleanerId: number | null, deputyId: number | null): 'sameAsResponsible' | 'deputyWithoutResponsible' | null {
  if (cleanerId !== null && cleanerId === deputyId) return 'sameAsResponsible'
  if (cleanerId === null && deputyId !== null) return 'deputyWithoutResponsible'
  return null
}

export const DUTY_COLUMNS = {
  facility: ['设施名称', '设施', 'facility', 'name'],
  employeeNo: ['责任人工号', '责任人', 'employee_no'],
  deputyEmployeeNo: ['副责任人工号', '副责任人', 'deputy_employee_no'],
} as const

/** One row of `facility_duty_import`. */
export interface DutyImportRow {
  row: number
  facility: string
  employee_no: string
  deputy_employee_no?: string
}

/**
 * The duties sheet as import rows. A 设施名称 not among `knownFacilities` (the duties read,
 * every kind) is an error here already; unknown 工号 are the database's to report.
 */
export function dutyRowsFromTable(table: Table, knownFacilities: ReadonlySet<string> | null): ImportResult<DutyImportRow> {
  const columns = {
    facility: findColumn(table.columns, DUTY_COLUMNS.facility),
    employeeNo: findColumn(table.columns, DUTY_COLUMNS.employeeNo),
    deputy: findColumn(table.columns, DUTY_COLUMNS.deputyEmployeeNo),
  }
  const errors: ImportRowError[] = []
  if (!columns.facility) errors.push({ row: 0, field: '设施名称', reason: 'noColumn' })
  if (!columns.employeeNo) errors.push({ row: 0, field: '责任人工号', reason: 'noColumn' })
  if (errors.length > 0) return { rows: [], errors, read: table.rows.length }

  const rows: DutyImportRow[] = []
  const seen = new Set<string>()
  table.rows.forEach((record, index) => {
    const row = rowNumberOf(table, index)
    const cell = (column: string | null) => (column ? (record[column] ?? '').trim() : '')
    const facility = cell(columns.facility)
    const employeeNo = cell(columns.employeeNo)
    const deputy = cell(columns.deputy)
    const rowErrors: ImportRowError[] = []
    const facilityField = columns.facility ?? '设施名称'
    if (facility === '') rowErrors.push({ row, field: facilityField, reason: 'missing' })
    else if (seen.has(facility)) rowErrors.push({ row, field: facilityField, reason: 'duplicate', value: facility })
    else if (knownFacilities && !knownFacilities.has(facility)) rowErrors.push({ row, field: facilityField, reason: 'unknownFacility', value: facility })
    if (employeeNo === '') rowErrors.push({ row, field: columns.employeeNo ?? '责任人工号', reason: 'missing' })
    if (deputy !== '' && deputy === employeeNo) rowErrors.push({ row, field: columns.deputy ?? '副责任人工号', reason: 'sameAsResponsible', value: deputy })
    if (facility !== '') seen.add(facility)
    if (rowErrors.length > 0) {
      errors.push(...rowErrors)
      return
    }
    rows.push({ row, facility, employee_no: employeeNo, ...(deputy === '' ? {} : { deputy_employee_no: deputy }) })
  })
  return { rows, errors, read: table.rows.length }
}
