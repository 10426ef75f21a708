/**
 * Which standard-reason list (public.case_reasons.kind) a step takes its reason from, or
 * null when the step needs none: 不予立案, a failed 核查 (返工), 改派, and a 结案 its user
 * marks 特殊 or 差错. Such a step is refused without a reason from the list or a note.
 */
import type { CaseAction, ClosureType } from './workflow.ts'

export const REASON_KINDS = ['reject', 'rework', 'redispatch', 'special', 'error'] as const
export type ReasonKind = (typeof REASON_KINDS)[number]

export function reasonKindFor(action: CaseAction, options: { passed?: boolean; closureType?: ClosureType | null } = {}): ReasonKind | null {
  switch (action) {
    case 'reject':
      return 'reject'
    case 'redispatch':
      return 'redispatch'
    case 'check':
      return options.passed === false ? 'rework' : null
    case 'close':
      return options.closureType === 'special' || options.closureType === 'error' ? options.closureType : null
    default:
      return null
  }
}
