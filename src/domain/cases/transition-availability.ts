/**
 * Whether an action is available, and if not why (iD-style "operation disabled because …"),
 * checked in the order public.transition_case checks: the role, the case's state, then what
 * the step needs filled in. Each refusal carries the SQLSTATE the database would raise, the
 * facts the UI words it from in either language (`why` and its fields), and `reason`, the
 * database's own Chinese message (a database test holds the two equal).
 */
import { CASE_ACTIONS, CASE_TRANSITIONS, allowedActions, transitionFor, type CaseAction, type CaseSource, type CaseStatus, type ClosureType, type WorkflowRole } from './workflow.ts'
import { ACTION_LABELS, ROLE_LABELS, STATUS_LABELS } from './labels.ts'
import { reasonKindFor, type ReasonKind } from './reason-kind.ts'

/** What the user has filled in for the step; given, it is checked as the database will. */
export interface TransitionPayload {
  note?: string | null
  departmentId?: number | null
  passed?: boolean
  closureType?: ClosureType | null
  /** the standard reason chosen, if any (one of its kind's active reasons) */
  reason?: { code: string; label: string; needsNote: boolean } | null
}

export type TransitionUnavailable =
  /** the role may not take this step on any case */
  | { available: false; code: '42501'; why: 'role'; roles: WorkflowRole[]; reason: string }
  /** a case from the public is registered only after it is verified on site */
  | { available: false; code: 'UG205'; why: 'verify-first'; reason: string }
  /** the case is in a status this step does not start from */
  | { available: false; code: 'UG203'; why: 'status'; allowed: CaseAction[]; reason: string }
  /**
   * a field the step needs is missing: a reason (a standard one or a note, UG209), the note a
   * reason like 其他原因 asks for (UG255), or the new department of a 改派 (UG206)
   */
  | { available: false; code: 'UG206' | 'UG209' | 'UG255'; why: 'missing'; field: 'note' | 'departmentId'; reason: string }

export type TransitionAvailability = { available: true; to: CaseStatus } | TransitionUnavailable

/** Who may take `action` at all, in the order the database names them. */
export function rolesFor(action: CaseAction): WorkflowRole[] {
  return [...new Set(CASE_TRANSITIONS.filter((transition) => transition.action === action).flatMap((transition) => transition.roles))]
}

export function transitionAvailability(
  action: CaseAction,
  status: CaseStatus,
  source: CaseSource,
  role: WorkflowRole | null,
  payload?: TransitionPayload,
): TransitionAvailability {
  const roles = rolesFor(action)
  if (role === null || !roles.includes(role)) {
    return {
      available: false,
      code: '42501',
      why: 'role',
      roles,
      reason: `当前用户（角色：${role === null ? '未登录' : ROLE_LABELS[role]}）无权执行「${ACTION_LABELS[action]}」，需要${roles
        .map((name) => ROLE_LABELS[name])
        .join('或')}角色`,
    }
  }
  const transition = transitionFor(action, status, source)
  if (!transition) {
    if (action === 'register' && status === 'accepted') {
      return { available: false, code: 'UG205', why: 'verify-first', reason: `公众来源案件（${source}）须先现场核实，才能立案` }
    }
    const allowed = allowedActions(status, source, role)
    return {
      available: false,
      code: 'UG203',
      why: 'status',
      allowed,
      reason: `案件当前状态为「${STATUS_LABELS[status]}」，不能执行「${ACTION_LABELS[action]}」；${
        allowed.length === 0 ? '当前没有可执行的操作' : `当前可执行：${allowed.map((name) => ACTION_LABELS[name]).join('、')}`
      }`,
    }
  }
  const missing = payload === undefined ? null : missingField(action, payload)
  return missing ?? { available: true, to: transition.to }
}

/** The payload rules of public.transition_case that a form can check before sending. */
function missingField(action: CaseAction, payload: TransitionPayload): TransitionUnavailable | null {
  if (action === 'redispatch' && (payload.departmentId === null || payload.departmentId === undefined)) {
    return { available: false, code: 'UG206', why: 'missing', field: 'departmentId', reason: '改派须指定新的承办部门' }
  }
  if ((payload.note ?? '').trim() !== '') return null
  const kind = reasonKindFor(action, payload)
  if (kind === null) return null
  if (payload.reason) {
    return payload.reason.needsNote
      ? { available: false, code: 'UG255', why: 'missing', field: 'note', reason: `原因「${payload.reason.label}」须填写说明` }
      : null
  }
  return { available: false, code: 'UG209', why: 'missing', field: 'note', reason: MISSING_REASON[kind] }
}

/** The database's words for a step without a reason (20261208000400_case_reasons.sql). */
const MISSING_REASON: Record<ReasonKind, string> = {
  reject: '不予立案须选择原因或填写说明',
  rework: '核查不通过须选择返工原因或填写说明',
  redispatch: '改派须选择改派原因或填写说明',
  special: '差错结案或特殊结案须选择原因或填写说明',
  error: '差错结案或特殊结案须选择原因或填写说明',
}

/**
 * The steps the workflow takes from `status` for a case from `source`, whoever may take
 * them, in workflow order: the buttons a case shows, enabled or saying why not.
 */
export function workflowSteps(status: CaseStatus, source: CaseSource): CaseAction[] {
  return CASE_ACTIONS.filter((action) => transitionFor(action, status, source) !== null)
}
