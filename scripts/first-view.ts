/**
 * The district view's layer answers, prepared with the demo build: what the 总览 map asks
 * the embedded database for when it opens on the whole district with the default URL state,
 * as the default demo user, answered by this very snapshot in Node and written as a
 * layer-cache record (src/data/embedded/layer-persistence.ts) beside it.
 *
 * A first start with an empty IndexedDB has no layer cache of its own; it reads this
 * record instead, draws the map from it while the database boots, and asks the database
 * again for every layer as soon as it is up (the record is marked stale on arrival), just
 * like a second start does with the answers it saved itself. The record is scoped to the
 * snapshot's hash and the default demo user, and named by a hash of everything that shapes
 * the reads (this file, the data layer with the overview's reads, the domain rules they
 * use), so a changed read never meets an old answer, and it carries LAYER_CACHE_FORMAT, the
 * declared version of the key layout, which the browser checks. The reads come from src/data,
 * never from the workspace: scripts import no features.
 */
import { createHash } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { QueryClient, dehydrate, type QueryKey } from '@tanstack/react-query'
import { DEMO_USERS_SQL, toSessionUsers } from '../src/data/embedded/demo-auth.ts'
import { cacheScope, LAYER_CACHE_FORMAT, type LayerRecord } from '../src/data/embedded/layer-persistence.ts'
import { embeddedCalls } from '../src/data/embedded/embedded-calls.ts'
import { PgliteTransport } from '../src/data/embedded/pglite-transport.ts'
import { DEFAULT_READ_STATE, overviewReads } from '../src/data/overview-reads.ts'
import { READS, queryKeyOf, type ReadSpec } from '../src/data/reads.ts'
import { Repository, type AuthProvider } from '../src/data/repository.ts'
import type { BBox } from '../src/domain/geometry/bbox.ts'
import { geometryBbox } from '../src/domain/geometry/geometry-bbox.ts'
import { GRID_LEVEL_ZOOMS } from '../src/domain/grids/grid-level-for-zoom.ts'
import { hashInputs } from './inputs-hash.ts'

/** Everything that decides which reads are made and what their answers look like. */
const INPUTS = ['scripts/first-view.ts', 'src/data', 'src/domain/geometry', 'src/domain/grids', 'src/domain/settings', 'src/domain/time']

export function firstViewFileName(snapshotHash: string): string {
  const hash = hashInputs(createHash('sha256').update(snapshotHash), INPUTS, /\.(css|md)$/)
  return `first-view-${hash.digest('hex').slice(0, 16)}.json`
}

/** The district view at each grid level it can show (street, or community on a large screen). */
export function districtViewReads(districtBbox: BBox) {
  const reads = new Map<string, { key: QueryKey; read: (repository: Repository) => Promise<unknown> }>()
  for (const zoom of [GRID_LEVEL_ZOOMS.community - 1, GRID_LEVEL_ZOOMS.community]) {
    const view = overviewReads(DEFAULT_READ_STATE, { bbox: districtBbox, zoom }, null, districtBbox)
    // The same read specs the map's hooks ask with (src/data/reads.ts): same keys, same fetches.
    const add = <Args extends unknown[]>(spec: ReadSpec<Args, unknown>, args: Args) => {
      const key = queryKeyOf(spec, args)
      reads.set(JSON.stringify(key), { key, read: (repository: Repository) => spec.fetch(repository, ...args) })
    }
    add(READS.areas, [view.district.level, view.district.query])
    add(READS.roads, [view.roads])
    add(READS.areas, [view.grids.level, view.grids.query])
    add(READS.incidentCounts, [view.heatmapCounts])
    add(READS.segments, [view.segments])
    add(READS.markets, [view.markets])
    add(READS.constructionSites, [view.sites])
    add(READS.facilities, [view.facilities])
  }
  return [...reads.values()]
}

/** Answers the district view's reads from the snapshot, as the default demo user. */
export async function buildFirstViewRecord(snapshot: Blob, snapshotHash: string): Promise<LayerRecord> {
  const db = new PGlite({ extensions: { postgis }, loadDataDir: snapshot })
  try {
    await db.waitReady
    const users = toSessionUsers((await db.query<{ id: string; email: string | null; display_name: string; role: string }>(DEMO_USERS_SQL)).rows)
    // The user a first start acts as (DemoAuth with nothing remembered).
    const user = users.find((candidate) => candidate.role === 'admin') ?? users[0]
    if (!user) throw new Error('the demo snapshot has no demo users')
    const transport = new PgliteTransport(embeddedCalls(db, async () => {}), () => ({ sub: user.id, role: 'authenticated', email: user.email }))
    const repository = new Repository(transport, {} as AuthProvider, 'first-view')
    const district = await repository.areas('district', {})
    const outline = district.features[0]?.geometry
    if (!outline) throw new Error('the demo snapshot has no district outline')
    const client = new QueryClient()
    for (const { key, read } of districtViewReads(geometryBbox(outline as GeoJSON.Geometry))) {
      await client.fetchQuery({ queryKey: key, queryFn: () => read(repository) })
    }
    const state = dehydrate(client)
    return { format: LAYER_CACHE_FORMAT, scope: cacheScope(snapshotHash, ''), userId: user.id, savedAt: Date.now(), state: JSON.stringify(state) }
  } finally {
    await db.close()
  }
}
