/**
 * The pairs of grids whose interiors overlap with an area above the noise threshold, found
 * once per context and shared (the overlap rule reports them; the gap rule needs to know
 * there are none before it takes its fast path). Candidates come from the Flatbush index,
 * interiorsMayMeet rules out the neighbours that only share edges, and polyclip-ts measures
 * the rest.
 */
import * as polyclip from 'polyclip-ts'
import { areaOf, type ValidationContext } from './context.ts'
import { pointOnSurface, type Pair, type Parts } from './geometry.ts'
import { interiorsMayMeet } from './interiors-meet.ts'

export interface OverlapPair {
  first: number
  second: number
  areaM2: number
  location: Pair
}

const found = new WeakMap<ValidationContext, OverlapPair[]>()

export function overlappingPairs(context: ValidationContext): OverlapPair[] {
  const known = found.get(context)
  if (known) return known
  const pairs: OverlapPair[] = []
  const { grids, index } = context
  if (index) {
    grids.forEach((grid, first) => {
      if (grid.measured.length === 0) return
      for (const second of index.search(grid.box.minX, grid.box.minY, grid.box.maxX, grid.box.maxY)) {
        if (second <= first) continue
        const other = grids[second]
        if (other.measured.length === 0) continue
        if (!interiorsMayMeet(grid.measured, grid.box, other.measured, other.box)) continue
        let shared: Parts
        try {
          shared = polyclip.intersection(grid.measured as polyclip.Geom, other.measured as polyclip.Geom) as Parts
        } catch {
          continue
        }
        const areaM2 = areaOf(shared)
        if (areaM2 > context.options.noiseArea) pairs.push({ first, second, areaM2, location: pointOnSurface(shared) })
      }
    })
  }
  found.set(context, pairs)
  return pairs
}
