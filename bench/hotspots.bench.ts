/**
 * Gi* hotspots on 250 m squares in Node (`npm run bench -- hotspots`, issue 17 item 3):
 * 100,000 and 1,000,000 synthetic cases (seeded PRNG: 40 % around 30 clusters of 150–400 m,
 * the rest spread evenly) in a 9 × 9 km district (about the demo district's 80 km²), by
 *   - the engine (src/domain/hotspots): typed-array grid, binning, queen weights read off the
 *     grid, z, p, Benjamini–Hochberg and bins — all of it timed, best of 5, and the first run;
 *   - the straightforward way (the baseline): Turf squareGrid, pointsWithinPolygon
 *     per cell, a dense n × n weight matrix from turf.distance between cell centres (≤ 375 m:
 *     the 8 surrounding cells of Turf's 250 × 211 m cells), z by dense rows, FDR by a sort.
 *     Binning is O(points × cells): it runs on a 2,000-point sample and is extrapolated
 *     linearly (it would take minutes in full), labelled so; grid, weights, z and FDR run in full.
 * The two must agree: the engine run on Turf's own cells and the sample gives the same counts
 * and the same z (to 1e-9), or the bench throws.
 *
 * Recurring problems (`npm run bench -- hotspots-recurring`, issue 17 item 6): the same 100,000
 * positions with a 小类 (40 codes, skewed), a time in one year, and 500 planted places where one
 * 小类 comes back 4–8 times within 30 m and 25 days; the engine (per-小类 spatial hash + sliding
 * window) against the naive way — every pair of cases checked by haversine, then the same
 * windows — on a 5,000-case sample, extrapolated quadratically (×400) and labelled so. Both must
 * find the same candidates on the sample, or the bench throws.
 */
import { convertLength, distance, featureCollection, point, pointsWithinPolygon, squareGrid } from '@turf/turf'
import {
  analyseHotspots,
  benjaminiHochberg,
  findRecurringProblems,
  haversineMetres,
  RECURRING_DEFAULTS,
  type RecurringCases,
  binPoints,
  giBin,
  gridNeighbours,
  gridParametersFor,
  makeGrid,
  METRES_PER_DEGREE,
  twoSidedNormalP,
  type Extent,
} from '../src/domain/hotspots/index.ts'
import { Rng } from '../scripts/demo/prng.ts'
import { result, type Bench, type BenchResult } from './bench.ts'

const CELL_METRES = 250
const TURF_SAMPLE = 2_000
const SIDE_METRES = 9_000
const LATITUDE = 32.45
const WEST = 119.85
const EXTENT: Extent = {
  west: WEST,
  south: LATITUDE - SIDE_METRES / 2 / METRES_PER_DEGREE,
  east: WEST + SIDE_METRES / (METRES_PER_DEGREE * Math.cos((LATITUDE * Math.PI) / 180)),
  north: LATITUDE + SIDE_METRES / 2 / METRES_PER_DEGREE,
}

/** Interleaved lon, lat of `count` synthetic cases, the same every run. */
function syntheticCases(count: number): Float64Array {
  const rng = new Rng(17, 3)
  const width = EXTENT.east - EXTENT.west
  const height = EXTENT.north - EXTENT.south
  const clusters = Array.from({ length: 30 }, () => ({ x: rng.range(0.1, 0.9) * width, y: rng.range(0.1, 0.9) * height, sigma: rng.range(150, 400) / METRES_PER_DEGREE }))
  const points = new Float64Array(count * 2)
  for (let k = 0; k < count; ) {
    let x: number
    let y: number
    if (rng.chance(0.4)) {
      const cluster = clusters[rng.int(0, clusters.length - 1)]
      // Box–Muller
      const radius = Math.sqrt(-2 * Math.log(1 - rng.next())) * cluster.sigma
      const angle = 2 * Math.PI * rng.next()
      x = cluster.x + (radius * Math.cos(angle)) / Math.cos((LATITUDE * Math.PI) / 180)
      y = cluster.y + radius * Math.sin(angle)
    } else {
      x = rng.next() * width
      y = rng.next() * height
    }
    if (x < 0 || x > width || y < 0 || y > height) continue
    points[2 * k] = EXTENT.west + x
    points[2 * k + 1] = EXTENT.south + y
    k += 1
  }
  return points
}

