/**
 * Applying a change to a map of values, and undoing or redoing a recorded one. Pure: the map
 * given is never modified; a new one is returned (copy on write — the values themselves are
 * shared, only the container is new, so an unchanged snapshot keeps its identity).
 */
import { EditSessionError } from './edit-session-error.ts'
import type { EditChange, EditValue, RecordedOperation, Transaction } from './types.ts'

/**
 * Applies every operation in order and records each key's value before and after it. A
 * refused operation throws an EditSessionError and nothing is applied (the input map is
 * untouched). Operations that leave a key as it was (the same value put again) are not
 * recorded, and a change that leaves every value as it was — operation by operation or in
 * sum — gives back the same map and an empty transaction.
 */
export function applyChange<K, T extends EditValue>(
  values: ReadonlyMap<K, T>,
  change: EditChange<K, T>,
): { values: ReadonlyMap<K, T>; transaction: Transaction<K, T> } {
  if (typeof change.label !== 'string' || change.label.trim() === '') throw new EditSessionError('empty_label')
  const next = new Map(values)
  const recorded: RecordedOperation<K, T>[] = []
  change.operations.forEach((operation, operationIndex) => {
    const { key } = operation
    const present = next.has(key)
    const before = next.get(key)
    let after: T | undefined
    switch (operation.type) {
      case 'put':
        after = operation.value
        break
      case 'create':
        if (present) throw new EditSessionError('key_exists', { key, operationIndex })
        after = operation.value
        break
      case 'update':
        if (!present) throw new EditSessionError('missing_key', { key, operationIndex })
        after = operation.update(before as T)
        break
      case 'delete':
        if (!present) throw new EditSessionError('missing_key', { key, operationIndex })
        after = undefined
        break
    }
    if (operation.type !== 'delete' && after === undefined) throw new EditSessionError('undefined_value', { key, operationIndex })
    if (Object.is(before, after)) return
    if (after === undefined) {
      recorded.push({ key, before, after, position: positionOf(next, key) })
      next.delete(key)
    } else {
      next.set(key, after)
      recorded.push({ key, before, after })
    }
  })
  // A change whose operations cancel out (a put then a delete of a new key) leaves nothing to undo.
  const changesSomething = recorded.some(({ key }) => values.has(key) !== next.has(key) || !Object.is(values.get(key), next.get(key)))
  return changesSomething
    ? { values: next, transaction: { label: change.label, operations: recorded } }
    : { values, transaction: { label: change.label, operations: [] } }
}

/**
 * The state before a recorded transaction: its operations reversed, each key set back to
 * `before`. Exact, iteration order included: when a delete is taken back, every later
 * operation has been taken back already, so the map is as it was right after the delete and
 * the key goes back to the position it was recorded at. Keys created go at the end, where
 * replaying puts them again.
 */
export function revertTransaction<K, T extends EditValue>(values: ReadonlyMap<K, T>, transaction: Transaction<K, T>): ReadonlyMap<K, T> {
  let next = new Map(values)
  for (let index = transaction.operations.length - 1; index >= 0; index--) {
    const { key, before, position } = transaction.operations[index]
    if (before !== undefined && position !== undefined && !next.has(key)) next = insertAt(next, key, before, position)
    else setOrDelete(next, key, before)
  }
  return next
}

/** The state after a recorded transaction, replayed from its recorded values (update functions are not called again). */
export function replayTransaction<K, T extends EditValue>(values: ReadonlyMap<K, T>, transaction: Transaction<K, T>): ReadonlyMap<K, T> {
  const next = new Map(values)
  for (const { key, after } of transaction.operations) setOrDelete(next, key, after)
  return next
}

function positionOf<K>(map: ReadonlyMap<K, unknown>, key: K): number {
  let position = 0
  for (const candidate of map.keys()) {
    // Map's own key equality (SameValueZero): NaN equals NaN, +0 equals -0
    if (candidate === key || (candidate !== candidate && key !== key)) return position
    position += 1
  }
  return position
}

function insertAt<K, T>(map: ReadonlyMap<K, T>, key: K, value: T, position: number): Map<K, T> {
  if (position >= map.size) return new Map(map).set(key, value)
  const next = new Map<K, T>()
  let index = 0
  for (const [candidate, held] of map) {
    if (index === position) next.set(key, value)
    next.set(candidate, held)
    index += 1
  }
  return next
}

function setOrDelete<K, T extends EditValue>(map: Map<K, T>, key: K, value: T | undefined): void {
  if (value === undefined) map.delete(key)
  else map.set(key, value)
}
