/**
 * The embedded database: PGlite + PostGIS in a module worker, persisted in IndexedDB under
 * a name versioned by the demo snapshot's hash (DESIGN.md §3: a newer PGlite or a newer
 * schema never opens an old directory; it starts again from the matching snapshot).
 *
 * First start: download the snapshot here (off the main thread), unpack it with
 * `loadDataDir`. Later starts: open the IndexedDB directory as it is, no download.
 */
import { IdbFs, PGlite } from '@electric-sql/pglite'
import { worker } from '@electric-sql/pglite/worker'
import { expose, type Endpoint } from 'comlink'
// PGliteWorker passes only `live` from the main thread; the extension is set up here.
import { postgisRuntime } from './postgis-runtime.ts'
import { callsChannelName, dataDirName, isFirstViewMessage, type BootMeta, type WorkerBootMessage } from './boot-protocol.ts'
import type { DemoClock } from './demo-clock.ts'
import { deleteOtherSnapshots, deleteSnapshot, isSnapshotComplete, markSnapshotComplete } from './idb-state.ts'
import { durableStore, flushWhenWritten, nextTransactionId, scheduledFilesystem, scheduleSyncs } from './durable-sync.ts'
import { embeddedCalls } from './embedded-calls.ts'

const post = (message: WorkerBootMessage) => postMessage(message)

async function download(meta: BootMeta): Promise<Blob> {
  const response = await fetch(meta.snapshotUrl)
  if (!response.ok || !response.body) {
    throw new Error(`下载演示数据库失败（HTTP ${response.status}）：${meta.snapshotUrl}`)
  }
  // A server that labels the tarball `Content-Encoding: gzip` makes the browser unpack it on
  // the fly: the bytes we count are then uncompressed and the total is not known.
  const encoded = response.headers.get('Content-Encoding') !== null
  const declared = Number(response.headers.get('Content-Length'))
  const total = encoded ? 0 : Number.isFinite(declared) && declared > 0 ? declared : meta.snapshotBytes
  const reader = response.body.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let loaded = 0
  let reported = 0
  post({ type: 'urbangrid-boot', stage: 'downloading', loaded, total })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    loaded += value.byteLength
    if (loaded - reported > 512 * 1024) {
      reported = loaded
      post({ type: 'urbangrid-boot', stage: 'downloading', loaded, total })
    }
  }
  post({ type: 'urbangrid-boot', stage: 'downloading', loaded, total: total > 0 ? Math.max(total, loaded) : 0 })
  // loadDataDir unpacks gzip only when told so by the blob's type: look at the magic bytes.
  const gzipped = chunks.length > 0 && chunks[0][0] === 0x1f && chunks[0][1] === 0x8b
  return new Blob(chunks, { type: gzipped ? 'application/gzip' : 'application/x-tar' })
}

/**
 * The calls of every tab, on one BroadcastChannel named after the database: only the worker
 * PGlite elected leader opens the database (a tab's worker otherwise waits), so it is the one
 * that answers, whichever tab asks; comlink matches each answer to its call by id.
 * comlink's "release" (sent when a tab's proxy is garbage-collected) would stop the answers
 * for every tab, so it is not passed on.
 */
function callsEndpoint(channel: BroadcastChannel): Endpoint {
  const listeners = new Map<EventListenerOrEventListenerObject, EventListener>()
  return {
    postMessage: (message: unknown) => channel.postMessage(message),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      const filtered: EventListener = (event) => {
        if ((event as MessageEvent<{ type?: unknown } | null>).data?.type === 'RELEASE') return
        if (typeof listener === 'function') listener(event)
        else listener.handleEvent(event)
      }
      listeners.set(listener, filtered)
      channel.addEventListener(type, filtered)
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      const filtered = listeners.get(listener)
      if (filtered) channel.removeEventListener(type, filtered)
      listeners.delete(listener)
    },
  }
}

