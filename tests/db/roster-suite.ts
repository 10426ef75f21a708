/**
 * The roster's database side (supabase/migrations/20261207000100_roster.sql), run unchanged on
 * PGlite and native PostgreSQL 15: the demo workforce, change sets (apply, assign, unassign,
 * split, plans with their base), what is refused and with which code, who may write, and
 * coverage checked against an independent computation on the demo for every shift.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { rosterCoverageSchema } from '../../src/data/roster-reads.ts'
import type { SegmentCoverage } from '../../src/domain/roster/types.ts'
import { failure, type Engine, type Query } from './engine.ts'

type DemoRole = (typeof DEMO_USERS)[number]['role']
const user = (role: DemoRole) => DEMO_USERS.find((candidate) => candidate.role === role)!.id
const NO_PROFILE = '00000000-0000-4000-8000-0000000000ff'
export const ROSTER_DAY = '2026-12-10'
const SHIFTS = ['early', 'day', 'late'] as const

export interface Totals {
  length_m: number
  covered_m: number
  uncovered_m: number
  double_m: number
  percent: number
}
export interface Coverage {
  day: string
  shift: string
  totals: Totals
  /** columns in segment id order, whole centimetres (20261209000200_roster_coverage_speed.sql) */
  segments: {
    segment_id: number[]
    length_cm: number[]
    covered_cm: number[]
    double_cm: number[]
    gaps: { segment_id: number[]; from_cm: number[]; to_cm: number[] }
  }
  by_street: (Totals & { id: number; name: string })[]
  by_community: (Totals & { id: number; name: string })[]
  by_team: (Totals & { id: number; name: string })[]
}
export interface Assignment {
  id: number
  version: number
  segment_id: number
  from_m: number
  to_m: number
  cleaner_id: number
  shift: string
  valid_from: string
  valid_to: string | null
}

/** Switches the acting user inside the running API transaction (the role stays `authenticated`). */
export const actAs = (as: Query, userId: string) =>
  as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })])

export const rpc = async <T>(as: Query, sql: string, params?: unknown[]): Promise<T> => (await as<{ r: T }>(`select ${sql} as r`, params))[0].r

/** roster_coverage as the database answers it, and its segments as the app decodes them (data/roster-reads.ts). */
export const readCoverage = async (as: Query, day: string, shift: string): Promise<Coverage & { rows: SegmentCoverage[] }> => {
  const raw = await rpc<Coverage>(as, `public.roster_coverage($1, $2)`, [day, shift])
  return { ...raw, rows: rosterCoverageSchema.parse(raw).segments }
}

/** A segment of team `team`'s area held whole on `shift` by an active cleaner of that team, and a free cleaner of the team. */
export const TEAM_SEGMENT_SQL = `
  select a.segment_id::int, a.cleaner_id::int, a.id::int as assignment_id, x.length_m, b.name as back_street, x.seq,
         (select c.id::int from public.cleaners c where c.team_id = $1 and c.active and c.id <> a.cleaner_id order by c.id limit 1) as other_cleaner
  from public.segment_assignments a
  join public.cleaners w on w.id = a.cleaner_id and w.active and w.team_id = $1
  join public.street_segments x on x.id = a.segment_id
  join public.back_streets b on b.id = x.back_street_id
  where a.shift = $2 and a.valid_to is null and a.from_m = 0 and abs(a.to_m - x.length_m) < 1e-9 and x.length_m > 60
    and a.segment_id in (select t.segment_id from private.roster_team_segments t where t.team_id = $1)
    and (select count(*) from public.segment_assignments o where o.segment_id = a.segment_id and o.shift = a.shift) = 1
  order by a.segment_id limit 1`

interface TeamSegment {
  segment_id: number
  cleaner_id: number
  assignment_id: number
  length_m: number
  back_street: string
  seq: number
  other_cleaner: number
}

