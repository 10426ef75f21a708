/**
 * Hexagon contiguity for Gi*: a unit's neighbours are the cells of its ring 1 (the six cells
 * sharing an edge — hexagons have no corner-only neighbours, so queen and rook coincide)
 * that are units too. A cell at the edge of the analysed area has fewer; a pentagon has five,
 * though none lies on land in China. `rings` widens the neighbourhood to every unit within k
 * steps (18 cells at k = 2, ~520 m across at resolution 9): H3's analogue of a distance band,
 * for clusters larger than one cell and its ring.
 */
import { gridDisk } from 'h3-js'
import type { H3Units } from './h3-units.ts'
import { neighbourListFromArrays, type NeighbourList } from './neighbour-list.ts'

export function h3Neighbours(units: H3Units, rings = 1): NeighbourList {
  if (!Number.isInteger(rings) || rings < 1) throw new RangeError(`rings must be a positive integer, got ${rings}`)
  return neighbourListFromArrays(
    units.cells.map((cell) => {
      const neighbours: number[] = []
      for (const other of gridDisk(cell, rings)) {
        const unit = units.unitOf.get(other)
        if (unit !== undefined && other !== cell) neighbours.push(unit)
      }
      return neighbours
    }),
  )
}
