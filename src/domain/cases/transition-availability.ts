/**
 * Whether an action is available, and if not why, with the code and reason the database
 * would refuse it with (iD-style "operation disabled because …"). Lets the UI explain a
 * greyed-out button without a round trip.
 */
import { CASE_TRANSITIONS, allowedActions, transitionFor, type CaseAction, type CaseSource, type CaseStatus, type WorkflowRole } from './workflow.ts'
import { ACTION_LABELS, ROLE_LABELS, STATUS_LABELS } from './labels.ts'

export type TransitionAvailability =
  | { available: true; to: CaseStatus }
  | {
      available: false
      /** the SQLSTATE public.transition_case raises: 42501 role, UG205 not yet verified, UG203 wrong state */
      code: '42501' | 'UG203' | 'UG205'
      reason: string
    }

export function transitionAvailability(
  action: CaseAction,
  status: CaseStatus,
  source: CaseSource,
  role: WorkflowRole | null,
): TransitionAvailability {
  const roles = [...new Set(CASE_TRANSITIONS.filter((transition) => transition.action === action).flatMap((transition) => transition.roles))]
  if (role === null || !roles.includes(role)) {
    return {
      available: false,
      code: '42501',
      reason: `当前用户（角色：${role === null ? '未登录' : ROLE_LABELS[role]}）无权执行「${ACTION_LABELS[action]}」，需要${roles
        .map((name) => ROLE_LABELS[name])
        .join('或')}角色`,
    }
  }
  const transition = transitionFor(action, status, source)
  if (transition) return { available: true, to: transition.to }
  if (action === 'register' && status === 'accepted') {
    return { available: false, code: 'UG205', reason: `公众来源案件（${source}）须先现场核实，才能立案` }
  }
  const allowed = allowedActions(status, source, role)
  return {
    available: false,
    code: 'UG203',
    reason: `案件当前状态为「${STATUS_LABELS[status]}」，不能执行「${ACTION_LABELS[action]}」；${
      allowed.length === 0 ? '当前没有可执行的操作' : `当前可执行：${allowed.map((name) => ACTION_LABELS[name]).join('、')}`
    }`,
  }
}
