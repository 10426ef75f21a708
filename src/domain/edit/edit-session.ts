/**
 * A client edit session over a keyed collection (grids by code, roster assignments by
 * segment): every edit goes through `transact`, which records each key's value before and
 * after so undo and redo are exact; the net change since the base is committed in one call.
 *
 * The state is `base + the transactions on the undo stack`. Undo moves a transaction to the
 * redo stack; a new transaction clears the redo stack (the future it described is gone).
 *
 * After a successful commit the committed state becomes the new base and both stacks are
 * cleared: the recorded inverses hold the values (and versions) from before the commit, so
 * undoing one would be a new edit against versions the database has replaced, and what is
 * saved is visible to others — taking it back is a new edit, not an undo.
 *
 * Nothing may change while a commit is under way (transact, undo, redo and a second commit
 * are refused), so what becomes the base is exactly what was sent.
 */
import { applyChange, replayTransaction, revertTransaction } from './apply-change.ts'
import { collapseTransactions } from './change-set.ts'
import { EditSessionError } from './edit-session-error.ts'
import type { ChangeSet, EditChange, EditValue, Transaction } from './types.ts'

export interface EditSessionOptions<T extends EditValue> {
  /**
   * When a value now counts as the same as at the base (an edit put back by hand), so it
   * leaves the change set. Default `Object.is`: undo restores the very object, which is
   * always enough for undo; pass a deep comparison to also drop edits typed back by hand.
   */
  readonly equals?: (a: T, b: T) => boolean
}

/** One immutable picture of the session; a new object after every change, the same object otherwise (for useSyncExternalStore). */
export interface EditSessionState<K, T extends EditValue> {
  readonly values: ReadonlyMap<K, T>
  /** the values as last loaded or committed, which the change set is relative to */
  readonly base: ReadonlyMap<K, T>
  readonly canUndo: boolean
  readonly canRedo: boolean
  /** the label of the transaction undo would take back, for the button's title */
  readonly undoLabel: string | null
  readonly redoLabel: string | null
  /** whether the values differ from the base (a non-empty change set) */
  readonly dirty: boolean
  readonly committing: boolean
}

export type CommitOutcome<K, T extends EditValue, R> =
  | { readonly status: 'committed'; readonly result: R; readonly changes: ChangeSet<K, T> }
  /** the values equal the base: `send` was not called (edit_grids refuses an empty list) */
  | { readonly status: 'nothing_to_commit' }
  /** `send` failed (its error as thrown), or a commit was under way (an EditSessionError 'committing'); nothing changed */
  | { readonly status: 'failed'; readonly error: unknown }

export interface CommitOptions<K, T extends EditValue, R> {
  /**
   * Values the database gave back to hold in the new base instead of the ones sent — at
   * least the new version of every created or updated record, or the next commit would
   * send stale base versions. Each key must hold a value after the commit. If this throws,
   * the commit is reported as failed and the session keeps its edits: the database has
   * them, and sending them again is refused as stale rather than applied twice.
   */
  readonly settle?: (result: R, changes: ChangeSet<K, T>) => Iterable<readonly [K, T]>
}

export interface EditSession<K, T extends EditValue> {
  getState(): EditSessionState<K, T>
  /**
   * Applies a change and records its inverse. Returns the recorded transaction, or null when
   * the change left every value as it was (nothing recorded, redo kept, no notification).
   * Throws an EditSessionError, changing nothing, when an operation is refused or a commit
   * is under way.
   */
  transact(change: EditChange<K, T>): Transaction<K, T> | null
  /** Takes back the last transaction; false when there is none. Throws during a commit. */
  undo(): boolean
  /** Applies the last undone transaction again; false when there is none. Throws during a commit. */
  redo(): boolean
  /** The net change per key since the base. */
  changeSet(): ChangeSet<K, T>
  /** Sends the change set through `send` (one SQL call); on success it becomes the base. */
  commit<R>(send: (changes: ChangeSet<K, T>) => Promise<R>, options?: CommitOptions<K, T, R>): Promise<CommitOutcome<K, T, R>>
  /** Calls `listener` after every change of state; returns the function that stops it. */
  subscribe(listener: () => void): () => void
}

export function createEditSession<K, T extends EditValue>(
  initial: ReadonlyMap<K, T>,
  options: EditSessionOptions<T> = {},
): EditSession<K, T> {
  const equals = options.equals ?? Object.is
  // Copied once so a caller changing its own map cannot change the session's base.
  let base: ReadonlyMap<K, T> = new Map(initial)
  let values = base
  let undoStack: Transaction<K, T>[] = []
  let redoStack: Transaction<K, T>[] = []
  let committing = false
  const listeners = new Set<() => void>()

  const changeSet = (): ChangeSet<K, T> => collapseTransactions(base, values, undoStack, equals)

  const describe = (): EditSessionState<K, T> => ({
    values,
    base,
    canUndo: !committing && undoStack.length > 0,
    canRedo: !committing && redoStack.length > 0,
    undoLabel: undoStack.length > 0 ? undoStack[undoStack.length - 1].label : null,
    redoLabel: redoStack.length > 0 ? redoStack[redoStack.length - 1].label : null,
    dirty: changeSet().length > 0,
    committing,
  })
  let state = describe()

  const changed = (): void => {
    state = describe()
    // A copy: a listener may unsubscribe itself or another while being called.
    for (const listener of [...listeners]) listener()
  }

  const refuseDuringCommit = (): void => {
    if (committing) throw new EditSessionError('committing')
  }

  return {
    getState: () => state,

    transact(change) {
      refuseDuringCommit()
      const applied = applyChange(values, change)
      if (applied.transaction.operations.length === 0) return null
      values = applied.values
      undoStack.push(applied.transaction)
      redoStack = []
      changed()
      return applied.transaction
    },

    undo() {
      refuseDuringCommit()
      const transaction = undoStack.pop()
      if (!transaction) return false
      values = revertTransaction(values, transaction)
      redoStack.push(transaction)
      changed()
      return true
    },

    redo() {
      refuseDuringCommit()
      const transaction = redoStack.pop()
      if (!transaction) return false
      values = replayTransaction(values, transaction)
      undoStack.push(transaction)
      changed()
      return true
    },

    changeSet,

    async commit(send, commitOptions = {}) {
      if (committing) return { status: 'failed', error: new EditSessionError('committing') }
      const changes = Object.freeze(changeSet().map((change) => Object.freeze({ ...change, labels: Object.freeze([...change.labels]) })))
      if (changes.length === 0) return { status: 'nothing_to_commit' }
      committing = true
      changed()
      try {
        const result = await send(changes)
        const committed = settled(values, commitOptions.settle?.(result, changes))
        base = committed
        values = committed
        undoStack = []
        redoStack = []
        return { status: 'committed', result, changes }
      } catch (error) {
        return { status: 'failed', error }
      } finally {
        committing = false
        changed()
      }
    },

    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

function settled<K, T extends EditValue>(values: ReadonlyMap<K, T>, replacements: Iterable<readonly [K, T]> | undefined): ReadonlyMap<K, T> {
  if (!replacements) return values
  const next = new Map(values)
  for (const [key, value] of replacements) {
    if (!next.has(key)) throw new EditSessionError('missing_key', { key })
    if (value === undefined) throw new EditSessionError('undefined_value', { key })
    next.set(key, value)
  }
  return next
}
