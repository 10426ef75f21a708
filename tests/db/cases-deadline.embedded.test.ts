/**
 * The TypeScript port of routing and deadlines against the database, on the embedded demo
 * snapshot: every one of the 100,000 demo cases must get the department and deadline the
 * placement trigger stored and the overdue flag private.case_overdue gives it, and random
 * (start, amount, unit) triples must give exactly what private.add_work_time gives, also
 * with other office hours.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addWorkTime,
  caseDeadline,
  isOverdue,
  workCalendarFrom,
  type CaseStatus,
  type TimeLimitUnit,
  type WorkHours,
  type WorkRules,
} from '../../src/domain/cases/index.ts'
import { openDemoSnapshot } from './snapshot.ts'

let db: PGlite

beforeAll(async () => {
  db = await openDemoSnapshot()
})

afterAll(async () => {
  await db?.close()
})

type Runner = Pick<Transaction, 'query'>

async function loadRules(runner: Runner): Promise<WorkRules> {
  const routes = await runner.query<{ category_pattern: string; department_id: number }>(
    `select category_pattern, department_id::int from public.category_routes`,
  )
  const departments = await runner.query<{ id: number; is_default: boolean }>(`select id::int, is_default from public.departments`)
  const limits = await runner.query<{ id: number; category_pattern: string; management_level: number | null; amount: number; unit: TimeLimitUnit }>(
    `select id::int, category_pattern, management_level::int, amount::float8 as amount, unit from public.time_limits`,
  )
  const calendar = await runner.query<{ day: string; is_workday: boolean }>(`select day::text, is_workday from public.work_calendar`)
  const settings = await runner.query<{ work_hours: WorkHours | null; offset_hours: number | null }>(
    `select (select value from public.app_settings where key = 'work_hours') as work_hours,
            (select (value #>> '{}')::int from public.app_settings where key = 'timezone_offset_hours') as offset_hours`,
  )
  return {
    routes: routes.rows.map((row) => ({ categoryPattern: row.category_pattern, departmentId: row.department_id })),
    departments: departments.rows.map((row) => ({ id: row.id, isDefault: row.is_default })),
    timeLimits: limits.rows.map((row) => ({
      id: row.id,
      categoryPattern: row.category_pattern,
      managementLevel: row.management_level,
      amount: row.amount,
      unit: row.unit,
    })),
    calendar: workCalendarFrom(calendar.rows.map((row) => ({ day: row.day, isWorkday: row.is_workday }))),
    workHours: settings.rows[0].work_hours ?? [],
    offsetHours: settings.rows[0].offset_hours ?? 8,
  }
}

interface Triple {
  start: string
  amount: number
  unit: TimeLimitUnit
}

/** The demo's "now": the end of 2026-10-31 (+08:00). */
const DEMO_NOW = new Date('2026-11-01T00:00:00+08:00')
const DAY_MS = 86_400_000
const WINDOW_START = Date.parse('2025-10-01T00:00:00+08:00')
const WINDOW_DAYS = 500

/** Random starts, a third of them exactly on an office-period boundary or at local midnight. */
function triples(count: number, seed: number, boundaries: string[]): Triple[] {
  const boundaryMs = boundaries.map((clock) => {
    const [hours, minutes] = clock.split(':').map(Number)
    return (hours * 60 + minutes) * 60_000
  })
  const triple = fc.record({
    day: fc.integer({ min: 0, max: WINDOW_DAYS }),
    onBoundary: fc.integer({ min: 0, max: 2 }),
    boundary: fc.integer({ min: 0, max: boundaryMs.length - 1 }),
    // to the millisecond: the database keeps microseconds, JavaScript milliseconds
    offsetInDay: fc.integer({ min: 0, max: DAY_MS - 1 }),
    unit: fc.constantFrom<TimeLimitUnit>('work_hours', 'work_hours', 'work_days', 'natural_hours'),
    // hundredths of an hour are whole multiples of 36 s, exact in both
    hundredths: fc.integer({ min: 1, max: 6000 }),
  })
  return fc.sample(triple, { numRuns: count, seed }).map((sample) => {
    const inDay = sample.onBoundary === 0 ? boundaryMs[sample.boundary] : sample.offsetInDay
    const start = new Date(WINDOW_START + sample.day * DAY_MS + inDay)
    const amount = sample.unit === 'work_days' ? sample.hundredths / 500 : sample.hundredths / 100
    return { start: start.toISOString(), amount, unit: sample.unit }
  })
}

async function sqlDeadlines(runner: Runner, list: Triple[]): Promise<number[]> {
  const result = await runner.query<{ deadline_ms: number }>(
    `select (extract(epoch from private.add_work_time(t.start, t.amount, t.unit)) * 1000)::float8 as deadline_ms
     from unnest($1::timestamptz[], $2::numeric[], $3::text[]) with ordinality as t(start, amount, unit, n)
     order by t.n`,
    [list.map((item) => item.start), list.map((item) => item.amount), list.map((item) => item.unit)],
  )
  return result.rows.map((row) => Math.round(row.deadline_ms))
}

