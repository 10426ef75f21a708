/**
 * drawGrid: a polygon drawn by the user becomes a new grid covering only the empty part of it:
 * the drawing is clipped to its community and every existing grid is subtracted (polyclip-ts),
 * so drawing over an empty area fills it exactly and never overlaps. The remainder must be one
 * piece (several disconnected empty areas are refused with their count, rather than silently
 * keeping the largest: the user would not see which one was dropped); pieces below the
 * validator's noise (0.1 m²) are clipper crumbs along shared boundaries and are ignored.
 *
 * The clipper computes new intersection points in doubles, so the result is then WELDED to
 * its surroundings: a vertex within `toleranceDeg` of a neighbour's (or a community boundary's)
 * vertex takes that vertex's exact coordinates; a neighbour's vertex lying on the new grid's
 * edge is inserted into the new grid; a new vertex lying on a neighbour's edge is inserted
 * into the neighbour. The new grid then shares its boundary vertex for vertex, as types.ts
 * requires. Where a grid next to the empty area is a thin wedge along another's edge, the
 * clipper (which rounds) can return a ring folding back on itself within that tolerance; such
 * near-spike vertices are dropped before welding (the area given up is far below 1 m², well
 * under the validator's noise), and whatever is still invalid is refused. Attributes: no name, land use mixed, level 2, nobody named, 属地兜底, version null.
 */
import * as polyclip from 'polyclip-ts'
import { findPolygonProblems } from '../../assign/polygon-validity.ts'
import { checkAffected, MIN_AREA_M2 } from './affected-check.ts'
import { newCodeProblem } from './codes.ts'
import { pointIndex } from './point-index.ts'
import {
  COMMUNITY_NOT_IN_SCOPE,
  DRAW_NO_EMPTY_AREA,
  DRAW_SELF_CROSSING,
  DRAW_SEVERAL_PIECES,
  DRAW_TOO_FEW_POINTS,
  refuse,
  RESULT_INVALID,
  RESULT_TOO_SMALL,
} from './reasons.ts'
import { allRings, areaM2, boxesMeet, boxOf, closeRing, insertPoints, keyOf, openRing, polygonOf, ringsOf, signedArea2, verticesOf, withRings } from './rings.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridSet, Position } from './types.ts'

const NOISE_M2 = 0.1

type Geom = polyclip.Geom

export function drawGrid(grids: GridSet, scope: EditScope, ring: readonly Position[], communityCode: string, newCode: string, toleranceDeg = 1e-9): GridOperationOutcome {
  const drawn = openRing(ring)
  if (new Set(drawn.map(keyOf)).size < 3) return refuse(DRAW_TOO_FEW_POINTS)
  if (signedArea2(drawn) < 0) drawn.reverse()
  const drawnPolygon = polygonOf([drawn])
  if (findPolygonProblems([{ id: newCode, geometry: drawnPolygon }]).length > 0 || signedArea2(drawn) === 0) return refuse(DRAW_SELF_CROSSING)
  const community = scope.communities.find((c) => c.code === communityCode)
  if (!community) return refuse(COMMUNITY_NOT_IN_SCOPE, communityCode)
  const codeProblem = newCodeProblem(grids, scope, newCode, communityCode)
  if (codeProblem) return codeProblem

  const box = boxOf(drawn)
  const near = [...grids.values()].filter((grid) => boxesMeet(box, boxOf(verticesOf(grid.geometry)), toleranceDeg))
  let empty: Position[][][]
  try {
    const inside = polyclip.intersection(drawnPolygon.coordinates as Geom, community.geometry.coordinates as Geom)
    empty = (near.length === 0 ? inside : polyclip.difference(inside as Geom, ...near.map((grid) => grid.geometry.coordinates as Geom))) as Position[][][]
  } catch {
    return refuse(RESULT_INVALID, '裁剪失败')
  }
  const pieces = empty.filter((piece) => areaM2({ type: 'Polygon', coordinates: piece }) >= NOISE_M2)
  if (pieces.length === 0) return refuse(DRAW_NO_EMPTY_AREA)
  if (pieces.length > 1) return refuse(DRAW_SEVERAL_PIECES, `${pieces.length} 块`)
  const piece = ringsOf({ type: 'Polygon', coordinates: pieces[0] })
  if (areaM2(polygonOf(piece)) < MIN_AREA_M2) return refuse(RESULT_TOO_SMALL)

  const welded = weld(piece, near, scope, toleranceDeg)
  const created: EditableGrid = {
    code: newCode,
    version: null,
    communityCode,
    name: '',
    landUse: 'mixed',
    managementLevel: 2,
    responsiblePerson: '',
    responsibleBody: '属地兜底',
    geometry: polygonOf(welded.rings),
  }
  const problem = checkAffected(grids, scope, [created, ...welded.neighbours])
  if (problem) return problem
  return { ok: true, label: `新建网格 ${newCode}`, puts: welded.neighbours, creates: [created], deletes: [], selection: [newCode] }
}

function weld(piece: Position[][], near: EditableGrid[], scope: EditScope, tolerance: number): { rings: Position[][]; neighbours: EditableGrid[] } {
  const boundaryPoints: Position[] = [...near.flatMap((grid) => verticesOf(grid.geometry)), ...scope.communities.flatMap((c) => allRings(c.geometry).flat())]
  const search = pointIndex(boundaryPoints)
  // 1. snap onto existing vertices
  const snapped = piece.map((ring) =>
    openRing(
      ring.map((p): Position => {
        let best: Position | null = null
        let bestDistance = tolerance
        for (const q of search({ minX: p[0] - tolerance, minY: p[1] - tolerance, maxX: p[0] + tolerance, maxY: p[1] + tolerance })) {
          const distance = Math.hypot(q[0] - p[0], q[1] - p[1])
          if (distance <= bestDistance) {
            best = q
            bestDistance = distance
          }
        }
        return best ? [best[0], best[1]] : p
      }),
    ),
  )
  // 2. their vertices on our edges
  const clean = snapped.map((ring) => withoutNearSpikes(ring, tolerance))
  const rings = insertPoints(clean, search, tolerance) ?? clean
  // 3. our vertices on their edges
  const ours = pointIndex(rings.flat())
  const neighbours: EditableGrid[] = []
  for (const grid of near) {
    const inserted = insertPoints(ringsOf(grid.geometry), ours, tolerance)
    if (inserted) neighbours.push(withRings(grid, inserted))
  }
  return { rings: rings.map((ring) => openRing(closeRing(ring))), neighbours }
}

/** The ring without vertices where it folds back onto itself within `tolerance` (degrees). */
function withoutNearSpikes(ring: Position[], tolerance: number): Position[] {
  let points = ring
  for (let changed = true; changed && points.length > 3; ) {
    changed = false
    for (let k = 0; k < points.length && points.length > 3; k++) {
      const a = points[(k + points.length - 1) % points.length]
      const b = points[k]
      const c = points[(k + 1) % points.length]
      const [ux, uy, vx, vy] = [b[0] - a[0], b[1] - a[1], c[0] - b[0], c[1] - b[1]]
      const foldsBack = ux * vx + uy * vy < 0
      const length = Math.hypot(c[0] - a[0], c[1] - a[1])
      const offLine = length === 0 ? Math.hypot(ux, uy) : Math.abs(ux * (c[1] - a[1]) - uy * (c[0] - a[0])) / length
      if (foldsBack && offLine <= tolerance) {
        points = points.filter((_, index) => index !== k)
        changed = true
      }
    }
  }
  return points
}