export function defineRosterSuite(engine: () => Engine) {
  const query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => engine().query<T>(sql, params)
  const one = async <T = Record<string, unknown>>(sql: string, params?: unknown[]) => (await query<T>(sql, params))[0]

  it('the demo workforce: home shifts, team areas, the staff account’s team, pieces, duties and inspections', async () => {
    const row = await one<Record<string, number>>(`
      select (select count(*)::int from public.cleaners where shift is null) as without_shift,
             (select min(n)::int from (select count(*) as n from public.cleaners group by shift) s) as smallest_shift,
             (select count(*)::int from public.cleaners) as cleaners,
             (select count(*)::int from public.teams t where not exists (select 1 from public.team_areas a where a.team_id = t.id)) as teams_without_area,
             (select team_id::int from public.profiles where user_id = $1) as staff_team,
             (select count(*)::int from public.segment_assignments where from_m > 0) as split_pieces,
             (select count(*)::int from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id
                where c.shift <> a.shift) as off_shift,
             (select count(*)::int from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id
                where not exists (select 1 from private.roster_team_segments t where t.team_id = c.team_id and t.segment_id = a.segment_id)) as outside_area,
             (select count(*)::int from public.facility_duties where valid_to is null) as duties,
             (select count(*)::int from public.facilities) as facilities,
             (select count(*)::int from public.facility_duties where deputy_id is null) as without_deputy,
             (select count(*)::int from public.cleaning_inspections) as inspections,
             (select count(*)::int from public.cleaning_inspections where cleaner_id is not null) as attributed`,
      [user('staff')],
    )
    expect(row.without_shift).toBe(0)
    expect(row.smallest_shift).toBeGreaterThan(row.cleaners / 4)
    expect(row.teams_without_area).toBe(0)
    expect(row.staff_team).toBe(1)
    expect(row.split_pieces).toBeGreaterThan(100)
    expect(row.off_shift).toBe(0)
    expect(row.outside_area).toBe(0)
    expect(row.duties / row.facilities).toBeGreaterThan(0.9)
    expect(row.duties / row.facilities).toBeLessThan(0.99)
    expect(row.without_deputy).toBe(0)
    expect(row.inspections).toBeGreaterThanOrEqual(250)
    expect(row.attributed / row.inspections).toBeGreaterThan(0.8)

    await engine().asUser(user('viewer'), async (as) => {
      for (const shift of SHIFTS) {
        const report = await readCoverage(as, ROSTER_DAY, shift)
        // most but deliberately not all: the UI has gaps to find on every shift
        expect(report.totals.percent, shift).toBeGreaterThan(90)
        expect(report.totals.percent, shift).toBeLessThan(99.5)
        expect(report.totals.double_m).toBe(0)
        expect(report.rows.filter((segment) => segment.gaps.length > 0).length).toBeGreaterThan(50)
      }
    })
  })

  it('assigns, splits, unassigns and applies a change set; unchanged pieces keep their id and version', async () => {
    const segment = await one<TeamSegment>(TEAM_SEGMENT_SQL, [1, 'late'])
    expect(segment).toBeTruthy()
    await engine().asUser(user('admin'), async (as) => {
      // split at 25 m: the first part to another cleaner, the rest stays
      const assigned = await rpc<{ changed_segments: number; assignments: Assignment[] }>(
        as,
        `public.roster_assign($1, 'late', $2, $3::jsonb)`,
        [ROSTER_DAY, segment.other_cleaner, JSON.stringify([{ segment_id: segment.segment_id, from_m: 0, to_m: 25 }])],
      )
      expect(assigned.changed_segments).toBe(1)
      const late = assigned.assignments.filter((a) => a.shift === 'late').sort((a, b) => a.from_m - b.from_m)
      expect(late.map((a) => [a.cleaner_id, a.from_m, Math.round(a.to_m * 1000) / 1000, a.valid_from])).toEqual([
        [segment.other_cleaner, 0, 25, ROSTER_DAY],
        [segment.cleaner_id, 25, Math.round(segment.length_m * 1000) / 1000, ROSTER_DAY],
      ])
      // the old whole-segment row ended the day before; history is kept
      const [old] = await as<{ valid_to: string; version: number }>(
        `select to_char(valid_to, 'YYYY-MM-DD') as valid_to, version from public.segment_assignments where id = $1`,
        [segment.assignment_id],
      )
      expect(old).toEqual({ valid_to: '2026-12-09', version: 2 })

      // unassign the middle 10 m: a gap in coverage exactly there
      await rpc(as, `public.roster_unassign($1, 'late', $2::jsonb)`, [ROSTER_DAY, JSON.stringify([{ segment_id: segment.segment_id, from_m: 20, to_m: 30 }])])
      const coverage = await readCoverage(as, ROSTER_DAY, 'late')
      const mine = coverage.rows.find((s) => s.segmentId === segment.segment_id)!
      expect(mine.gaps).toEqual([[20, 30]])
      expect(mine.uncoveredM).toBeCloseTo(10, 2)

      // a change set restating what is there changes nothing and keeps ids and versions
      const before = await rpc<Assignment[]>(as, `public.roster_assignments($1, $2::bigint[])`, [ROSTER_DAY, [segment.segment_id]])
      const lateBefore = before.filter((a) => a.shift === 'late').sort((a, b) => a.from_m - b.from_m)
      const same = await rpc<{ changed_segments: number; assignments: Assignment[] }>(as, `public.roster_apply($1::jsonb)`, [
        JSON.stringify({
          day: ROSTER_DAY,
          shift: 'late',
          segments: [
            {
              segment_id: segment.segment_id,
              pieces: [
                { from_m: 0, to_m: 20, cleaner_id: segment.other_cleaner },
                { from_m: 20, to_m: 30, cleaner_id: null },
                { from_m: 30, to_m: segment.length_m, cleaner_id: segment.cleaner_id },
              ],
              base: lateBefore.map((a) => ({ id: a.id, version: a.version })),
            },
          ],
        }),
      ])
      expect(same.changed_segments).toBe(0)
      expect(same.assignments.filter((a) => a.shift === 'late').sort((a, b) => a.from_m - b.from_m)).toEqual(lateBefore)

      // adjacent pieces of one cleaner are stored as one; a trailing piece may omit to_m
      const merged = await rpc<{ changed_segments: number; assignments: Assignment[] }>(as, `public.roster_apply_plan($1::jsonb)`, [
        JSON.stringify({
          day: ROSTER_DAY,
          shift: 'late',
          segments: [
            {
              segment_id: segment.segment_id,
              pieces: [
                { from_m: 0, to_m: 40, cleaner_id: segment.cleaner_id },
                { from_m: 40, cleaner_id: segment.cleaner_id },
              ],
              base: lateBefore.map((a) => ({ id: a.id, version: a.version })),
            },
          ],
        }),
      ])
      const whole = merged.assignments.filter((a) => a.shift === 'late')
      expect(whole).toHaveLength(1)
      expect(whole[0]).toMatchObject({ cleaner_id: segment.cleaner_id, from_m: 0 })
      expect(whole[0].to_m).toBeCloseTo(segment.length_m, 6)
      const final = await readCoverage(as, ROSTER_DAY, 'late')
      expect(final.rows.find((s) => s.segmentId === segment.segment_id)).toMatchObject({ gaps: [], percent: 100 })
    })
  })

  it('refuses a stale change naming the segment (UG401), bad pieces (UG402), an inactive cleaner (UG404), a plan without base', async () => {
    const segment = await one<TeamSegment>(TEAM_SEGMENT_SQL, [1, 'day'])
    const [{ version }] = await query<{ version: number }>(`select version from public.segment_assignments where id = $1`, [segment.assignment_id])
    const change = (pieces: unknown[], base?: unknown[]) =>
      JSON.stringify({ day: ROSTER_DAY, shift: 'day', segments: [{ segment_id: segment.segment_id, pieces, ...(base ? { base } : {}) }] })
    await engine().asUser(user('admin'), async (as) => {
      const auditBefore = (await as<{ n: number }>(`select count(*)::int as n from public.audit_log`))[0].n
      const stale = await failure(
        as(`select public.roster_apply($1::jsonb)`, [change([{ from_m: 0, cleaner_id: segment.other_cleaner }], [{ id: segment.assignment_id, version: version + 1 }])]),
      )
      expect([stale.code, stale.column]).toEqual(['UG401', 'base'])
      expect(stale.message).toContain(`${segment.back_street} 第 ${segment.seq} 段`)
      // somebody else's change in between makes the base stale too
      await rpc(as, `public.roster_assign($1, 'day', $2, $3::jsonb)`, [ROSTER_DAY, segment.other_cleaner, JSON.stringify([{ segment_id: segment.segment_id, from_m: 0, to_m: 10 }])])
      const later = await failure(
        as(`select public.roster_apply_plan($1::jsonb)`, [change([{ from_m: 0, cleaner_id: segment.cleaner_id }], [{ id: segment.assignment_id, version }])]),
      )
      expect(later.code).toBe('UG401')
      expect(later.message).toContain(`${segment.back_street} 第 ${segment.seq} 段`)

      const gap = await failure(
        as(`select public.roster_apply($1::jsonb)`, [change([{ from_m: 0, to_m: 10, cleaner_id: null }, { from_m: 12, cleaner_id: segment.cleaner_id }])]),
      )
      expect([gap.code, gap.column]).toEqual(['UG402', 'pieces'])
      expect(gap.message).toContain(`${segment.back_street} 第 ${segment.seq} 段`)
      expect(gap.message).toContain('第 2 段')
      const short = await failure(as(`select public.roster_apply($1::jsonb)`, [change([{ from_m: 0, to_m: 10, cleaner_id: segment.cleaner_id }])]))
      expect(short.code).toBe('UG402')
      expect(short.message).toContain('最后一段应到路段全长')
      const outside = await failure(
        as(`select public.roster_assign($1, 'day', $2, $3::jsonb)`, [ROSTER_DAY, segment.cleaner_id, JSON.stringify([{ segment_id: segment.segment_id, from_m: 0, to_m: segment.length_m + 5 }])]),
      )
      expect(outside.code).toBe('UG402')
      const noBase = await failure(as(`select public.roster_apply_plan($1::jsonb)`, [change([{ from_m: 0, cleaner_id: segment.cleaner_id }])]))
      expect([noBase.code, noBase.column]).toEqual(['UG406', 'segments'])
      const badShift = await failure(as(`select public.roster_assign($1, 'night', $2, '[{"segment_id": 1}]'::jsonb)`, [ROSTER_DAY, segment.cleaner_id]))
      expect([badShift.code, badShift.column]).toEqual(['UG406', 'shift'])

      // an inactive cleaner cannot be given anything
      await as(`select public.roster_set_cleaner_active($1, false, $2)`, [segment.other_cleaner, ROSTER_DAY])
      const inactive = await failure(
        as(`select public.roster_assign($1, 'day', $2, $3::jsonb)`, [ROSTER_DAY, segment.other_cleaner, JSON.stringify([{ segment_id: segment.segment_id }])]),
      )
      expect([inactive.code, inactive.column]).toEqual(['UG404', 'cleaner_id'])
      expect(inactive.message).toContain('已停用')
      // refused changes wrote nothing (the one accepted assign wrote three audit rows)
      expect((await as<{ n: number }>(`select count(*)::int as n from public.audit_log`))[0].n).toBeGreaterThan(auditBefore)
    })
  })

  it('overlapping periods or measures are refused by the database itself, for the owner too (23P01)', async () => {
    const segment = await one<TeamSegment>(TEAM_SEGMENT_SQL, [1, 'early'])
    await engine().asOwner(async (as) => {
      const overlapping = await failure(
        as(`insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from, from_m, to_m) values ($1, $2, 'early', '2026-12-20', 10, 20)`, [
          segment.other_cleaner,
          segment.segment_id,
        ]),
      )
      expect(overlapping.code).toBe('23P01')
      // cut the current piece short: the rest of the segment is free, the period is not
      await as(`update public.segment_assignments set to_m = 30 where id = $1`, [segment.assignment_id])
      expect((await as<{ version: number }>(`select version from public.segment_assignments where id = $1`, [segment.assignment_id]))[0].version).toBeGreaterThan(1)
      await as(`insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from, from_m, to_m) values ($1, $2, 'early', '2026-12-20', 30, null)`, [
        segment.other_cleaner,
        segment.segment_id,
      ])
      const [piece] = await as<{ to_m: number }>(`select to_m from public.segment_assignments where segment_id = $1 and from_m = 30`, [segment.segment_id])
      expect(piece.to_m).toBeCloseTo(segment.length_m, 6)
      const beyond = await failure(
        as(`insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from, from_m, to_m) values ($1, $2, 'day', '2030-01-01', 0, $3)`, [
          segment.other_cleaner,
          segment.segment_id,
          segment.length_m + 1,
        ]),
      )
      expect(beyond.code).toBe('UG402')
    })
  })

  it('staff change only their own team’s area with their own cleaners (UG403); managers, viewers and others read only (42501)', async () => {
    const own = await one<TeamSegment>(TEAM_SEGMENT_SQL, [1, 'late'])
    const foreign = await one<TeamSegment>(TEAM_SEGMENT_SQL, [3, 'late'])
    expect(own && foreign).toBeTruthy()
    await engine().asUser(user('staff'), async (as) => {
      const workspace = await rpc<{ my_team_id: number; can_edit_team_ids: number[]; segments: { id: number; coordinates: number[][] }[] }>(
        as,
        `public.roster_workspace(1)`,
      )
      expect(workspace.my_team_id).toBe(1)
      expect(workspace.can_edit_team_ids).toEqual([1])
      expect(workspace.segments.some((s) => s.id === own.segment_id)).toBe(true)
      expect(workspace.segments.some((s) => s.id === foreign.segment_id)).toBe(false)
      expect(workspace.segments[0].coordinates[0]).toHaveLength(2)

      await rpc(as, `public.roster_assign($1, 'late', $2, $3::jsonb)`, [ROSTER_DAY, own.other_cleaner, JSON.stringify([{ segment_id: own.segment_id }])])
      const theirs = await failure(
        as(`select public.roster_assign($1, 'late', $2, $3::jsonb)`, [ROSTER_DAY, own.other_cleaner, JSON.stringify([{ segment_id: foreign.segment_id }])]),
      )
      expect([theirs.code, theirs.column]).toEqual(['UG403', 'segments'])
      expect(theirs.message).toContain(`${foreign.back_street} 第 ${foreign.seq} 段`)
      const theirCleaner = await failure(
        as(`select public.roster_assign($1, 'late', $2, $3::jsonb)`, [ROSTER_DAY, foreign.cleaner_id, JSON.stringify([{ segment_id: own.segment_id }])]),
      )
      expect([theirCleaner.code, theirCleaner.column]).toEqual(['UG403', 'cleaner_id'])
      expect((await failure(as(`select public.roster_set_cleaner_active($1, false, $2)`, [foreign.cleaner_id, ROSTER_DAY]))).code).toBe('42501')
      expect((await failure(as(`select public.roster_save_team('{"name": "新队"}'::jsonb)`))).code).toBe('42501')
      expect((await failure(as(`select public.roster_save_shifts('[{"code": "late", "name": "晚班", "starts": "18:00", "ends": "23:00"}]'::jsonb)`))).code).toBe('42501')
      // and no direct write, even to their own rows
      expect((await failure(as(`update public.segment_assignments set to_m = to_m where segment_id = $1`, [own.segment_id]))).code).toBe('42501')
    })
    for (const role of ['manager', 'viewer', 'planner', 'dispatcher'] as const) {
      await engine().asUser(user(role), async (as) => {
        expect((await rpc<Coverage>(as, `public.roster_coverage($1, 'late')`, [ROSTER_DAY])).totals.length_m).toBeGreaterThan(0)
        expect((await rpc<unknown[]>(as, `public.facility_duties_read($1)`, [ROSTER_DAY])).length).toBeGreaterThan(900)
        for (const statement of [
          `select public.roster_assign('${ROSTER_DAY}', 'late', ${own.other_cleaner}, '[{"segment_id": ${own.segment_id}}]'::jsonb)`,
          `select public.roster_unassign('${ROSTER_DAY}', 'late', '[{"segment_id": ${own.segment_id}}]'::jsonb)`,
          `select public.roster_set_cleaner_active(${own.cleaner_id}, false, '${ROSTER_DAY}')`,
          `select public.roster_record_inspection('{"segment_id": ${own.segment_id}, "at": "2026-11-01T09:00:00+08:00", "grams_per_m2": 3}'::jsonb)`,
          `select public.facility_duty_set('${ROSTER_DAY}', '[{"facility_id": 1, "cleaner_id": null}]'::jsonb)`,
          `select public.roster_import_cleaners('[{"row": 2, "employee_no": "X1", "name": "甲", "team": "x"}]'::jsonb)`,
        ]) {
          const refused = await failure(as(statement))
          expect(refused.code, `${role}: ${statement}`).toBe('42501')
          expect(refused.message).toContain('需要环卫作业员或管理员角色')
        }
      })
    }
    await engine().asUser(NO_PROFILE, async (as) => {
      expect((await failure(as(`select public.roster_coverage($1, 'late')`, [ROSTER_DAY]))).code).toBe('42501')
      expect((await failure(as(`select public.roster_workspace()`))).code).toBe('42501')
    })
  })

  it('deactivating a cleaner leaves a gap in roster_coverage at once and ends their duties', async () => {
    const segment = await one<TeamSegment>(TEAM_SEGMENT_SQL, [2, 'early'])
    await engine().asUser(user('admin'), async (as) => {
      const before = await readCoverage(as, ROSTER_DAY, 'early')
      expect(before.rows.find((s) => s.segmentId === segment.segment_id)!.percent).toBe(100)
      const result = await rpc<{ assignments_ended: number; duties_ended: number; active: boolean }>(
        as,
        `public.roster_set_cleaner_active($1, false, $2)`,
        [segment.cleaner_id, ROSTER_DAY],
      )
      expect(result.active).toBe(false)
      expect(result.assignments_ended).toBeGreaterThan(0)
      const after = await readCoverage(as, ROSTER_DAY, 'early')
      const mine = after.rows.find((s) => s.segmentId === segment.segment_id)!
      expect(mine.percent).toBe(0)
      expect(mine.gaps).toEqual([[0, Math.round(segment.length_m * 100) / 100]])
      expect(after.totals.uncovered_m).toBeGreaterThan(before.totals.uncovered_m)
      // coverage counts active cleaners only, so the day before shows the gap as well
      const dayBefore = await readCoverage(as, '2026-12-09', 'early')
      expect(dayBefore.rows.find((s) => s.segmentId === segment.segment_id)!.percent).toBe(0)
      const open = await as<{ n: number }>(
        `select count(*)::int as n from public.segment_assignments where cleaner_id = $1 and (valid_to is null or valid_to >= $2)`,
        [segment.cleaner_id, ROSTER_DAY],
      )
      expect(open[0].n).toBe(0)
      const duties = await as<{ n: number }>(
        `select count(*)::int as n from public.facility_duties where (cleaner_id = $1 or deputy_id = $1) and (valid_to is null or valid_to >= $2)`,
        [segment.cleaner_id, ROSTER_DAY],
      )
      expect(duties[0].n).toBe(0)
    })
  })

  it('roster_coverage agrees with an independent computation on the demo, for every shift and unit', async () => {
    for (const shift of SHIFTS) {
      const report = await engine().asUser(user('viewer'), (as) => readCoverage(as, ROSTER_DAY, shift))
      // Elementary intervals between all piece ends, each covered when some active piece
      // contains its midpoint (EXISTS), instead of the function's running count.
      const expected = await query<{ segment_id: number; length_m: number; covered_m: number; gaps: [number, number][] | null }>(
        `
        with live as (
          select a.segment_id, a.from_m, least(a.to_m, s.length_m) as to_m
          from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id and c.active
          join public.street_segments s on s.id = a.segment_id
          where a.shift = $2 and a.valid_from <= $1::date and coalesce(a.valid_to, 'infinity'::date) >= $1::date
        ), cuts as (
          select s.id as segment_id, 0::double precision as at from public.street_segments s
          union select s.id, s.length_m from public.street_segments s
          union select l.segment_id, l.from_m from live l
          union select l.segment_id, l.to_m from live l
        ), cells as (
          select c.segment_id, c.at as f, min(n.at) as t
          from cuts c join cuts n on n.segment_id = c.segment_id and n.at > c.at
          group by c.segment_id, c.at
        ), judged as (
          select cells.*, exists (
                   select 1 from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id and c.active
                   where a.segment_id = cells.segment_id and a.shift = $2 and a.valid_from <= $1::date
                     and coalesce(a.valid_to, 'infinity'::date) >= $1::date and a.from_m <= (f + t) / 2 and a.to_m >= (f + t) / 2) as held
          from cells
        )
        select s.id::int as segment_id, s.length_m,
               coalesce((select sum(t - f) from judged j where j.segment_id = s.id and j.held), 0) as covered_m,
               (select json_agg(json_build_array(round(f::numeric, 2), round(t::numeric, 2)) order by f) from judged j
                 where j.segment_id = s.id and not j.held and t - f > 0.005) as gaps
        from public.street_segments s order by s.id`,
        [ROSTER_DAY, shift],
      )
      // the columns as sent: whole centimetres, one entry per segment, gaps inside their segment
      const columns = report.segments
      expect(columns.segment_id).toHaveLength(expected.length)
      for (const column of [columns.length_cm, columns.covered_cm, columns.double_cm]) {
        expect(column).toHaveLength(expected.length)
        expect(column.every((value) => Number.isInteger(value) && value >= 0)).toBe(true)
      }
      columns.gaps.segment_id.forEach((segmentId, k) => {
        const at = columns.segment_id.indexOf(segmentId)
        expect(columns.gaps.from_cm[k]).toBeLessThan(columns.gaps.to_cm[k])
        expect(columns.gaps.to_cm[k]).toBeLessThanOrEqual(columns.length_cm[at])
      })
      expect(report.rows).toHaveLength(expected.length)
      let length = 0
      let covered = 0
      report.rows.forEach((segment, k) => {
        const want = expected[k]
        expect(segment.segmentId).toBe(want.segment_id)
        expect(segment.coveredM).toBeCloseTo(want.covered_m, 1)
        expect(segment.lengthM).toBeCloseTo(want.length_m, 1)
        expect(segment.uncoveredM).toBeCloseTo(want.length_m - want.covered_m, 1)
        // 100 % only with nothing uncovered (a centimetre's rounding either way left open)
        if (want.length_m - want.covered_m > 0.01) expect(segment.percent).toBeLessThan(100)
        if (want.length_m - want.covered_m < 0.001) expect(segment.percent).toBe(100)
        expect(segment.gaps).toEqual((want.gaps ?? []).map(([f, t]) => [Number(f), Number(t)]))
        length += want.length_m
        covered += want.covered_m
      })
      expect(report.totals.length_m).toBeCloseTo(length, 0)
      expect(report.totals.covered_m).toBeCloseTo(covered, 0)
      expect(report.totals.uncovered_m).toBeCloseTo(length - covered, 0)

      // Sampled every 0.5 m on the first 200 segments (generate_series), within a step per boundary.
      const sampled = await query<{ segment_id: number; covered_m: number; boundaries: number }>(
        `
        with live as (
          select a.segment_id, a.from_m, a.to_m from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id and c.active
          where a.shift = $2 and a.valid_from <= $1::date and coalesce(a.valid_to, 'infinity'::date) >= $1::date
        )
        select s.id::int as segment_id,
               0.5 * count(*) filter (where exists (
                 select 1 from public.segment_assignments a join public.cleaners c on c.id = a.cleaner_id and c.active
                 where a.segment_id = s.id and a.shift = $2 and a.valid_from <= $1::date and coalesce(a.valid_to, 'infinity'::date) >= $1::date
                   and a.from_m <= g.at and g.at < a.to_m)) as covered_m,
               (select count(*)::int * 2 + 2 from live l where l.segment_id = s.id) as boundaries
        from (select * from public.street_segments order by id limit 200) s
        cross join lateral (select 0.25 + 0.5 * k as at from generate_series(0, floor(s.length_m / 0.5)::int) k) g
        where g.at < s.length_m
        group by s.id order by s.id`,
        [ROSTER_DAY, shift],
      )
      for (const sample of sampled) {
        const segment = report.rows.find((s) => s.segmentId === sample.segment_id)!
        expect(Math.abs(segment.coveredM - Number(sample.covered_m)), `${shift} segment ${sample.segment_id}`).toBeLessThanOrEqual(0.5 * sample.boundaries + 0.01)
      }

      // units: sums of the segments by community (through the grid), street and team area
      const units = await query<{ kind: string; id: number; length_m: number; covered_m: number }>(
        `
        with seg as (select * from jsonb_to_recordset($1::jsonb) x(segment_id bigint, length_m double precision, covered_m double precision)),
        placed as (
          select seg.*, c.id as community_id, coalesce(c.street_id, b.street_id) as street_id
          from seg join public.street_segments s on s.id = seg.segment_id join public.back_streets b on b.id = s.back_street_id
          left join public.grids g on g.id = s.grid_id left join public.communities c on c.id = g.community_id
        )
        select 'community' as kind, community_id::int as id, sum(length_m) as length_m, sum(covered_m) as covered_m from placed where community_id is not null group by community_id
        union all
        select 'street', street_id::int, sum(length_m), sum(covered_m) from placed group by street_id
        union all
        select 'team', t.id::int, coalesce(sum(p.length_m), 0), coalesce(sum(p.covered_m), 0)
        from public.teams t left join placed p on exists (
          select 1 from public.team_areas a where a.team_id = t.id and (a.community_id = p.community_id or a.street_id = p.street_id))
        group by t.id`,
        [JSON.stringify(expected)],
      )
      for (const [kind, list] of [
        ['community', report.by_community],
        ['street', report.by_street],
        ['team', report.by_team],
      ] as const) {
        const want = units.filter((unit) => unit.kind === kind)
        expect(list.length, `${shift} ${kind}`).toBe(want.length)
        for (const unit of want) {
          const got = list.find((candidate) => candidate.id === unit.id)!
          expect(got.length_m, `${shift} ${kind} ${unit.id}`).toBeCloseTo(unit.length_m, 0)
          expect(got.covered_m, `${shift} ${kind} ${unit.id}`).toBeCloseTo(unit.covered_m, 0)
        }
      }
      const teams = await engine().asUser(user('viewer'), (as) => rpc<Coverage['by_team']>(as, `public.roster_coverage_units($1, $2, 'team')`, [ROSTER_DAY, shift]))
      expect(teams).toEqual(report.by_team)
    }
  })
}
