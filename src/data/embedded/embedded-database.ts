/**
 * The main thread's handle on the PGlite worker: starts it with the snapshot's manifest,
 * turns the worker's boot messages into progress, and can start over after a failure.
 * Queries made before the database is ready simply wait for it, so the shell and the map
 * render at once and fill in when the data arrives.
 */
import { PGliteWorker } from '@electric-sql/pglite/worker'
import { wrap, type Remote } from 'comlink'
import { getBootProgress, reportDatabase, reportDatabaseHeld, subscribeBootProgress } from '../boot-progress.ts'
import { demoTodayOverride } from './demo-clock.ts'
import { callsChannelName, dataDirName, FIRST_VIEW_MESSAGE, isWorkerBootMessage, manifestSchema, type BootMeta, type DemoManifest } from './boot-protocol.ts'
import type { CallAnswer, CallRequest, EmbeddedCalls } from './embedded-calls.ts'
import { isSnapshotComplete } from './idb-state.ts'
import type { StartReason } from './start-gate.ts'

export interface EmbeddedDatabaseOptions {
  /** where `manifest.json` and the snapshot are served, ends with '/' */
  demoBaseUrl: string
  /**
   * A second start (this snapshot already complete in IndexedDB) boots the database once
   * this resolves (see start-gate.ts). A first start, and a retry, boot at once.
   */
  secondStartWhen?: Promise<StartReason>
}

/** 'ready' means the database is up and the map (if it is showing) has drawn its first view. */
function tellWhenFirstViewDrawn(worker: Worker): () => void {
  const check = () => {
    if (getBootProgress().stage !== 'ready') return false
    worker.postMessage(FIRST_VIEW_MESSAGE)
    return true
  }
  if (check()) return () => {}
  const unsubscribe = subscribeBootProgress(() => {
    if (check()) unsubscribe()
  })
  return unsubscribe
}

/** The tab whose worker held the database went away during a call. */
export class LeaderChangedError extends Error {
  constructor() {
    super('数据库所在的标签页已关闭，这次操作是否完成未知，请刷新后确认')
    this.name = 'LeaderChangedError'
  }
}

/**
 * The calls reach the database through comlink on a BroadcastChannel (pglite.worker.ts);
 * PGliteWorker elects the tab whose worker holds the database and says when it is ready.
 */
export class EmbeddedDatabase implements EmbeddedCalls {
  private readonly options: EmbeddedDatabaseOptions
  private current: Promise<PGliteWorker>
  /** one channel and one proxy per database for the page's life (see callsOf) */
  private calls: { hash: string; remote: Remote<EmbeddedCalls> } | null = null
  /** calls waiting for their answer: a change of leader rejects them (their answer is lost) */
  private readonly pending = new Set<(error: Error) => void>()
  private manifest: Promise<DemoManifest> | null = null
  private kept: Promise<boolean> | null = null
  private worker: PGliteWorker | null = null
  private thread: Worker | null = null
  private stopTelling: () => void = () => {}

  constructor(options: EmbeddedDatabaseOptions) {
    this.options = options
    this.current = this.start(options.secondStartWhen)
    // Failures are shown through the progress store; callers awaiting `ready()` see them too.
    this.current.catch(() => {})
  }

  ready(): Promise<PGliteWorker> {
    return this.current
  }

  call(request: CallRequest): Promise<CallAnswer> {
    return this.viaLeader<CallAnswer>((calls) => calls.call(request))
  }

  ownerRows(sql: string): Promise<Record<string, unknown>[]> {
    return this.viaLeader((calls) => calls.ownerRows(sql))
  }

  /**
   * Answered in the worker once everything committed is in IndexedDB (on a cold start: once
   * the whole directory is, see pglite.worker.ts).
   */
  persist(): Promise<void> {
    return this.viaLeader((calls) => calls.persist())
  }

