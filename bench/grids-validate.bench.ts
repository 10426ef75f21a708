/**
 * Grid validation (`npm run bench -- grids-validate`): the demo district's 2,950 grids, under
 * their 81 communities or alone, by
 *   - the validator (src/domain/grids/validation): every rule, first run and best of three;
 *   - Turf's straightforward way for the two costly rules: union of all grids (its holes are
 *     the gaps) and intersect on every pair whose boxes overlap (Flatbush candidates, so the
 *     baseline is not quadratic), measured once.
 * Both must find no gap and no overlap above 0.1 m² on the demo, or the bench throws.
 */
import Flatbush from 'flatbush'
import { area, featureCollection, intersect, polygon, union } from '@turf/turf'
import { generateDemoDistrict } from '../scripts/demo/generate.ts'
import { validateGrids, type GridFeature } from '../src/domain/grids/validation/index.ts'
import { result, type Bench } from './bench.ts'

function timed<T>(work: () => T): [T, number] {
  const started = performance.now()
  const value = work()
  return [value, performance.now() - started]
}

function turfWay(grids: GridFeature[]): { holes: number; overlaps: number } {
  const features = grids.map((grid) => polygon((grid.geometry as GeoJSON.Polygon).coordinates))
  const merged = union(featureCollection(features))
  const parts = merged ? (merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates) : []
  const holes = parts.reduce((total, part) => total + part.slice(1).filter((ring) => area(polygon([ring])) > 0.1).length, 0)
  const index = new Flatbush(features.length)
  const boxes = grids.map((grid) => {
    const ring = (grid.geometry as GeoJSON.Polygon).coordinates[0]
    const xs = ring.map((position) => position[0])
    const ys = ring.map((position) => position[1])
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const
  })
  for (const box of boxes) index.add(...box)
  index.finish()
  let overlaps = 0
  boxes.forEach((box, first) => {
    for (const second of index.search(...box)) {
      if (second <= first) continue
      const shared = intersect(featureCollection([features[first], features[second]]))
      if (shared && area(shared) > 0.1) overlaps += 1
    }
  })
  return { holes, overlaps }
}

export const benches: Bench[] = [
  {
    name: 'grids-validate',
    async run(log) {
      const demo = generateDemoDistrict()
      const grids: GridFeature[] = demo.grids.map((grid, index) => ({ id: grid.code, geometry: grid.geometry, featureNumber: index + 1 }))
      const parents = demo.communities.map((community) => ({ id: community.code, code: community.code, geometry: community.geometry }))
      const figures: { first: number; best: number }[] = []
      for (const withParents of [false, true]) {
        const runs = [0, 1, 2].map(() => timed(() => validateGrids(grids, withParents ? { parents } : {})))
        for (const [validation] of runs) if (validation.issues.length > 0) throw new Error(`the demo grids should validate clean: ${validation.issues[0].message}`)
        const best = Math.min(...runs.map(([, ms]) => ms))
        log(`  validator${withParents ? ' with communities' : ''}: first ${runs[0][1].toFixed(0)} ms, best ${best.toFixed(0)} ms`)
        figures.push({ first: runs[0][1], best })
      }
      log('  Turf: union of all grids + intersect on box-overlapping pairs …')
      const [turf, turfMs] = timed(() => turfWay(grids))
      if (turf.holes > 0 || turf.overlaps > 0) throw new Error(`Turf finds ${turf.holes} holes and ${turf.overlaps} overlaps on the demo grids`)
      log(`  Turf: ${turfMs.toFixed(0)} ms`)
      const [alone, underCommunities] = figures
      return [
        result({ bench: 'grids-validate.demo-all-rules', n: grids.length, ms: alone.best, first_run_ms: Math.round(alone.first), baseline: 'turf union + intersect on box pairs (gap and overlap only)', baseline_ms: Math.round(turfMs) }),
        result({ bench: 'grids-validate.demo-with-communities', n: grids.length, ms: underCommunities.best, first_run_ms: Math.round(underCommunities.first), parents: parents.length, baseline: null, baseline_ms: null }),
      ]
    },
  },
]
