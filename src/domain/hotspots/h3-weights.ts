/**
 * Hexagon contiguity for Gi*: a unit's neighbours are the cells of its ring 1 (the six cells
 * sharing an edge — hexagons have no corner-only neighbours, so queen and rook coincide)
 * that are units too. A cell at the edge of the analysed area has fewer; a pentagon has five,
 * though none lies on land in China.
 */
import { gridDisk } from 'h3-js'
import type { H3Units } from './h3-units.ts'
import { neighbourListFromArrays, type NeighbourList } from './neighbour-list.ts'

export function h3Neighbours(units: H3Units): NeighbourList {
  return neighbourListFromArrays(
    units.cells.map((cell) => {
      const neighbours: number[] = []
      for (const other of gridDisk(cell, 1)) {
        const unit = units.unitOf.get(other)
        if (unit !== undefined && other !== cell) neighbours.push(unit)
      }
      return neighbours
    }),
  )
}
