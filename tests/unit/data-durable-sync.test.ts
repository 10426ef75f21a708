/**
 * The embedded database's IndexedDB schedule (src/data/embedded/durable-sync.ts) with a fake
 * file system whose syncs end when the test says so: statements coalesce into one late
 * sync, while a write's flush starts one at once and resolves only when a sync that began
 * after it has been written — and, on a cold start, once the directory's marker is too.
 * The page's persist() flushes only when a transaction that writes has run since the last
 * one. PGlite reaches the schedule through a Filesystem of our own (scheduledFilesystem).
 */
import { MemoryFS, PGlite } from '@electric-sql/pglite'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { z } from 'zod'
import { embeddedCalls } from '../../src/data/embedded/embedded-calls.ts'
import { rpcToSql, type RpcSpec } from '../../src/data/rpc.ts'
import {
  durableStore,
  flushWhenWritten,
  PERSIST_DELAY_MS,
  scheduledFilesystem,
  scheduleSyncs,
  nextTransactionId,
  type SyncSchedule,
  type SyncTarget,
} from '../../src/data/embedded/durable-sync.ts'

/**
 * A file system whose every sync is pending until `finish()` (or `fail()`) is called;
 * `statement()` is what PGlite does after each statement (through scheduledFilesystem).
 */
function fakeFs() {
  const syncs: { finish: () => void; fail: (error: Error) => void }[] = []
  const log: string[] = []
  const fs: SyncTarget = {
    syncToFs: () =>
      new Promise<void>((resolve, reject) => {
        log.push(`sync ${syncs.length + 1} started`)
        const number = syncs.length + 1
        syncs.push({
          finish: () => {
            log.push(`sync ${number} written`)
            resolve()
          },
          fail: reject,
        })
      }),
  }
  let schedule: SyncSchedule | null = null
  const schedules = (delayMs?: number) => (schedule = scheduleSyncs(fs, delayMs))
  const statement = () => void schedule?.statement()
  return { fs, syncs, log, statement, schedules }
}

