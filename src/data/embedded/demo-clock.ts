/**
 * The embedded demo's clock (supabase/migrations/20261209000500_demo_clock_now.sql): on the
 * first start from the snapshot, the demo's timeline moves by whole days so that its last day
 * is today, and is cut at the moment it is opened — cases not reported yet go, the others are
 * in the stage they had reached by then. When: now, unless the page pins a day —
 * `localStorage['urbangrid.demo-today'] = 'YYYY-MM-DD'`, opened at that day's local midnight —
 * as the e2e suite does (on 2026-11-01 nothing moves), so figures it checks do not depend on
 * the day it runs.
 */
export const DEMO_TODAY_KEY = 'urbangrid.demo-today'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The pinned day, or null for the database's today. A value that is not a real day is ignored. */
export function demoTodayOverride(storage: Pick<Storage, 'getItem'> | null | undefined): string | null {
  let value: string | null
  try {
    value = storage?.getItem(DEMO_TODAY_KEY) ?? null
  } catch {
    // Storage refused (a privacy mode): the database's today.
    return null
  }
  if (value === null || !DAY.test(value)) return null
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null
}

/** What private.open_demo_at answers. */
export interface DemoClock {
  data_end: string | null
  today: string
  shifted_days: number
  opened_at?: string
  cases_not_yet_reported?: number
  cases_cut?: number
}
