/**
 * Whether a local day is a working day, as private.is_workday decides: the calendar's
 * exception when it has one (holiday or 调休 make-up day), else Monday to Friday.
 */
import type { WorkCalendar } from './work-rules.ts'

/** `localDayMs`: the local midnight as epoch milliseconds shifted by the offset (a multiple of one day). */
export function isWorkday(localDayMs: number, calendar: WorkCalendar): boolean {
  const date = new Date(localDayMs)
  const exception = calendar.get(date.toISOString().slice(0, 10))
  if (exception !== undefined) return exception
  const weekday = date.getUTCDay()
  return weekday >= 1 && weekday <= 5
}

/** The same question for a 'YYYY-MM-DD' local date. */
export function isWorkdayOn(day: string, calendar: WorkCalendar): boolean {
  return isWorkday(Date.parse(`${day}T00:00:00Z`), calendar)
}
