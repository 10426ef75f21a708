/**
 * The vocabulary of an edit session: what a caller asks for (operations in a change), what
 * the session records (each key's value before and after, so the inverse is exact), and what
 * it hands to a commit (the net change per key since the base).
 */

/**
 * A value held under a key. `undefined` is not allowed because the session uses it to mean
 * "no value under this key" (before a create, after a delete).
 */
export type EditValue = NonNullable<unknown> | null

/** What a caller asks for. Each is checked against the state it meets, in order. */
export type EditOperation<K, T extends EditValue> =
  /** set the value, whether or not the key holds one */
  | { readonly type: 'put'; readonly key: K; readonly value: T }
  /** add a key that must not hold a value yet (a new grid's code must be free) */
  | { readonly type: 'create'; readonly key: K; readonly value: T }
  /** replace an existing value by a function of it; the result must be a new value, not the old one mutated */
  | { readonly type: 'update'; readonly key: K; readonly update: (previous: T) => T }
  /** remove an existing value */
  | { readonly type: 'delete'; readonly key: K }

export interface EditChange<K, T extends EditValue> {
  /** shown on the undo/redo buttons and sent as the reason of a commit, in Chinese (e.g. '拆分网格') */
  readonly label: string
  readonly operations: readonly EditOperation<K, T>[]
}

/** One key's value before and after one applied operation; `undefined` = absent. */
export interface RecordedOperation<K, T extends EditValue> {
  readonly key: K
  readonly before: T | undefined
  readonly after: T | undefined
  /**
   * For a delete: where the key stood in the iteration order just before it, so undo puts it
   * back there (a Map re-inserts at the end, and the order is what lists and draw order show).
   */
  readonly position?: number
}

/** A change as it was applied: its inverse is its operations reversed with before and after swapped. */
export interface Transaction<K, T extends EditValue> {
  readonly label: string
  readonly operations: readonly RecordedOperation<K, T>[]
}

/**
 * The net change of one key between the base and now. `base` is the value as it was at the
 * base, which is where the version the edit was based on comes from (`base_version`).
 */
export type NetChange<K, T extends EditValue> = (
  | { readonly kind: 'created'; readonly key: K; readonly value: T }
  | { readonly kind: 'updated'; readonly key: K; readonly base: T; readonly value: T }
  | { readonly kind: 'deleted'; readonly key: K; readonly base: T }
) & {
  /** the labels of the applied transactions that touched this key, oldest first, each once */
  readonly labels: readonly string[]
}

/** Everything one commit sends: at most one net change per key, in the order keys were first touched. */
export type ChangeSet<K, T extends EditValue> = readonly NetChange<K, T>[]
