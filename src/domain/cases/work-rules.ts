/**
 * The local configuration a case's department and deadline follow: category routing, time
 * limits, the work calendar and office hours. The same tables the database trigger
 * (private.place_incident) reads; the functions in this folder apply them the same way.
 */
import { APP_SETTING_DEFAULTS, type WorkHours } from '../settings/app-settings.ts'

/** Full 5-digit matter code or 2-digit 大类 → department; the most specific rule wins. */
export interface CategoryRoute {
  categoryPattern: string
  departmentId: number
}

export interface DepartmentRef {
  id: number
  /** the department that takes a case no rule routes (属地兜底) */
  isDefault: boolean
}

export const TIME_LIMIT_UNITS = ['work_hours', 'work_days', 'natural_hours'] as const
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number]

/** 处置时限 per matter (full code or 大类) and grid management level (null = any level). */
export interface TimeLimitRule {
  id: number
  categoryPattern: string
  managementLevel: number | null
  amount: number
  unit: TimeLimitUnit
}

/**
 * Exceptions to the Monday–Friday week, by local date ('YYYY-MM-DD'): public holidays
 * (false) and make-up working days on weekends (调休, true).
 */
export type WorkCalendar = ReadonlyMap<string, boolean>

export type { WorkHours }

/** What the database uses when app_settings has no 'work_hours' / 'timezone_offset_hours'. */
export const DEFAULT_WORK_HOURS: WorkHours = APP_SETTING_DEFAULTS.work_hours
export const DEFAULT_OFFSET_HOURS = APP_SETTING_DEFAULTS.timezone_offset_hours

export interface WorkRules {
  routes: readonly CategoryRoute[]
  departments: readonly DepartmentRef[]
  timeLimits: readonly TimeLimitRule[]
  calendar: WorkCalendar
  workHours: WorkHours
  offsetHours: number
}

export function workCalendarFrom(days: Iterable<{ day: string; isWorkday: boolean }>): WorkCalendar {
  const calendar = new Map<string, boolean>()
  for (const { day, isWorkday } of days) calendar.set(day, isWorkday)
  return calendar
}
