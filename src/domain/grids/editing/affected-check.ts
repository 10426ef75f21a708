/**
 * The check every operation runs on what it is about to return, so that no accepted result
 * breaks the tiling: the changed grids must be valid polygons of at least 1 m², must not
 * overlap each other or the grids near them, must share vertices with them exactly (no
 * T-junction), and must lie within their community. Only the changed grids and their
 * neighbours by bounding box are looked at, with the validator's exact predicates
 * (robust-predicates), so an operation on a district of 3,000 grids stays cheap. Gaps need
 * no check here: each operation keeps the union by construction (a move or removal keeps the
 * boundary of the changed area, a split and a merge redistribute it) and the refusals of
 * boundary vertices keep the community's outline.
 */
import { orient2d } from 'robust-predicates'
import { findPolygonProblems, POLYGON_PROBLEM_MESSAGES } from '../../assign/polygon-validity.ts'
import { closedParts, locatePoint, partsBox, type Parts } from '../validation/geometry.ts'
import { coveredBy, interiorsMayMeet } from '../validation/interiors-meet.ts'
import {
  refuse,
  RESULT_INVALID,
  RESULT_OUTSIDE_COMMUNITY,
  RESULT_OVERLAPS,
  RESULT_T_JUNCTION,
  RESULT_TOO_SMALL,
} from './reasons.ts'
import { allRings, areaM2, boxesMeet, boxOf, onSegment, openRing, signedArea2, verticesOf } from './rings.ts'
import type { EditableGrid, EditScope, GridOperationRefusal, GridSet, Position } from './types.ts'

export const MIN_AREA_M2 = 1
/** how near (degrees) a vertex must be to count as on a community boundary: rounding, not drawing */
export const BOUNDARY_TOLERANCE_DEG = 1e-9
/**
 * Whether the grid lies within its community (true when the community is not in the scope).
 * Exactly (coveredBy), or else up to rounding: a split point on a community edge is computed
 * in doubles and lies ~1e-16° off that edge, a clipped drawing is welded within 1e-9°, so a
 * vertex that near the outline counts as on it — provided no corner of the outline lies
 * strictly inside the grid (which is how a grid with all its vertices inside can still reach
 * outside across a concave stretch of the outline).
 */
function withinCommunity(scope: EditScope, grid: EditableGrid, parts: Parts, box: ReturnType<typeof partsBox>): boolean {
  const community = scope.communities.find((c) => c.code === grid.communityCode)
  if (!community) return true
  const communityParts = closedParts(community.geometry)
  if (coveredBy(parts, box, communityParts, partsBox(communityParts))) return true
  const outline = allRings(community.geometry)
  for (const vertex of verticesOf(grid.geometry)) {
    if (locatePoint(vertex[0], vertex[1], communityParts) >= 0) continue
    const near = outline.some((ring) => ring.some((a, k) => onSegment(vertex, a, ring[(k + 1) % ring.length], BOUNDARY_TOLERANCE_DEG)))
    if (!near) return false
  }
  return !outline.flat().some((corner) => locatePoint(corner[0], corner[1], parts) === 1)
}

/** A vertex where the ring doubles back on itself exactly (the validator's `spike`). */
function spikeAt(ring: Position[]): Position | null {
  const n = ring.length
  for (let k = 0; k < n; k++) {
    const a = ring[(k + n - 1) % n]
    const b = ring[k]
    const c = ring[(k + 1) % n]
    if (orient2d(a[0], a[1], b[0], b[1], c[0], c[1]) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return b
  }
  return null
}

/** A refusal when the grid is not a valid polygon (as the validator's `invalid` rule judges). */
export function invalidity(grid: EditableGrid): GridOperationRefusal | null {
  for (const [index, ring] of grid.geometry.coordinates.entries()) {
    const open = openRing(ring)
    // a ring turned inside out (a vertex moved across the opposite edge) may still be simple
    if (signedArea2(open) > 0 !== (index === 0)) return refuse(RESULT_INVALID, `${grid.code}：边界方向翻转`)
    if (new Set(open.map((p) => `${p[0]},${p[1]}`)).size < 3) return refuse(RESULT_INVALID, `${grid.code}：顶点不足`)
    const spike = spikeAt(open)
    if (spike) return refuse(RESULT_INVALID, `${grid.code}：尖刺`)
  }
  const problem = findPolygonProblems([{ id: grid.code, geometry: grid.geometry }])[0]
  if (problem) return refuse(RESULT_INVALID, `${grid.code}：${POLYGON_PROBLEM_MESSAGES[problem.code]}`)
  return null
}

/** A vertex of `a` lying strictly inside an edge of `b` (exactly): a T-junction. */
export function tJunction(a: GeoJSON.Polygon, b: GeoJSON.Polygon): Position | null {
  const bBox = boxOf(verticesOf(b))
  const points = verticesOf(a).filter((p) => p[0] >= bBox.minX && p[0] <= bBox.maxX && p[1] >= bBox.minY && p[1] <= bBox.maxY)
  if (points.length === 0) return null
  for (const ring of b.coordinates) {
    const open = openRing(ring)
    for (let k = 0; k < open.length; k++) {
      const s = open[k]
      const e = open[(k + 1) % open.length]
      for (const p of points) if (onSegment(p, s, e)) return p
    }
  }
  return null
}

/**
 * Checks the grids an operation puts or creates against each other and against the rest of
 * the set (minus the codes it deletes). Returns a refusal, or null when the result is sound.
 */
export function checkAffected(grids: GridSet, scope: EditScope, changed: readonly EditableGrid[], deleted: readonly string[] = []): GridOperationRefusal | null {
  const changedCodes = new Set([...changed.map((grid) => grid.code), ...deleted])
  const prepared = changed.map((grid) => {
    const parts = closedParts(grid.geometry)
    return { grid, parts, box: partsBox(parts) }
  })
  for (const { grid } of prepared) {
    const invalid = invalidity(grid)
    if (invalid) return invalid
    if (areaM2(grid.geometry) < MIN_AREA_M2) return refuse(RESULT_TOO_SMALL, grid.code)
  }
  const others: typeof prepared = []
  for (const grid of grids.values()) {
    if (changedCodes.has(grid.code)) continue
    // the outer ring's box, without copying the rings: most of a district's grids stop here
    if (!prepared.some((p) => boxesMeet(p.box, boxOf(grid.geometry.coordinates[0])))) continue
    const parts = closedParts(grid.geometry)
    others.push({ grid, parts, box: partsBox(parts) })
  }
  for (let i = 0; i < prepared.length; i++) {
    const first = prepared[i]
    const against = [...prepared.slice(i + 1), ...others]
    for (const second of against) {
      if (!boxesMeet(first.box, second.box)) continue
      if (interiorsMayMeet(first.parts, first.box, second.parts, second.box)) return refuse(RESULT_OVERLAPS, `${first.grid.code} 与 ${second.grid.code}`)
      const junction = tJunction(first.grid.geometry, second.grid.geometry) ?? tJunction(second.grid.geometry, first.grid.geometry)
      if (junction) return refuse(RESULT_T_JUNCTION, `${first.grid.code} 与 ${second.grid.code}，约 (${junction[0].toFixed(6)}, ${junction[1].toFixed(6)})`)
    }
  }
  for (const { grid, parts, box } of prepared) {
    if (!withinCommunity(scope, grid, parts, box)) return refuse(RESULT_OUTSIDE_COMMUNITY, grid.code)
  }
  return null
}
