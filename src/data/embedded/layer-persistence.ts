/**
 * The last answers of the map's layer reads, kept in IndexedDB so a second start draws the
 * map while the embedded database is still booting (seconds), then revalidates every layer
 * from the database (react-query refetches the stale entries as soon as it answers).
 *
 * What keeps it correct:
 * - Scope: the demo snapshot's hash and the remembered demo user. Another snapshot (new
 *   build, new schema) or another user never reads the record; once the database has said
 *   who the acting user is, a record written for someone else is dropped again.
 * - Writes: every write through the Repository deletes the record at once, in every tab,
 *   and only answers read after the last write (and not invalidated since) are saved again.
 * - Only layer reads of the current view (queries with an observer); not case lists, not
 *   the assignment reference, not the session. The Supabase backend persists nothing.
 */
import { dehydrate, hydrate, type DehydratedState, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query'
import { withObjectStore } from './idb-store.ts'
import type { QueryKind } from '../reads.ts'

/** What the embedded backend tells the cache about itself (see embedded/index.ts). */
export interface LayerCacheSource {
  /** the demo snapshot's hash, once the manifest is read */
  snapshotHash(): Promise<string>
  /** the demo user remembered from the last visit ('' for the default), known before the database */
  rememberedUser(): string
  /**
   * A record prepared with the demo build for a first start (the district view as the
   * default user, scripts/first-view.ts); read only when this browser has none of its own.
   */
  preparedRecord?(): Promise<LayerRecord | null>
  /** the acting user's id once the database has chosen it (rejects if the boot fails) */
  actingUserId(): Promise<string | null>
  /**
   * Something on screen waits for the database (a query with no answer to show): a second
   * start that held the database back for the map's first view boots it now.
   */
  needsDatabase?(): void
  /**
   * A read that would not run before the map's first view anyway (a background read while a
   * map draws, data/call-queue.ts): its waiting does not mean the screen needs the database.
   */
  waitsForFirstView?(queryKey: QueryKey): boolean
  /** called after every successful write through the transport */
  onWrite(listener: () => void): () => void
}

/**
 * The layout of a kept record: the query keys of the persisted kinds (`['urbangrid', <kind>,
 * …args]`, data/reads.ts) and the shape of their answers (the layer schemas in data/schemas.ts).
 * A build that changes either bumps it. A record of another format is never hydrated (the
 * browser's own is deleted), so the keys are a declared contract between builds, not a silent
 * one; tests/unit/data-layer-persistence.test.ts pins them with this number.
 */
export const LAYER_CACHE_FORMAT = 1

/** The reads the 总览 map draws (query keys `['urbangrid', <kind>, …]`, see data/reads.ts). */
export const PERSISTED_LAYER_KINDS = ['areas', 'roads', 'segments', 'markets', 'constructionSites', 'facilities', 'incidents', 'incidentCounts'] as const satisfies readonly QueryKind[]

const DATABASE = 'urbangrid-layer-cache'
const STORE = 'records'
const RECORD = 'layers'
const CHANNEL = 'urbangrid-layer-cache'
/** Saving waits for a quiet second after the last layer answer (a view loads in bursts). */
export const SAVE_DELAY_MS = 1000

export interface LayerRecord {
  /** LAYER_CACHE_FORMAT of the build that wrote it */
  format: number
  scope: string
  userId: string
  savedAt: number
  /** JSON of react-query's dehydrated state: one string is cheaper to clone than the objects */
  state: string
}

/**
 * Reads a prepared record; a missing or malformed one is no record (it only costs the head
 * start), so checking its five fields by hand is enough.
 */
export async function fetchLayerRecord(url: string): Promise<LayerRecord | null> {
  const response = await fetch(url)
  if (!response.ok) return null
  const value = (await response.json()) as Partial<Record<keyof LayerRecord, unknown>> | null
  if (
    !value ||
    typeof value.format !== 'number' ||
    typeof value.scope !== 'string' ||
    typeof value.userId !== 'string' ||
    typeof value.savedAt !== 'number' ||
    typeof value.state !== 'string'
  ) {
    return null
  }
  return { format: value.format, scope: value.scope, userId: value.userId, savedAt: value.savedAt, state: value.state }
}

export function cacheScope(snapshotHash: string, remembered: string): string {
  return `embedded:${snapshotHash}:${remembered}`
}

export function isPersistedLayerQuery(query: Pick<Query, 'queryKey' | 'state' | 'getObserversCount'>, lastWriteAt: number): boolean {
  const [root, kind] = query.queryKey
  return (
    root === 'urbangrid' &&
    (PERSISTED_LAYER_KINDS as readonly unknown[]).includes(kind) &&
    query.state.status === 'success' &&
    !query.state.isInvalidated &&
    query.state.dataUpdatedAt > lastWriteAt &&
    query.getObserversCount() > 0
  )
}

/** A query being fetched with nothing to show yet: only the database can answer it. */
export function isWaitingForDatabase(query: Pick<Query, 'state'>): boolean {
  return query.state.data === undefined && query.state.fetchStatus === 'fetching'
}

function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return withObjectStore(DATABASE, STORE, mode, work)
}