/** The whole engine pipeline, as the workspace and the command run it. */
function engine(points: Float64Array) {
  const grid = makeGrid(gridParametersFor(EXTENT, CELL_METRES))
  const binned = binPoints(grid, points)
  const neighbours = gridNeighbours(grid, { kind: 'queen' })
  return { grid, binned, analysis: analyseHotspots(binned.counts, neighbours) }
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now()
  const value = work()
  return [value, performance.now() - started]
}

function engineRuns(points: Float64Array, log: (message: string) => void) {
  const times: number[] = []
  let last: ReturnType<typeof engine> | null = null
  for (let round = 0; round < 5; round++) {
    const [run, ms] = timed(() => engine(points))
    times.push(ms)
    last = run
  }
  const { grid, binned, analysis } = last!
  const hot = analysis.summary.binCounts[3]
  log(`  engine, ${points.length / 2} points: ${times.map((ms) => ms.toFixed(1)).join(', ')} ms (${grid.columns}×${grid.rows} cells, ${binned.outside} outside, ${hot} cells hot at 99 %)`)
  return { best: Math.min(...times), first: times[0], cells: grid.cellOfUnit.length, hot }
}

/** The straightforward Gi*: dense weights, dense sums, FDR by sorting. */
function denseGiStar(values: Float64Array, weights: Float64Array[]) {
  const n = values.length
  const mean = values.reduce((sum, value) => sum + value, 0) / n
  const s = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n)
  const z = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let local = 0
    let weight = 0
    for (let j = 0; j < n; j++) {
      local += weights[i][j] * values[j]
      weight += weights[i][j]
    }
    z[i] = (local - mean * weight) / (s * Math.sqrt((n * weight - weight * weight) / (n - 1)))
  }
  const p = Array.from(z, twoSidedNormalP)
  const pFdr = benjaminiHochberg(p)
  const bins = Array.from(z, (value, unit) => giBin(value, pFdr[unit], true))
  return { z, bins }
}

function turfBaseline(points: Float64Array, log: (message: string) => void) {
  const bbox: [number, number, number, number] = [EXTENT.west, EXTENT.south, EXTENT.east, EXTENT.north]
  const [grid, gridMs] = timed(() => squareGrid(bbox, CELL_METRES / 1000, { units: 'kilometers' }))
  const sample = featureCollection(Array.from({ length: TURF_SAMPLE }, (_unused, k) => point([points[2 * k], points[2 * k + 1]])))
  const [counts, binMs] = timed(() => Float64Array.from(grid.features, (cell) => pointsWithinPolygon(sample, cell).features.length))
  const [weights, weightsMs] = timed(() => {
    const centres = grid.features.map((cell) => {
      const ring = cell.geometry.coordinates[0]
      return point([(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2])
    })
    const limit = (CELL_METRES * 1.5) / 1000
    return centres.map((from, i) => Float64Array.from(centres, (to, j) => (i === j || distance(from, to, { units: 'kilometers' }) <= limit ? 1 : 0)))
  })
  const [dense, statisticsMs] = timed(() => denseGiStar(counts, weights))
  log(`  Turf: squareGrid ${gridMs.toFixed(0)} ms (${grid.features.length} cells), ${TURF_SAMPLE} points binned in ${binMs.toFixed(0)} ms, dense weights ${weightsMs.toFixed(0)} ms, z + FDR ${statisticsMs.toFixed(0)} ms`)
  return { grid, counts, dense, gridMs, binMs, weightsMs, statisticsMs }
}

/** The engine on Turf's own cells and the same sample must give Turf's counts and z. */
function checkAgainstTurf(points: Float64Array, turf: ReturnType<typeof turfBaseline>): void {
  const cellDegrees = convertLength(CELL_METRES / 1000, 'kilometers', 'degrees')
  const columns = Math.floor((EXTENT.east - EXTENT.west) / cellDegrees)
  const rows = Math.floor((EXTENT.north - EXTENT.south) / cellDegrees)
  const first = turf.grid.features[0].geometry.coordinates[0][0]
  const grid = makeGrid({ west: first[0], south: first[1], cellWidth: cellDegrees, cellHeight: cellDegrees, columns, rows, cellMetres: CELL_METRES })
  const binned = binPoints(grid, points.subarray(0, 2 * TURF_SAMPLE))
  // Turf's cells go column by column; the engine's row by row.
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      const ours = binned.counts[row * columns + column]
      const theirs = turf.counts[column * rows + row]
      if (ours !== theirs) throw new Error(`engine vs Turf: cell column ${column} row ${row} has ${ours} points against ${theirs}`)
    }
  }
  const analysis = analyseHotspots(binned.counts, gridNeighbours(grid, { kind: 'queen' }))
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      const ours = analysis.z[row * columns + column]
      const theirs = turf.dense.z[column * rows + row]
      if (!(Math.abs(ours - theirs) <= 1e-9)) throw new Error(`engine vs Turf: z of cell column ${column} row ${row} is ${ours} against ${theirs}`)
      if (analysis.bin[row * columns + column] !== turf.dense.bins[column * rows + row]) throw new Error(`engine vs Turf: bin of cell column ${column} row ${row} differs`)
    }
  }
}

