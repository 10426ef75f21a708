/**
 * moveVertex: the vertex at exactly `from` moves to `to` in every grid that has it, so shared
 * boundaries move together and no gap opens between neighbours. A vertex on a community
 * boundary (one of its vertices, or on one of its edges) is refused outright: moving it off
 * would open a gap or push a grid outside, and sliding it along the boundary is not offered
 * yet. The moved grids are then checked (affected-check.ts): valid, no overlap, no
 * T-junction, `to` not on another grid's boundary, inside the community.
 */
import { checkAffected } from './affected-check.ts'
import { refuse, VERTEX_NOT_FOUND, VERTEX_NOT_MOVED, VERTEX_ON_COMMUNITY_BOUNDARY, VERTEX_ONTO_OTHER_GRID } from './reasons.ts'
import { allRings, boxOf, onSegment, openRing, ringsOf, samePosition, withRings } from './rings.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridSet, Position } from './types.ts'

/** Boundary tests allow the same tolerance as loading: split points on a boundary edge are rounded doubles. */
export const BOUNDARY_TOLERANCE_DEG = 1e-9

export function onCommunityBoundary(scope: EditScope, point: Position): boolean {
  for (const community of scope.communities) {
    for (const ring of allRings(community.geometry)) {
      for (let k = 0; k < ring.length; k++) {
        const a = ring[k]
        if (samePosition(a, point) || onSegment(point, a, ring[(k + 1) % ring.length], BOUNDARY_TOLERANCE_DEG)) return true
      }
    }
  }
  return false
}

export function onGridBoundary(grid: EditableGrid, point: Position): boolean {
  const box = boxOf(grid.geometry.coordinates[0])
  if (point[0] < box.minX || point[0] > box.maxX || point[1] < box.minY || point[1] > box.maxY) return false
  return ringsOf(grid.geometry).some((ring) => ring.some((a, k) => samePosition(a, point) || onSegment(point, a, ring[(k + 1) % ring.length])))
}

export function gridsWithVertex(grids: GridSet, at: Position): EditableGrid[] {
  return [...grids.values()].filter((grid) => grid.geometry.coordinates.some((ring) => ring.some((p) => samePosition(p, at))))
}

export function moveVertex(grids: GridSet, scope: EditScope, from: Position, to: Position): GridOperationOutcome {
  if (samePosition(from, to)) return refuse(VERTEX_NOT_MOVED)
  const owners = gridsWithVertex(grids, from)
  if (owners.length === 0) return refuse(VERTEX_NOT_FOUND)
  if (onCommunityBoundary(scope, from)) return refuse(VERTEX_ON_COMMUNITY_BOUNDARY)
  const ownerCodes = new Set(owners.map((grid) => grid.code))
  for (const grid of grids.values()) {
    if (!ownerCodes.has(grid.code) && onGridBoundary(grid, to)) return refuse(VERTEX_ONTO_OTHER_GRID, grid.code)
  }
  const moved = owners.map((grid) => withRings(grid, ringsOf(grid.geometry).map((ring) => openRing(ring.map((p): Position => (samePosition(p, from) ? [to[0], to[1]] : p))))))
  const problem = checkAffected(grids, scope, moved)
  if (problem) return problem
  return { ok: true, label: '移动顶点', puts: moved, creates: [], deletes: [], selection: moved.map((grid) => grid.code) }
}
