/**
 * Which polygons are invalid, and where: the problems the assignment has to work around
 * (it answers as ST_Covers(ST_MakeValid(polygon), point) would) and a user should fix.
 * Checked per polygon part, with exact orientation tests:
 *   - a ring with fewer than 3 distinct vertices or a non-finite coordinate;
 *   - a ring touching or crossing itself (including a spike doubling back on its own edge);
 *   - two rings of one part crossing, or running along each other;
 *   - two parts of a MultiPolygon crossing or sharing an edge (GEOS: "Self-intersection").
 * One problem is reported per polygon (the westernmost found), with how many were found.
 * Overlaps between different polygons are not checked here.
 */
import { orient2d } from 'robust-predicates'
import { partsOf, type PolygonInput } from './polygon-input.ts'

export type PolygonProblemCode = 'self_intersection' | 'rings_cross' | 'parts_overlap' | 'too_few_points' | 'not_finite'

export const POLYGON_PROBLEM_MESSAGES: Record<PolygonProblemCode, string> = {
  self_intersection: '边界自相交',
  rings_cross: '内外边界相交',
  parts_overlap: '多部件多边形的部件相交或共边',
  too_few_points: '边界少于3个不同顶点',
  not_finite: '坐标不是有效数字',
}

export interface PolygonProblem {
  /** index into the input array */
  index: number
  id: string
  code: PolygonProblemCode
  /** Chinese, for people: what and where */
  message: string
  /** lon, lat of the (first) problem */
  location: [number, number]
  /** how many problem spots were found in this polygon */
  count: number
}

interface Edge {
  ax: number
  ay: number
  bx: number
  by: number
  part: number
  /** ring number, unique across the polygon's parts */
  ring: number
  /** position among the ring's non-degenerate edges */
  position: number
  ringEdges: number
}

export function findPolygonProblems(polygons: readonly PolygonInput[]): PolygonProblem[] {
  const problems: PolygonProblem[] = []
  polygons.forEach((polygon, index) => {
    let first: { code: PolygonProblemCode; location: [number, number] } | null = null
    let count = 0
    for (const found of geometryProblems(partsOf(polygon.geometry))) {
      count += 1
      if (first === null || found.location[0] < first.location[0]) first = found
    }
    if (first) {
      const [lon, lat] = first.location
      problems.push({
        index,
        id: polygon.id,
        code: first.code,
        message: `${POLYGON_PROBLEM_MESSAGES[first.code]}，位置约 (${lon.toFixed(7)}, ${lat.toFixed(7)})${count > 1 ? `，共 ${count} 处` : ''}`,
        location: first.location,
        count,
      })
    }
  })
  return problems
}

/** Every problem spot of one geometry (findPolygonProblems keeps the westernmost per polygon). */
export function polygonProblemSpots(geometry: PolygonInput['geometry']): { code: PolygonProblemCode; location: [number, number] }[] {
  return geometryProblems(partsOf(geometry))
}

function geometryProblems(parts: GeoJSON.Position[][][]): { code: PolygonProblemCode; location: [number, number] }[] {
  const found: { code: PolygonProblemCode; location: [number, number] }[] = []
  const edges: Edge[] = []
  const rings = parts.flatMap((part, partIndex) => part.map((ring) => ({ ring, partIndex })))
  rings.forEach(({ ring, partIndex }, ringIndex) => {
    if (ring.some((position) => !Number.isFinite(position[0]) || !Number.isFinite(position[1]))) {
      const bad = ring.find((position) => !Number.isFinite(position[0]) || !Number.isFinite(position[1]))
      found.push({ code: 'not_finite', location: [Number(bad?.[0]) || 0, Number(bad?.[1]) || 0] })
      return
    }
    const distinct = new Set(ring.map((position) => `${position[0]},${position[1]}`))
    if (distinct.size < 3) {
      found.push({ code: 'too_few_points', location: [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0] })
      return
    }
    const ringEdges: Edge[] = []
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]
      const b = ring[k + 1 < ring.length ? k + 1 : 0]
      if (a[0] === b[0] && a[1] === b[1]) continue
      ringEdges.push({ ax: a[0], ay: a[1], bx: b[0], by: b[1], part: partIndex, ring: ringIndex, position: ringEdges.length, ringEdges: 0 })
    }
    for (const edge of ringEdges) edge.ringEdges = ringEdges.length
    edges.push(...ringEdges)
  })
  // Sweep along x: only edges whose x-ranges overlap are compared.
  edges.sort((left, right) => Math.min(left.ax, left.bx) - Math.min(right.ax, right.bx))
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]
    const eMaxX = Math.max(e.ax, e.bx)
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j]
      if (Math.min(f.ax, f.bx) > eMaxX) break
      if (Math.max(e.ay, e.by) < Math.min(f.ay, f.by) || Math.max(f.ay, f.by) < Math.min(e.ay, e.by)) continue
      const spot = conflict(e, f)
      if (spot) found.push({ code: e.ring === f.ring ? 'self_intersection' : e.part === f.part ? 'rings_cross' : 'parts_overlap', location: spot })
    }
  }
  return found
}

