/**
 * H3 hexagons (resolution 9) as the units of a Gi* analysis of cases: the cells whose centre
 * lies in the district (h3's own polygon fill: a cell belongs where its centre is), plus
 * every cell holding a case, so that no case is dropped because its cell's centre falls just
 * outside the boundary. Empty cells are units too (value 0), as on the square grid: where
 * nothing happened is part of the pattern Gi* tests.
 *
 * Units are numbered in ascending cell order (equal-length lowercase hex sorts as the
 * 64-bit index), so the same district and cases give the same numbering every time.
 */
import { polygonToCells } from 'h3-js'
import type { PolygonGeometry } from './contiguity-weights.ts'
import { H3_RESOLUTION } from './h3-cell.ts'

export interface H3Units {
  /** the cells, one per unit, ascending */
  cells: string[]
  /** unit index of each cell */
  unitOf: Map<string, number>
  /** cells added only because a case lies in them (their centre is outside the boundary) */
  addedForCases: number
}

export function h3Units(boundary: PolygonGeometry | readonly PolygonGeometry[], caseCells: Iterable<string | null | undefined> = []): H3Units {
  const geometries: readonly PolygonGeometry[] = Array.isArray(boundary) ? boundary : [boundary as PolygonGeometry]
  const inside = new Set<string>()
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    for (const polygon of polygons) for (const cell of polygonToCells(polygon, H3_RESOLUTION, true)) inside.add(cell)
  }
  const all = new Set(inside)
  for (const cell of caseCells) if (cell) all.add(cell.toLowerCase())
  const cells = [...all].sort(compareCells)
  return { cells, unitOf: new Map(cells.map((cell, unit) => [cell, unit])), addedForCases: all.size - inside.size }
}

/** Ascending 64-bit order (lengths differ only across resolution groups, never within one). */
function compareCells(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}
