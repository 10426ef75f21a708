/**
 * The case workflow (案件流程) as a table: which action takes a case from which status to
 * which, for which sources and which roles. The database's private.case_transitions()
 * holds the same rows and enforces them; this copy lets the UI offer only the buttons the
 * database will accept. A database test compares the two for every status × source × role.
 */

export const CASE_STATUSES = [
  'reported',
  'accepted',
  'verified',
  'registered',
  'dispatched',
  'handled',
  'checked',
  'closed',
  'rejected',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_SOURCES = ['patrol', 'hotline_12319', 'public_report', 'video', 'drone', 'superior', 'media'] as const
export type CaseSource = (typeof CASE_SOURCES)[number]

/** Sources whose cases need an on-site 核实 before 立案 (DOMAIN.md: cases from the public). */
export const PUBLIC_SOURCES: readonly CaseSource[] = ['hotline_12319', 'public_report', 'media']
/** Sources registered directly after 受理. */
export const DIRECT_SOURCES: readonly CaseSource[] = ['patrol', 'video', 'drone', 'superior']

export const WORKFLOW_ROLES = ['admin', 'planner', 'manager', 'dispatcher', 'staff', 'viewer'] as const
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number]

/** In workflow order, the order allowedActions() returns them in. */
export const CASE_ACTIONS = ['accept', 'verify', 'register', 'reject', 'dispatch', 'redispatch', 'handle', 'check', 'close'] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

export const CLOSURE_TYPES = ['normal', 'overdue', 'error', 'special'] as const
export type ClosureType = (typeof CLOSURE_TYPES)[number]

export interface CaseTransition {
  action: CaseAction
  from: CaseStatus
  /** for check: the status when it passes (a failed check goes back to dispatched, 返工) */
  to: CaseStatus
  /** null = any source */
  sources: readonly CaseSource[] | null
  roles: readonly WorkflowRole[]
}

const DISPATCH_DESK: readonly WorkflowRole[] = ['dispatcher', 'admin']

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { action: 'accept', from: 'reported', to: 'accepted', sources: null, roles: DISPATCH_DESK },
  { action: 'verify', from: 'accepted', to: 'verified', sources: PUBLIC_SOURCES, roles: DISPATCH_DESK },
  { action: 'register', from: 'accepted', to: 'registered', sources: DIRECT_SOURCES, roles: DISPATCH_DESK },
  { action: 'register', from: 'verified', to: 'registered', sources: PUBLIC_SOURCES, roles: DISPATCH_DESK },
  { action: 'reject', from: 'reported', to: 'rejected', sources: null, roles: DISPATCH_DESK },
  { action: 'reject', from: 'accepted', to: 'rejected', sources: null, roles: DISPATCH_DESK },
  { action: 'reject', from: 'verified', to: 'rejected', sources: null, roles: DISPATCH_DESK },
  { action: 'dispatch', from: 'registered', to: 'dispatched', sources: null, roles: DISPATCH_DESK },
  { action: 'redispatch', from: 'dispatched', to: 'dispatched', sources: null, roles: DISPATCH_DESK },
  { action: 'handle', from: 'dispatched', to: 'handled', sources: null, roles: ['staff', 'admin'] },
  { action: 'check', from: 'handled', to: 'checked', sources: null, roles: DISPATCH_DESK },
  { action: 'close', from: 'checked', to: 'closed', sources: null, roles: DISPATCH_DESK },
]

/** The transition `action` takes from this status for this source, whoever asks; null if none. */
export function transitionFor(action: CaseAction, status: CaseStatus, source: CaseSource): CaseTransition | null {
  return (
    CASE_TRANSITIONS.find(
      (transition) =>
        transition.action === action && transition.from === status && (transition.sources === null || transition.sources.includes(source)),
    ) ?? null
  )
}

/** What `role` may do to a case in `status` from `source`, in workflow order (the UI's buttons). */
export function allowedActions(status: CaseStatus, source: CaseSource, role: WorkflowRole | null): CaseAction[] {
  if (role === null) return []
  return CASE_ACTIONS.filter((action) => {
    const transition = transitionFor(action, status, source)
    return transition !== null && transition.roles.includes(role)
  })
}
