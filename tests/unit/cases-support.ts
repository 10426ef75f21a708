/** The demo district's reference data (scripts/seed/reference-data.ts) as the domain's WorkRules. */
import { CATEGORY_ROUTES, DEPARTMENTS, TIME_LIMITS, WORK_CALENDAR } from '../../scripts/seed/reference-data.ts'
import { DEFAULT_OFFSET_HOURS, DEFAULT_WORK_HOURS, workCalendarFrom, type WorkRules } from '../../src/domain/cases/index.ts'

export const DEMO_RULES: WorkRules = {
  routes: CATEGORY_ROUTES.map(([categoryPattern, departmentId]) => ({ categoryPattern, departmentId })),
  departments: DEPARTMENTS.map((department) => ({ id: department.id, isDefault: department.isDefault })),
  // the seed inserts them in this order, so these are their ids
  timeLimits: TIME_LIMITS.map(([categoryPattern, managementLevel, amount, unit], index) => ({
    id: index + 1,
    categoryPattern,
    managementLevel,
    amount,
    unit,
  })),
  calendar: workCalendarFrom(WORK_CALENDAR.map(([day, isWorkday]) => ({ day, isWorkday }))),
  workHours: DEFAULT_WORK_HOURS,
  offsetHours: DEFAULT_OFFSET_HOURS,
}

/** '2026-03-16 11:30' local (+08:00) → Date */
export const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)

/** Date → 'YYYY-MM-DD HH:MM' local (+08:00) */
export const localText = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
