/**
 * Snapping (`npm run bench -- snapping`): the grid editor's snap lookup
 * (src/domain/geometry/snap-index.ts) over the demo district's 2,950 grids and 81 community
 * boundaries, 10,000 pointer positions drawn (seeded) within 15 m of a random vertex or of a
 * random point on a random edge, tolerance 10 pixels at zoom 17 (≈ 11.5 m here). Each lookup
 * is timed alone; the figures are p50 and p95 per lookup for the flatbush index and for the
 * linear scan of every vertex and edge (the baseline), which must give identical answers.
 * `ms` / `baseline_ms` are the whole timed pass of 10,000 lookups; `ratio` is that of the p95s.
 * Target: p95 ≤ 2 ms per lookup.
 */
import { generateDemoDistrict } from '../scripts/demo/generate.ts'
import { createSnapIndex, snap, snapLinear, snapTolerancePixels, type LngLat, type SnapPolygon } from '../src/domain/geometry/snap-index.ts'
import { result, type Bench } from './bench.ts'

const LOOKUPS = 10_000
const NEAR_METRES = 15

/** mulberry32: small, seeded, good enough to scatter test points. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

export const benches: Bench[] = [
  {
    name: 'snapping',
    async run(log) {
      const demo = generateDemoDistrict()
      const polygons: SnapPolygon[] = [
        ...demo.grids.map((grid) => ({ id: grid.code, geometry: grid.geometry })),
        ...demo.communities.map((community) => ({ id: `community:${community.code}`, geometry: community.geometry })),
      ]
      const started = performance.now()
      const index = createSnapIndex(polygons)
      const buildMs = performance.now() - started
      log(`  index: ${index.vertexCount} vertices, ${index.edgeCount} edges, built in ${buildMs.toFixed(0)} ms`)

      const next = random(20261206)
      const rings = polygons.map((polygon) => (polygon.geometry as GeoJSON.Polygon).coordinates[0])
      const points: LngLat[] = []
      for (let k = 0; k < LOOKUPS; k++) {
        const ring = rings[Math.floor(next() * rings.length)]
        const v = Math.floor(next() * (ring.length - 1))
        const t = k % 2 === 0 ? 0 : next()
        const [ax, ay] = ring[v]
        const [bx, by] = ring[v + 1]
        const lat = ay + (by - ay) * t
        const radius = (next() * NEAR_METRES) / 111_195
        const angle = next() * 2 * Math.PI
        points.push([ax + (bx - ax) * t + (radius * Math.cos(angle)) / Math.cos((lat * Math.PI) / 180), lat + radius * Math.sin(angle)])
      }
      const tolerance = snapTolerancePixels(10, 17, points[0][1])

      const time = (lookup: typeof snap) => {
        const times: number[] = []
        const answers = points.map((point) => {
          const before = performance.now()
          const answer = lookup(index, point, tolerance)
          times.push(performance.now() - before)
          return answer
        })
        times.sort((a, b) => a - b)
        return { answers, times }
      }
      // One warm-up pass each so neither pays the JIT inside the timed pass.
      time(snap)
      const indexed = time(snap)
      log(`  index: p50 ${percentile(indexed.times, 0.5).toFixed(4)} ms, p95 ${percentile(indexed.times, 0.95).toFixed(4)} ms`)
      time(snapLinear)
      const linear = time(snapLinear)
      log(`  linear: p50 ${percentile(linear.times, 0.5).toFixed(4)} ms, p95 ${percentile(linear.times, 0.95).toFixed(4)} ms`)
      const disagreements = indexed.answers.filter((answer, k) => JSON.stringify(answer) !== JSON.stringify(linear.answers[k])).length
      if (disagreements > 0) throw new Error(`snap and snapLinear disagree on ${disagreements} of ${LOOKUPS} points`)
      const snapped = { vertex: 0, edge: 0, none: 0 }
      for (const answer of indexed.answers) snapped[answer ? answer.kind : 'none'] += 1
      log(`  answers: ${snapped.vertex} vertex, ${snapped.edge} edge, ${snapped.none} none`)

      const p50 = percentile(indexed.times, 0.5)
      const p95 = percentile(indexed.times, 0.95)
      const linearP50 = percentile(linear.times, 0.5)
      const linearP95 = percentile(linear.times, 0.95)
      const round = (ms: number) => Math.round(ms * 10_000) / 10_000
      return [
        result({
          bench: 'snapping.lookups',
          n: LOOKUPS,
          ms: indexed.times.reduce((total, ms) => total + ms, 0),
          baseline: 'linear scan of every vertex and edge',
          baseline_ms: Math.round(linear.times.reduce((total, ms) => total + ms, 0)),
          ratio: Math.round((linearP95 / p95) * 10) / 10,
          p95_ms: round(p95),
          p50_ms: round(p50),
          baseline_p95_ms: round(linearP95),
          baseline_p50_ms: round(linearP50),
          p50_ratio: Math.round((linearP50 / p50) * 10) / 10,
          target_p95_ms: 2,
          vertices: index.vertexCount,
          edges: index.edgeCount,
          build_ms: Math.round(buildMs),
          answers: snapped,
        }),
      ]
    },
  },
]
