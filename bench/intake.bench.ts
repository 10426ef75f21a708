/**
 * Case intake (`npm run bench -- intake`), issue 13: public.intake_incidents as the demo
 * dispatcher, on a database built from shim + migrations + seed, against the same database
 * built without this issue's migration (the row-by-row intake with the trigger's placement).
 * Both are built the same way in this run and take the same rows: the demo's cases again,
 * under new external ids.
 *   - intake-1000 / intake-10000: one call of 1,000 rows (median of 3) and of 10,000 rows;
 *     the figure to watch is how 10,000 compares with 1,000 (target about 10×, linear);
 *   - intake-100k-batches: 100,000 rows in calls of 1,000, each its own transaction, as the
 *     import panel and the CLI commit them (target ≤ 20 s for the embedded database).
 * On PGlite in Node (`intake-pglite`), and on native PostgreSQL 15 + PostGIS 3.3 in a throwaway
 * cluster (`intake-postgres`, skipped with the reason when the server binaries are missing).
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import pg from 'pg'
import { applySeed, applyShim, migrationFiles, type SqlScriptRunner } from '../scripts/db/migrations.ts'
import { startCluster } from '../scripts/db/pg-cluster.ts'
import { ensureDemo } from '../scripts/ensure-demo.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import type { IntakeRow } from '../src/domain/import/intake-row.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

/** The first migration of issue 13: "before" is every migration before it. */
const ISSUE_13_MIGRATION = '20261206000300_intake_strict_set_based.sql'
const dispatcher = DEMO_USERS.find((user) => user.role === 'dispatcher')!
const claims = JSON.stringify({ sub: dispatcher.id, role: 'authenticated' })


/** One database under test: runs one intake call as the dispatcher in its own transaction. */
interface Target {
  intake(rows: IntakeRow[]): Promise<void>
  query<T>(sql: string): Promise<T[]>
  close(): Promise<void>
}

async function build(runner: SqlScriptRunner, version: 'before' | 'after'): Promise<void> {
  await applyShim(runner)
  for (const file of migrationFiles()) {
    if (version === 'before' && basename(file) >= ISSUE_13_MIGRATION) continue
    await runner.exec(readFileSync(file, 'utf8'))
  }
  await applySeed(runner)
}

async function pgliteTarget(version: 'before' | 'after'): Promise<Target> {
  const db = new PGlite({ extensions: { postgis } })
  await build(db, version)
  return {
    // An untyped parameter: jsonb for the function before, json after.
    intake: (rows) =>
      db.transaction(async (tx) => {
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [claims])
        await tx.exec('set local role authenticated')
        await tx.query('select public.intake_incidents($1) is not null', [JSON.stringify(rows)])
      }),
    query: async (sql) => (await db.query(sql)).rows as never,
    close: () => db.close(),
  }
}

async function postgresTarget(url: string): Promise<Target> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    async intake(rows) {
      await client.query('begin')
      try {
        await client.query(`select set_config('request.jwt.claims', $1, true)`, [claims])
        await client.query('set local role authenticated')
        await client.query('select public.intake_incidents($1) is not null', [JSON.stringify(rows)])
        await client.query('commit')
      } catch (error) {
        await client.query('rollback')
        throw error
      }
    },
    query: async (sql) => (await client.query(sql)).rows as never,
    close: () => client.end(),
  }
}

