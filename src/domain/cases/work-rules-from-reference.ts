/**
 * Reads the routing, time-limit, calendar and settings parts of the database's
 * `assignment_reference()` answer into WorkRules, so the browser computes departments and
 * deadlines from exactly the rows the trigger uses.
 */
import { z } from 'zod'
import { appSettingsFrom } from '../settings/app-settings.ts'
import { TIME_LIMIT_UNITS, workCalendarFrom, type WorkRules } from './work-rules.ts'

const clock = z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/)

export const workRulesReferenceSchema = z.object({
  departments: z.array(z.object({ id: z.number(), is_default: z.boolean() })),
  routes: z.array(z.object({ category_pattern: z.string(), department_id: z.number() })),
  time_limits: z.array(
    z.object({
      id: z.number(),
      category_pattern: z.string(),
      management_level: z.number().nullable(),
      amount: z.coerce.number(),
      unit: z.enum(TIME_LIMIT_UNITS),
    }),
  ),
  calendar: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), is_workday: z.boolean() })),
  settings: z
    .object({
      work_hours: z.array(z.tuple([clock, clock])).optional(),
      timezone_offset_hours: z.coerce.number().optional(),
    })
    .optional(),
})

export function workRulesFromReference(reference: unknown): WorkRules {
  const parsed = workRulesReferenceSchema.parse(reference)
  const settings = appSettingsFrom(parsed.settings)
  return {
    departments: parsed.departments.map((department) => ({ id: department.id, isDefault: department.is_default })),
    routes: parsed.routes.map((route) => ({ categoryPattern: route.category_pattern, departmentId: route.department_id })),
    timeLimits: parsed.time_limits.map((rule) => ({
      id: rule.id,
      categoryPattern: rule.category_pattern,
      managementLevel: rule.management_level,
      amount: rule.amount,
      unit: rule.unit,
    })),
    calendar: workCalendarFrom(parsed.calendar.map((row) => ({ day: row.day, isWorkday: row.is_workday }))),
    workHours: settings.work_hours,
    offsetHours: settings.timezone_offset_hours,
  }
}
