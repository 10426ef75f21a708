/**
 * 考核 (20261209000300_kpi_monthly.sql), run unchanged on PGlite and native PostgreSQL 15.
 *
 * kpi_monthly is checked against an independent computation: the raw rows (incidents,
 * case_history, grids, streets, communities, departments, the weight sets) are read as they
 * are, and the counts, rates, scores, grades and ranks are computed here in TypeScript from
 * docs/evaluation.md's definitions, written out again without the product's SQL or its
 * TypeScript helper. Then hand-made cases on each boundary, the weights' refusals and the
 * bad-input messages. Every write happens in a rolled-back transaction.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { kpiUnitSchema, kpiWeightsSchema, type KpiLevel, type KpiUnit } from '../../src/data/kpi-reads.ts'
import { failure, type Engine, type Query } from './engine.ts'

type DemoRole = (typeof DEMO_USERS)[number]['role']
const user = (role: DemoRole) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

const LEVELS: KpiLevel[] = ['street', 'community', 'grid', 'department']
const PUBLIC = new Set(['hotline_12319', 'public_report', 'media'])
/** 受理 1, 核实 2, 立案 4, 派遣 8, 核查 32 (incidents.late_stages); 处置 16 is not a stage delay here */
const STAGE_MASK = 1 | 2 | 4 | 8 | 32

interface RawCase {
  id: number
  grid_id: number | null
  department_id: number | null
  source: string
  status: string
  registered: number | null
  deadline: number | null
  closed: number | null
  handled: number | null
  late_stages: number | null
}
interface RawGrid {
  id: number
  code: string
  name: string
  valid_from: number
  valid_to: number | null
}
interface Raw {
  offsetHours: number
  /** 以克论净 sample weighings: when, on which segment's grid, within the grade's limit */
  weighings: { at: number; grid_id: number | null; passed: boolean }[]
  cases: RawCase[]
  /** failed 核查 times per case */
  failedChecks: Map<number, number[]>
  grids: RawGrid[]
  streets: { code: string; name: string }[]
  communities: { code: string; name: string }[]
  departments: { id: number; code: string; name: string }[]
  weightSets: { month: string; weights: Record<string, number> }[]
  firstReported: number
}

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8 as ${column.replace(/^.*\./, '')}`

async function readRaw(query: Query): Promise<Raw> {
  const [{ offset }] = await query<{ offset: number | null }>(`select (value #>> '{}')::int as offset from public.app_settings where key = 'timezone_offset_hours'`)
  const cases = await query<RawCase & { registered_at: number | null; deadline_at: number | null; closed_at: number | null; handled_at: number | null }>(
    `select id::int, grid_id::int, department_id::int, source, status, late_stages::int,
            ${ms('registered_at')}, ${ms('deadline_at')}, ${ms('closed_at')}, ${ms('handled_at')}
     from public.incidents`,
  )
  const checks = await query<{ incident_id: number; at: number; passed: unknown }>(
    `select incident_id::int, (extract(epoch from at) * 1000)::float8 as at, details -> 'passed' as passed from public.case_history where action = 'check'`,
  )
  const failedChecks = new Map<number, number[]>()
  for (const check of checks) {
    if (check.passed !== false) continue
    failedChecks.set(check.incident_id, [...(failedChecks.get(check.incident_id) ?? []), check.at])
  }
  const grids = await query<RawGrid>(
    `select id::int, code, name, (extract(epoch from valid_from) * 1000)::float8 as valid_from, (extract(epoch from valid_to) * 1000)::float8 as valid_to from public.grids`,
  )
  const [{ first }] = await query<{ first: number }>(`select (extract(epoch from min(reported_at)) * 1000)::float8 as first from public.incidents`)
  const weighings = await query<{ at: number; grid_id: number | null; grams: number; segment_grade: number }>(
    `select (extract(epoch from i.at) * 1000)::float8 as at, s.grid_id::int as grid_id, i.grams_per_m2::float8 as grams, s.cleaning_grade::int as segment_grade
     from public.cleaning_inspections i join public.street_segments s on s.id = i.segment_id`,
  )
  const limits = new Map((await query<{ grade: number; dust_limit: number }>(`select grade::int, dust_limit::float8 from public.cleaning_grades`)).map((g) => [g.grade, g.dust_limit]))
  return {
    offsetHours: offset ?? 8,
    weighings: weighings.map((w) => ({ at: w.at, grid_id: w.grid_id, passed: w.grams <= limits.get(w.segment_grade)! })),
    cases: cases.map((row) => ({
      id: row.id,
      grid_id: row.grid_id,
      department_id: row.department_id,
      source: row.source,
      status: row.status,
      late_stages: row.late_stages,
      registered: row.registered_at,
      deadline: row.deadline_at,
      closed: row.closed_at,
      handled: row.handled_at,
    })),
    failedChecks,
    grids,
    streets: await query(`select code, name from public.streets`),
    communities: await query(`select code, name from public.communities`),
    departments: await query(`select id::int, code, name from public.departments`),
    weightSets: (await query<{ month: string; weights: Record<string, number> }>(`select to_char(effective_month, 'YYYY-MM-DD') as month, weights from public.kpi_weight_sets`)),
    firstReported: first,
  }
}

