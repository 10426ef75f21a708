/**
 * The 保洁排班 workspace's SQL API (supabase/migrations/20261207000100_roster.sql): its reads,
 * parsed from the database's snake_case into the roster's own types (domain/roster/types.ts),
 * and its writing functions. Every write is one function call; the tables they write are
 * followed so every open view of the roster (and the segments layer) reads again.
 */
import { z } from 'zod'
import { defineRead } from './reads.ts'
import type { RpcSpec } from './rpc.ts'
import type {
  CleaningGrade,
  CoverageReport,
  CoverageTotals,
  RosterAssignment,
  RosterCleaner,
  RosterSegment,
  RosterTeam,
  ShiftCode,
  ShiftDef,
} from '../domain/roster/types.ts'
import { SHIFT_CODES } from '../domain/roster/types.ts'
import type { FacilityDuty as FacilityDutyBase } from '../domain/roster/facility-duties.ts'
import type { QualityScore, RosterInspection } from '../domain/roster/quality.ts'

const shiftCode = z.enum(SHIFT_CODES)
const id = z.coerce.number()
const num = z.coerce.number()
const date = z.string().transform((value) => value.slice(0, 10))

const teamSchema = z
  .object({
    id,
    name: z.string(),
    street_id: id.nullable(),
    active: z.boolean(),
    target_workload: num.nullable(),
    area_street_ids: z.array(id).nullable(),
    area_community_ids: z.array(id).nullable(),
  })
  .transform(
    (t): RosterTeam => ({
      id: t.id,
      name: t.name,
      streetId: t.street_id,
      active: t.active,
      targetWorkload: t.target_workload,
      areaStreetIds: t.area_street_ids ?? [],
      areaCommunityIds: t.area_community_ids ?? [],
    }),
  )

const cleanerSchema = z
  .object({ id, team_id: id, name: z.string(), employee_no: z.string(), phone: z.string().nullable(), active: z.boolean(), shift: shiftCode.nullable() })
  .transform((c): RosterCleaner => ({ id: c.id, teamId: c.team_id, name: c.name, employeeNo: c.employee_no, phone: c.phone ?? '', active: c.active, shift: c.shift }))

const shiftSchema = z
  .object({ code: shiftCode, name: z.string(), starts: z.string(), ends: z.string() })
  .transform((s): ShiftDef => ({ code: s.code, name: s.name, starts: s.starts.slice(0, 5), ends: s.ends.slice(0, 5) }))

const gradeSchema = z
  .object({ grade: z.union([z.literal(1), z.literal(2), z.literal(3)]), name: z.string(), frequency: num, dust_limit: num })
  .transform((g): CleaningGrade => ({ grade: g.grade, name: g.name, frequency: g.frequency, dustLimit: g.dust_limit }))

const segmentSchema = z
  .object({
    id,
    back_street_id: id,
    back_street_name: z.string(),
    seq: z.number(),
    length_m: num,
    grade: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    grid_id: id.nullable(),
    community_id: id.nullable(),
    street_id: id.nullable(),
    coordinates: z.array(z.tuple([z.number(), z.number()])),
  })
  .transform(
    (s): RosterSegment => ({
      id: s.id,
      backStreetId: s.back_street_id,
      backStreetName: s.back_street_name,
      seq: s.seq,
      lengthM: s.length_m,
      grade: s.grade,
      gridId: s.grid_id,
      communityId: s.community_id,
      streetId: s.street_id,
      coordinates: s.coordinates,
    }),
  )

export interface RosterWorkspaceData {
  teams: RosterTeam[]
  cleaners: RosterCleaner[]
  shifts: ShiftDef[]
  grades: CleaningGrade[]
  segments: RosterSegment[]
  myTeamId: number | null
  canEditTeamIds: number[]
}

export const rosterWorkspaceSchema = z
  .object({
    teams: z.array(teamSchema),
    cleaners: z.array(cleanerSchema),
    shifts: z.array(shiftSchema),
    grades: z.array(gradeSchema),
    segments: z.array(segmentSchema),
    my_team_id: id.nullable().optional(),
    can_edit_team_ids: z.array(id).nullable().optional(),
  })
  .transform(
    (w): RosterWorkspaceData => ({
      teams: w.teams,
      cleaners: w.cleaners,
      shifts: w.shifts,
      grades: w.grades,
      segments: w.segments,
      myTeamId: w.my_team_id ?? null,
      canEditTeamIds: w.can_edit_team_ids ?? [],
    }),
  )

