/**
 * The periods a manager picks in 热点分析: the last 7, 30 or 90 days, the month or quarter
 * (calendar, local time), or custom days — each with the period it is compared with (the
 * same number of days just before; for a calendar month or quarter, the one before).
 * Days are inclusive local days 'YYYY-MM-DD'; `anchor` is the last day the presets end on.
 */
export const PERIOD_PRESETS = ['last7', 'last30', 'last90', 'month', 'previousMonth', 'quarter', 'previousQuarter', 'custom'] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]

export interface DayRange {
  /** first day, inclusive */
  first: string
  /** last day, inclusive */
  last: string
}

export interface AnalysisPeriod {
  current: DayRange
  previous: DayRange
}

const DAY_MS = 86_400_000
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`)
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
export const addDays = (day: string, days: number) => dayOf(dayMs(day) + days * DAY_MS)
export const daysIn = (range: DayRange) => Math.round((dayMs(range.last) - dayMs(range.first)) / DAY_MS) + 1

function monthStart(day: string, monthsBack = 0): string {
  const date = new Date(dayMs(day))
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1))
}

function quarterStart(day: string, quartersBack = 0): string {
  const date = new Date(dayMs(day))
  const month = date.getUTCMonth() - (date.getUTCMonth() % 3) - 3 * quartersBack
  return dayOf(Date.UTC(date.getUTCFullYear(), month, 1))
}

/** The same number of days just before `range`. */
export function precedingRange(range: DayRange): DayRange {
  const days = daysIn(range)
  return { first: addDays(range.first, -days), last: addDays(range.first, -1) }
}

/**
 * The period of a preset ending on `anchor` (inclusive). A month or quarter is the calendar
 * one containing the anchor, up to the anchor (本月 = month to date); its comparison is the
 * whole previous month or quarter. `custom` takes `range` and compares with the days before.
 */
export function analysisPeriod(preset: PeriodPreset, anchor: string, range?: DayRange | null): AnalysisPeriod {
  switch (preset) {
    case 'last7':
    case 'last30':
    case 'last90': {
      const days = preset === 'last7' ? 7 : preset === 'last30' ? 30 : 90
      const current = { first: addDays(anchor, 1 - days), last: anchor }
      return { current, previous: precedingRange(current) }
    }
    case 'month':
      return { current: { first: monthStart(anchor), last: anchor }, previous: { first: monthStart(anchor, 1), last: addDays(monthStart(anchor), -1) } }
    case 'previousMonth': {
      const current = { first: monthStart(anchor, 1), last: addDays(monthStart(anchor), -1) }
      return { current, previous: { first: monthStart(anchor, 2), last: addDays(current.first, -1) } }
    }
    case 'quarter':
      return { current: { first: quarterStart(anchor), last: anchor }, previous: { first: quarterStart(anchor, 1), last: addDays(quarterStart(anchor), -1) } }
    case 'previousQuarter': {
      const current = { first: quarterStart(anchor, 1), last: addDays(quarterStart(anchor), -1) }
      return { current, previous: { first: quarterStart(anchor, 2), last: addDays(current.first, -1) } }
    }
    case 'custom': {
      if (!range) throw new Error('自定义时段需要起止日期')
      if (range.last < range.first) throw new Error(`结束日期 ${range.last} 早于开始日期 ${range.first}`)
      return { current: range, previous: precedingRange(range) }
    }
  }
}

/**
 * The day the presets end on: today, or the newest case's day when the data stop earlier
 * (an embedded demo built weeks ago, an office whose import lags), so "last 30 days" is
 * never an empty month only because nothing has been imported yet. The panel says which.
 */
export function presetAnchor(today: string, newestCaseDay: string | null): { anchor: string; limitedByData: boolean } {
  if (newestCaseDay && newestCaseDay < today) return { anchor: newestCaseDay, limitedByData: true }
  return { anchor: today, limitedByData: false }
}
