export * from './work-rules.ts'
export { workRulesFromReference, workRulesReferenceSchema } from './work-rules-from-reference.ts'
export { routeDepartment } from './route-department.ts'
export { timeLimitFor } from './time-limit-for.ts'
export { isWorkday, isWorkdayOn } from './is-workday.ts'
export { addWorkTime, clockToMs, WorkTimeError, WORK_TIME_ERROR_MESSAGES, type WorkTimeErrorCode } from './add-work-time.ts'
export { caseDeadline, DEFAULT_MANAGEMENT_LEVEL, type CaseClock, type CasePlacement } from './case-deadline.ts'
export { isOverdue, type OverdueInput } from './case-overdue.ts'
export * from './workflow.ts'
export {
  rolesFor,
  transitionAvailability,
  workflowSteps,
  type TransitionAvailability,
  type TransitionPayload,
  type TransitionUnavailable,
} from './transition-availability.ts'
export { ACTION_LABELS, CLOSURE_TYPE_LABELS, ROLE_LABELS, STATUS_LABELS } from './labels.ts'
export {
  CASE_STAGES,
  DEFAULT_STAGE_LIMITS,
  STAGE_BITS,
  STAGE_LABELS,
  lateStages,
  openStage,
  stageDeadline,
  stageLimitFor,
  stageTimeline,
  type CaseStage,
  type LimitedStage,
  type StageLimitRule,
  type StagedCase,
  type StageState,
  type StageTiming,
} from './stage-deadlines.ts'
export { reasonKindFor, REASON_KINDS, type ReasonKind } from './reason-kind.ts'