const assignmentSchema = z
  .object({ id, version: num, segment_id: id, from_m: num, to_m: num, cleaner_id: id, shift: shiftCode, valid_from: date, valid_to: date.nullable() })
  .transform(
    (a): RosterAssignment => ({
      id: a.id,
      version: a.version,
      segmentId: a.segment_id,
      fromM: a.from_m,
      toM: a.to_m,
      cleanerId: a.cleaner_id,
      shift: a.shift,
      validFrom: a.valid_from,
      validTo: a.valid_to,
    }),
  )
export const rosterAssignmentsSchema = z.array(assignmentSchema)

const totalsShape = { length_m: num, covered_m: num, uncovered_m: num, double_m: num, percent: num }
const totalsOf = (t: { length_m: number; covered_m: number; uncovered_m: number; double_m: number; percent: number }): CoverageTotals => ({
  lengthM: t.length_m,
  coveredM: t.covered_m,
  uncoveredM: t.uncovered_m,
  doubleM: t.double_m,
  percent: t.percent,
})
const unitSchema = z.object({ id, name: z.string(), ...totalsShape }).transform((u) => ({ id: u.id, name: u.name, ...totalsOf(u) }))

/** Whole centimetres (the database's metres to 0.01, × 100). */
const centimetres = z.array(z.number().int())

/**
 * A segment's percent from its centimetres, by the rule the database applies to totals and
 * units: 100 only when nothing is uncovered, else to 0.01 and at most 99.99.
 */
export function segmentPercent(lengthCm: number, coveredCm: number): number {
  if (lengthCm <= 0 || coveredCm >= lengthCm) return 100
  return Math.min(Math.round((10000 * coveredCm) / lengthCm) / 100, 99.99)
}

/**
 * The segments of roster_coverage come as columns (20261209000200_roster_coverage_speed.sql):
 * one array per field in segment id order, gaps as three arrays in segment then start order.
 * Turned back into one CoverageReport row per segment here.
 */
const segmentColumnsSchema = z
  .object({
    segment_id: z.array(id),
    length_cm: centimetres,
    covered_cm: centimetres,
    double_cm: centimetres,
    gaps: z.object({ segment_id: z.array(id), from_cm: centimetres, to_cm: centimetres }),
  })
  .refine(
    (c) =>
      c.length_cm.length === c.segment_id.length &&
      c.covered_cm.length === c.segment_id.length &&
      c.double_cm.length === c.segment_id.length &&
      c.gaps.from_cm.length === c.gaps.segment_id.length &&
      c.gaps.to_cm.length === c.gaps.segment_id.length,
    { message: '覆盖率各列长度不一致' },
  )
  .transform((c): CoverageReport['segments'] => {
    const gaps = new Map<number, [number, number][]>()
    c.gaps.segment_id.forEach((segmentId, k) => {
      const list = gaps.get(segmentId) ?? []
      list.push([c.gaps.from_cm[k] / 100, c.gaps.to_cm[k] / 100])
      gaps.set(segmentId, list)
    })
    return c.segment_id.map((segmentId, k) => {
      const length = c.length_cm[k]
      const covered = c.covered_cm[k]
      return {
        segmentId,
        lengthM: length / 100,
        coveredM: covered / 100,
        uncoveredM: Math.max(length - covered, 0) / 100,
        doubleM: c.double_cm[k] / 100,
        percent: segmentPercent(length, covered),
        gaps: gaps.get(segmentId) ?? [],
      }
    })
  })

export const rosterCoverageSchema = z
  .object({
    day: date,
    shift: shiftCode,
    totals: z.object(totalsShape),
    segments: segmentColumnsSchema,
    by_street: z.array(unitSchema),
    by_community: z.array(unitSchema),
    by_team: z.array(unitSchema),
  })
  .transform(
    (c): CoverageReport => ({
      day: c.day,
      shift: c.shift,
      totals: totalsOf(c.totals),
      segments: c.segments,
      byStreet: c.by_street,
      byCommunity: c.by_community,
      byTeam: c.by_team,
    }),
  )

