/**
 * Rows in batches for intake_incidents, and committing one batch so that one bad row never
 * costs another.
 *
 * Each batch is one call (one transaction); inside it the function tries every row in its own
 * subtransaction and answers per row. But some input makes the database refuse the call
 * before any row is tried — a NUL character in any text ("unsupported Unicode escape
 * sequence", raised while the jsonb argument is parsed) — and then the whole batch is lost
 * for one row. `commitBatch` answers that by splitting: a refused batch is retried as two
 * halves, and each refused half again, until the row that causes it stands alone; every
 * other row is written. An error no smaller batch can escape (permission, lost connection,
 * missing function) is not split: the batch stops there and says so.
 *
 * Pure: the database call is injected, so the CLI (pg / PGlite) and the import panel
 * (Repository) share it.
 */
import type { BatchOutcome, IntakeOutcome } from './merge-results.ts'

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

/** What is known of a failed call: the Repository's RepositoryError, a pg or PGlite error, a network error. */
interface ErrorShape {
  code?: unknown
  kind?: unknown
  message?: unknown
}

/**
 * Errors that say nothing about the rows: no permission (42501, PostgREST's JWT errors), the
 * connection or the server went away (SQLSTATE class 08, 57P01–57P03, Node's socket codes),
 * a wrong login (class 28), the function or database missing (42883, 3D000, PGRST202).
 * Splitting would only repeat them once per row.
 */
export function isBatchWideError(error: unknown): boolean {
  const record = (error && typeof error === 'object' ? error : {}) as ErrorShape
  if (record.kind === 'permission' || record.kind === 'network' || record.kind === 'not_found') return true
  const code = typeof record.code === 'string' ? record.code : ''
  if (/^(08|28)/.test(code) || /^57P0[1-3]$/.test(code)) return true
  if (['42501', '42883', '3D000', 'PGRST202', 'PGRST301', '401', '403'].includes(code)) return true
  if (/^(ECONN|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH)/.test(code)) return true
  // pg after its socket closed: "Connection terminated", "Client has encountered a connection error and is not queryable".
  const message = typeof record.message === 'string' ? record.message : ''
  return /connection (terminated|error)|not queryable|Failed to fetch|NetworkError/i.test(message)
}

export interface CommitBatchOptions {
  /** whether splitting could help; default isBatchWideError negated */
  isBatchWide?: (error: unknown) => boolean
}

export interface CommittedBatch {
  /**
   * Answers covering every row of the batch exactly once, `start` relative to the batch, for
   * mergeIntakeResults. Rows the database refused alone have `scope: 'row'`; rows not written
   * because the batch stopped have `scope: 'batch'`.
   */
  outcomes: BatchOutcome[]
  /** the batch-wide error that stopped it (rows not tried are in `outcomes`), or null */
  stopped: { message: string; code?: string } | null
  /** database calls made, 1 when nothing was refused */
  calls: number
}

export async function commitBatch<T>(
  rows: readonly T[],
  call: (rows: T[]) => Promise<readonly IntakeOutcome[]>,
  options: CommitBatchOptions = {},
): Promise<CommittedBatch> {
  const isBatchWide = options.isBatchWide ?? isBatchWideError
  const outcomes: BatchOutcome[] = []
  let stopped: CommittedBatch['stopped'] = null
  let calls = 0

  // Depth first, left half before right, so outcomes come out in row order.
  const attempt = async (start: number, count: number): Promise<void> => {
    if (stopped) {
      outcomes.push({ start, count, error: { ...stopped, scope: 'batch' } })
      return
    }
    let results: readonly IntakeOutcome[]
    try {
      calls += 1
      results = await call(rows.slice(start, start + count))
    } catch (error) {
      const described = describe(error)
      if (isBatchWide(error)) {
        stopped = described
        outcomes.push({ start, count, error: { ...described, scope: 'batch' } })
        return
      }
      if (count === 1) {
        outcomes.push({ start, count, error: { ...described, scope: 'row' } })
        return
      }
      const half = Math.ceil(count / 2)
      await attempt(start, half)
      await attempt(start + half, count - half)
      return
    }
    outcomes.push({ start, results })
    // A row the answer does not mention was not written as far as anyone can tell: say so.
    const answered = new Set(results.map((result) => result.index))
    for (let index = 0; index < count; index++) {
      if (!answered.has(index)) outcomes.push({ start: start + index, count: 1, error: { message: '数据库没有返回这一行的结果', scope: 'row' } })
    }
  }

  if (rows.length > 0) await attempt(0, rows.length)
  return { outcomes, stopped, calls }
}

function describe(error: unknown): { message: string; code?: string } {
  const record = (error && typeof error === 'object' ? error : {}) as ErrorShape
  const message = typeof record.message === 'string' && record.message !== '' ? record.message : String(error)
  return typeof record.code === 'string' && record.code !== '' ? { message, code: record.code } : { message }
}
