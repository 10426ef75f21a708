/**
 * The embedded backend's layer cache (src/data/embedded/layer-persistence.ts) with a real
 * react-query client and an in-memory record store: what is saved, when a second start may
 * use it, and that writes and other users/snapshots never see old answers.
 */
import { QueryClient, QueryObserver } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { queryKeys } from '../../src/data/reads.ts'
import {
  cacheScope,
  LAYER_CACHE_FORMAT,
  PERSISTED_LAYER_KINDS,
  persistLayerQueries,
  SAVE_DELAY_MS,
  type LayerCacheSource,
  type LayerRecord,
  type LayerRecordStore,
} from '../../src/data/embedded/layer-persistence.ts'

const GRIDS_KEY = ['urbangrid', 'areas', 'street', { bbox: null, limit: 5000 }]
const COUNTS_KEY = ['urbangrid', 'incidentCounts', { bbox: [119.8, 32.4, 120, 32.5], from: null, to: null, categories: null }]
const SUMMARY_KEY = ['urbangrid', 'summary']
const CASES_KEY = ['urbangrid', 'cases', { limit: 50 }]

class MemoryStore implements LayerRecordStore {
  record: LayerRecord | undefined
  async read() {
    return this.record
  }
  async write(record: LayerRecord) {
    this.record = structuredClone(record)
  }
  async delete() {
    this.record = undefined
  }
}

function fakeSource(overrides: Partial<{ hash: string; remembered: string; userId: string }> = {}) {
  const writeListeners = new Set<() => void>()
  const source: LayerCacheSource = {
    snapshotHash: async () => overrides.hash ?? 'snapshot-a',
    rememberedUser: () => overrides.remembered ?? '',
    actingUserId: async () => overrides.userId ?? 'user-1',
    onWrite(listener) {
      writeListeners.add(listener)
      return () => writeListeners.delete(listener)
    },
  }
  return { source, write: () => writeListeners.forEach((listener) => listener()) }
}

/** A mounted query (an observer), as the map's hooks make them. */
function observe(client: QueryClient, queryKey: unknown[], answer: () => unknown) {
  const observer = new QueryObserver(client, { queryKey, queryFn: async () => answer(), staleTime: 60_000 })
  return observer.subscribe(() => {})
}

const settle = async () => {
  await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 50)
}

let teardowns: (() => void)[] = []
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  teardowns.forEach((teardown) => teardown())
  teardowns = []
  vi.useRealTimers()
})

async function firstStart(store: MemoryStore, source = fakeSource().source) {
  const client = new QueryClient()
  teardowns.push(persistLayerQueries(client, source, store))
  teardowns.push(observe(client, GRIDS_KEY, () => ({ type: 'FeatureCollection', features: [{ id: 1 }], truncated: false })))
  teardowns.push(observe(client, COUNTS_KEY, () => [{ grid_id: 1, count: 7 }]))
  teardowns.push(observe(client, SUMMARY_KEY, () => ({ incidents: 100000 })))
  teardowns.push(observe(client, CASES_KEY, () => ({ rows: [] })))
  await settle()
  return client
}

