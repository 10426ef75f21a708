/**
 * Point → polygon assignment (`npm run bench -- assign`): 1,000,000 points onto 5,000 grid
 * polygons of 20–60 vertices that tile a district (bench/fixtures/grid-tiling.ts), by
 *   - the engine (src/domain/assign): index build + all points, best of three, and the first run;
 *   - Turf's idiomatic way, booleanPointInPolygon against each polygon in code order until one
 *     covers the point, on a 2,000-point sample, extrapolated (it would take minutes in full);
 *   - a flatbush index over polygon boxes + the exact even-odd test, in full;
 *   - native PostgreSQL 15 + PostGIS with a GiST index: the plain ST_Covers join grouped per
 *     polygon, and the app's rule (smallest covering code per point) as a lateral join; timing
 *     only the query, skipped with the reason when the server binaries are missing.
 * Per-polygon counts must be identical between every pair of methods, or the bench throws.
 * Targets from issue 4: ≤ 300 ms, ≥ 500× Turf, ≥ 20× PostGIS.
 */
import Flatbush from 'flatbush'
import pg from 'pg'
import { booleanPointInPolygon } from '@turf/turf'
import { buildPolygonIndex } from '../src/domain/assign/polygon-index.ts'
import { coversPoint } from '../src/domain/assign/covers-point.ts'
import { idOrder, type PolygonInput } from '../src/domain/assign/polygon-input.ts'
import { startCluster } from '../scripts/db/pg-cluster.ts'
import { generateGridTiling, generatePoints } from './fixtures/grid-tiling.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

const POINTS = 1_000_000
const TURF_SAMPLE = 2_000

/** counts[k] = points assigned to polygon k; counts[polygons] = points outside every polygon */
function countsOf(assignment: Int32Array, polygons: number): Int32Array {
  const counts = new Int32Array(polygons + 1)
  for (const polygon of assignment) counts[polygon >= 0 ? polygon : polygons] += 1
  return counts
}

function assertSameCounts(left: Int32Array, right: Int32Array, what: string): void {
  for (let k = 0; k < left.length; k++) {
    if (left[k] !== right[k]) throw new Error(`${what}: polygon ${k} has ${left[k]} points against ${right[k]}`)
  }
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now()
  const value = work()
  return [value, performance.now() - started]
}

function engineRuns(polygons: PolygonInput[], points: Float64Array, log: (message: string) => void) {
  const runs: { build: number; query: number; assignment: Int32Array }[] = []
  for (let round = 0; round < 3; round++) {
    const [index, build] = timed(() => buildPolygonIndex(polygons))
    const [assignment, query] = timed(() => index.locateAll(points))
    runs.push({ build, query, assignment })
    log(`  engine run ${round + 1}: build ${build.toFixed(0)} ms + ${points.length / 2} points ${query.toFixed(0)} ms (${index.stats.columns}×${index.stats.rows} cells, ${index.stats.records} edge cells)`)
  }
  const best = runs.reduce((a, b) => (a.build + a.query <= b.build + b.query ? a : b))
  return { best, first: runs[0] }
}

function turfSample(polygons: PolygonInput[], points: Float64Array, sample: number): [Int32Array, number] {
  const order = idOrder(polygons)
  const features = order.map((index) => ({ type: 'Feature' as const, properties: {}, geometry: polygons[index].geometry }))
  const out = new Int32Array(sample)
  const [, ms] = timed(() => {
    for (let k = 0; k < sample; k++) {
      const point = [points[2 * k], points[2 * k + 1]]
      const hit = features.findIndex((feature) => booleanPointInPolygon(point, feature))
      out[k] = hit >= 0 ? order[hit] : -1
    }
  })
  return [out, ms]
}

