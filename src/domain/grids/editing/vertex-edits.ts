/**
 * insertVertex / removeVertex. Inserting puts a point on an edge — projected onto the
 * segment, so the boundary does not move — in this grid and in every grid sharing that
 * segment (the same two ends), keeping the shared chain identical. Dragging it afterwards
 * is a moveVertex. Removing takes a vertex out of every grid using it; it is refused where
 * that would change what is covered: on a community boundary, and at a junction of three or
 * more boundary lines (the grids there would leave a triangle uncovered between them). Only a
 * vertex on a single boundary line (two distinct neighbouring vertices in all grids using it)
 * can go; the new edge is then checked like any change.
 */
import { checkAffected } from './affected-check.ts'
import { onCommunityBoundary, gridsWithVertex } from './move-vertex.ts'
import {
  EDGE_NOT_FOUND,
  GRID_NOT_FOUND,
  refuse,
  VERTEX_AT_EDGE_END,
  VERTEX_JUNCTION,
  VERTEX_NOT_FOUND,
  VERTEX_ON_COMMUNITY_BOUNDARY,
  VERTEX_TOO_FEW_LEFT,
} from './reasons.ts'
import { keyOf, ringsOf, samePosition, withRings } from './rings.ts'
import { insertIntoEdges, insertIntoNeighbours } from './shared-edges.ts'
import type { EditScope, GridOperationOutcome, GridSet, Position } from './types.ts'

export interface EdgeReference {
  code: string
  /** 0 = exterior, 1… = holes, as in the GeoJSON */
  ring: number
  /** the edge from vertex `index` to vertex `index + 1` */
  index: number
}

export function insertVertex(grids: GridSet, scope: EditScope, edge: EdgeReference, at: Position): GridOperationOutcome {
  const grid = grids.get(edge.code)
  if (!grid) return refuse(GRID_NOT_FOUND, edge.code)
  const ring = grid.geometry.coordinates[edge.ring]
  if (!ring || edge.index < 0 || edge.index + 1 >= ring.length) return refuse(EDGE_NOT_FOUND)
  const a: Position = [ring[edge.index][0], ring[edge.index][1]]
  const b: Position = [ring[edge.index + 1][0], ring[edge.index + 1][1]]
  if (samePosition(a, b)) return refuse(EDGE_NOT_FOUND)
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const t = Math.min(1, Math.max(0, ((at[0] - a[0]) * dx + (at[1] - a[1]) * dy) / (dx * dx + dy * dy)))
  const point: Position = [a[0] + t * dx, a[1] + t * dy]
  if (samePosition(point, a) || samePosition(point, b)) return refuse(VERTEX_AT_EDGE_END)
  const edgePoint = [{ a, b, point }]
  const updated = insertIntoEdges(grid, edgePoint)
  if (!updated) return refuse(EDGE_NOT_FOUND)
  const changed = [updated, ...insertIntoNeighbours(grids, edgePoint, new Set([grid.code]))]
  const problem = checkAffected(grids, scope, changed)
  if (problem) return problem
  return { ok: true, label: '插入顶点', puts: changed, creates: [], deletes: [], selection: [grid.code] }
}

export function removeVertex(grids: GridSet, scope: EditScope, at: Position): GridOperationOutcome {
  const owners = gridsWithVertex(grids, at)
  if (owners.length === 0) return refuse(VERTEX_NOT_FOUND)
  if (onCommunityBoundary(scope, at)) return refuse(VERTEX_ON_COMMUNITY_BOUNDARY)
  const adjacent = new Set<string>()
  for (const grid of owners) {
    for (const ring of ringsOf(grid.geometry)) {
      ring.forEach((p, k) => {
        if (!samePosition(p, at)) return
        adjacent.add(keyOf(ring[(k + ring.length - 1) % ring.length]))
        adjacent.add(keyOf(ring[(k + 1) % ring.length]))
      })
    }
  }
  if (adjacent.size !== 2) return refuse(VERTEX_JUNCTION)
  const changed = []
  for (const grid of owners) {
    const rings = ringsOf(grid.geometry).map((ring) => ring.filter((p) => !samePosition(p, at)))
    if (rings.some((ring) => new Set(ring.map(keyOf)).size < 3)) return refuse(VERTEX_TOO_FEW_LEFT, grid.code)
    changed.push(withRings(grid, rings))
  }
  const problem = checkAffected(grids, scope, changed)
  if (problem) return problem
  return { ok: true, label: '删除顶点', puts: changed, creates: [], deletes: [], selection: changed.map((grid) => grid.code) }
}
