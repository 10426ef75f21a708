/**
 * The embedded database in Node (`npm run bench -- database`):
 *   - cold start: snapshot → first query answered, against creating the same database from
 *     shim + migrations + seed, both in this run (target: < 3 s on 2 cores);
 *   - snapshot size, gzip (target: < 15 MB);
 *   - each layer function over the whole district extent, as the API role, against the
 *     plain `count(*)` of the same rows (what the database has to touch anyway).
 */
import { readFileSync, statSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { applyMigrations, applySeed, applyShim } from '../scripts/db/migrations.ts'
import { ensureDemo, SNAPSHOT_FILE } from '../scripts/ensure-demo.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import { asCaller } from '../src/data/embedded/embedded-calls.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

const admin = { sub: DEMO_USERS[0].id, role: 'authenticated' as const }

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const value = await work()
  return [value, performance.now() - started]
}

const LAYERS: [name: string, call: string, baseline: string][] = [
  ['layer_grids(grid)', `select public.layer_grids('grid', null, 10000)`, `select count(*) from public.grids where valid_to is null`],
  ['layer_grids(community)', `select public.layer_grids('community', null, 1000)`, `select count(*) from public.communities`],
  ['layer_segments', `select public.layer_segments(null, 5000)`, `select count(*) from public.street_segments`],
  ['layer_facilities', `select public.layer_facilities(null, null, 5000)`, `select count(*) from public.facilities`],
  ['layer_roads', `select public.layer_roads(null, 5000)`, `select count(*) from public.roads`],
  ['layer_markets', `select public.layer_markets(null, 1000)`, `select count(*) from public.markets`],
  ['layer_construction_sites', `select public.layer_construction_sites(null, 1000)`, `select count(*) from public.construction_sites`],
  [
    'layer_incidents(1 month, 5000)',
    `select public.layer_incidents(null, '2026-10-01+08', '2026-11-01+08', null, null, 5000)`,
    `select count(*) from public.incidents where reported_at >= '2026-10-01+08' and reported_at < '2026-11-01+08'`,
  ],
  ['incident_counts_by_grid(12 months)', `select public.incident_counts_by_grid()`, `select count(*) from public.incidents`],
]

export const benches: Bench[] = [
  {
    name: 'database-cold-start',
    async run(log) {
      await ensureDemo({ log })
      const snapshot = new Blob([readFileSync(SNAPSHOT_FILE)])
      const [, snapshotMs] = await time(async () => {
        const db = new PGlite({ extensions: { postgis }, loadDataDir: snapshot })
        await db.query(`select public.district_summary()`)
        await db.close()
      })
      // The same again in this process: PGlite's and PostGIS's WASM are compiled by now, as
      // they are for a browser's second visit (V8 caches compiled code).
      const [, compiledMs] = await time(async () => {
        const db = new PGlite({ extensions: { postgis }, loadDataDir: snapshot })
        await db.query(`select public.district_summary()`)
        await db.close()
      })
      log(`  snapshot → first answer: ${snapshotMs.toFixed(0)} ms (${compiledMs.toFixed(0)} ms with compiled WASM); now from migrations + seed (about a minute)…`)
      const [, scratchMs] = await time(async () => {
        const db = new PGlite({ extensions: { postgis } })
        await applyShim(db)
        await applyMigrations(db)
        await applySeed(db)
        await db.query(`select public.district_summary()`)
        await db.close()
      })
      return [
        result({
          bench: 'embedded-cold-start',
          n: 1,
          ms: snapshotMs,
          baseline: 'create from shim + migrations + seed',
          baseline_ms: scratchMs,
          target_ms: 3000,
        }),
        result({
          bench: 'embedded-cold-start-compiled-wasm',
          n: 1,
          ms: compiledMs,
          baseline: 'create from shim + migrations + seed',
          baseline_ms: scratchMs,
          target_ms: 3000,
        }),
        result({
          bench: 'snapshot-size',
          n: statSync(SNAPSHOT_FILE).size,
          ms: 0,
          baseline: null,
          baseline_ms: null,
          ratio: null,
          unit: 'bytes (gzip)',
          target_bytes: 15_000_000,
        }),
      ]
    },
  },
  {
    name: 'database-layers',
    async run(log) {
      await ensureDemo({ log })
      const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) })
      const figures: BenchResult[] = []
      try {
        for (const [name, call, baseline] of LAYERS) {
          // One warm-up, then the best of three: the figure is the function, not the cache.
          await asCaller(db, admin, (tx) => tx.query(call))
          let best = Infinity
          let bestBaseline = Infinity
          let features = 0
          for (let round = 0; round < 3; round += 1) {
            const [rows, ms] = await time(() => asCaller(db, admin, (tx) => tx.query<Record<string, unknown>>(call)))
            best = Math.min(best, ms)
            const value = Object.values(rows.rows[0])[0] as { features?: unknown[] } | unknown[]
            features = Array.isArray(value) ? value.length : (value.features?.length ?? 0)
            const [, baselineMs] = await time(() => asCaller(db, admin, (tx) => tx.query(baseline)))
            bestBaseline = Math.min(bestBaseline, baselineMs)
          }
          figures.push(result({ bench: `layer ${name}`, n: features, ms: best, baseline: 'count(*) of the same rows', baseline_ms: bestBaseline }))
        }
      } finally {
        await db.close()
      }
      return figures
    },
  },
]