function adjacent(e: Edge, f: Edge): boolean {
  if (e.ring !== f.ring) return false
  const gap = Math.abs(e.position - f.position)
  return gap === 1 || gap === e.ringEdges - 1
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by)
}

/** Where edges e and f meet in a way a valid polygon does not allow, or null. */
function conflict(e: Edge, f: Edge): [number, number] | null {
  const o1 = orient2d(e.ax, e.ay, e.bx, e.by, f.ax, f.ay)
  const o2 = orient2d(e.ax, e.ay, e.bx, e.by, f.bx, f.by)
  const o3 = orient2d(f.ax, f.ay, f.bx, f.by, e.ax, e.ay)
  const o4 = orient2d(f.ax, f.ay, f.bx, f.by, e.bx, e.by)
  if (o1 === 0 && o2 === 0) {
    // Collinear: a problem when they share more than a single point.
    const overlap = collinearOverlap(e, f)
    return overlap
  }
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    // A proper crossing: the point where they cross (approximate, for the report).
    const t = o3 / (o3 - o4)
    return [e.ax + (e.bx - e.ax) * t, e.ay + (e.by - e.ay) * t]
  }
  // Touching at a point: consecutive edges of a ring always do, at their shared vertex.
  if (adjacent(e, f)) return null
  // Rings of one part may touch at a point; a ring may not touch itself.
  if (e.ring !== f.ring) return null
  if (o1 === 0 && onSegment(f.ax, f.ay, e.ax, e.ay, e.bx, e.by)) return [f.ax, f.ay]
  if (o2 === 0 && onSegment(f.bx, f.by, e.ax, e.ay, e.bx, e.by)) return [f.bx, f.by]
  if (o3 === 0 && onSegment(e.ax, e.ay, f.ax, f.ay, f.bx, f.by)) return [e.ax, e.ay]
  if (o4 === 0 && onSegment(e.bx, e.by, f.ax, f.ay, f.bx, f.by)) return [e.bx, e.by]
  return null
}

function collinearOverlap(e: Edge, f: Edge): [number, number] | null {
  // Project on the longer axis of e.
  const useX = Math.abs(e.bx - e.ax) >= Math.abs(e.by - e.ay)
  const e0 = useX ? Math.min(e.ax, e.bx) : Math.min(e.ay, e.by)
  const e1 = useX ? Math.max(e.ax, e.bx) : Math.max(e.ay, e.by)
  const f0 = useX ? Math.min(f.ax, f.bx) : Math.min(f.ay, f.by)
  const f1 = useX ? Math.max(f.ax, f.bx) : Math.max(f.ay, f.by)
  const low = Math.max(e0, f0)
  const high = Math.min(e1, f1)
  if (high < low) return null
  if (high === low) {
    // One shared point: fine between neighbours, a self-touch otherwise.
    if (adjacent(e, f) || e.ring !== f.ring) return null
  }
  const pick = (value: number): [number, number] => {
    for (const [x, y] of [
      [e.ax, e.ay],
      [e.bx, e.by],
      [f.ax, f.ay],
      [f.bx, f.by],
    ]) {
      if ((useX ? x : y) === value) return [x, y]
    }
    return [e.ax, e.ay]
  }
  return pick(low)
}