/** Lets promise callbacks run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0)

function track(promise: Promise<void>) {
  const state = { done: false, error: null as unknown }
  promise.then(
    () => (state.done = true),
    (error: unknown) => (state.error = error),
  )
  return state
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('sync schedule', () => {
  test('statements coalesce into one sync a quiet delay after the last one', async () => {
    const { syncs, statement, schedules } = fakeFs()
    schedules()
    for (let i = 0; i < 5; i += 1) {
      statement()
      await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS / 2)
    }
    expect(syncs).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS)
    expect(syncs).toHaveLength(1)
  })

  test('now() syncs without the delay and resolves only once that sync is written', async () => {
    const { syncs, statement, schedules } = fakeFs()
    const schedule = schedules()
    statement()
    const flushed = track(schedule.now())
    await settle()
    expect(syncs).toHaveLength(1)
    expect(flushed.done).toBe(false)
    syncs[0].finish()
    await settle()
    expect(flushed.done).toBe(true)
    // The statement's timer was taken over by this sync: no second one a second later.
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS * 2)
    expect(syncs).toHaveLength(1)
  })

  test('now() during a running sync waits for a sync that starts after it; later calls join that one', async () => {
    const { syncs, statement, schedules } = fakeFs()
    const schedule = schedules()
    statement()
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS)
    expect(syncs).toHaveLength(1)
    // A write committed while sync 1 walks the directory: sync 1 may have missed it.
    const first = track(schedule.now())
    const second = track(schedule.now())
    await settle()
    syncs[0].finish()
    await settle()
    expect(first.done).toBe(false)
    expect(syncs).toHaveLength(2)
    syncs[1].finish()
    await settle()
    expect(first.done).toBe(true)
    expect(second.done).toBe(true)
    expect(syncs).toHaveLength(2)
  })

  test('a failed sync rejects its waiters; the next one still runs', async () => {
    const { syncs, schedules } = fakeFs()
    const schedule = schedules()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const failed = track(schedule.now())
    await settle()
    syncs[0].fail(new Error('QuotaExceededError'))
    await settle()
    expect(failed.error).toMatchObject({ message: 'QuotaExceededError' })
    const retried = track(schedule.now())
    await settle()
    syncs[1].finish()
    await settle()
    expect(retried.done).toBe(true)
    warn.mockRestore()
  })

  test('hold() stops statement syncs; now() releases it', async () => {
    const { syncs, statement, schedules } = fakeFs()
    const schedule = schedules()
    schedule.hold()
    statement()
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS * 3)
    expect(syncs).toHaveLength(0)
    const flushed = track(schedule.now())
    await settle()
    expect(syncs).toHaveLength(1)
    syncs[0].finish()
    await settle()
    expect(flushed.done).toBe(true)
    statement()
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS)
    expect(syncs).toHaveLength(2)
  })
})

describe('durable store', () => {
  function coldStart() {
    const files = fakeFs()
    const schedule = files.schedules()
    schedule.hold()
    const markers: (() => void)[] = []
    const store = durableStore(
      schedule,
      () =>
        new Promise<void>((resolve) => {
          files.log.push('marker started')
          markers.push(() => {
            files.log.push('marker written')
            resolve()
          })
        }),
    )
    return { ...files, store, markers }
  }

  test('cold start: a write before the first view resolves after the whole directory and its marker are written', async () => {
    const { syncs, log, statement, store, markers } = coldStart()
    statement()
    const flushed = track(store.flush())
    await settle()
    expect(syncs).toHaveLength(1)
    syncs[0].finish()
    await settle()
    expect(flushed.done).toBe(false)
    expect(markers).toHaveLength(1)
    markers[0]()
    await settle()
    expect(flushed.done).toBe(true)
    expect(log).toEqual(['sync 1 started', 'sync 1 written', 'marker started', 'marker written'])
    // The first-view write that follows finds the directory trusted: one marker in all.
    const later = track(store.persistWhenQuiet())
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS)
    syncs[1].finish()
    await settle()
    expect(later.done).toBe(true)
    expect(markers).toHaveLength(1)
  })

  test('cold start: a write while the first view waits for a quiet second does not wait for the quiet', async () => {
    const { syncs, statement, store, markers } = coldStart()
    const firstView = track(store.persistWhenQuiet())
    const flushed = track(store.flush())
    // Map queries keep the worker busy: the quiet second never comes.
    statement()
    await settle()
    expect(syncs).toHaveLength(1)
    syncs[0].finish()
    await settle()
    markers[0]()
    await settle()
    expect(flushed.done).toBe(true)
    expect(firstView.done).toBe(true)
    expect(markers).toHaveLength(1)
  })

  test('cold start: a write during the first complete write waits for it and for a sync after the write', async () => {
    const { syncs, store, markers } = coldStart()
    track(store.persistWhenQuiet())
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS)
    expect(syncs).toHaveLength(1)
    const flushed = track(store.flush())
    syncs[0].finish()
    await settle()
    markers[0]?.()
    await settle()
    expect(flushed.done).toBe(false)
    expect(syncs).toHaveLength(2)
    syncs[1].finish()
    await settle()
    expect(flushed.done).toBe(true)
    expect(markers).toHaveLength(1)
  })

  test('a marker that failed to be written is tried again by the next write', async () => {
    const files = fakeFs()
    const schedule = files.schedules()
    schedule.hold()
    let attempts = 0
    const store = durableStore(schedule, async () => {
      attempts += 1
      if (attempts === 1) throw new Error('marker store unavailable')
    })
    const failed = track(store.flush())
    await settle()
    files.syncs[0].finish()
    await settle()
    expect(failed.error).toMatchObject({ message: 'marker store unavailable' })
    const retried = track(store.flush())
    await settle()
    files.syncs[1].finish()
    await settle()
    expect(retried.done).toBe(true)
    expect(attempts).toBe(2)
  })

  test('second start (directory already trusted): a flush is one sync, no marker', async () => {
    const { syncs, schedules } = fakeFs()
    const store = durableStore(schedules(), null)
    const flushed = track(store.flush())
    await settle()
    syncs[0].finish()
    await settle()
    expect(flushed.done).toBe(true)
  })
})

describe('the page’s persist()', () => {
  test('flushes only when something was committed since the start or the last flush', async () => {
    vi.useRealTimers()
    let nextId = '753'
    let flushes = 0
    const failing: Error[] = []
    const syncToFs = flushWhenWritten(
      async () => {
        const error = failing.shift()
        if (error) throw error
        flushes += 1
      },
      async () => nextId,
    )
    // Nothing written since the start: nothing to do.
    await syncToFs()
    expect(flushes).toBe(0)
    nextId = '754'
    await syncToFs()
    expect(flushes).toBe(1)
    await syncToFs()
    expect(flushes).toBe(1)
    // A flush that failed is not taken for done: the next call tries again.
    nextId = '755'
    failing.push(new Error('QuotaExceededError'))
    await expect(syncToFs()).rejects.toThrow('QuotaExceededError')
    await syncToFs()
    expect(flushes).toBe(2)
  })

  test('flushes when the start could not be read', async () => {
    vi.useRealTimers()
    let reads = 0
    let flushes = 0
    const syncToFs = flushWhenWritten(
      async () => {
        flushes += 1
      },
      async () => {
        reads += 1
        if (reads === 1) throw new Error('database not answering yet')
        return '753'
      },
    )
    await syncToFs()
    expect(flushes).toBe(1)
  })
})

describe('the next transaction id on PGlite', () => {
  test('stands still through reads, even those that write WAL (hint bits), and read-only RPC batches; moves with a write', async () => {
    vi.useRealTimers()
    const db = await PGlite.create()
    try {
      await db.exec(`create role anon nologin;
        create table public.notes (id serial primary key, body text);
        insert into public.notes (body) values ('seed');
        create function public.note_count() returns bigint language sql stable set search_path = '' as 'select count(*) from public.notes';
        grant select on public.notes to anon;
        checkpoint`)
      const wal = async () => (await db.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn
      const start = await nextTransactionId(db)
      expect(start).toMatch(/^\d+$/)
      const walBefore = await wal()
      // The first read after a checkpoint sets hint bits on a checksummed page: WAL, no write.
      await db.query('select count(*) from public.notes')
      expect(await wal()).not.toBe(walBefore)
      const read: RpcSpec = { name: 'note_count', args: {}, result: z.unknown() }
      const { sql, params } = rpcToSql(read, {})
      await embeddedCalls(db, async () => {}).call({ sql, params, claims: null })
      expect(await nextTransactionId(db)).toBe(start)
      await db.query(`insert into public.notes (body) values ('kept')`)
      const afterWrite = await nextTransactionId(db)
      expect(afterWrite).not.toBe(start)
      await db.query('select * from public.notes')
      expect(await nextTransactionId(db)).toBe(afterWrite)
    } finally {
      await db.close()
    }
  }, 60_000)
})

describe('PGlite on scheduledFilesystem', () => {
  test('starts on it; its sync requests go to the schedule, and only a flush reaches the file system', async () => {
    vi.useRealTimers()
    const inner = new MemoryFS()
    let written = 0
    const schedule = scheduleSyncs(
      {
        syncToFs: async (relaxed) => {
          written += 1
          await inner.syncToFs(relaxed)
        },
      },
      60_000,
    )
    let requested = 0
    const counted: SyncSchedule = {
      ...schedule,
      statement: () => {
        requested += 1
        return schedule.statement()
      },
    }
    const db = await PGlite.create({ fs: scheduledFilesystem(inner, counted) })
    try {
      await db.query('select 1')
      await db.transaction(async (tx) => tx.query('select 2'))
      expect(requested).toBeGreaterThan(0)
      expect(written).toBe(0)
      await schedule.now()
      expect(written).toBe(1)
    } finally {
      schedule.hold()
      await db.close()
    }
  }, 60_000)
})