/** Where the record lives: IndexedDB in the browser, a stand-in in tests. */
export interface LayerRecordStore {
  read(): Promise<LayerRecord | undefined>
  write(record: LayerRecord): Promise<unknown>
  delete(): Promise<unknown>
}

export const indexedDbLayerStore: LayerRecordStore = {
  read: () => withStore<LayerRecord | undefined>('readonly', (store) => store.get(RECORD) as IDBRequest<LayerRecord | undefined>),
  write: (record) => withStore('readwrite', (store) => store.put(record, RECORD)),
  delete: () => withStore('readwrite', (store) => store.delete(RECORD)),
}

/**
 * Hydrates `client` from the record of this snapshot and user, then keeps the record up to
 * date. Returns the teardown. Failures (private mode, quota) only cost the head start.
 */
export function persistLayerQueries(client: QueryClient, source: LayerCacheSource, store: LayerRecordStore = indexedDbLayerStore): () => void {
  let stopped = false
  let lastWriteAt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL)
  const warn = (what: string) => (error: unknown) => console.warn(`地图图层缓存${what}失败`, error)

  const forgetAfterWrite = () => {
    lastWriteAt = Date.now()
    clearTimeout(timer)
  }
  const stopWrites = source.onWrite(() => {
    forgetAfterWrite()
    channel?.postMessage('write')
    void store.delete().catch(warn('清除'))
  })
  // A write in another tab changed the same database.
  if (channel) channel.onmessage = forgetAfterWrite

  const save = async () => {
    const [hash, userId] = await Promise.all([source.snapshotHash(), source.actingUserId()])
    if (stopped || !userId) return
    const state = dehydrate(client, { shouldDehydrateQuery: (query) => isPersistedLayerQuery(query, lastWriteAt) })
    if (state.queries.length === 0) return
    await store.write({ format: LAYER_CACHE_FORMAT, scope: cacheScope(hash, source.rememberedUser()), userId, savedAt: Date.now(), state: JSON.stringify(state) })
  }

  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return
    if (!(PERSISTED_LAYER_KINDS as readonly unknown[]).includes(event.query.queryKey[1])) return
    clearTimeout(timer)
    timer = setTimeout(() => void save().catch(warn('保存')), SAVE_DELAY_MS)
  })

  // Once the cache has shown what it has, a query still waiting for its first answer means
  // the screen needs the database (see start-gate.ts).
  let stopWatching = () => {}
  const needing = (query: Query) => isWaitingForDatabase(query) && !source.waitsForFirstView?.(query.queryKey)
  const watchForWaitingQueries = () => {
    const needsDatabase = source.needsDatabase
    if (stopped || !needsDatabase) return
    if (client.getQueryCache().getAll().some(needing)) return needsDatabase()
    stopWatching = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || !needing(event.query)) return
      stopWatching()
      needsDatabase()
    })
  }

  const restore = async (): Promise<{ state: DehydratedState; record: LayerRecord } | null> => {
    const [hash, kept] = await Promise.all([source.snapshotHash(), store.read()])
    let own = kept
    if (own && own.format !== LAYER_CACHE_FORMAT) {
      // Written by a build whose keys or answers differ: never shown, and not kept.
      own = undefined
      void store.delete().catch(warn('清除'))
    }
    const record = own ?? (source.preparedRecord ? await source.preparedRecord().catch(() => null) : null)
    if (stopped || !record || record.format !== LAYER_CACHE_FORMAT || record.scope !== cacheScope(hash, source.rememberedUser()) || lastWriteAt > record.savedAt) {
      return null
    }
    const state = JSON.parse(record.state) as DehydratedState
    hydrate(client, state)
    // Shown at once, but stale whatever their age: the database is asked again as soon as
    // it answers, and until then these answers are not saved again as if they were new.
    for (const query of state.queries) void client.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: 'none' })
    return { state, record }
  }

  void (async () => {
    const restored = await restore().catch((error: unknown) => {
      warn('读取')(error)
      return null
    })
    watchForWaitingQueries()
    if (!restored) return
    // The remembered user may no longer exist, so the database may act as someone else.
    const userId = await source.actingUserId().catch(() => null)
    if (!stopped && userId !== null && userId !== restored.record.userId) {
      for (const query of restored.state.queries) void client.resetQueries({ queryKey: query.queryKey, exact: true })
      await store.delete()
    }
  })().catch(warn('读取'))

  return () => {
    stopped = true
    clearTimeout(timer)
    unsubscribe()
    stopWatching()
    stopWrites()
    channel?.close()
  }
}