/** [start, end) of a local month as epoch milliseconds; month 'YYYY-MM'. */
function monthBounds(month: string, offsetHours: number): [number, number] {
  const [year, monthNumber] = month.split('-').map(Number)
  const offset = offsetHours * 3_600_000
  return [Date.UTC(year, monthNumber - 1, 1) - offset, Date.UTC(year, monthNumber, 1) - offset]
}

function previousMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number)
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`
}

const inMonth = (value: number | null, [start, end]: [number, number]) => value !== null && value >= start && value < end

/** PostgreSQL round(numeric, 2) on the decimal value: halves away from zero. */
function round2(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100
}

type Expected = Omit<KpiUnit, 'previous_rank'> & { previous_rank: number | null }

/** The month's figures per unit, from the raw rows, by docs/evaluation.md. */
function evaluate(raw: Raw, month: string, level: KpiLevel, withPrevious = true): Expected[] {
  const bounds = monthBounds(month, raw.offsetHours)
  const [, end] = bounds
  const gridCode = new Map(raw.grids.map((grid) => [grid.id, grid.code]))
  const departmentCode = new Map(raw.departments.map((department) => [department.id, department.code]))
  const unitOf = (row: RawCase): string | null => {
    if (level === 'department') return row.department_id === null ? null : (departmentCode.get(row.department_id) ?? null)
    const code = row.grid_id === null ? undefined : gridCode.get(row.grid_id)
    if (!code) return null
    return level === 'street' ? code.slice(0, 9) : level === 'community' ? code.slice(0, 12) : code
  }

  const names = new Map<string, string>()
  if (level === 'street') for (const street of raw.streets) names.set(street.code, street.name)
  if (level === 'community') for (const community of raw.communities) names.set(community.code, community.name)
  if (level === 'department') for (const department of raw.departments) names.set(department.code, department.name)
  if (level === 'grid') {
    // grid codes with a version in force during the month, named as the latest such version
    const latest = new Map<string, RawGrid>()
    for (const grid of raw.grids) {
      if (!(grid.valid_from < end && (grid.valid_to === null || grid.valid_to > bounds[0]))) continue
      const seen = latest.get(grid.code)
      if (!seen || grid.valid_from > seen.valid_from) latest.set(grid.code, grid)
    }
    for (const [code, grid] of latest) names.set(code, grid.name)
  }

  type Counts = Pick<KpiUnit, 'registered' | 'due' | 'closed' | 'closed_on_time' | 'reworked' | 'public_verified' | 'stage_late'>
  const empty = (): Counts => ({ registered: 0, due: 0, closed: 0, closed_on_time: 0, reworked: 0, public_verified: 0, stage_late: 0 })
  const counts = new Map<string, Counts>()
  for (const code of names.keys()) counts.set(code, empty())
  for (const row of raw.cases) {
    // 立案数: registered in M
    const registered = inMonth(row.registered, bounds)
    // 应结案数: registered, not rejected, deadline in M — or closed in M with the deadline after M
    const due =
      row.registered !== null &&
      row.status !== 'rejected' &&
      (inMonth(row.deadline, bounds) || (inMonth(row.closed, bounds) && row.deadline !== null && row.deadline >= end))
    if (!registered && !due) continue
    const code = unitOf(row)
    if (code === null) continue
    const unit = counts.get(code) ?? empty()
    counts.set(code, unit)
    if (registered) {
      unit.registered += 1
      // 公众举报核实数: of registered, reported by the public
      if (PUBLIC.has(row.source)) unit.public_verified += 1
    }
    if (!due) continue
    unit.due += 1
    // 结案数: of due, closed before the end of M
    const closed = row.closed !== null && row.closed < end
    if (closed) unit.closed += 1
    // 按期结案数: of those, handled (or, never handled, closed) no later than the deadline
    if (closed && (row.handled ?? row.closed!) <= row.deadline!) unit.closed_on_time += 1
    // 返工数: of due, sent back by a failed 核查 before the end of M
    if ((raw.failedChecks.get(row.id) ?? []).some((at) => at < end)) unit.reworked += 1
    // stage delays: of due, a late 受理, 核实, 立案, 派遣 or 核查
    if (((row.late_stages ?? 0) & STAGE_MASK) !== 0) unit.stage_late += 1
  }

  // 保洁质量: the month's weighings on the unit's segments (by the segment's grid); none for departments
  const cleaning = new Map<string, { samples: number; passed: number }>()
  if (level !== 'department') {
    for (const weighing of raw.weighings) {
      if (!inMonth(weighing.at, bounds) || weighing.grid_id === null) continue
      const code = gridCode.get(weighing.grid_id)
      if (!code) continue
      const key = level === 'street' ? code.slice(0, 9) : level === 'community' ? code.slice(0, 12) : code
      const figures = cleaning.get(key) ?? { samples: 0, passed: 0 }
      figures.samples += 1
      if (weighing.passed) figures.passed += 1
      cleaning.set(key, figures)
    }
  }

  const weights = [...raw.weightSets].filter((set) => set.month <= `${month}-01`).sort((a, b) => b.month.localeCompare(a.month))[0].weights
  const ratio = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator)
  const rows = [...counts].map(([code, unit]) => {
    const rates = {
      closure_rate: ratio(unit.closed, unit.due),
      on_time_rate: ratio(unit.closed_on_time, unit.due),
      rework_rate: ratio(unit.reworked, unit.due),
      public_report_rate: ratio(unit.public_verified, unit.registered),
      stage_late_rate: ratio(unit.stage_late, unit.due),
      cleaning_pass_rate: ratio(cleaning.get(code)?.passed ?? 0, cleaning.get(code)?.samples ?? 0),
    }
    const points: [number | null, number][] = [
      [rates.closure_rate === null ? null : 100 * rates.closure_rate, weights.closure_rate],
      [rates.on_time_rate === null ? null : 100 * rates.on_time_rate, weights.on_time_rate],
      [rates.rework_rate === null ? null : 100 - 100 * rates.rework_rate, weights.rework_rate],
      [rates.public_report_rate === null ? null : 100 - 100 * rates.public_report_rate, weights.public_report_rate],
      [rates.stage_late_rate === null ? null : 100 - 100 * rates.stage_late_rate, weights.stage_late_rate],
      [rates.cleaning_pass_rate === null ? null : 100 * rates.cleaning_pass_rate, weights.cleaning_quality ?? 0],
    ]
    const used = points.filter(([value, weight]) => value !== null && weight > 0)
    const weightSum = used.reduce((sum, [, weight]) => sum + weight, 0)
    const score = weightSum === 0 ? null : round2(used.reduce((sum, [value, weight]) => sum + value! * weight, 0) / weightSum)
    const grade = score === null ? null : score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'E'
    const samples = { cleaning_samples: cleaning.get(code)?.samples ?? 0, cleaning_passed: cleaning.get(code)?.passed ?? 0 }
    return { unit_code: code, unit_name: names.get(code) || code, ...unit, ...samples, ...rates, score, grade: grade as Expected['grade'], rank: null as number | null, previous_rank: null as number | null }
  })
  for (const row of rows) if (row.score !== null) row.rank = 1 + rows.filter((other) => other.score !== null && other.score > row.score!).length

  const previous = previousMonth(month)
  const [previousStart] = monthBounds(previous, raw.offsetHours)
  const firstMonthStart = monthBounds(localMonthOf(raw.firstReported, raw.offsetHours), raw.offsetHours)[0]
  if (withPrevious && previousStart >= firstMonthStart) {
    const ranks = new Map(evaluate(raw, previous, level, false).map((row) => [row.unit_code, row.rank]))
    for (const row of rows) row.previous_rank = ranks.get(row.unit_code) ?? null
  }
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.unit_code < b.unit_code ? -1 : a.unit_code > b.unit_code ? 1 : 0))
}

function localMonthOf(instant: number, offsetHours: number): string {
  return new Date(instant + offsetHours * 3_600_000).toISOString().slice(0, 7)
}

async function kpiMonthly(query: Query, month: string, level: KpiLevel): Promise<KpiUnit[]> {
  const [{ result }] = await query<{ result: unknown }>(`select public.kpi_monthly($1::date, $2) as result`, [`${month}-01`, level])
  return kpiUnitSchema.array().parse(result)
}

function expectAgreement(actual: KpiUnit[], expected: Expected[], label: string) {
  expect(actual.map((row) => row.unit_code), `${label}: units in order`).toEqual(expected.map((row) => row.unit_code))
  for (const [index, want] of expected.entries()) {
    const got = actual[index]
    const where = `${label} ${want.unit_code}`
    for (const key of ['unit_name', 'registered', 'due', 'closed', 'closed_on_time', 'reworked', 'public_verified', 'stage_late', 'cleaning_samples', 'cleaning_passed', 'score', 'grade', 'rank', 'previous_rank'] as const) {
      expect(got[key], `${where} ${key}`).toBe(want[key])
    }
    for (const key of ['closure_rate', 'on_time_rate', 'rework_rate', 'public_report_rate', 'stage_late_rate', 'cleaning_pass_rate'] as const) {
      if (want[key] === null) expect(got[key], `${where} ${key}`).toBeNull()
      else expect(got[key], `${where} ${key}`).toBeCloseTo(want[key]!, 12)
    }
  }
}

/** The current local month as 'YYYY-MM-01', by the database's clock. */
async function currentMonth(query: Query): Promise<string> {
  const [{ month }] = await query<{ month: string }>(
    `select to_char(date_trunc('month', (now() at time zone 'UTC') + private.local_offset()), 'YYYY-MM-DD') as month`,
  )
  return month
}

const T = (local: string) => `${local}+08`

export function defineKpiSuite(engine: () => Engine) {
  it('agrees with an independent computation from the raw rows, for every level, in two demo months', async () => {
    await engine().asUser(user('manager'), async (as) => {
      const raw = await readRaw(as)
      for (const month of ['2026-03', '2026-09']) {
        for (const level of LEVELS) {
          const actual = await kpiMonthly(as, month, level)
          const expected = evaluate(raw, month, level)
          expectAgreement(actual, expected, `${month} ${level}`)
          // the figures are not trivial: units are ranked, and some lose points
          expect(actual.filter((row) => row.rank !== null).length, `${month} ${level} ranked`).toBeGreaterThan(level === 'department' ? 4 : 10)
          expect(actual.some((row) => row.on_time_rate !== null && row.on_time_rate < 1), `${month} ${level} late`).toBe(true)
          expect(actual.some((row) => row.previous_rank !== null), `${month} ${level} previous`).toBe(true)
        }
      }
      // every 2,950 grid of the demo is listed, and the streets and communities add up
      const grids = await kpiMonthly(as, '2026-03', 'grid')
      const streets = await kpiMonthly(as, '2026-03', 'street')
      expect(grids.length).toBeGreaterThanOrEqual(2950)
      const sum = (rows: KpiUnit[], key: 'registered' | 'due' | 'closed') => rows.reduce((total, row) => total + row[key], 0)
      for (const key of ['registered', 'due', 'closed'] as const) expect(sum(grids, key), key).toBe(sum(streets, key))
    })
  })

  it('counts 以克论净 samples per street, community and grid, and scores them when a weight set gives 保洁质量 a weight', async () => {
    await engine().asOwner(async (query) => {
      // 2026-09 computed with a set that weighs cleaning quality (written directly: the function
      // only takes this month or later)
      await query(`insert into public.kpi_weight_sets (effective_month, preset, weights) values ('2026-09-01', null,
        '{"closure_rate": 25, "on_time_rate": 35, "rework_rate": 10, "public_report_rate": 10, "stage_late_rate": 0, "cleaning_quality": 20}')`)
      const raw = await readRaw(query)
      for (const level of ['street', 'community'] as const) {
        const actual = await kpiMonthly(query, '2026-09', level)
        expectAgreement(actual, evaluate(raw, '2026-09', level), `2026-09 ${level} with 保洁质量`)
        // the demo weighs samples every month: every street has some, and some fail their limit
        expect(actual.every((row) => row.cleaning_samples > 0), `${level} samples`).toBe(level === 'street')
        expect(actual.some((row) => row.cleaning_pass_rate !== null && row.cleaning_pass_rate < 1), `${level} failed samples`).toBe(true)
      }
      const departments = await kpiMonthly(query, '2026-09', 'department')
      expect(departments.every((row) => row.cleaning_samples === 0 && row.cleaning_pass_rate === null)).toBe(true)
    })
  })

  it('counts each boundary case as docs/evaluation.md says, and follows a grid version change and a month’s own weights', async () => {
    await engine().asOwner(async (query) => {
      // A grid of the demo, emptied of its cases; from 2026-11-15 its area is a new grid code.
      const [grid] = await query<{ id: number; code: string; community_id: number; lon: number; lat: number }>(`
        select id::int, code, community_id::int, extensions.st_x(label_point) as lon, extensions.st_y(label_point) as lat
        from public.grids where valid_to is null order by code limit 1 offset 101`)
      // (cases are never deleted by the API; here, inside the rolled-back test, without triggers)
      await query(`set local session_replication_role = replica`)
      await query(`delete from public.incidents where grid_id = $1`, [grid.id])
      await query(`set local session_replication_role = origin`)
      const newCode = `${grid.code.slice(0, 12)}987`
      await query(`update public.grids set valid_to = $2::timestamptz where id = $1`, [grid.id, T('2026-11-15 00:00:00')])
      await query(
        `insert into public.grids (code, version, community_id, name, geom, valid_from)
         select $2, 1, community_id, '改划后的网格', geom, $3::timestamptz from public.grids where id = $1`,
        [grid.id, newCode, T('2026-11-15 00:00:00')],
      )
      // 2026-11 is computed with the 四率等权 preset; 2026-10 keeps the standard set.
      await query(`insert into public.kpi_weight_sets (effective_month, preset, weights) select '2026-11-01', code, weights from public.kpi_weight_presets where code = 'equal'`)

      const made = new Map<string, number>()
      const make = async (name: string, source: string, stamps: Record<string, string | number | null>, reported = '2026-11-02 09:00:00') => {
        const [{ id }] = await query<{ id: number }>(
          `insert into public.incidents (geom, category_code, source, reported_at)
           values (extensions.st_setsrid(extensions.st_point($1, $2), 4326), '06010', $3, $4::timestamptz) returning id::int`,
          [grid.lon, grid.lat, source, T(reported)],
        )
        // the stamps exactly as given: without the triggers that would recompute them
        await query(`set local session_replication_role = replica`)
        const columns = Object.keys(stamps)
        await query(
          `update public.incidents set ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')} where id = $1`,
          [id, ...columns.map((column) => (typeof stamps[column] === 'string' && /^\d{4}-/.test(stamps[column] as string) ? T(stamps[column] as string) : stamps[column]))],
        )
        await query(`set local session_replication_role = origin`)
        made.set(name, id)
        return id
      }
      const closedCase = (registered: string, deadline: string, handled: string | null, closed: string) => ({
        status: 'closed', registered_at: registered, dispatched_at: registered, deadline_at: deadline, handled_at: handled, closed_at: closed,
      })
      // due: deadline on the month's last second; open
      await make('lastSecond', 'patrol', { status: 'dispatched', registered_at: '2026-11-28 10:00:00', dispatched_at: '2026-11-28 10:00:00', deadline_at: '2026-11-30 23:59:59' })
      // not due: deadline at the first instant of December, open
      await make('nextMonth', 'patrol', { status: 'dispatched', registered_at: '2026-11-29 10:00:00', dispatched_at: '2026-11-29 10:00:00', deadline_at: '2026-12-01 00:00:00' })
      // due: closed in November before a December deadline; on time
      await make('closedEarly', 'video', closedCase('2026-11-29 11:00:00', '2026-12-01 00:00:00', '2026-11-30 09:00:00', '2026-11-30 10:00:00'))
      // due: handled and closed exactly at the deadline; on time
      await make('atDeadline', 'patrol', closedCase('2026-11-19 09:00:00', '2026-11-20 17:30:00', '2026-11-20 17:30:00', '2026-11-20 17:30:00'))
      // due: handled one second after the deadline; closed, late (closure type from the clock)
      await make('secondLate', 'patrol', { ...closedCase('2026-11-19 09:00:00', '2026-11-20 17:30:00', '2026-11-20 17:30:01', '2026-11-21 09:00:00'), closure_type: 'overdue' })
      // due: never handled, closed after the deadline; late by the overdue rule's coalesce
      await make('closedLateUnhandled', 'patrol', { ...closedCase('2026-11-19 09:00:00', '2026-11-20 17:30:00', null, '2026-11-20 18:00:00'), closure_type: 'overdue' })
      // due in November, closed in December: not closed in November, so not on time either
      await make('closedAfterMonth', 'patrol', closedCase('2026-11-19 09:00:00', '2026-11-25 17:30:00', '2026-11-25 10:00:00', '2026-12-01 09:00:00'))
      // rejected with a November deadline: never registered, never due
      await make('rejected', 'hotline_12319', { status: 'rejected', deadline_at: '2026-11-10 17:30:00' })
      // public sources registered in November: 12319 and 媒体曝光 are public, 视频发现 is not
      await make('hotline', 'hotline_12319', closedCase('2026-11-05 09:00:00', '2026-11-06 17:30:00', '2026-11-06 10:00:00', '2026-11-06 11:00:00'))
      await make('media', 'media', closedCase('2026-11-05 09:00:00', '2026-11-06 17:30:00', '2026-11-06 10:00:00', '2026-11-06 11:00:00'))
      // reworked twice (two failed 核查) and a late 受理 and 核查; then closed on time
      const twice = await make('reworkedTwice', 'patrol', {
        ...closedCase('2026-11-10 09:00:00', '2026-11-12 17:30:00', '2026-11-12 16:00:00', '2026-11-12 17:00:00'),
        late_stages: 1 | 32,
      })
      // a failed 核查 only in December does not count for November; a passed one never does
      const laterRework = await make('reworkedLater', 'patrol', {
        status: 'dispatched', registered_at: '2026-11-20 09:00:00', dispatched_at: '2026-11-20 09:00:00', deadline_at: '2026-11-27 17:30:00', late_stages: 16,
      })
      for (const [id, at, passed] of [
        [twice, '2026-11-11 10:00:00', false],
        [twice, '2026-11-12 09:00:00', false],
        [twice, '2026-11-12 16:30:00', true],
        [laterRework, '2026-12-02 10:00:00', false],
      ] as const) {
        await query(
          `insert into public.case_history (incident_id, action, from_status, to_status, at, details)
           values ($1, 'check', 'handled', $2, $3::timestamptz, jsonb_build_object('passed', $4::boolean))`,
          [id, passed ? 'checked' : 'dispatched', T(at), passed],
        )
      }
      // reported after the version change: the new grid code's case
      await make('newVersion', 'patrol', closedCase('2026-11-20 09:00:00', '2026-11-21 17:30:00', '2026-11-21 10:00:00', '2026-11-21 11:00:00'), '2026-11-20 08:00:00')
      const placed = await query<{ id: number; code: string }>(`select i.id::int, g.code from public.incidents i join public.grids g on g.id = i.grid_id where i.id = any ($1::bigint[])`, [[...made.values()]])
      expect(placed.filter((row) => row.code === grid.code).length).toBe(made.size - 1)
      expect(placed.find((row) => row.id === made.get('newVersion'))!.code).toBe(newCode)

      const grids = await kpiMonthly(query, '2026-11', 'grid')
      const old = grids.find((row) => row.unit_code === grid.code)!
      // registered in Nov: the old version's 12 cases but the rejected one; due: lastSecond,
      // closedEarly, atDeadline, secondLate, closedLateUnhandled, closedAfterMonth, hotline, media,
      // reworkedTwice, reworkedLater (10); closed in Nov: 7 of them, 5 on time
      expect(old).toMatchObject({
        registered: 11,
        due: 10,
        closed: 7,
        closed_on_time: 5,
        reworked: 1,
        public_verified: 2,
        stage_late: 1,
      })
      expect(old.closure_rate).toBeCloseTo(0.7, 12)
      expect(old.public_report_rate).toBeCloseTo(2 / 11, 12)
      expect(old.stage_late_rate).toBeCloseTo(0.1, 12)
      // 四率等权: (70 + 50 + 90 + 100 × (1 − 2/11)) / 4 = 72.954… → 72.95 (环节超时率 weighs 0: not in)
      expect(old.score).toBe(72.95)
      expect(old.grade).toBe('C')
      // the version valid since 2026-11-15 is a unit of its own, with the case reported after
      expect(grids.find((row) => row.unit_code === newCode)).toMatchObject({ unit_name: '改划后的网格', registered: 1, due: 1, closed_on_time: 1, score: 100 })
      // The whole month, every level, with the hand-made cases, agrees with the oracle —
      // November with its own weights, October ranked with the standard set
      const raw = await readRaw(query)
      for (const level of LEVELS) expectAgreement(await kpiMonthly(query, '2026-11', level), evaluate(raw, '2026-11', level), `2026-11 ${level}`)
    })
  })

  it('refuses an unknown level, a missing or future month and a month before the data, in Chinese', async () => {
    await engine().asUser(user('manager'), async (as) => {
      const level = await failure(as(`select public.kpi_monthly('2026-03-01', 'district')`))
      expect(level).toMatchObject({ code: 'UG270', column: 'level' })
      expect(level.message).toContain('考核层级应为 street（街道）、community（社区）、grid（网格）或 department（部门）之一，收到 "district"')
      const missing = await failure(as(`select public.kpi_monthly(null, 'grid')`))
      expect(missing).toMatchObject({ code: 'UG271', column: 'month' })
      const next = await as<{ month: string }>(`select to_char(date_trunc('month', (now() at time zone 'UTC') + private.local_offset()) + interval '1 month', 'YYYY-MM-DD') as month`)
      const future = await failure(as(`select public.kpi_monthly($1::date, 'street')`, [next[0].month]))
      expect(future).toMatchObject({ code: 'UG272', column: 'month' })
      expect(future.message).toMatch(/^month: \d{4}年\d{1,2}月 尚未到来，本月为 \d{4}年\d{1,2}月，无法考核$/)
      const before = await failure(as(`select public.kpi_monthly('2025-10-15', 'street')`))
      expect(before).toMatchObject({ code: 'UG273', column: 'month' })
      expect(before.message).toBe('month: 2025年10月 早于案件数据（最早的案件上报于 2025年11月），没有可考核的数据')
      // the first month of the data answers; it has no previous month to rank against
      const first = await kpiMonthly(as, '2025-11', 'street')
      expect(first.every((row) => row.previous_rank === null)).toBe(true)
      expect(first.some((row) => row.rank !== null)).toBe(true)
      // any day names its month
      const [{ result: midMonth }] = await as<{ result: unknown }>(`select public.kpi_monthly('2026-03-17', 'department') as result`)
      expect(midMonth).toEqual(await kpiMonthly(as, '2026-03', 'department'))
    })
    // not signed in: the function is not theirs to call
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select public.kpi_monthly('2026-03-01', 'street')`))).code).toBe('42501')
    })
  })

  it('lets an admin set weights from this month on, through the function only; refuses bad weights by name', async () => {
    await engine().asUser(user('admin'), async (as) => {
      const month = await currentMonth(as)
      const nextYear = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}`
      const set = (effective: string | null, weights: unknown) => as(`select public.set_kpi_weights($1::date, $2::jsonb) as row`, [effective, JSON.stringify(weights)])

      const [{ row }] = await set(nextYear, { closure_rate: 20, on_time_rate: 40, rework_rate: 15, public_report_rate: 15, stage_late_rate: 10 })
      expect(row).toMatchObject({
        effective_month: nextYear,
        preset: null,
        weights: { closure_rate: 20, on_time_rate: 40, rework_rate: 15, public_report_rate: 15, stage_late_rate: 10, cleaning_quality: 0 },
        set_by: user('admin'),
      })
      // the month in force: the set for next year from then on; this month keeps the standard preset
      const [{ answer }] = await as<{ answer: unknown }>(`select public.kpi_weights($1::date) as answer`, [nextYear])
      expect(kpiWeightsSchema.parse(answer)).toMatchObject({ effective_month: nextYear, weights: { stage_late_rate: 10 } })
      const [{ now }] = await as<{ now: unknown }>(`select public.kpi_weights() as now`)
      const current = kpiWeightsSchema.parse(now)
      expect(current).toMatchObject({ preset: 'standard', weights: { closure_rate: 30, on_time_rate: 40, rework_rate: 15, public_report_rate: 15 } })
      expect(current.presets.map((preset) => preset.code)).toEqual(['standard', 'equal'])
      for (const preset of current.presets) {
        expect(Object.values(preset.weights).reduce((sum, weight) => sum + weight, 0), preset.code).toBe(100)
        expect(preset.source).toContain('本项目选择')
      }
      // a preset by name, this month
      const [{ row: byPreset }] = await set(month, { preset: 'equal' })
      expect(byPreset).toMatchObject({ effective_month: month, preset: 'equal', weights: { closure_rate: 25, on_time_rate: 25, rework_rate: 25, public_report_rate: 25 } })

      const refused: [unknown, string | null, string, string, string][] = [
        [{ closure_rate: 30, on_time_rate: 40, rework_rate: 15, public_report_rate: 14 }, nextYear, 'UG275', 'weights', '各项权重之和应为 100%，现为 99%（结案率 30 + 按期结案率 40 + 返工率 15 + 监督举报率 14）'],
        [{ closure_rate: 110, on_time_rate: -10 }, nextYear, 'UG274', 'on_time_rate', '权重「按期结案率」不能为负数，收到 -10'],
        [{ closure_rate: '30', on_time_rate: 70 }, nextYear, 'UG274', 'closure_rate', '权重「结案率」应为数字（百分数）'],
        [{ closure_rate: 50, on_time_rate: 50, speed: 0 }, nextYear, 'UG276', 'speed', '未知的权重「speed」'],
        [{ preset: 'strict' }, nextYear, 'UG276', 'preset', '没有名为「strict」的预设方案；可选：standard（标准（按期优先））、equal（四率等权）'],
        [{ preset: 'equal', closure_rate: 25 }, nextYear, 'UG276', 'preset', '选择预设方案时不能同时给出各项权重'],
        [{ preset: 'equal' }, '2026-01-01', 'UG277', 'effective_month', '生效月份 2026年1月 早于本月'],
        [{ preset: 'equal' }, null, 'UG277', 'effective_month', '请指定权重的生效月份'],
        [[25, 25, 25, 25], nextYear, 'UG274', 'weights', '权重应为对象'],
      ]
      for (const [weights, effective, code, column, message] of refused) {
        const error = await failure(set(effective, weights))
        expect(error, JSON.stringify(weights)).toMatchObject({ code, column })
        expect(error.message, JSON.stringify(weights)).toContain(message)
      }
    })
    // a manager reads the weights but may not set them, and no API role writes the table
    await engine().asUser(user('manager'), async (as) => {
      const month = await currentMonth(as)
      const denied = await failure(as(`select public.set_kpi_weights($1::date, '{"preset": "equal"}')`, [month]))
      expect(denied.code).toBe('42501')
      expect(denied.message).toContain('无权修改考核权重，需要系统管理员角色')
      expect((await failure(as(`insert into public.kpi_weight_sets (effective_month, weights) values ($1::date, '{}')`, [month]))).code).toBe('42501')
      expect((await failure(as(`update public.kpi_weight_sets set weights = '{}'`))).code).toBe('42501')
      const [{ answer }] = await as<{ answer: unknown }>(`select public.kpi_weights('2026-03-01') as answer`)
      expect(kpiWeightsSchema.parse(answer).effective_month).toBe('2000-01-01')
    })
    // another admin's change reaches open views (src/data/rpc.ts WATCHED_TABLES)
    const published = await engine().query<{ tablename: string }>(
      `select tablename from pg_publication_tables where pubname = 'supabase_realtime' and tablename like 'kpi%'`,
    )
    expect(published.map((row) => row.tablename)).toEqual(['kpi_weight_sets'])
  })
}