const RECURRING_SAMPLE = 5_000
const DAY_MS = 86_400_000

/** 100,000 cases as the workspace holds them, with 500 planted recurring places. */
function recurringCases(points: Float64Array, count: number): { lon: Float64Array; lat: Float64Array; t: Float64Array; category: string[]; id: Int32Array } {
  const rng = new Rng(17, 6)
  const codes = Array.from({ length: 40 }, (_unused, k) => `${String(6 + (k % 4)).padStart(2, '0')}${String(1 + k).padStart(3, '0')}`)
  const weights = codes.map((_code, k) => 1 / (k + 1))
  const start = Date.UTC(2026, 0, 1)
  const lon = new Float64Array(count)
  const lat = new Float64Array(count)
  const t = new Float64Array(count)
  const category: string[] = []
  for (let k = 0; k < count; k++) {
    lon[k] = points[2 * k]
    lat[k] = points[2 * k + 1]
    t[k] = start + rng.next() * 365 * DAY_MS
    category.push(codes[rng.weighted(weights)])
  }
  // Planted places, spread over the whole set so the sample holds some of them too.
  const cosLatitude = Math.cos((LATITUDE * Math.PI) / 180)
  for (let place = 0; place < 500; place++) {
    const at = rng.int(0, count - 1)
    const code = codes[rng.weighted(weights)]
    const when = start + rng.next() * 330 * DAY_MS
    // A place's cases sit side by side, so the first places fall wholly inside the sample.
    for (let repeat = rng.int(4, 8); repeat > 0; repeat--) {
      const slot = (place * 197 + repeat) % count
      lon[slot] = lon[at] + rng.range(-15, 15) / (METRES_PER_DEGREE * cosLatitude)
      lat[slot] = lat[at] + rng.range(-15, 15) / METRES_PER_DEGREE
      t[slot] = when + rng.next() * 25 * DAY_MS
      category[slot] = code
    }
  }
  return { lon, lat, t, category, id: Int32Array.from({ length: count }, (_unused, k) => k + 1) }
}

/** The naive way: every pair by haversine, then each anchor's windows, merged by shared cases. */
function naiveRecurring(input: RecurringCases, count: number): string[] {
  const { radiusMetres, windowDays, minimumCount } = RECURRING_DEFAULTS
  const windowMs = windowDays * DAY_MS
  const parent = Int32Array.from({ length: count }, (_unused, k) => k)
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])))
  const member = new Uint8Array(count)
  const best = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    const near: number[] = []
    for (let j = 0; j < count; j++) if (input.category[j] === input.category[i] && haversineMetres(input.lon[i], input.lat[i], input.lon[j], input.lat[j]) <= radiusMetres) near.push(j)
    if (near.length < minimumCount) continue
    near.sort((a, b) => input.t[a] - input.t[b] || a - b)
    let anchorBest = 0
    let first = -1
    for (let start = 0, end = 0; start < near.length; start++) {
      while (end < near.length && input.t[near[end]] < input.t[near[start]] + windowMs) end++
      if (end - start < minimumCount) continue
      anchorBest = Math.max(anchorBest, end - start)
      for (let slot = start; slot < end; slot++) {
        member[near[slot]] = 1
        if (first === -1) first = near[slot]
        else parent[find(near[slot])] = find(first)
      }
    }
    if (first >= 0) best[first] = Math.max(best[first], anchorBest)
  }
  const groups = new Map<number, { cases: number[]; best: number }>()
  for (let k = 0; k < count; k++) {
    const root = find(k)
    if (!groups.has(root)) groups.set(root, { cases: [], best: 0 })
    const group = groups.get(root)!
    if (member[k]) group.cases.push(k)
    group.best = Math.max(group.best, best[k])
  }
  return [...groups.values()].filter((group) => group.cases.length > 0).map((group) => `${group.best}:${group.cases.join(',')}`).sort()
}

