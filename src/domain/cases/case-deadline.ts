/**
 * A case's department and deadline as the placement trigger sets them: routing by
 * category; the time limit for its category and its grid's management level (一般 when it
 * has no grid); the 处置 clock running from dispatch, else registration, else the report.
 */
import { addWorkTime } from './add-work-time.ts'
import { routeDepartment } from './route-department.ts'
import { timeLimitFor } from './time-limit-for.ts'
import type { TimeLimitRule, WorkRules } from './work-rules.ts'

export interface CaseClock {
  categoryCode: string
  /** management level of the grid the case lies in; null when it lies in none */
  managementLevel: number | null
  reportedAt: Date
  registeredAt?: Date | null
  dispatchedAt?: Date | null
}

export interface CasePlacement {
  departmentId: number | null
  timeLimit: TimeLimitRule | null
  deadlineAt: Date | null
}

/** The level the trigger assumes for a case outside every grid (2 = 一般). */
export const DEFAULT_MANAGEMENT_LEVEL = 2

export function caseDeadline(clock: CaseClock, rules: WorkRules): CasePlacement {
  const timeLimit = timeLimitFor(clock.categoryCode, clock.managementLevel ?? DEFAULT_MANAGEMENT_LEVEL, rules.timeLimits)
  const clockStart = clock.dispatchedAt ?? clock.registeredAt ?? clock.reportedAt
  return {
    departmentId: routeDepartment(clock.categoryCode, rules.routes, rules.departments),
    timeLimit,
    deadlineAt:
      timeLimit === null
        ? null
        : addWorkTime(clockStart, timeLimit.amount, timeLimit.unit, rules.calendar, rules.workHours, rules.offsetHours),
  }
}
