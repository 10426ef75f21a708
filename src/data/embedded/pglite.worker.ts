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
// PGliteWorker passes only `live` from the main thread; the extension is set up here.
import { postgisRuntime } from './postgis-runtime.ts'
import { dataDirName, isFirstViewMessage, type BootMeta, type WorkerBootMessage } from './boot-protocol.ts'
import { deleteOtherSnapshots, deleteSnapshot, isSnapshotComplete, markSnapshotComplete } from './idb-state.ts'
import { encodeDatabaseError } from './worker-errors.ts'

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

// Postgres errors carry their SQLSTATE only as fields, which PGliteWorker drops.
function keepErrorFields(db: PGlite): PGlite {
  const wrapped = ['execProtocol', 'execProtocolStream', 'execProtocolRaw']
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      if (typeof property === 'string' && wrapped.includes(property)) {
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          } catch (error) {
            throw encodeDatabaseError(error)
          }
        }
      }
      return (value as (...a: unknown[]) => unknown).bind(target)
    },
  })
}

/** The page says when its first view is drawn; a page that never does still gets persisted. */
const FIRST_VIEW_TIMEOUT_MS = 15_000
const firstViewDrawn = new Promise<void>((resolve) => {
  addEventListener('message', (event: MessageEvent) => {
    if (isFirstViewMessage(event.data)) resolve()
  })
  setTimeout(resolve, FIRST_VIEW_TIMEOUT_MS)
})

/** How long IndexedDB persistence trails the last statement (see scheduleSyncs). */
const PERSIST_DELAY_MS = 1000

/**
 * PGlite asks IDBFS to sync after every statement, and a sync walks the whole ~90 MB data
 * directory to find what changed: in Chromium that cost ~0.5 s per map query, far more than
 * the query. Syncs are therefore coalesced into one that runs PERSIST_DELAY_MS after the
 * last statement (a write is on disk about a second later; durability was already relaxed),
 * and they never overlap (a second sync would copy the same files while the first writes
 * them). Returns `whenQuiet`: a sync at the next quiet moment, resolved once it is written.
 *
 * This is installed on the file system before PGlite starts: PGlite's own start-up runs a
 * query, and on a cold start its sync was the complete first write of the unpacked
 * directory (~1 s of this thread), competing with the map's first queries.
 */
function scheduleSyncs(fs: IdbFs): (() => Promise<void>) & { hold: () => void } {
  const sync = fs.syncToFs.bind(fs)
  let queue: Promise<void> = Promise.resolve()
  let timer: ReturnType<typeof setTimeout> | undefined
  let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = []
  let held = false
  const run = (relaxedDurability?: boolean) => {
    const waiters = waiting
    waiting = []
    const next = queue.then(() => sync(relaxedDurability))
    queue = next.catch((error: unknown) => console.warn('写入 IndexedDB 失败', error))
    next.then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
    )
  }
  fs.syncToFs = async (relaxedDurability?: boolean) => {
    clearTimeout(timer)
    if (!held) timer = setTimeout(() => run(relaxedDurability), PERSIST_DELAY_MS)
  }
  return Object.assign(
    () =>
      new Promise<void>((resolve, reject) => {
        held = false
        waiting.push({ resolve, reject })
        void fs.syncToFs(false)
      }),
    {
      /** no syncs at all until the next `whenQuiet()` (a cold start's directory is not ours yet) */
      hold: () => {
        held = true
        clearTimeout(timer)
      },
    },
  )
}

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
  const fs = new IdbFs(dataDirName(meta.hash))
  const whenQuiet = scheduleSyncs(fs)
  // A cold start writes nothing until the page has drawn its first view (below).
  if (!reuse) whenQuiet.hold()
  const db = await PGlite.create({
    dataDir: `idb://${dataDirName(meta.hash)}`,
    fs,
    extensions: { postgis: postgisRuntime(meta.postgisUrl) },
    loadDataDir: snapshot,
    // IDBFS persists by copying changed files to IndexedDB; waiting for that after every
    // protocol message would make each query pay for it.
    relaxedDurability: true,
  })
  if (!reuse) {
    // The first, complete write of the unpacked directory takes seconds of this thread and
    // of IndexedDB. It waits until the page has drawn its first view and then for a quiet
    // second, so it competes neither with the map's queries nor with its first frames;
    // only once it finished is the directory trusted on the next start.
    firstViewDrawn
      .then(() => whenQuiet())
      .then(() => markSnapshotComplete(meta.hash))
      .then(() => post({ type: 'urbangrid-boot', stage: 'persisted' }))
      .catch((error: unknown) => console.warn('首次写入 IndexedDB 未完成，下次启动将重新加载快照', error))
  }
  post({ type: 'urbangrid-boot', stage: 'opened', fromSnapshot: !reuse })
  if (reuse) post({ type: 'urbangrid-boot', stage: 'persisted' })
  return db
}

void worker({
  async init(options) {
    try {
      return keepErrorFields(await open(options.meta as BootMeta))
    } catch (error) {
      // PGliteWorker would wait forever for a failed init; tell the page instead.
      post({ type: 'urbangrid-boot', stage: 'error', message: error instanceof Error ? error.message : String(error) })
      // Rejecting would raise an unhandled rejection in PGlite's worker loop for every
      // connection attempt of the page; the page terminates this worker instead.
      return new Promise<PGlite>(() => {})
    }
  },
})
