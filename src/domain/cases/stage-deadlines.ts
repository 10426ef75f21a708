/**
 * Stage time limits (环节时限), as supabase/migrations/20261208000100_case_stages.sql keeps
 * them: every stage of a case runs on its own clock on the work calendar.
 *
 *   受理 accept    from the report            to acceptance
 *   核实 verify    from acceptance            to verification (public sources only)
 *   立案 register  from verification, else acceptance, to registration
 *   派遣 dispatch  from registration          to the first dispatch
 *   处置 handle    from dispatch              to handling — the case's deadline_at (caseDeadline)
 *   核查 check     from handling              to the check
 *
 * stageTimeline judges a case from its stamps the way the trigger does for a case that
 * arrives with its past stamped (a seeded or imported case): each finished stage against
 * its limit, the stage the case is in against the clock.
 */
import { addWorkTime } from './add-work-time.ts'
import { caseDeadline, DEFAULT_MANAGEMENT_LEVEL } from './case-deadline.ts'
import { PUBLIC_SOURCES, type CaseSource, type CaseStatus } from './workflow.ts'
import type { TimeLimitUnit, WorkRules } from './work-rules.ts'

export const CASE_STAGES = ['accept', 'verify', 'register', 'dispatch', 'handle', 'check'] as const
export type CaseStage = (typeof CASE_STAGES)[number]
/** Stages whose limits live in stage_time_limits (处置 keeps public.time_limits). */
export type LimitedStage = Exclude<CaseStage, 'handle'>

export const STAGE_LABELS: Record<CaseStage, string> = {
  accept: '受理',
  verify: '核实',
  register: '立案',
  dispatch: '派遣',
  handle: '处置',
  check: '核查',
}

/** The bit of each stage in incidents.late_stages. */
export const STAGE_BITS: Record<CaseStage, number> = { accept: 1, verify: 2, register: 4, dispatch: 8, handle: 16, check: 32 }

/** A row of public.stage_time_limits: null pattern or level = every category or level. */
export interface StageLimitRule {
  id: number
  stage: LimitedStage
  categoryPattern: string | null
  managementLevel: number | null
  amount: number
  unit: TimeLimitUnit
}

/** The defaults the migration installs (docs/decisions.md, "Stage time limit defaults"). */
export const DEFAULT_STAGE_LIMITS: readonly StageLimitRule[] = [
  { id: 1, stage: 'accept', categoryPattern: null, managementLevel: null, amount: 1, unit: 'work_hours' },
  { id: 2, stage: 'verify', categoryPattern: null, managementLevel: null, amount: 0.5, unit: 'work_hours' },
  { id: 3, stage: 'register', categoryPattern: null, managementLevel: null, amount: 1, unit: 'work_hours' },
  { id: 4, stage: 'dispatch', categoryPattern: null, managementLevel: null, amount: 1, unit: 'work_hours' },
  { id: 5, stage: 'check', categoryPattern: null, managementLevel: null, amount: 0.5, unit: 'work_hours' },
]

/** As private.stage_time_limit_for: full code, then 大类, then every category; a level-specific row first; then the lowest id. */
export function stageLimitFor(
  stage: LimitedStage,
  categoryCode: string,
  managementLevel: number,
  rules: readonly StageLimitRule[],
): StageLimitRule | null {
  const major = categoryCode.slice(0, 2)
  let best: StageLimitRule | null = null
  const rank = (rule: StageLimitRule) => [-(rule.categoryPattern?.length ?? 0), rule.managementLevel === null ? 1 : 0, rule.id]
  for (const rule of rules) {
    if (rule.stage !== stage) continue
    if (rule.categoryPattern !== null && rule.categoryPattern !== categoryCode && rule.categoryPattern !== major) continue
    if (rule.managementLevel !== null && rule.managementLevel !== managementLevel) continue
    if (best === null) {
      best = rule
      continue
    }
    const [a, b] = [rank(rule), rank(best)]
    const i = a.findIndex((value, k) => value !== b[k])
    if (i >= 0 && a[i] < b[i]) best = rule
  }
  return best
}

