/**
 * Ten years of cases (`npm run bench -- history`), issue 17 "cost follows the window, not
 * the history": on native PostgreSQL 15 + PostGIS 3.3 in a throwaway cluster, every read of
 * a period that the map, the case list and the 热点分析 workspace make, for today's 30-day
 * window and for 12 months, at the demo's 100,000 cases (1×) and with those cases copied
 * nine more years back (1,000,000 cases, 10×). Target: 10× / 1× ≤ 1.5 for every read.
 *
 * Four databases in one cluster, all timed in the same rounds (round-robin, so the machine's
 * noise falls on all of them alike):
 *   - before 1× / before 10×: every migration but this issue's fix (20261206000900), then the seed;
 *   - after 1× / after 10×: the same databases copied (CREATE DATABASE … TEMPLATE) with
 *     the fix applied.
 * 10×: each case again with reported_at and every other timestamp k = 1…9 years earlier,
 * new ids, external_id suffixed, its placement copied (triggers off: a bench load, not an
 * intake), then VACUUM ANALYZE, as autovacuum would leave a table that grew.
 *
 * Each call runs as the demo admin through the API role (`set local role authenticated`), in
 * its own transaction; after WARM_UPS calls (plpgsql's plan cache has chosen custom or
 * generic plans by then, as in a long session), the figure is the median of ROUNDS runs of
 * `octet_length(<read>::text)` (the answer built and serialised, not sent). Each figure:
 * ms = after 10×, baseline = before 10× (ratio = how many times faster); ms_1x / ms_10x /
 * growth for after, before_ms_1x / before_ms_10x / before_growth for before.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import os from 'node:os'
import pg from 'pg'
import { applySeed, applyShim, migrationFiles } from '../scripts/db/migrations.ts'
import { startCluster } from '../scripts/db/pg-cluster.ts'
import { ensureDemo } from '../scripts/ensure-demo.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

/** This issue's fix: "before" is every migration but this one; "after" applies it. */
const FIX_MIGRATION = '20261206000900_incident_reads_by_time.sql'
const ROUNDS = 7
/** Calls before timing: plpgsql's plan cache settles on a custom or a generic plan after five. */
const WARM_UPS = 5
const YEARS = 9
const claims = JSON.stringify({ sub: DEMO_USERS[0].id, role: 'authenticated' })

type Version = 'before' | 'after'
type Size = '1x' | '10x'
const DATABASES: { name: string; version: Version; size: Size }[] = [
  { name: 'history_before_1x', version: 'before', size: '1x' },
  { name: 'history_after_1x', version: 'after', size: '1x' },
  { name: 'history_before_10x', version: 'before', size: '10x' },
  { name: 'history_after_10x', version: 'after', size: '10x' },
]

/** Today's windows, local days at +08 (the demo's zone), and the map's first box. */
interface Setting {
  to: string
  from30: string
  from12: string
  bbox: string
}

interface Read {
  name: string
  sql: (setting: Setting) => string
  /** the session forces generic plans (`plan_cache_mode`), the plan a long session may settle on */
  generic?: boolean
  /** not a period read: its cost has to grow with the history; kept to show no regression */
  allTime?: boolean
}

const READS: Read[] = [
  { name: 'layer_incidents(30 days, 3×3 km box)', sql: (s) => `public.layer_incidents(${s.bbox}, '${s.from30}', '${s.to}', null, null, 5000)` },
  { name: 'layer_incidents(12 months, 3×3 km box)', sql: (s) => `public.layer_incidents(${s.bbox}, '${s.from12}', '${s.to}', null, null, 5000)` },
  { name: 'incident_counts_by_grid(30 days)', sql: (s) => `public.incident_counts_by_grid('${s.from30}', '${s.to}')` },
  { name: 'incident_counts_by_grid(12 months)', sql: (s) => `public.incident_counts_by_grid('${s.from12}', '${s.to}')` },
  { name: 'list_cases(30 days)', sql: (s) => `public.list_cases(p_from => '${s.from30}', p_to => '${s.to}')` },
  { name: 'list_cases(12 months)', sql: (s) => `public.list_cases(p_from => '${s.from12}', p_to => '${s.to}')` },
  { name: 'list_cases(30 days, session forcing generic plans)', sql: (s) => `public.list_cases(p_from => '${s.from30}', p_to => '${s.to}')`, generic: true },
  { name: 'hotspot_cases(30 days)', sql: (s) => `public.hotspot_cases('${s.from30}', '${s.to}')` },
  { name: 'hotspot_cases(12 months)', sql: (s) => `public.hotspot_cases('${s.from12}', '${s.to}')` },
  { name: 'incident_counts_by_grid(all time)', sql: () => `public.incident_counts_by_grid()`, allTime: true },
]

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