describe('routing and deadlines in TypeScript = the database trigger, on the demo snapshot', () => {
  it('gives every one of the 100,000 demo cases its stored department and deadline', async () => {
    const rules = await loadRules(db)
    const incidents = await db.query<{
      id: number
      category_code: string
      management_level: number | null
      reported_at: Date
      registered_at: Date | null
      dispatched_at: Date | null
      department_id: number | null
      deadline_at: Date | null
      status: CaseStatus
      handled_at: Date | null
      closed_at: Date | null
      overdue: boolean
    }>(`
      select i.id::int, i.category_code, g.management_level::int, i.reported_at, i.registered_at, i.dispatched_at,
             i.department_id::int, i.deadline_at, i.status, i.handled_at, i.closed_at,
             private.case_overdue(i.status, i.deadline_at, i.handled_at, i.closed_at, $1) as overdue
      from public.incidents i left join public.grids g on g.id = i.grid_id`, [DEMO_NOW])
    expect(incidents.rows).toHaveLength(100_000)
    const mismatches: string[] = []
    const lateMismatches: number[] = []
    let late = 0
    const units = new Map<string, number>()
    for (const incident of incidents.rows) {
      const placement = caseDeadline(
        {
          categoryCode: incident.category_code,
          managementLevel: incident.management_level,
          reportedAt: incident.reported_at,
          registeredAt: incident.registered_at,
          dispatchedAt: incident.dispatched_at,
        },
        rules,
      )
      if (placement.timeLimit) units.set(placement.timeLimit.unit, (units.get(placement.timeLimit.unit) ?? 0) + 1)
      if (placement.departmentId !== incident.department_id || placement.deadlineAt?.getTime() !== incident.deadline_at?.getTime()) {
        mismatches.push(`${incident.id}: ${placement.departmentId}/${placement.deadlineAt?.toISOString()} ≠ ${incident.department_id}/${incident.deadline_at?.toISOString()}`)
      }
      const overdue = isOverdue(
        { status: incident.status, deadlineAt: incident.deadline_at, handledAt: incident.handled_at, closedAt: incident.closed_at },
        DEMO_NOW,
      )
      if (overdue) late += 1
      if (overdue !== incident.overdue) lateMismatches.push(incident.id)
    }
    expect(mismatches.slice(0, 10)).toEqual([])
    // the overdue flag, at the end of the demo year, as private.case_overdue gives it
    expect(lateMismatches.slice(0, 10)).toEqual([])
    // 4,144 in the demo since late 处置 ends within days (issue 15's live office): ~4 %
    expect(late).toBeGreaterThan(3_000)
    expect(late).toBeLessThan(30_000)
    // every unit had real work to do
    expect(units.get('work_hours')).toBeGreaterThan(10_000)
    expect(units.get('work_days')).toBeGreaterThan(10_000)
    expect(units.get('natural_hours')).toBeGreaterThan(100)
  })

  it('adds random amounts from random starts exactly as private.add_work_time does', async () => {
    const rules = await loadRules(db)
    const list = triples(5000, 20261122, ['00:00', '08:30', '12:00', '13:30', '17:30'])
    const expected = await sqlDeadlines(db, list)
    const mismatches = list.flatMap((item, index) => {
      const actual = addWorkTime(new Date(item.start), item.amount, item.unit, rules.calendar, rules.workHours, rules.offsetHours).getTime()
      return actual === expected[index] ? [] : [`${item.start} + ${item.amount} ${item.unit}: ${new Date(actual).toISOString()} ≠ ${new Date(expected[index]).toISOString()}`]
    })
    expect(mismatches.slice(0, 10)).toEqual([])
  })

  it('still agrees with three office periods and another offset in app_settings', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`update public.app_settings set value = '[["09:00","12:00"],["14:00","18:00"],["19:00","21:00"]]' where key = 'work_hours'`)
      await tx.query(`update public.app_settings set value = '7' where key = 'timezone_offset_hours'`)
      const rules = await loadRules(tx)
      expect(rules.workHours).toHaveLength(3)
      expect(rules.offsetHours).toBe(7)
      const list = triples(3000, 4711, ['00:00', '09:00', '12:00', '14:00', '18:00', '19:00', '21:00'])
      const expected = await sqlDeadlines(tx, list)
      const mismatches = list.flatMap((item, index) => {
        const actual = addWorkTime(new Date(item.start), item.amount, item.unit, rules.calendar, rules.workHours, rules.offsetHours).getTime()
        return actual === expected[index] ? [] : [`${item.start} + ${item.amount} ${item.unit}`]
      })
      expect(mismatches.slice(0, 10)).toEqual([])
      await tx.rollback()
    })
  })
})
