export type { ChangeSet, EditChange, EditOperation, EditValue, NetChange, RecordedOperation, Transaction } from './types.ts'
export { EDIT_SESSION_ERRORS, EditSessionError, type EditSessionErrorCode } from './edit-session-error.ts'
export { applyChange, replayTransaction, revertTransaction } from './apply-change.ts'
export { collapseTransactions } from './change-set.ts'
export {
  createEditSession,
  type CommitOptions,
  type CommitOutcome,
  type EditSession,
  type EditSessionOptions,
  type EditSessionState,
} from './edit-session.ts'