function flatbushReference(polygons: PolygonInput[], points: Float64Array): [Int32Array, number] {
  const rank = new Int32Array(polygons.length)
  idOrder(polygons).forEach((index, position) => (rank[index] = position))
  const [index] = timed(() => {
    const boxes = new Flatbush(polygons.length)
    for (const polygon of polygons) {
      let minX = Infinity
      let minY = Infinity
      let maxX = -Infinity
      let maxY = -Infinity
      const parts = polygon.geometry.type === 'Polygon' ? [polygon.geometry.coordinates] : polygon.geometry.coordinates
      for (const [x, y] of parts.flat(2)) {
        minX = Math.min(minX, x)
        minY = Math.min(minY, y)
        maxX = Math.max(maxX, x)
        maxY = Math.max(maxY, y)
      }
      boxes.add(minX, minY, maxX, maxY)
    }
    boxes.finish()
    return boxes
  })
  const count = points.length / 2
  const out = new Int32Array(count)
  const started = performance.now()
  for (let k = 0; k < count; k++) {
    const x = points[2 * k]
    const y = points[2 * k + 1]
    let best = -1
    for (const candidate of index.search(x, y, x, y)) {
      if ((best < 0 || rank[candidate] < rank[best]) && coversPoint(polygons[candidate].geometry, x, y)) best = candidate
    }
    out[k] = best
  }
  return [out, performance.now() - started]
}

function ringWkt(ring: GeoJSON.Position[]): string {
  return `(${ring.map(([x, y]) => `${x} ${y}`).join(',')})`
}

async function postgisJoins(
  polygons: PolygonInput[],
  points: Float64Array,
  log: (message: string) => void,
): Promise<{ plain: [Map<string, number>, number]; lateral: [Map<string, number>, number] } | string> {
  let cluster
  try {
    cluster = await startCluster(log)
  } catch (error) {
    return `no PostgreSQL server: ${(error as Error).message.split('.')[0]}`
  }
  const client = new pg.Client({ connectionString: cluster.url() })
  try {
    await client.connect()
    await client.query('create extension if not exists postgis')
    await client.query('create table grids (code text primary key, geom geometry(Polygon, 4326) not null)')
    await client.query('create table points (id integer primary key, geom geometry(Point, 4326) not null)')
    await client.query(`insert into grids select code, ST_GeomFromText(wkt, 4326) from unnest($1::text[], $2::text[]) as g(code, wkt)`, [
      polygons.map((polygon) => polygon.id),
      polygons.map((polygon) => (polygon.geometry.type === 'Polygon' ? `POLYGON(${polygon.geometry.coordinates.map(ringWkt).join(',')})` : '')),
    ])
    const count = points.length / 2
    for (let start = 0; start < count; start += 200_000) {
      const end = Math.min(count, start + 200_000)
      const xs: number[] = []
      const ys: number[] = []
      for (let k = start; k < end; k++) {
        xs.push(points[2 * k])
        ys.push(points[2 * k + 1])
      }
      await client.query(
        `insert into points select $3::int + n::int - 1, ST_SetSRID(ST_MakePoint(x, y), 4326) from unnest($1::float8[], $2::float8[]) with ordinality as p(x, y, n)`,
        [xs, ys, start],
      )
    }
    await client.query('create index grids_geom_idx on grids using gist (geom)')
    await client.query('analyze grids')
    await client.query('analyze points')
    const run = async (sql: string): Promise<[Map<string, number>, number]> => {
      const started = performance.now()
      const rows = (await client.query<{ code: string; n: string }>(sql)).rows
      const ms = performance.now() - started
      return [new Map(rows.map((row) => [row.code, Number(row.n)])), ms]
    }
    log('  PostGIS: plain GiST join…')
    const plain = await run(`select g.code, count(*) as n from points p join grids g on ST_Covers(g.geom, p.geom) group by g.code`)
    log(`  PostGIS: ${plain[1].toFixed(0)} ms; smallest-code lateral join…`)
    const lateral = await run(`
      select g.code, count(*) as n from points p
      cross join lateral (select g.code from grids g where g.geom && p.geom and ST_Covers(g.geom, p.geom) order by g.code limit 1) g
      group by g.code`)
    log(`  PostGIS: ${lateral[1].toFixed(0)} ms`)
    return { plain, lateral }
  } finally {
    await client.end().catch(() => {})
    cluster.stop()
  }
}

