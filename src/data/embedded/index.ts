/**
 * The embedded backend: PGlite + PostGIS in a worker, booted from the demo snapshot, acting
 * as one of the demo users.
 */
import type { QueryClient } from '@tanstack/react-query'
import { mapDrawingFirstView, onFirstViewDrawn, whenFirstViewSettled } from '../boot-progress.ts'
import { isBackgroundRead } from '../reads.ts'
import { Repository } from '../repository.ts'
import { DemoAuth, DEMO_USERS_SQL, rememberedDemoUser, toSessionUsers } from './demo-auth.ts'
import { EmbeddedDatabase } from './embedded-database.ts'
import { fetchLayerRecord, persistLayerQueries, type LayerCacheSource } from './layer-persistence.ts'
import { PgliteTransport } from './pglite-transport.ts'
import { createStartGate } from './start-gate.ts'

export const EMBEDDED_LABEL = '内置演示数据库（合成数据）'

export interface EmbeddedBackend {
  repository: Repository
  auth: DemoAuth
  database: EmbeddedDatabase
  /** Keeps the map's layer answers in IndexedDB for a second start; returns the teardown. */
  persistLayers(client: QueryClient): () => void
}

/** The latest a second start waits for the map's first view before it boots the database. */
export const SECOND_START_TIMEOUT_MS = 4000

/**
 * How long after a map started drawing its first view background reads (call-queue.ts) stop
 * waiting for it: a map that is left before it draws, or never draws, must not hold the
 * summary or the placement reference back for good.
 */
export const BACKGROUND_WAIT_MS = 15_000

export function createEmbeddedBackend(demoBaseUrl: string): EmbeddedBackend {
  const gate = createStartGate({ timeoutMs: SECOND_START_TIMEOUT_MS, input: globalThis.window, onFirstView: onFirstViewDrawn })
  const database = new EmbeddedDatabase({ demoBaseUrl, secondStartWhen: gate.opened })
  const auth = new DemoAuth(async () => {
    const rows = await database.ownerRows(DEMO_USERS_SQL)
    return toSessionUsers(rows as { id: string; email: string | null; display_name: string; role: string }[])
  })
  const writeListeners = new Set<() => void>()
  const transport = new PgliteTransport(database, () => auth.claims(), () => writeListeners.forEach((listener) => listener()), {
    // Calls wait for the database and the acting user: an early call would run as anon and be refused.
    ready: () => auth.ready(),
    // The sidebar's figures and the placement reference wait while a map draws its first view.
    backgroundMayStart: () => whenFirstViewSettled(BACKGROUND_WAIT_MS),
  })
  const layerCache: LayerCacheSource = {
    snapshotHash: () => database.snapshotHash(),
    rememberedUser: rememberedDemoUser,
    // Only while the database is (re)loaded from the snapshot: a database this browser has
    // kept may have been edited since, and its answers are not the snapshot's any more.
    async preparedRecord() {
      if (await database.keptInBrowser()) return null
      const url = await database.firstViewUrl()
      return url ? fetchLayerRecord(url) : null
    },
    actingUserId: async () => {
      await auth.ready()
      return auth.claims()?.sub ?? null
    },
    needsDatabase: () => gate.open('needed'),
    // Those open the gate at the first view at the latest (the gate's own 'first-view').
    waitsForFirstView: (queryKey) => isBackgroundRead(queryKey) && mapDrawingFirstView(BACKGROUND_WAIT_MS),
    onWrite(listener) {
      writeListeners.add(listener)
      return () => writeListeners.delete(listener)
    },
  }
  return {
    repository: new Repository(transport, auth, EMBEDDED_LABEL),
    auth,
    database,
    persistLayers: (client) => persistLayerQueries(client, layerCache),
  }
}