describe('layer cache of the embedded backend', () => {
  test('saves the mounted layer reads, scoped by snapshot and remembered user, and nothing else', async () => {
    const store = new MemoryStore()
    const client = await firstStart(store)
    // A layer read nobody shows any more is not saved.
    await client.prefetchQuery({ queryKey: ['urbangrid', 'segments', { bbox: null }], queryFn: async () => ({ features: [] }) })
    await settle()
    expect(store.record?.scope).toBe(cacheScope('snapshot-a', ''))
    expect(store.record?.userId).toBe('user-1')
    const saved = (JSON.parse(store.record!.state) as { queries: { queryKey: unknown[] }[] }).queries.map((query) => query.queryKey)
    expect(saved).toEqual(expect.arrayContaining([GRIDS_KEY, COUNTS_KEY]))
    expect(saved).toHaveLength(2)
  })

  test('a second start shows the saved answers at once, stale, and refetches them from the database', async () => {
    const store = new MemoryStore()
    await firstStart(store)
    const client = new QueryClient()
    teardowns.push(persistLayerQueries(client, fakeSource().source, store))
    await vi.advanceTimersByTimeAsync(0)
    expect(client.getQueryData(COUNTS_KEY)).toEqual([{ grid_id: 1, count: 7 }])
    expect(client.getQueryState(COUNTS_KEY)?.isInvalidated).toBe(true)
    const database = vi.fn(() => [{ grid_id: 1, count: 8 }])
    teardowns.push(observe(client, COUNTS_KEY, database))
    await vi.advanceTimersByTimeAsync(0)
    expect(database).toHaveBeenCalledTimes(1)
    expect(client.getQueryData(COUNTS_KEY)).toEqual([{ grid_id: 1, count: 8 }])
  })

  test('answers from the cache are not saved again as if the database had just given them', async () => {
    const store = new MemoryStore()
    await firstStart(store)
    const client = new QueryClient()
    teardowns.push(persistLayerQueries(client, fakeSource().source, store))
    await vi.advanceTimersByTimeAsync(0)
    // Only the counts are asked again; the grids stay as the cache gave them.
    const never = new Promise<never>(() => {})
    teardowns.push(new QueryObserver(client, { queryKey: GRIDS_KEY, queryFn: () => never }).subscribe(() => {}))
    teardowns.push(observe(client, COUNTS_KEY, () => [{ grid_id: 1, count: 9 }]))
    await settle()
    const saved = (JSON.parse(store.record!.state) as { queries: { queryKey: unknown[] }[] }).queries.map((query) => query.queryKey)
    expect(saved).toEqual([COUNTS_KEY])
  })

  test('a record of another format is never shown, and this browser\'s own is deleted', async () => {
    const store = new MemoryStore()
    await firstStart(store)
    const older = { ...store.record!, format: LAYER_CACHE_FORMAT - 1 }
    store.record = older
    const client = new QueryClient()
    const preparedRecord = vi.fn(async () => older)
    teardowns.push(persistLayerQueries(client, { ...fakeSource().source, preparedRecord }, store))
    await vi.advanceTimersByTimeAsync(0)
    expect(client.getQueryData(GRIDS_KEY)).toBeUndefined()
    expect(store.record).toBeUndefined()
    // Its own record gone, the browser may use the prepared one, of its format only.
    expect(preparedRecord).toHaveBeenCalledTimes(1)
  })

  test('the format is declared with the key layout it describes', () => {
    // Changing a persisted kind's key (data/reads.ts) or its answer's shape means a new
    // LAYER_CACHE_FORMAT: update this test together with it.
    expect(LAYER_CACHE_FORMAT).toBe(1)
    expect(PERSISTED_LAYER_KINDS).toEqual(['areas', 'roads', 'segments', 'markets', 'constructionSites', 'facilities', 'incidents', 'incidentCounts'])
    expect(queryKeys.areas('street', { bbox: null, limit: 5000 })).toEqual(GRIDS_KEY)
    expect(queryKeys.incidentCounts({ bbox: [119.8, 32.4, 120, 32.5], from: null, to: null, categories: null })).toEqual(COUNTS_KEY)
    expect(queryKeys.roads({ limit: 20000 })).toEqual(['urbangrid', 'roads', { limit: 20000 }])
    expect(queryKeys.segments({})).toEqual(['urbangrid', 'segments', {}])
    expect(queryKeys.markets({})).toEqual(['urbangrid', 'markets', {}])
    expect(queryKeys.constructionSites({})).toEqual(['urbangrid', 'constructionSites', {}])
    expect(queryKeys.facilities({})).toEqual(['urbangrid', 'facilities', {}])
    expect(queryKeys.incidents({})).toEqual(['urbangrid', 'incidents', {}])
  })

  test('another snapshot or another remembered user never sees the record', async () => {
    const store = new MemoryStore()
    await firstStart(store)
    for (const other of [fakeSource({ hash: 'snapshot-b' }), fakeSource({ remembered: 'viewer@demo.urbangrid.local' })]) {
      const client = new QueryClient()
      teardowns.push(persistLayerQueries(client, other.source, store))
      await vi.advanceTimersByTimeAsync(0)
      expect(client.getQueryData(GRIDS_KEY)).toBeUndefined()
    }
  })

  test('when the database acts as someone else than the record was read as, the answers are dropped', async () => {
    const store = new MemoryStore()
    await firstStart(store)
    const client = new QueryClient()
    teardowns.push(persistLayerQueries(client, fakeSource({ userId: 'user-2' }).source, store))
    await vi.advanceTimersByTimeAsync(0)
    expect(client.getQueryData(GRIDS_KEY)).toBeUndefined()
    expect(store.record).toBeUndefined()
  })

  test('a write deletes the record at once; only answers read after it are saved again', async () => {
    const store = new MemoryStore()
    const { source, write } = fakeSource()
    const client = await firstStart(store, source)
    expect(store.record).toBeDefined()
    vi.setSystemTime(Date.now() + 5)
    write()
    await vi.advanceTimersByTimeAsync(0)
    expect(store.record).toBeUndefined()
    // A later save (another layer answered) must not bring back the pre-write answers.
    vi.setSystemTime(Date.now() + 5)
    teardowns.push(observe(client, ['urbangrid', 'markets', {}], () => ({ features: [] })))
    await settle()
    const saved = (JSON.parse(store.record!.state) as { queries: { queryKey: unknown[] }[] }).queries.map((query) => query.queryKey)
    expect(saved).toEqual([['urbangrid', 'markets', {}]])
  })

  describe('telling a second start that the screen needs the database', () => {
    test('not while every mounted layer has a cached answer; at once when a view the cache lacks is asked for', async () => {
      const store = new MemoryStore()
      await firstStart(store)
      const needsDatabase = vi.fn()
      const client = new QueryClient()
      const never = () => new Promise<never>(() => {})
      // The map mounts its layers before the record is read: they wait for the database.
      teardowns.push(new QueryObserver(client, { queryKey: GRIDS_KEY, queryFn: never }).subscribe(() => {}))
      teardowns.push(persistLayerQueries(client, { ...fakeSource().source, needsDatabase }, store))
      await vi.advanceTimersByTimeAsync(0)
      teardowns.push(new QueryObserver(client, { queryKey: COUNTS_KEY, queryFn: never }).subscribe(() => {}))
      await vi.advanceTimersByTimeAsync(0)
      expect(client.getQueryData(GRIDS_KEY)).toBeDefined()
      expect(needsDatabase).not.toHaveBeenCalled()
      // Panned elsewhere: nothing cached for that viewport.
      teardowns.push(new QueryObserver(client, { queryKey: ['urbangrid', 'incidentCounts', { bbox: [1, 2, 3, 4] }], queryFn: never }).subscribe(() => {}))
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).toHaveBeenCalledTimes(1)
      teardowns.push(new QueryObserver(client, { queryKey: SUMMARY_KEY, queryFn: never }).subscribe(() => {}))
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).toHaveBeenCalledTimes(1)
    })

    test('right after reading the cache when a query mounted before it is still without an answer', async () => {
      const store = new MemoryStore()
      await firstStart(store)
      const needsDatabase = vi.fn()
      const client = new QueryClient()
      teardowns.push(new QueryObserver(client, { queryKey: CASES_KEY, queryFn: () => new Promise<never>(() => {}) }).subscribe(() => {}))
      teardowns.push(persistLayerQueries(client, { ...fakeSource().source, needsDatabase }, store))
      expect(needsDatabase).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).toHaveBeenCalledTimes(1)
    })

    test('not by a read that waits for the map\'s first view anyway; by it once no map is drawing', async () => {
      const store = new MemoryStore()
      await firstStart(store)
      const needsDatabase = vi.fn()
      let mapDrawing = true
      const waitsForFirstView = (queryKey: readonly unknown[]) => queryKey[1] === 'summary' && mapDrawing
      const client = new QueryClient()
      const never = () => new Promise<never>(() => {})
      teardowns.push(persistLayerQueries(client, { ...fakeSource().source, needsDatabase, waitsForFirstView }, store))
      await vi.advanceTimersByTimeAsync(0)
      teardowns.push(new QueryObserver(client, { queryKey: SUMMARY_KEY, queryFn: never }).subscribe(() => {}))
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).not.toHaveBeenCalled()
      mapDrawing = false
      teardowns.push(new QueryObserver(client, { queryKey: ['urbangrid', 'summary', 'again'], queryFn: never }).subscribe(() => {}))
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).toHaveBeenCalledTimes(1)
    })

    test('when there is no record, by the first query that waits', async () => {
      const needsDatabase = vi.fn()
      const client = new QueryClient()
      teardowns.push(persistLayerQueries(client, { ...fakeSource().source, needsDatabase }, new MemoryStore()))
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).not.toHaveBeenCalled()
      teardowns.push(new QueryObserver(client, { queryKey: GRIDS_KEY, queryFn: () => new Promise<never>(() => {}) }).subscribe(() => {}))
      await vi.advanceTimersByTimeAsync(0)
      expect(needsDatabase).toHaveBeenCalledTimes(1)
    })
  })

  describe('the record prepared with the demo build (first start)', () => {
    async function preparedFrom(hash = 'snapshot-a'): Promise<LayerRecord> {
      const store = new MemoryStore()
      await firstStart(store, fakeSource({ hash }).source)
      return store.record!
    }

    test('is shown, stale, when this browser has no record of its own', async () => {
      const prepared = await preparedFrom()
      const source = { ...fakeSource().source, preparedRecord: vi.fn(async () => prepared) }
      const client = new QueryClient()
      teardowns.push(persistLayerQueries(client, source, new MemoryStore()))
      await vi.advanceTimersByTimeAsync(0)
      expect(source.preparedRecord).toHaveBeenCalledTimes(1)
      expect(client.getQueryData(COUNTS_KEY)).toEqual([{ grid_id: 1, count: 7 }])
      expect(client.getQueryState(COUNTS_KEY)?.isInvalidated).toBe(true)
    })

    test('is not even fetched when this browser has its own record', async () => {
      const store = new MemoryStore()
      await firstStart(store)
      const preparedRecord = vi.fn(async () => null)
      const client = new QueryClient()
      teardowns.push(persistLayerQueries(client, { ...fakeSource().source, preparedRecord }, store))
      await vi.advanceTimersByTimeAsync(0)
      expect(preparedRecord).not.toHaveBeenCalled()
      expect(client.getQueryData(GRIDS_KEY)).toBeDefined()
    })

    test('for another snapshot, or when it cannot be read, shows nothing', async () => {
      const other = await preparedFrom('snapshot-b')
      for (const preparedRecord of [async () => other, async () => Promise.reject(new Error('offline'))]) {
        const client = new QueryClient()
        teardowns.push(persistLayerQueries(client, { ...fakeSource().source, preparedRecord }, new MemoryStore()))
        await vi.advanceTimersByTimeAsync(0)
        expect(client.getQueryData(GRIDS_KEY)).toBeUndefined()
      }
    })
  })
})
