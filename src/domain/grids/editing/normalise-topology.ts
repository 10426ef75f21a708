/**
 * normaliseTopology: run once when grids are loaded for editing. Digitised neighbours often
 * meet in T-junctions (a vertex of one grid lying on an edge of the other) or with a vertex
 * a hair off the other's edge; the editor's operations need shared boundaries to be the same
 * vertex chain in both grids (a moved vertex must move in both, a merge cancels edges that
 * are equal). So: every vertex of a grid or of a community boundary that lies on another
 * grid's edge (exactly, or within `toleranceDeg`) is inserted into that edge, and consecutive
 * repeated vertices are dropped. Existing vertices never move; nothing else changes.
 */
import { pointIndex } from './point-index.ts'
import { insertPoints, ringsOf, verticesOf, withRings } from './rings.ts'
import type { EditableGrid, EditScope, GridSet, Position } from './types.ts'

export function normaliseTopology(grids: GridSet, scope: EditScope, toleranceDeg = 1e-9): GridSet {
  const points: Position[] = []
  for (const grid of grids.values()) points.push(...verticesOf(grid.geometry))
  for (const community of scope.communities) points.push(...verticesOf(community.geometry))
  const search = pointIndex(points)
  let result: Map<string, EditableGrid> | null = null
  for (const grid of grids.values()) {
    const rings = ringsOf(grid.geometry)
    const inserted = insertPoints(rings, search, toleranceDeg)
    // A repeated vertex is dropped by ringsOf, so comparing vertex counts tells whether it did.
    const repeated = grid.geometry.coordinates.some((ring, index) => ring.length - 1 !== rings[index].length)
    if (!inserted && !repeated) continue
    result ??= new Map(grids)
    result.set(grid.code, withRings(grid, inserted ?? rings))
  }
  return result ?? grids
}