/** Copies every case YEARS more times, k years earlier each; triggers off (superuser). */
const GROW_SQL = `
set session_replication_role = replica;
insert into public.incidents (external_id, geom, category_kind, category_code, source, status, closure_type, description,
  reported_at, accepted_at, verified_at, registered_at, dispatched_at, handled_at, checked_at, closed_at,
  grid_id, segment_id, department_id, deadline_at, created_by, created_at, updated_at)
select i.external_id || '~' || y.k, i.geom, i.category_kind, i.category_code, i.source, i.status, i.closure_type, i.description,
  i.reported_at - y.shift, i.accepted_at - y.shift, i.verified_at - y.shift, i.registered_at - y.shift,
  i.dispatched_at - y.shift, i.handled_at - y.shift, i.checked_at - y.shift, i.closed_at - y.shift,
  i.grid_id, i.segment_id, i.department_id, i.deadline_at - y.shift, i.created_by, i.created_at - y.shift, i.updated_at - y.shift
from public.incidents i
cross join lateral (select k, make_interval(years => k) as shift from generate_series(1, ${YEARS}) k) y
order by y.k desc, i.reported_at, i.id;
set session_replication_role = origin;`

async function timedRead(client: pg.Client, call: string, generic: boolean): Promise<[number, number]> {
  await client.query('begin')
  try {
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [claims])
    await client.query('set local role authenticated')
    if (generic) await client.query('set local plan_cache_mode = force_generic_plan')
    const started = performance.now()
    const answer = await client.query<{ bytes: number }>(`select octet_length((${call})::text) as bytes`)
    const ms = performance.now() - started
    return [ms, answer.rows[0].bytes]
  } finally {
    await client.query('rollback')
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const round2 = (value: number) => Math.round(value * 100) / 100

export const benches: Bench[] = [
  {
    name: 'history-postgres',
    async run(log) {
      await ensureDemo({ log })
      let cluster: Awaited<ReturnType<typeof startCluster>>
      try {
        cluster = await startCluster(log)
      } catch (error) {
        log(`  skipped: ${(error as Error).message}`)
        return []
      }
      const clients: pg.Client[] = []
      try {
        const admin = await connect(cluster.url())
        await admin.query('create database history_before_1x')
        log('  loading the before database (shim + every migration but the fix + seed)…')
        const loader = await connect(cluster.url('history_before_1x'))
        await applyShim({ exec: (sql) => loader.query(sql) })
        for (const file of migrationFiles()) {
          if (basename(file) === FIX_MIGRATION) continue
          await loader.query(readFileSync(file, 'utf8'))
        }
        await applySeed({ exec: (sql) => loader.query(sql) })
        await loader.query('vacuum analyze')
        const setting = (
          await loader.query<Setting>(`
            with today as (
              -- the end of the local day of the latest case: the demo's "today"
              select (date_trunc('day', max(reported_at) at time zone interval '+08:00') + interval '1 day') as day
              from public.incidents),
            centre as (
              select extensions.st_x(c) as x, extensions.st_y(c) as y
              from (select extensions.st_centroid(geom) as c from public.districts order by id limit 1) d)
            select to_char(t.day, 'YYYY-MM-DD"T"HH24:MI:SS"+08"') as "to",
                   to_char(t.day - interval '30 days', 'YYYY-MM-DD"T"HH24:MI:SS"+08"') as from30,
                   to_char(t.day - interval '12 months', 'YYYY-MM-DD"T"HH24:MI:SS"+08"') as from12,
                   -- a 3 × 3 km box around the district's centre, as the map's first view at zoom 15
                   format('array[%s, %s, %s, %s]::double precision[]',
                          round((c.x - 1.5 / (111.32 * cos(radians(c.y))))::numeric, 6), round((c.y - 1.5 / 110.57)::numeric, 6),
                          round((c.x + 1.5 / (111.32 * cos(radians(c.y))))::numeric, 6), round((c.y + 1.5 / 110.57)::numeric, 6)) as bbox
            from today t, centre c`)
        ).rows[0]
        await loader.end()
        log(`  windows: 30 days [${setting.from30}, ${setting.to}), 12 months [${setting.from12}, ${setting.to}); box ${setting.bbox}`)

        const fix = readFileSync(migrationFiles().find((file) => basename(file) === FIX_MIGRATION)!, 'utf8')
        await admin.query('create database history_after_1x template history_before_1x')
        await admin.query('create database history_before_10x template history_before_1x')
        log(`  copying the cases ${YEARS} more years back…`)
        const grower = await connect(cluster.url('history_before_10x'))
        await grower.query(GROW_SQL)
        await grower.query('vacuum analyze')
        await grower.end()
        await admin.query('create database history_after_10x template history_before_10x')
        for (const name of ['history_after_1x', 'history_after_10x']) {
          const client = await connect(cluster.url(name))
          await client.query(fix)
          await client.end()
        }
        const server = (await admin.query<{ server: string }>(`select current_setting('server_version') as server`)).rows[0]
        await admin.end()

        const targets = await Promise.all(DATABASES.map(async (database) => ({ ...database, client: await connect(cluster.url(database.name)) })))
        clients.push(...targets.map((target) => target.client))
        const counts: Record<string, number> = {}
        for (const target of targets) {
          counts[target.name] = Number((await target.client.query<{ n: string }>('select count(*) as n from public.incidents')).rows[0].n)
        }
        const postgis = (await targets[0].client.query<{ v: string }>('select extensions.postgis_lib_version() as v')).rows[0].v
        log(`  cases: ${targets.map((target) => `${target.name} ${counts[target.name]}`).join(', ')}`)

        const figures: BenchResult[] = []
        for (const read of READS) {
          const call = read.sql(setting)
          const times: Record<string, number[]> = Object.fromEntries(targets.map((target) => [target.name, []]))
          const bytes: Record<string, number> = {}
          // WARM_UPS calls each (the session's steady state), then ROUNDS rounds over the four
          // databases in turn.
          for (let warmUp = 0; warmUp < WARM_UPS; warmUp += 1) {
            for (const target of targets) await timedRead(target.client, call, read.generic ?? false)
          }
          for (let round = 0; round < ROUNDS; round += 1) {
            for (const target of targets) {
              const [ms, size] = await timedRead(target.client, call, read.generic ?? false)
              times[target.name].push(ms)
              bytes[target.name] = size
            }
          }
          const ms = (version: Version, size: Size) => median(times[`history_${version}_${size}`])
          if (bytes.history_before_1x !== bytes.history_after_1x || bytes.history_before_10x !== bytes.history_after_10x) {
            throw new Error(`${read.name}: the answer's size changed with the fix (${JSON.stringify(bytes)})`)
          }
          const growth = round2(ms('after', '10x') / ms('after', '1x'))
          const beforeGrowth = round2(ms('before', '10x') / ms('before', '1x'))
          log(
            `  ${read.name}: after ${ms('after', '1x').toFixed(1)} → ${ms('after', '10x').toFixed(1)} ms (${growth}×), ` +
              `before ${ms('before', '1x').toFixed(1)} → ${ms('before', '10x').toFixed(1)} ms (${beforeGrowth}×)`,
          )
          figures.push(
            result({
              bench: `history ${read.name}`,
              n: ROUNDS,
              ms: ms('after', '10x'),
              baseline: 'the same read before 20261206000900, 10× history',
              baseline_ms: ms('before', '10x'),
              ms_1x: round2(ms('after', '1x')),
              ms_10x: round2(ms('after', '10x')),
              growth,
              before_ms_1x: round2(ms('before', '1x')),
              before_ms_10x: round2(ms('before', '10x')),
              before_growth: beforeGrowth,
              target_growth: read.allTime ? null : 1.5,
              bytes_1x: bytes.history_after_1x,
              bytes_10x: bytes.history_after_10x,
              statistic: `median of ${ROUNDS} warm runs`,
              engine: `PostgreSQL ${server.server} + PostGIS ${postgis}, throwaway cluster; ${counts.history_after_1x} → ${counts.history_after_10x} cases`,
              machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
            }),
          )
        }
        return figures
      } finally {
        await Promise.all(clients.map((client) => client.end().catch(() => undefined)))
        cluster.stop()
      }
    },
  },
]
