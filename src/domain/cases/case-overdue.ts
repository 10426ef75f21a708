/**
 * Whether a case is late, as the SQL API's `overdue` flag says (private.case_overdue):
 * handled (or, lacking that, closed) after its deadline, or still unhandled past it.
 * Rejected cases never entered 处置 and are never late. This is also what makes the
 * placement trigger give a closed case the closure type 超时.
 */
import type { CaseStatus } from './workflow.ts'

export interface OverdueInput {
  status: CaseStatus
  deadlineAt: Date | null
  handledAt?: Date | null
  closedAt?: Date | null
}

export function isOverdue(input: OverdueInput, now: Date): boolean {
  if (input.status === 'rejected' || input.deadlineAt === null) return false
  const finished = input.handledAt ?? input.closedAt ?? now
  return finished.getTime() > input.deadlineAt.getTime()
}