export const benches: Bench[] = [
  {
    name: 'assign-1m-5k',
    async run(log) {
      const [tiling, generateMs] = timed(() => generateGridTiling())
      const points = generatePoints(tiling, POINTS)
      const { polygons } = tiling
      const vertexCounts = polygons.map((polygon) => (polygon.geometry.type === 'Polygon' ? polygon.geometry.coordinates[0].length - 1 : 0))
      log(`  ${polygons.length} polygons (${Math.min(...vertexCounts)}–${Math.max(...vertexCounts)} vertices), ${POINTS} points, generated in ${generateMs.toFixed(0)} ms`)

      const { best, first } = engineRuns(polygons, points, log)
      const engineMs = best.build + best.query
      const engineCounts = countsOf(best.assignment, polygons.length)
      const index = buildPolygonIndex(polygons)
      let onBoundary = 0
      for (let k = 0; k < POINTS; k++) if (index.coverCount(points[2 * k], points[2 * k + 1]) > 1) onBoundary += 1
      log(`  ${engineCounts[polygons.length]} points outside every polygon, ${onBoundary} on shared boundaries`)
      const engineFields = {
        build_ms: Math.round(best.build * 10) / 10,
        query_ms: Math.round(best.query * 10) / 10,
        first_run_ms: Math.round((first.build + first.query) * 10) / 10,
        timing: 'best of 3 (build + assign)',
        target_ms: 300,
      }

      const [turf, turfMs] = turfSample(polygons, points, TURF_SAMPLE)
      assertSameCounts(countsOf(best.assignment.subarray(0, TURF_SAMPLE), polygons.length), countsOf(turf, polygons.length), 'engine vs Turf (sample)')
      const turfExtrapolated = (turfMs * POINTS) / TURF_SAMPLE
      log(`  Turf: ${TURF_SAMPLE} points in ${turfMs.toFixed(0)} ms → ${(turfExtrapolated / 1000).toFixed(0)} s for ${POINTS}`)

      const [reference, flatbushMs] = flatbushReference(polygons, points)
      assertSameCounts(engineCounts, countsOf(reference, polygons.length), 'engine vs flatbush')
      log(`  flatbush + exact test: ${flatbushMs.toFixed(0)} ms`)

      const figures: BenchResult[] = [
        result({
          bench: 'assign-1m-5k engine',
          n: POINTS,
          ms: engineMs,
          baseline: 'turf booleanPointInPolygon over every polygon (code order, first hit)',
          baseline_ms: Math.round(turfExtrapolated),
          baseline_extrapolated_from: TURF_SAMPLE,
          target_ratio: 500,
          ...engineFields,
        }),
        result({ bench: 'assign-1m-5k engine vs flatbush', n: POINTS, ms: engineMs, baseline: 'flatbush bbox index + exact even-odd test', baseline_ms: flatbushMs, ...engineFields }),
      ]

      const database = await postgisJoins(polygons, points, log)
      if (typeof database === 'string') {
        log(`  PostGIS baseline skipped: ${database}`)
        return figures
      }
      // The plain join counts a point once per covering polygon; the engine's coveringAll says the same.
      const coverCounts = new Int32Array(polygons.length)
      for (let k = 0; k < POINTS; k++) for (const polygon of index.coveringAll(points[2 * k], points[2 * k + 1])) coverCounts[polygon] += 1
      const byCode = (counts: Map<string, number>) => Int32Array.from(polygons, (polygon) => counts.get(polygon.id) ?? 0)
      assertSameCounts(coverCounts, byCode(database.plain[0]), 'engine vs PostGIS join (every covering polygon)')
      assertSameCounts(engineCounts.subarray(0, polygons.length), byCode(database.lateral[0]), 'engine vs PostGIS lateral join (smallest code)')
      figures.push(
        result({
          bench: 'assign-1m-5k engine vs postgis',
          n: POINTS,
          ms: engineMs,
          baseline: 'PostgreSQL 15 + PostGIS 3.3 GiST join on ST_Covers, count per polygon',
          baseline_ms: database.plain[1],
          target_ratio: 20,
          ...engineFields,
        }),
        result({
          bench: 'assign-1m-5k engine vs postgis smallest-code',
          n: POINTS,
          ms: engineMs,
          baseline: 'PostgreSQL 15 + PostGIS 3.3 lateral GiST lookup, smallest covering code per point (the trigger rule)',
          baseline_ms: database.lateral[1],
          ...engineFields,
        }),
      )
      return figures
    },
  },
]
