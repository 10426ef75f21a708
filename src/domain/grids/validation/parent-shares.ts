/**
 * How much of each grid lies in each parent (geodesic m², after repair), computed once per
 * context for outside-parent, multi-parent and code-prefix. Shares below the noise area are
 * dropped: grids and parents digitised apart never match to the millimetre.
 */
import * as polyclip from 'polyclip-ts'
import { areaOf, type ValidationContext } from './context.ts'
import { coveredBy, interiorsMayMeet } from './interiors-meet.ts'
import type { Parts } from './geometry.ts'

export interface ParentShare {
  parent: number
  areaM2: number
  /** the part of the grid inside this parent */
  piece: Parts
}

const computed = new WeakMap<ValidationContext, ParentShare[][]>()

export function parentShares(context: ValidationContext): ParentShare[][] {
  const known = computed.get(context)
  if (known) return known
  const shares = context.grids.map((grid) => {
    const list: ParentShare[] = []
    if (!context.parentIndex || grid.measured.length === 0) return list
    for (const parent of context.parentIndex.search(grid.box.minX, grid.box.minY, grid.box.maxX, grid.box.maxY)) {
      const shape = context.parents[parent]
      if (shape.measured.length === 0 || !interiorsMayMeet(grid.measured, grid.box, shape.measured, shape.box)) continue
      // Most grids lie wholly in one parent: their share is their area, no clipping needed.
      if (coveredBy(grid.measured, grid.box, shape.measured, shape.box)) {
        list.push({ parent, areaM2: grid.areaM2, piece: grid.measured })
        continue
      }
      let piece: Parts
      try {
        piece = polyclip.intersection(grid.measured as polyclip.Geom, shape.measured as polyclip.Geom) as Parts
      } catch {
        continue
      }
      const areaM2 = areaOf(piece)
      if (areaM2 > context.options.noiseArea) list.push({ parent, areaM2, piece })
    }
    return list.sort((a, b) => b.areaM2 - a.areaM2)
  })
  computed.set(context, shares)
  return shares
}
