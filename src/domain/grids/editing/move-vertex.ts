/**
 * moveVertex: the vertex at exactly `from` moves to `to` in every grid that has it, so shared
 * boundaries move together and no gap opens between neighbours. A vertex on a community
 * boundary may only slide along the straight boundary edge it lies on (`to` is projected onto
 * it; corners of the community never move, and it may not pass another vertex on that edge):
 * moving it off would open a gap or push a grid outside. The moved grids are then checked (affected-check.ts): valid, no overlap, no
 * T-junction, `to` not on another grid's boundary, inside the community.
 */
import { BOUNDARY_TOLERANCE_DEG, checkAffected } from './affected-check.ts'
import { refuse, VERTEX_NOT_FOUND, VERTEX_NOT_MOVED, VERTEX_ON_COMMUNITY_BOUNDARY, VERTEX_ONTO_OTHER_GRID } from './reasons.ts'
import { allRings, along, boxOf, onSegment, openRing, ringsOf, samePosition, withRings } from './rings.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridSet, Position } from './types.ts'


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

/**
 * Where a boundary vertex may go: along the straight community edge it lies on (not a corner
 * of the community), to `to` projected onto that edge, without passing another grid vertex on
 * it — the outline then stays where it was. Null when that is not such a move.
 */
function alongBoundary(grids: GridSet, scope: EditScope, from: Position, to: Position): Position | null {
  for (const community of scope.communities) {
    for (const ring of allRings(community.geometry)) {
      for (let k = 0; k < ring.length; k++) {
        const a = ring[k]
        const b = ring[(k + 1) % ring.length]
        if (samePosition(a, from)) return null
        if (!onSegment(from, a, b, BOUNDARY_TOLERANCE_DEG) || !onSegment(to, a, b, BOUNDARY_TOLERANCE_DEG)) continue
        const t = along(a, b, to)
        const projected: Position = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
        if (samePosition(projected, a) || samePosition(projected, b)) return null
        const [low, high] = [Math.min(along(a, b, from), t), Math.max(along(a, b, from), t)]
        for (const grid of grids.values()) {
          for (const p of grid.geometry.coordinates.flat()) {
            const position: Position = [p[0], p[1]]
            if (samePosition(position, from) || !onSegment(position, a, b, BOUNDARY_TOLERANCE_DEG)) continue
            const u = along(a, b, position)
            if (u >= low && u <= high) return null
          }
        }
        return projected
      }
    }
  }
  return null
}

export function moveVertex(grids: GridSet, scope: EditScope, from: Position, to: Position): GridOperationOutcome {
  if (samePosition(from, to)) return refuse(VERTEX_NOT_MOVED)
  const owners = gridsWithVertex(grids, from)
  if (owners.length === 0) return refuse(VERTEX_NOT_FOUND)
  if (onCommunityBoundary(scope, from)) {
    const slid = alongBoundary(grids, scope, from, to)
    if (!slid) return refuse(VERTEX_ON_COMMUNITY_BOUNDARY)
    if (samePosition(slid, from)) return refuse(VERTEX_NOT_MOVED)
    to = slid
  }
  const ownerCodes = new Set(owners.map((grid) => grid.code))
  for (const grid of grids.values()) {
    if (!ownerCodes.has(grid.code) && onGridBoundary(grid, to)) return refuse(VERTEX_ONTO_OTHER_GRID, grid.code)
  }
  const moved = owners.map((grid) => withRings(grid, ringsOf(grid.geometry).map((ring) => openRing(ring.map((p): Position => (samePosition(p, from) ? [to[0], to[1]] : p))))))
  const problem = checkAffected(grids, scope, moved)
  if (problem) return problem
  return { ok: true, label: '移动顶点', puts: moved, creates: [], deletes: [], selection: moved.map((grid) => grid.code) }
}