/** The stage a case in this status is in: null once checked, closed or rejected. */
export function openStage(status: CaseStatus, source: CaseSource): CaseStage | null {
  switch (status) {
    case 'reported':
      return 'accept'
    case 'accepted':
      return PUBLIC_SOURCES.includes(source) ? 'verify' : 'register'
    case 'verified':
      return 'register'
    case 'registered':
      return 'dispatch'
    case 'dispatched':
      return 'handle'
    case 'handled':
      return 'check'
    default:
      return null
  }
}

export interface StagedCase {
  status: CaseStatus
  source: CaseSource
  categoryCode: string
  /** management level of the case's grid; null when it lies in none (一般 is assumed) */
  managementLevel: number | null
  reportedAt: Date
  acceptedAt?: Date | null
  verifiedAt?: Date | null
  registeredAt?: Date | null
  dispatchedAt?: Date | null
  handledAt?: Date | null
  checkedAt?: Date | null
}

export type StageState = 'done' | 'open' | 'pending' | 'skipped' | 'ended'

export interface StageTiming {
  key: CaseStage
  state: StageState
  startedAt: Date | null
  deadlineAt: Date | null
  doneAt: Date | null
  /** finished after its deadline, or open past it */
  late: boolean
}

function stamps(input: StagedCase, stage: CaseStage): { start: Date | null; done: Date | null } {
  switch (stage) {
    case 'accept':
      return { start: input.reportedAt, done: input.acceptedAt ?? null }
    case 'verify':
      return { start: input.acceptedAt ?? null, done: input.verifiedAt ?? null }
    case 'register':
      return { start: input.verifiedAt ?? input.acceptedAt ?? null, done: input.registeredAt ?? null }
    case 'dispatch':
      return { start: input.registeredAt ?? null, done: input.dispatchedAt ?? null }
    case 'handle':
      return { start: input.dispatchedAt ?? null, done: input.handledAt ?? null }
    case 'check':
      return { start: input.handledAt ?? null, done: input.checkedAt ?? null }
  }
}

/** The deadline of one stage that started at `start` (处置: the case's deadline). */
export function stageDeadline(
  input: StagedCase,
  stage: CaseStage,
  start: Date,
  rules: WorkRules,
  stageLimits: readonly StageLimitRule[],
): Date | null {
  const level = input.managementLevel ?? DEFAULT_MANAGEMENT_LEVEL
  if (stage === 'handle') {
    return caseDeadline(
      { categoryCode: input.categoryCode, managementLevel: input.managementLevel, reportedAt: input.reportedAt, registeredAt: input.registeredAt, dispatchedAt: input.dispatchedAt },
      rules,
    ).deadlineAt
  }
  const limit = stageLimitFor(stage, input.categoryCode, level, stageLimits)
  if (limit === null) return null
  return addWorkTime(start, limit.amount, limit.unit, rules.calendar, rules.workHours, rules.offsetHours)
}

export function stageTimeline(input: StagedCase, rules: WorkRules, stageLimits: readonly StageLimitRule[], now: Date): StageTiming[] {
  const open = openStage(input.status, input.source)
  const isPublic = PUBLIC_SOURCES.includes(input.source)
  return CASE_STAGES.map((key) => {
    const { start, done } = stamps(input, key)
    if (key === 'verify' && !isPublic) return { key, state: 'skipped', startedAt: null, deadlineAt: null, doneAt: null, late: false }
    const state: StageState =
      key === open ? 'open' : done !== null ? 'done' : input.status === 'rejected' ? 'ended' : 'pending'
    const deadlineAt = start === null ? null : stageDeadline(input, key, start, rules, stageLimits)
    const finished = state === 'done' ? done : state === 'open' ? null : undefined
    const late =
      deadlineAt !== null &&
      (finished === null ? now.getTime() > deadlineAt.getTime() : finished !== undefined && finished.getTime() > deadlineAt.getTime())
    return { key, state, startedAt: start, deadlineAt, doneAt: state === 'done' ? done : null, late }
  })
}

/** The late stages' keys, in workflow order. */
export function lateStages(timeline: readonly StageTiming[]): CaseStage[] {
  return timeline.filter((stage) => stage.late).map((stage) => stage.key)
}