/** A facility's duty as read: the domain's fields, the people's names and the duty row (id, version) a change is based on. */
export interface FacilityDuty extends FacilityDutyBase {
  cleanerName: string | null
  deputyName: string | null
  dutyId: number | null
  version: number | null
}
export const facilityDutiesSchema = z.array(
  z
    .object({
      facility_id: id,
      name: z.string(),
      kind: z.string(),
      community_id: id.nullable(),
      street_id: id.nullable(),
      cleaner_id: id.nullable(),
      cleaner_name: z.string().nullable(),
      deputy_id: id.nullable(),
      deputy_name: z.string().nullable(),
      duty_id: id.nullable(),
      version: num.nullable(),
    })
    .transform(
      (f): FacilityDuty => ({
        facilityId: f.facility_id,
        name: f.name,
        kind: f.kind,
        communityId: f.community_id,
        streetId: f.street_id,
        cleanerId: f.cleaner_id,
        cleanerName: f.cleaner_name,
        deputyId: f.deputy_id,
        deputyName: f.deputy_name,
        dutyId: f.duty_id,
        version: f.version,
      }),
    ),
)

export type Inspection = RosterInspection
export const inspectionSchema = z
  .object({ id, segment_id: id, at: z.string(), grams_per_m2: num, inspector: z.string().nullable(), note: z.string().nullable(), cleaner_id: id.nullable() })
  .transform((i): Inspection => ({ id: i.id, segmentId: i.segment_id, at: i.at, gramsPerM2: i.grams_per_m2, inspector: i.inspector ?? '', note: i.note ?? '', cleanerId: i.cleaner_id }))

/** One segment's or cleaner's month: its id and score. */
export interface QualityRow extends QualityScore {
  id: number
}
const qualityShape = { samples: num, mean_g: num, passed: num, pass_rate: num, score: num }
const qualityOf = (rowId: number, row: { samples: number; mean_g: number; passed: number; pass_rate: number; score: number }): QualityRow => ({
  id: rowId,
  samples: row.samples,
  meanG: row.mean_g,
  passed: row.passed,
  passRate: row.pass_rate,
  score: row.score,
})
export const rosterQualitySchema = z.object({
  segments: z.array(z.object({ segment_id: id, ...qualityShape }).transform((row) => qualityOf(row.segment_id, row))),
  cleaners: z.array(z.object({ cleaner_id: id, ...qualityShape }).transform((row) => qualityOf(row.cleaner_id, row))),
})

const anyJson = z.unknown()

/** What roster_apply (and the plan and import variants) answer: the segments' assignments as stored now. */
export const rosterApplyResultSchema = z.object({ changed_segments: num, assignments: rosterAssignmentsSchema }).transform((result) => ({
  changedSegments: result.changed_segments,
  assignments: result.assignments,
}))

