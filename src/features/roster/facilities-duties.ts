/**
 * 专人包干 of facilities, the pure part: which facilities (and segments) lie in a team's area,
 * the counts per kind of who answers for them, the table's filters, the rows
 * `facility_duty_set` takes, and the duties sheet (设施名称 / 责任人工号 / 副责任人工号) as the rows
 * `facility_duty_import` takes, every bad row reported by row and field.
 */
import type { FacilityDuty } from '../../data/roster-reads.ts'
import type { RosterTeam } from '../../domain/roster/types.ts'
import { toFacilityDutyImportPayload } from '../../domain/roster/import-resolve.ts'
import { ROSTER_MESSAGES, rowMessage } from '../../domain/roster/messages.ts'
import { parseRosterTable } from '../../domain/roster/xlsx-import.ts'
import type { Table } from '../../domain/tabular/index.ts'
import type { ImportResult } from './people-import.ts'

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

/**
 * The duties sheet (设施名称 / 责任人工号 / 副责任人工号) as the rows `facility_duty_import`
 * takes, read and checked by the roster's import (domain/roster/xlsx-import.ts). A 设施名称 not
 * among `knownFacilities` (the duties read: every facility that has a duty) is an error here
 * already; unknown or inactive 工号 are the database's to report, by row and field.
 */
export function dutyRowsFromTable(table: Table, knownFacilities: ReadonlySet<string> | null): ImportResult<DutyImportPayload> {
  const parsed = parseRosterTable('facilityDuties', table)
  const errors = [...parsed.errors]
  const rows = parsed.rows.filter((row) => {
    if (!knownFacilities || knownFacilities.has(row.facility)) return true
    errors.push({ row: row.row, field: '设施名称', reason: ROSTER_MESSAGES.unknownFacility(row.facility), message: rowMessage(row.row, '设施名称', ROSTER_MESSAGES.unknownFacility(row.facility)) })
    return false
  })
  errors.sort((a, b) => a.row - b.row)
  return { rows: toFacilityDutyImportPayload(rows), errors, read: parsed.rowCount, notices: parsed.notices }
}

/** One row of `facility_duty_import`. */
export type DutyImportPayload = ReturnType<typeof toFacilityDutyImportPayload>[number]