async function demoRows(target: Target): Promise<IntakeRow[]> {
  const rows = await target.query<{ lon: number; lat: number; category_code: string; source: IntakeRow['source']; description: string; reported_at: Date | string }>(`
    select extensions.st_x(geom) as lon, extensions.st_y(geom) as lat, category_code, source, description, reported_at
    from public.incidents order by id`)
  return rows.map((row, index) => ({
    external_id: `BENCH-${index + 1}`,
    lon: row.lon,
    lat: row.lat,
    category_code: row.category_code,
    source: row.source,
    description: row.description,
    reported_at: new Date(row.reported_at).toISOString(),
  }))
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

interface Figures {
  one: number
  ones: number[]
  ten: number
  hundred: number
}

/** The same sequence on each database: a warm-up, 1,000 × 3, 10,000, then 100,000 in batches. */
async function measure(target: Target, rows: IntakeRow[], label: string, log: (message: string) => void): Promise<Figures> {
  const renamed = (from: number, count: number, tag: string) =>
    rows.slice(from, from + count).map((row) => ({ ...row, external_id: `${tag}-${row.external_id}` }))
  await target.intake(renamed(0, 100, 'W'))
  const ones: number[] = []
  for (let run = 0; run < 3; run++) ones.push(await timed(() => target.intake(renamed(run * 1_000, 1_000, `K${run}`))))
  log(`  ${label}: 1,000 rows ${ones.map((ms) => ms.toFixed(0)).join(' / ')} ms`)
  const ten = await timed(() => target.intake(renamed(0, 10_000, 'M')))
  log(`  ${label}: 10,000 rows ${ten.toFixed(0)} ms`)
  const hundred = await timed(async () => {
    for (let from = 0; from < rows.length; from += 1_000) await target.intake(renamed(from, 1_000, 'C'))
  })
  log(`  ${label}: 100,000 rows in batches of 1,000: ${hundred.toFixed(0)} ms`)
  const [count] = await target.query<{ n: number }>(`select count(*)::int as n from public.incidents where external_id like 'C-BENCH-%'`)
  if (count.n !== rows.length) throw new Error(`${label}: ${count.n} of ${rows.length} rows taken in`)
  return { one: median(ones), ones, ten, hundred }
}

function figures(engine: string, after: Figures, before: Figures, extra: Record<string, unknown>): BenchResult[] {
  const baseline = 'the intake before issue 13 (row by row, trigger placement), same engine, same rows, same run'
  return [
    result({ bench: `intake-1000-${engine}`, n: 1_000, ms: after.one, baseline, baseline_ms: Math.round(before.one), runs: after.ones.map(Math.round), baseline_runs: before.ones.map(Math.round), ...extra }),
    result({
      bench: `intake-10000-${engine}`,
      n: 10_000,
      ms: after.ten,
      baseline,
      baseline_ms: Math.round(before.ten),
      times_1000: Math.round((after.ten / after.one) * 10) / 10,
      baseline_times_1000: Math.round((before.ten / before.one) * 10) / 10,
      target_times_1000: 10,
      ...extra,
    }),
    result({
      bench: `intake-100k-batches-${engine}`,
      n: 100_000,
      ms: after.hundred,
      baseline,
      baseline_ms: Math.round(before.hundred),
      batch: 1_000,
      ...(engine === 'pglite' ? { target_ms: 20_000 } : {}),
      ...extra,
    }),
  ]
}

export const benches: Bench[] = [
  {
    name: 'intake-pglite',
    async run(log) {
      await ensureDemo({ log })
      log('  building both databases from shim + migrations + seed (about a minute each)…')
      const after = await pgliteTarget('after')
      const rows = await demoRows(after)
      const afterFigures = await measure(after, rows, 'after', log)
      await after.close()
      const before = await pgliteTarget('before')
      const beforeFigures = await measure(before, rows, 'before', log)
      await before.close()
      return figures('pglite', afterFigures, beforeFigures, { engine: 'PGlite 0.5.8 + pglite-postgis 0.2.8 in Node' })
    },
  },
  {
    name: 'intake-postgres',
    async run(log) {
      await ensureDemo({ log })
      let cluster: Awaited<ReturnType<typeof startCluster>>
      try {
        cluster = await startCluster(log)
      } catch (error) {
        log(`  skipped: ${(error as Error).message}`)
        return []
      }
      try {
        const admin = new pg.Client({ connectionString: cluster.url() })
        await admin.connect()
        await admin.query('create database intake_before')
        await admin.query('create database intake_after')
        await admin.end()
        const results: Record<'before' | 'after', Figures> = {} as never
        let rows: IntakeRow[] = []
        for (const version of ['after', 'before'] as const) {
          log(`  loading the ${version} database (shim + migrations + seed)…`)
          const loader = new pg.Client({ connectionString: cluster.url(`intake_${version}`) })
          await loader.connect()
          await build({ exec: (sql) => loader.query(sql) }, version)
          await loader.end()
          const target = await postgresTarget(cluster.url(`intake_${version}`))
          if (rows.length === 0) rows = await demoRows(target)
          results[version] = await measure(target, rows, version, log)
          await target.close()
        }
        const [server] = await (async () => {
          const client = new pg.Client({ connectionString: cluster.url('intake_after') })
          await client.connect()
          const answer = (await client.query(`select current_setting('server_version') as server, extensions.postgis_lib_version() as postgis`)).rows
          await client.end()
          return answer as { server: string; postgis: string }[]
        })()
        return figures('postgres', results.after, results.before, { engine: `PostgreSQL ${server.server} + PostGIS ${server.postgis}, throwaway cluster` })
      } finally {
        cluster.stop()
      }
    },
  },
]
