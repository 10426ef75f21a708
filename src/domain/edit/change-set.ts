/**
 * The net change per key between the base and now, from the transactions applied since the
 * base. Only the first value at the base and the last value now matter, which gives the
 * collapse rules:
 * - absent at the base, present now → created (a create then updates: one create of the last value);
 * - present at both and not equal → updated, with the base value (update then update keeps the first base);
 * - present at the base, absent now → deleted, with the base value;
 * - absent at both (create then delete), or equal at both (an edit put back) → nothing.
 */
import type { ChangeSet, EditValue, NetChange, Transaction } from './types.ts'

export function collapseTransactions<K, T extends EditValue>(
  base: ReadonlyMap<K, T>,
  current: ReadonlyMap<K, T>,
  applied: readonly Transaction<K, T>[],
  equals: (a: T, b: T) => boolean = Object.is,
): ChangeSet<K, T> {
  // Keys in the order they were first touched, with the labels that touched them.
  const labelsByKey = new Map<K, string[]>()
  for (const transaction of applied) {
    for (const { key } of transaction.operations) {
      let labels = labelsByKey.get(key)
      if (!labels) labelsByKey.set(key, (labels = []))
      if (!labels.includes(transaction.label)) labels.push(transaction.label)
    }
  }
  const changes: NetChange<K, T>[] = []
  for (const [key, labels] of labelsByKey) {
    const wasThere = base.has(key)
    const isThere = current.has(key)
    if (!wasThere && isThere) changes.push({ kind: 'created', key, value: current.get(key) as T, labels })
    else if (wasThere && !isThere) changes.push({ kind: 'deleted', key, base: base.get(key) as T, labels })
    else if (wasThere && isThere) {
      const before = base.get(key) as T
      const after = current.get(key) as T
      if (!equals(before, after)) changes.push({ kind: 'updated', key, base: before, value: after, labels })
    }
  }
  return changes
}
