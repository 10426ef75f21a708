/**
 * Messages between the main thread and the PGlite worker about booting, beside PGlite's own
 * protocol (PGliteWorker ignores message types it does not know). Also the one place that
 * names the IndexedDB databases, so the worker and tests agree on them.
 */
import { z } from 'zod'

export const manifestSchema = z.object({
  hash: z.string().min(1),
  snapshot: z.string().min(1),
  snapshotBytes: z.number().int().nonnegative(),
  /** the trimmed PostGIS bundle (scripts/postgis-runtime.ts), beside the snapshot */
  postgisBundle: z.string().min(1),
  /** the district view's layer answers for a first start (scripts/first-view.ts) */
  firstView: z.string().min(1).optional(),
})
export type DemoManifest = z.infer<typeof manifestSchema>

/** What the main thread hands the worker through PGliteWorker's `meta` option. */
export interface BootMeta {
  hash: string
  snapshotUrl: string
  snapshotBytes: number
  postgisUrl: string
  /** The demo's pinned today (demo-clock.ts); null: today at the database's offset. */
  demoToday: string | null
}

export type WorkerBootMessage =
  | { type: 'urbangrid-boot'; stage: 'downloading'; loaded: number; total: number }
  | { type: 'urbangrid-boot'; stage: 'opening'; fromSnapshot: boolean }
  | { type: 'urbangrid-boot'; stage: 'opened'; fromSnapshot: boolean }
  /** the data directory is completely in IndexedDB: the next start needs no download */
  | { type: 'urbangrid-boot'; stage: 'persisted' }
  | { type: 'urbangrid-boot'; stage: 'error'; message: string }

/**
 * Main thread → worker, once the page's first view is on screen (or the page shows no map):
 * the first complete IndexedDB write of a cold start may begin. Only sent after the
 * database is ready: PGlite's worker takes the first message it gets as its `init`.
 */
export const FIRST_VIEW_MESSAGE = { type: 'urbangrid-first-view' } as const

export function isFirstViewMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === FIRST_VIEW_MESSAGE.type
}

export const DATA_DIR_PREFIX = 'urbangrid-'

/** PGlite's `idb://name` keeps its files in the IndexedDB database `/pglite/name`. */
export const dataDirName = (hash: string) => `${DATA_DIR_PREFIX}${hash}`
export const idbDatabaseName = (hash: string) => `/pglite/${dataDirName(hash)}`

/** The BroadcastChannel the leading worker answers the calls of every tab on (embedded-calls.ts). */
export const callsChannelName = (hash: string) => `urbangrid-calls:${dataDirName(hash)}`

/** A separate small database that records which snapshots were completely written to IndexedDB. */
export const MARKER_DATABASE = 'urbangrid-meta'
export const MARKER_STORE = 'snapshots'

export function isWorkerBootMessage(data: unknown): data is WorkerBootMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'urbangrid-boot'
}
