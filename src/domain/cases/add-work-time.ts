/**
 * Adds a time limit on the work calendar, exactly as private.add_work_time does:
 * - natural_hours: plain elapsed time;
 * - work_days: until the close of office hours on the N-th working day after the local day
 *   the clock starts (that day never counts, whatever the hour; N = amount rounded up);
 * - work_hours: only time inside the office periods of working days counts.
 * China keeps one zone without daylight saving, so local time is UTC + a fixed offset.
 * Results are exact to the millisecond (the database keeps microseconds).
 */
import { DEFAULT_OFFSET_HOURS, DEFAULT_WORK_HOURS, type TimeLimitUnit, type WorkCalendar, type WorkHours } from './work-rules.ts'
import { isWorkday } from './is-workday.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
/** The database gives up after this many days (a calendar without working days). */
const DAY_GUARD = 3660

export const WORK_TIME_ERROR_MESSAGES = {
  no_working_day: '工作日历在十年内没有可用的工作日，无法计算时限',
  unknown_unit: '未知的时限单位',
  bad_work_hours: '工作时段格式错误，应为 [["08:30","12:00"], …]',
} as const
export type WorkTimeErrorCode = keyof typeof WORK_TIME_ERROR_MESSAGES

export class WorkTimeError extends Error {
  readonly code: WorkTimeErrorCode
  readonly field: 'unit' | 'work_hours' | 'work_calendar'

  constructor(code: WorkTimeErrorCode, field: WorkTimeError['field'], detail?: string) {
    super(detail ? `${WORK_TIME_ERROR_MESSAGES[code]}：${detail}` : WORK_TIME_ERROR_MESSAGES[code])
    this.name = 'WorkTimeError'
    this.code = code
    this.field = field
  }
}

/** 'HH:MM' or 'HH:MM:SS' (as Postgres casts it to time) → milliseconds after local midnight */
export function clockToMs(clock: string): number {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(clock)
  if (!match) throw new WorkTimeError('bad_work_hours', 'work_hours', clock)
  const ms = (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0)) * 1000
  if (ms > DAY_MS) throw new WorkTimeError('bad_work_hours', 'work_hours', clock)
  return Math.round(ms)
}

export function addWorkTime(
  start: Date,
  amount: number,
  unit: TimeLimitUnit,
  calendar: WorkCalendar,
  workHours: WorkHours = DEFAULT_WORK_HOURS,
  offsetHours: number = DEFAULT_OFFSET_HOURS,
): Date {
  if (unit === 'natural_hours') return new Date(start.getTime() + Math.round(amount * HOUR_MS))
  if (unit !== 'work_days' && unit !== 'work_hours') throw new WorkTimeError('unknown_unit', 'unit', String(unit))
  const offsetMs = offsetHours * HOUR_MS
  // "Local" instants are epoch milliseconds shifted by the offset, so UTC calendar
  // arithmetic on them is local calendar arithmetic.
  const local = start.getTime() + offsetMs
  let day = Math.floor(local / DAY_MS) * DAY_MS
  const periods = workHours.map(([from, to]) => [clockToMs(from), clockToMs(to)] as const)
  if (periods.length === 0) throw new WorkTimeError('bad_work_hours', 'work_hours', '[]')
  let guard = 0

  if (unit === 'work_days') {
    let daysLeft = Math.ceil(amount)
    for (;;) {
      guard += 1
      if (guard > DAY_GUARD) throw new WorkTimeError('no_working_day', 'work_calendar')
      day += DAY_MS
      if (isWorkday(day, calendar)) {
        daysLeft -= 1
        if (daysLeft === 0) return new Date(day + periods[periods.length - 1][1] - offsetMs)
      }
    }
  }

  let remaining = Math.round(amount * HOUR_MS)
  for (;;) {
    guard += 1
    if (guard > DAY_GUARD) throw new WorkTimeError('no_working_day', 'work_calendar')
    if (isWorkday(day, calendar)) {
      for (const [periodStart, periodEnd] of periods) {
        const from = Math.max(day + periodStart, local)
        const end = day + periodEnd
        if (from < end) {
          if (from + remaining <= end) return new Date(from + remaining - offsetMs)
          remaining -= end - from
        }
      }
    }
    day += DAY_MS
  }
}
