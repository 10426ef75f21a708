/**
 * Calls the SQL API on the embedded database (in the browser's worker, or a PGlite in Node
 * for tests and scripts) through `EmbeddedCalls` (embedded-calls.ts): each call one
 * transaction as the caller, one round trip. The database answers one call at a time, so
 * calls wait in a priority queue (call-queue.ts): interactive before background, in order
 * within each.
 */
import type { RpcTransport } from '../repository.ts'
import { CallQueue, type CallQueueOptions } from '../call-queue.ts'
import { RepositoryError } from '../errors.ts'
import { callPriority, rpcToSql, type RpcSpec, type WatchedTable } from '../rpc.ts'
import { answerValue, type Claims, type EmbeddedCalls } from './embedded-calls.ts'

export type { Claims } from './embedded-calls.ts'

/** A write committed in the database that could not be stored for the next start. */
export class NotPersistedError extends RepositoryError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`修改已生效，但未能保存到浏览器存储（IndexedDB）：${reason}。关闭或刷新页面后这次修改会丢失。`, { kind: 'unknown', cause })
    this.name = 'NotPersistedError'
  }
}

/**
 * How long a bulk run's writes may wait for IndexedDB: a tab closed mid-import loses at most
 * this much of it (the rows already sent are then simply imported again: intake skips ids it has).
 */
export const BULK_PERSIST_MS = 15_000

export class PgliteTransport implements RpcTransport {
  readonly kind = 'embedded' as const
  private readonly db: EmbeddedCalls
  private readonly claims: () => Claims | null
  private readonly afterWrite: () => void
  private readonly queue: CallQueue
  private readonly watchers = new Set<{ tables: readonly WatchedTable[]; listener: () => void }>()
  /** a bulk run in progress: the tables it wrote, when it last persisted */
  private run: { tables: Set<WatchedTable>; persistedAt: number } | null = null

  /**
   * `queue.ready`: what a call waits for before it runs (the database and the acting user:
   * an early call would otherwise run as anon and be refused); `queue.backgroundMayStart`:
   * when a background call may take the database.
   */
  constructor(db: EmbeddedCalls, claims: () => Claims | null, afterWrite: () => void = () => {}, queue: CallQueueOptions = {}) {
    this.db = db
    this.claims = claims
    this.afterWrite = afterWrite
    this.queue = new CallQueue(queue)
  }

  /**
   * A write answers only once it is persisted: the embedded database copies its files to
   * IndexedDB lazily (pglite.worker.ts), and a tab closed right after a successful edit would
   * otherwise lose it. Reads do not wait for anything.
   */
  async call(rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown> {
    const { sql, params } = rpcToSql(rpc, args)
    // The claims are read when the call's turn comes: the acting user is known by then.
    const answer = await this.queue.run(callPriority(rpc), () => this.db.call({ sql, params, claims: this.claims() }))
    const result = answerValue(answer)
    const written = rpc.writes
    if (!written) return result
    const run = this.run
    if (run) {
      // Part of a bulk run: announced at its end, persisted now and then.
      for (const table of written) run.tables.add(table)
      if (performance.now() - run.persistedAt >= BULK_PERSIST_MS) {
        run.persistedAt = performance.now()
        await this.persist()
      }
      return result
    }
    try {
      await this.persist()
    } finally {
      this.announce(written)
    }
    return result
  }

  /**
   * Runs `work` (a series of calls) as one bulk run: its writes are persisted every
   * BULK_PERSIST_MS and at the end, and watchers hear of them once, at the end — an import of
   * 100 batches otherwise copied the data directory to IndexedDB 100 times and had the open
   * lists and map layers read again after every batch, on the same one-call-at-a-time
   * database. A run inside a run is part of it.
   */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    if (this.run) return work()
    const run = { tables: new Set<WatchedTable>(), persistedAt: performance.now() }
    this.run = run
    let outcome: { value: T } | { error: unknown }
    try {
      outcome = { value: await work() }
    } catch (error) {
      outcome = { error }
    } finally {
      this.run = null
    }
    if (run.tables.size > 0) {
      try {
        await this.persist()
      } catch (error) {
        // The work's own failure says more; a lost persist is reported when the work succeeded.
        if ('value' in outcome) outcome = { error }
      } finally {
        this.announce([...run.tables])
      }
    }
    if ('error' in outcome) throw outcome.error
    return outcome.value
  }

  private async persist(): Promise<void> {
    try {
      await this.db.persist()
    } catch (error) {
      throw new NotPersistedError(error)
    }
  }

  /** Committed, persisted or not: whatever shows these tables must read them again. */
  private announce(written: readonly WatchedTable[]): void {
    this.afterWrite()
    for (const watcher of [...this.watchers]) {
      if (watcher.tables.some((table) => written.includes(table))) watcher.listener()
    }
  }

  /**
   * One tab owns the embedded database, so its own writes are all the changes there are;
   * a write tells the watchers of the tables its function declares (RPC `writes`).
   */
  watch(tables: readonly WatchedTable[], listener: () => void): () => void {
    const watcher = { tables, listener }
    this.watchers.add(watcher)
    return () => {
      this.watchers.delete(watcher)
    }
  }
}