function recurringSignature(input: RecurringCases): string[] {
  return findRecurringProblems(input)
    .problems.map((problem) => `${problem.maximumWindowCount}:${Array.from(problem.caseIndices).sort((a, b) => a - b).join(',')}`)
    .sort()
}

export const benches: Bench[] = [
  {
    name: 'hotspots-gi',
    async run(log) {
      const [points, generateMs] = timed(() => syntheticCases(1_000_000))
      log(`  1,000,000 synthetic cases generated in ${generateMs.toFixed(0)} ms; the 100,000 case run uses the first 100,000`)
      const turf = turfBaseline(points, log)
      checkAgainstTurf(points, turf)
      log('  engine on Turf’s cells and the sample: same counts, same z (1e-9), same bins')
      const figures: BenchResult[] = []
      for (const [count, target] of [
        [100_000, 15],
        [1_000_000, 60],
      ]) {
        const subset = points.subarray(0, 2 * count)
        const run = engineRuns(subset, log)
        const binExtrapolated = (turf.binMs * count) / TURF_SAMPLE
        const baselineMs = turf.gridMs + binExtrapolated + turf.weightsMs + turf.statisticsMs
        figures.push(
          result({
            bench: `hotspots-gi ${count / 1000}k cases, 250 m squares`,
            n: count,
            ms: run.best,
            baseline: 'Turf squareGrid + pointsWithinPolygon per cell + dense turf.distance weight matrix + dense z + BH sort',
            baseline_ms: Math.round(baselineMs),
            baseline_extrapolated_from: `binning on ${TURF_SAMPLE} points, ×${count / TURF_SAMPLE} (grid, weights, z, FDR measured in full)`,
            baseline_parts_ms: { grid: Math.round(turf.gridMs), binning_extrapolated: Math.round(binExtrapolated), weights: Math.round(turf.weightsMs), z_fdr: Math.round(turf.statisticsMs) },
            first_run_ms: Math.round(run.first * 10) / 10,
            timing: 'best of 5 (grid + binning + queen weights + z + p + FDR + bins)',
            cells: run.cells,
            turf_cells: turf.grid.features.length,
            hot_99: run.hot,
            target_ms: target,
          }),
        )
      }
      return figures
    },
  },
  {
    name: 'hotspots-recurring',
    async run(log) {
      const count = 100_000
      const input = recurringCases(syntheticCases(count), count)
      const sample = { lon: input.lon.subarray(0, RECURRING_SAMPLE), lat: input.lat.subarray(0, RECURRING_SAMPLE), t: input.t.subarray(0, RECURRING_SAMPLE), category: input.category.slice(0, RECURRING_SAMPLE), id: input.id.subarray(0, RECURRING_SAMPLE) }
      const [naive, naiveMs] = timed(() => naiveRecurring(sample, RECURRING_SAMPLE))
      const ours = recurringSignature(sample)
      if (ours.length !== naive.length || ours.some((signature, k) => signature !== naive[k])) throw new Error(`recurring problems: the engine finds ${ours.length} candidates on the sample, the naive way ${naive.length}, or they differ`)
      log(`  naive on ${RECURRING_SAMPLE} cases: ${naiveMs.toFixed(0)} ms, ${naive.length} candidates — the engine finds the same`)
      const times: number[] = []
      let found = 0
      let listed = 0
      for (let round = 0; round < 5; round++) {
        const [result, ms] = timed(() => findRecurringProblems(input))
        times.push(ms)
        found = result.problems.length
        listed = result.problems.reduce((sum, problem) => sum + problem.caseIndices.length, 0)
      }
      log(`  engine, ${count} cases: ${times.map((ms) => ms.toFixed(1)).join(', ')} ms (${found} candidates, ${listed} cases in them)`)
      const factor = (count / RECURRING_SAMPLE) ** 2
      return [
        result({
          bench: `hotspots-recurring ${count / 1000}k cases, 50 m, 30 days, N = 3`,
          n: count,
          ms: Math.min(...times),
          baseline: 'naive: every pair of cases by haversine, then the same 30-day windows and merge',
          baseline_ms: Math.round(naiveMs * factor),
          baseline_extrapolated_from: `${RECURRING_SAMPLE} cases measured (${Math.round(naiveMs)} ms), ×${factor} (O(n²))`,
          first_run_ms: Math.round(times[0] * 10) / 10,
          timing: 'best of 5 (grouping by 小类, hashing, windows, merge, centres)',
          candidates: found,
          cases_in_candidates: listed,
          target_ms: 1000,
        }),
      ]
    },
  },
]
