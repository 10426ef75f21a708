/**
 * Rows in batches for intake_incidents. Each batch is one call (one transaction); inside it the
 * function tries every row in its own subtransaction, so a batch never half-writes and one bad
 * row never costs the others.
 */
export interface Batch<T> {
  /** index of the batch's first row in the whole list */
  start: number
  rows: T[]
}

export const DEFAULT_BATCH_SIZE = 1000

export function batches<T>(rows: readonly T[], size = DEFAULT_BATCH_SIZE): Batch<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`)
  const result: Batch<T>[] = []
  for (let start = 0; start < rows.length; start += size) result.push({ start, rows: rows.slice(start, start + size) })
  return result
}