export const ROSTER_RPC = {
  workspace: { name: 'roster_workspace', args: { p_team_id: 'bigint' }, result: rosterWorkspaceSchema } satisfies RpcSpec,
  assignments: { name: 'roster_assignments', args: { p_day: 'date', p_segment_ids: 'bigint[]' }, result: rosterAssignmentsSchema } satisfies RpcSpec,
  coverage: { name: 'roster_coverage', args: { p_day: 'date', p_shift: 'text' }, result: rosterCoverageSchema } satisfies RpcSpec,
  facilityDuties: { name: 'facility_duties_read', args: { p_day: 'date' }, result: facilityDutiesSchema } satisfies RpcSpec,
  inspections: { name: 'roster_inspections', args: { p_from: 'date', p_to: 'date' }, result: z.array(inspectionSchema) } satisfies RpcSpec,
  quality: { name: 'roster_quality', args: { p_month: 'date' }, result: rosterQualitySchema } satisfies RpcSpec,
  apply: { name: 'roster_apply', args: { p_change: 'jsonb' }, result: rosterApplyResultSchema, writes: ['segment_assignments'] } satisfies RpcSpec,
  applyPlan: { name: 'roster_apply_plan', args: { p_plan: 'jsonb' }, result: rosterApplyResultSchema, writes: ['segment_assignments'] } satisfies RpcSpec,
  importAssignments: { name: 'roster_import_assignments', args: { p_day: 'date', p_rows: 'jsonb' }, result: anyJson, writes: ['segment_assignments'] } satisfies RpcSpec,
  saveTeam: { name: 'roster_save_team', args: { p: 'jsonb' }, result: anyJson, writes: ['cleaners'] } satisfies RpcSpec,
  saveCleaner: { name: 'roster_save_cleaner', args: { p: 'jsonb' }, result: anyJson, writes: ['cleaners'] } satisfies RpcSpec,
  setCleanerActive: {
    name: 'roster_set_cleaner_active',
    args: { p_cleaner_id: 'bigint', p_active: 'boolean', p_day: 'date' },
    result: anyJson,
    writes: ['cleaners', 'segment_assignments', 'facility_duties'],
  } satisfies RpcSpec,
  importCleaners: { name: 'roster_import_cleaners', args: { p_rows: 'jsonb' }, result: anyJson, writes: ['cleaners'] } satisfies RpcSpec,
  saveShifts: { name: 'roster_save_shifts', args: { p: 'jsonb' }, result: anyJson, writes: ['cleaners'] } satisfies RpcSpec,
  // The grades come with the workspace read (which follows `cleaners`) and set the month's
  // pass/fail (the quality read follows `cleaning_inspections`): those are the reads to drop.
  saveGrades: { name: 'roster_save_grades', args: { p: 'jsonb' }, result: anyJson, writes: ['cleaners', 'cleaning_inspections'] } satisfies RpcSpec,
  facilityDutySet: { name: 'facility_duty_set', args: { p_day: 'date', p_rows: 'jsonb' }, result: anyJson, writes: ['facility_duties'] } satisfies RpcSpec,
  facilityDutyImport: { name: 'facility_duty_import', args: { p_day: 'date', p_rows: 'jsonb' }, result: anyJson, writes: ['facility_duties'] } satisfies RpcSpec,
  recordInspection: { name: 'roster_record_inspection', args: { p: 'jsonb' }, result: anyJson, writes: ['cleaning_inspections'] } satisfies RpcSpec,
}

/** Teams, cleaners, shifts, grades and the team's segments (all segments when no team). */
export const ROSTER_WORKSPACE_READ = defineRead({
  kind: 'rosterWorkspace',
  fetch: (repository, teamId: number | null) => repository.rpc(ROSTER_RPC.workspace, { p_team_id: teamId }),
  tables: ['cleaners', 'grids'],
  keepPrevious: true,
})

/** Assignments open on a day, every shift. */
export const ROSTER_ASSIGNMENTS_READ = defineRead({
  kind: 'rosterAssignments',
  fetch: (repository, day: string) => repository.rpc(ROSTER_RPC.assignments, { p_day: day, p_segment_ids: null }),
  tables: ['segment_assignments', 'cleaners'],
  keepPrevious: true,
})

/** The district's coverage of one day and shift, as the database counts it. */
export const ROSTER_COVERAGE_READ = defineRead({
  kind: 'rosterCoverage',
  fetch: (repository, day: string, shift: ShiftCode) => repository.rpc(ROSTER_RPC.coverage, { p_day: day, p_shift: shift }),
  tables: ['segment_assignments', 'cleaners', 'grids'],
  keepPrevious: true,
})

export const FACILITY_DUTIES_READ = defineRead({
  kind: 'facilityDuties',
  fetch: (repository, day: string) => repository.rpc(ROSTER_RPC.facilityDuties, { p_day: day }),
  tables: ['facility_duties', 'cleaners'],
  keepPrevious: true,
})

export const ROSTER_INSPECTIONS_READ = defineRead({
  kind: 'rosterInspections',
  fetch: (repository, from: string, to: string) => repository.rpc(ROSTER_RPC.inspections, { p_from: from, p_to: to }),
  tables: ['cleaning_inspections'],
  keepPrevious: true,
})

export const ROSTER_QUALITY_READ = defineRead({
  kind: 'rosterQuality',
  fetch: (repository, month: string) => repository.rpc(ROSTER_RPC.quality, { p_month: month }),
  tables: ['cleaning_inspections'],
  keepPrevious: true,
})
