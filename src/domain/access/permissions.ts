/**
 * Which role may take which write operation, and if not, why (iD's "operation disabled
 * because …"). The database is the authority — intake_incidents and edit_grids check
 * private.has_role(), transition_case checks private.case_transitions() — and this copy lets
 * the UI offer only what the database will accept and say why the rest is unavailable,
 * instead of letting a user prepare a write that is refused at the end.
 * tests/unit/access-permissions.test.ts compares these roles with the migrations.
 */
import { CASE_TRANSITIONS, WORKFLOW_ROLES, type WorkflowRole } from '../cases/workflow.ts'

/** The roles of public.profiles.role (the same list the workflow table uses). */
export const ACCESS_ROLES = WORKFLOW_ROLES
export type AccessRole = WorkflowRole

export const OPERATIONS = ['importCases', 'editGrids', 'takeCaseSteps', 'editRoster'] as const
/**
 * - importCases: register cases, one by one or in batches (public.intake_incidents)
 * - editGrids: create, change or retire grids (public.edit_grids)
 * - takeCaseSteps: take any workflow step at all (public.transition_case); which step on
 *   which case is case_detail.allowed_actions' answer, this only says whether the role ever may
 * - editRoster: assign cleaners, keep teams, facility duties and inspections (public.roster_apply
 *   and the roster's other writes); staff only for their own team's area, which the database checks
 */
export type Operation = (typeof OPERATIONS)[number]

/** Why an operation is unavailable; the UI turns the reason into words (i18n). */
export const DENIAL_REASONS = ['signed-out', 'role-not-permitted'] as const
export type DenialReason = (typeof DENIAL_REASONS)[number]

/** Administrators last: messages read "受理派遣员或系统管理员". */
const MESSAGE_ORDER: readonly AccessRole[] = ['dispatcher', 'planner', 'staff', 'manager', 'viewer', 'admin']
const inMessageOrder = (roles: Iterable<AccessRole>): AccessRole[] => {
  const set = new Set(roles)
  return MESSAGE_ORDER.filter((role) => set.has(role))
}

export const OPERATION_ROLES: Readonly<Record<Operation, readonly AccessRole[]>> = {
  importCases: ['dispatcher', 'admin'],
  editGrids: ['planner', 'admin'],
  editRoster: ['staff', 'admin'],
  // Whoever appears in any transition of the workflow table.
  takeCaseSteps: inMessageOrder(CASE_TRANSITIONS.flatMap((transition) => transition.roles)),
}

export type OperationAvailability =
  | { available: true }
  | {
      available: false
      reason: DenialReason
      /** the role that asked (null = nobody signed in) */
      role: AccessRole | null
      /** the roles that may, in the order a message names them */
      roles: readonly AccessRole[]
    }

/** Whether `role` may take `operation`; `null` is a visitor who is not signed in. */
export function operationAvailability(operation: Operation, role: AccessRole | null): OperationAvailability {
  const roles = OPERATION_ROLES[operation]
  if (role === null) return { available: false, reason: 'signed-out', role, roles }
  if (!roles.includes(role)) return { available: false, reason: 'role-not-permitted', role, roles }
  return { available: true }
}

export function mayPerform(operation: Operation, role: AccessRole | null): boolean {
  return operationAvailability(operation, role).available
}