  /**
   * Runs `work` on the leading worker's calls once PGlite says this tab is connected to it
   * (after a change of leader, once the new one has opened the database).
   */
  private async viaLeader<T>(work: (calls: Remote<EmbeddedCalls>) => Promise<T>): Promise<T> {
    const db = await this.current
    await db.waitReady
    const calls = this.callsOf(await this.snapshotHash())
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject)
      work(calls)
        .then(resolve, reject)
        .finally(() => this.pending.delete(reject))
    })
  }

  /**
   * One proxy per database, kept for the page's life: comlink releases an endpoint once its
   * last proxy is garbage-collected, and the channel stays open for it.
   */
  private callsOf(hash: string): Remote<EmbeddedCalls> {
    if (this.calls?.hash !== hash) this.calls = { hash, remote: wrap<EmbeddedCalls>(new BroadcastChannel(callsChannelName(hash))) }
    return this.calls.remote
  }

  /** The hash of the snapshot this start boots (names its IndexedDB data and caches). */
  async snapshotHash(): Promise<string> {
    this.manifest ??= this.fetchManifest()
    return (await this.manifest).hash
  }

  /**
   * Whether this page found its snapshot already complete in IndexedDB (a second start),
   * read once: the boot and the layer cache both ask at start-up.
   */
  keptInBrowser(): Promise<boolean> {
    this.kept ??= this.snapshotHash()
      .then((hash) => isSnapshotComplete(hash))
      .catch(() => false)
    return this.kept
  }

  /** Where the district view's prepared layer answers are, if the demo build wrote them. */
  async firstViewUrl(): Promise<string | null> {
    this.manifest ??= this.fetchManifest()
    const { firstView } = await this.manifest
    return firstView ? new URL(firstView, new URL(this.options.demoBaseUrl, location.href)).href : null
  }

  /** Throws away a failed (or running) worker and boots again. */
  restart(): Promise<PGliteWorker> {
    this.stop()
    this.current = this.start()
    this.current.catch(() => {})
    return this.current
  }

  private async start(secondStartWhen?: Promise<StartReason>): Promise<PGliteWorker> {
    reportDatabase({ stage: 'manifest', loaded: 0, total: 0, fromSnapshot: null, persisted: false })
    try {
      this.manifest = this.fetchManifest()
      const manifest = await this.manifest
      if (secondStartWhen && (await this.keptInBrowser())) {
        reportDatabase({ stage: 'opening', fromSnapshot: false })
        reportDatabaseHeld(await secondStartWhen)
      }
      const base = new URL(this.options.demoBaseUrl, location.href)
      const meta: BootMeta = {
        hash: manifest.hash,
        snapshotUrl: new URL(manifest.snapshot, base).href,
        snapshotBytes: manifest.snapshotBytes,
        postgisUrl: new URL(manifest.postgisBundle, base).href,
        demoToday: demoTodayOverride(globalThis.localStorage),
      }
      const worker = new Worker(new URL('./pglite.worker.ts', import.meta.url), { type: 'module', name: 'urbangrid-pglite' })
      const failed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => reject(new Error(event.message || '数据库线程无法启动')))
        worker.addEventListener('message', (event: MessageEvent) => {
          const message: unknown = event.data
          if (!isWorkerBootMessage(message)) return
          switch (message.stage) {
            case 'downloading':
              reportDatabase({ stage: 'downloading', loaded: message.loaded, total: message.total, fromSnapshot: true })
              break
            case 'opening':
              reportDatabase({ stage: 'opening', fromSnapshot: message.fromSnapshot })
              break
            case 'opened':
              break
            case 'persisted':
              reportDatabase({ persisted: true })
              break
            case 'error':
              reject(new Error(message.message))
              break
          }
        })
      })
      this.thread = worker
      // The same id on every attempt: a retry's worker then also answers the connection
      // attempts a failed attempt's PGliteWorker keeps making (it has no way to stop them).
      const db = new PGliteWorker(worker, { id: dataDirName(manifest.hash), meta })
      this.worker = db
      db.onLeaderChange(() => {
        // Answers of the worker that led are lost with it; PGliteWorker rejects its own the same way.
        for (const reject of [...this.pending]) reject(new LeaderChangedError())
      })
      await Promise.race([db.waitReady, failed])
      reportDatabase({ stage: 'ready' })
      this.stopTelling = tellWhenFirstViewDrawn(worker)
      return db
    } catch (error) {
      this.stop()
      reportDatabase({ stage: 'error', error: error instanceof Error ? error.message : String(error) })
      throw error
    }
  }

  private stop() {
    this.stopTelling()
    // PGliteWorker.close() before it ever connected throws from a timer ("Channel is
    // closed"); a connected one closes cleanly. Either way the thread is terminated.
    if (this.worker?.ready) void this.worker.close()
    else this.thread?.terminate()
    this.worker = null
    this.thread = null
  }

  private async fetchManifest(): Promise<DemoManifest> {
    const url = `${this.options.demoBaseUrl}manifest.json`
    // The manifest is tiny and names the snapshot version: always ask the server.
    const response = await fetch(url, { cache: 'no-cache' })
    if (!response.ok) throw new Error(`找不到演示数据库清单（HTTP ${response.status}）：${url}`)
    const parsed = manifestSchema.safeParse(await response.json())
    if (!parsed.success) throw new Error(`演示数据库清单格式不正确：${url}`)
    return parsed.data
  }
}
