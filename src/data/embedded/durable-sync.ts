/**
 * When the worker's PGlite data directory is copied to IndexedDB, and what a write waits for.
 * No PGlite import (types only): the worker hands in its IdbFs and database, tests fakes.
 *
 * PGlite asks its file system to sync after every statement outside a transaction (and at
 * the start of each transaction), and an IDBFS sync walks the whole ~90 MB data
 * directory to find what changed: in Chromium that cost ~0.5 s per map query, far more than
 * the query. Syncs are therefore coalesced into one that runs PERSIST_DELAY_MS after the
 * last statement, and they never overlap (a second sync would copy the same files while the
 * first writes them). Reads need nothing more. A write RPC is different: the page asks for
 * `flush()` before it reports success, so a tab closed right after a saved edit keeps it.
 */
import type { PGlite, PGliteInterface } from '@electric-sql/pglite'
import type { Filesystem } from '@electric-sql/pglite/basefs'

/** How long IndexedDB persistence trails the last statement when nobody waits for it. */
export const PERSIST_DELAY_MS = 1000

/** The part of PGlite's file system we drive (IdbFs: one IndexedDB transaction per sync). */
export interface SyncTarget {
  syncToFs(relaxedDurability?: boolean): Promise<void>
}

export interface SyncSchedule {
  /** what PGlite asks for after a statement: a sync at the next quiet moment, unless held */
  statement(): Promise<void>
  /** a sync at the next quiet moment (PERSIST_DELAY_MS without a statement), resolved once written */
  whenQuiet(): Promise<void>
  /** a sync that starts as soon as the running one (if any) ends, resolved once written */
  now(): Promise<void>
  /** no syncs at all until the next `whenQuiet()` or `now()` (a cold start's directory is not ours yet) */
  hold(): void
}

/**
 * The coalescing schedule over `fs`'s own sync. PGlite's requests reach it through
 * `scheduledFilesystem` (below), from the start: PGlite's own start-up runs a query, and on
 * a cold start its sync was the complete first write of the unpacked directory (~1 s of the
 * worker), competing with the map's first queries.
 */
export function scheduleSyncs(fs: SyncTarget, delayMs = PERSIST_DELAY_MS): SyncSchedule {
  const sync = (relaxedDurability: boolean) => fs.syncToFs(relaxedDurability)
  let queue: Promise<void> = Promise.resolve()
  let timer: ReturnType<typeof setTimeout> | undefined
  let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = []
  let held = false
  // A sync queued behind a running one and not started yet: later requests join it, since
  // it will copy everything committed before it starts.
  let queued = false
  const run = () => {
    if (queued) return
    queued = true
    const next = queue.then(async () => {
      queued = false
      const waiters = waiting
      waiting = []
      try {
        await sync(false)
      } catch (error) {
        waiters.forEach((waiter) => waiter.reject(error))
        throw error
      }
      waiters.forEach((waiter) => waiter.resolve())
    })
    queue = next.catch((error: unknown) => console.warn('写入 IndexedDB 失败', error))
  }
  const wait = () => new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }))
  const statement = async () => {
    clearTimeout(timer)
    if (!held) timer = setTimeout(run, delayMs)
  }
  return {
    statement,
    whenQuiet() {
      held = false
      const written = wait()
      void statement()
      return written
    },
    now() {
      held = false
      clearTimeout(timer)
      const written = wait()
      run()
      return written
    },
    hold() {
      held = true
      clearTimeout(timer)
    },
  }
}

/**
 * The file system PGlite is given: `inner` (the IdbFs) for everything, except that PGlite's
 * requests to sync go to the schedule. A `Filesystem` of its own (PGlite's public interface
 * for file systems, `@electric-sql/pglite/basefs`) rather than a patch of IdbFs's method.
 */
export function scheduledFilesystem(inner: Filesystem, schedule: SyncSchedule): Filesystem {
  return {
    init: (pg: PGlite, options) => inner.init(pg, options),
    syncToFs: () => schedule.statement(),
    initialSyncFs: () => inner.initialSyncFs(),
    dumpTar: (name, compression) => inner.dumpTar(name, compression),
    closeFs: () => inner.closeFs(),
  }
}

export interface DurableStore {
  /**
   * Resolves once everything committed before the call is in IndexedDB and the next start
   * will open it: on a cold start that includes the first complete write of the directory
   * and its marker, without which the next start deletes the directory and unpacks the
   * snapshot again (losing the write).
   */
  flush(): Promise<void>
  /** A cold start's first complete write, at the next quiet moment; then the marker. */
  persistWhenQuiet(): Promise<void>
}

/**
 * `markComplete` writes the marker that makes a cold start's directory trusted (null when
 * this start reuses a trusted directory). Any sync after the hold is released copies the whole
 * directory in one IndexedDB transaction, so the marker may follow whichever sync ends first.
 */
export function durableStore(syncs: SyncSchedule, markComplete: (() => Promise<void>) | null): DurableStore {
  let marked: Promise<void> | null = null
  const mark = () => {
    if (!markComplete) return Promise.resolve()
    // A failed marker write is tried again by the next flush.
    marked ??= markComplete().catch((error: unknown) => {
      marked = null
      throw error
    })
    return marked
  }
  return {
    async flush() {
      await syncs.now()
      await mark()
    },
    async persistWhenQuiet() {
      await syncs.whenQuiet()
      await mark()
    },
  }
}

/**
 * The page's `persist()` (what a write RPC waits for, embedded-calls.ts). It has to cost
 * nothing when nothing was written since the last one (a bulk run whose writes all failed),
 * and a read must not end a cold start's hold. `nextId()` is the next transaction id: only a transaction that writes
 * takes one (a read never does, even when it sets hint bits and so writes WAL), so while it
 * stands where the last flush (or the start) left it there is nothing to flush.
 */
export function flushWhenWritten(flush: () => Promise<void>, nextId: () => Promise<string>): () => Promise<void> {
  // What the next start finds without a flush: the directory as opened (or the snapshot).
  let durable: Promise<string | null> = nextId().catch(() => null)
  return async () => {
    const current = await nextId()
    if (current === (await durable)) return
    await flush()
    durable = Promise.resolve(current)
  }
}

/**
 * The id the next transaction that writes will take. In a transaction of its own: a plain
 * `query()` could land between the statements of a call's transaction.
 */
export async function nextTransactionId(db: Pick<PGliteInterface, 'transaction'>): Promise<string> {
  const id = await db.transaction(async (tx) => (await tx.query<{ id: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as id')).rows[0]?.id)
  if (typeof id !== 'string') throw new Error('无法读取数据库的下一个事务号')
  return id
}