/** The page says when its first view is drawn; a page that never does still gets persisted. */
const FIRST_VIEW_TIMEOUT_MS = 15_000
const firstViewDrawn = new Promise<void>((resolve) => {
  addEventListener('message', (event: MessageEvent) => {
    if (isFirstViewMessage(event.data)) resolve()
  })
  setTimeout(resolve, FIRST_VIEW_TIMEOUT_MS)
})

async function open(meta: BootMeta): Promise<PGlite> {
  await deleteOtherSnapshots(meta.hash)
  const reuse = await isSnapshotComplete(meta.hash)
  let snapshot: Blob | undefined
  if (!reuse) {
    // A directory without our marker is a first write that never finished.
    await deleteSnapshot(meta.hash)
    snapshot = await download(meta)
  }
  post({ type: 'urbangrid-boot', stage: 'opening', fromSnapshot: !reuse })
  const idb = new IdbFs(dataDirName(meta.hash))
  const syncs = scheduleSyncs(idb)
  // A cold start writes nothing until the page has drawn its first view (below) or a write
  // needs to be kept.
  if (!reuse) syncs.hold()
  const store = durableStore(
    syncs,
    reuse
      ? null
      : async () => {
          await markSnapshotComplete(meta.hash)
          post({ type: 'urbangrid-boot', stage: 'persisted' })
        },
  )
  const db = await PGlite.create({
    dataDir: `idb://${dataDirName(meta.hash)}`,
    fs: scheduledFilesystem(idb, syncs),
    extensions: { postgis: postgisRuntime(meta.postgisUrl) },
    loadDataDir: snapshot,
    // IDBFS persists by copying changed files to IndexedDB; waiting for that after every
    // protocol message would make each query pay for it.
    relaxedDurability: true,
  })
  if (!reuse) {
    // A live office at the moment it is opened: the demo's timeline moves by whole days to end
    // today and is cut at now (demo-clock.ts), once, before any tab sees the database. A
    // pinned day opens it at that day's local midnight.
    const clock = await db.query<{ clock: DemoClock }>(
      `select private.open_demo_at((($1::date)::timestamp - private.local_offset()) at time zone 'UTC') as clock`,
      [meta.demoToday ?? null],
    )
    const shifted = clock.rows[0]?.clock
    if (shifted && shifted.shifted_days > 0) console.info(`演示数据已平移 ${shifted.shifted_days} 天，截至 ${shifted.opened_at ?? shifted.today}`)
    // The reworked cases' history (返工: the failed 核查 and the second 处置), written here
    // rather than shipped in the snapshot (scripts/seed/demo-reworks.ts), after the clock moved.
    await db.query('select private.expand_demo_reworks()')
  }
  if (!reuse) {
    // The first, complete write of the unpacked directory takes seconds of this thread and
    // of IndexedDB. It waits until the page has drawn its first view and then for a quiet
    // second, so it competes neither with the map's queries nor with its first frames;
    // only once it finished is the directory trusted on the next start. A write before
    // then does this write at once (store.flush), since it must survive the tab.
    firstViewDrawn
      .then(() => store.persistWhenQuiet())
      .catch((error: unknown) => console.warn('首次写入 IndexedDB 未完成，下次启动将重新加载快照', error))
  }
  // Before PGlite tells any tab it is ready: no call is made before this listens.
  expose(embeddedCalls(db, flushWhenWritten(() => store.flush(), () => nextTransactionId(db))), callsEndpoint(new BroadcastChannel(callsChannelName(meta.hash))))
  post({ type: 'urbangrid-boot', stage: 'opened', fromSnapshot: !reuse })
  if (reuse) post({ type: 'urbangrid-boot', stage: 'persisted' })
  return db
}

void worker({
  async init(options) {
    try {
      return await open(options.meta as BootMeta)
    } catch (error) {
      // PGliteWorker would wait forever for a failed init; tell the page instead.
      post({ type: 'urbangrid-boot', stage: 'error', message: error instanceof Error ? error.message : String(error) })
      // Rejecting would raise an unhandled rejection in PGlite's worker loop for every
      // connection attempt of the page; the page terminates this worker instead.
      return new Promise<PGlite>(() => {})
    }
  },
})
