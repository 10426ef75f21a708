/**
 * Contiguity weights between polygons, from their edges:
 * - queen: two units are neighbours when their boundaries come within `tolerance` of each
 *   other at one point or more (a shared vertex, a vertex on the other's edge, a crossing);
 * - rook: when they share a stretch of boundary longer than `tolerance` — two edges lying on
 *   one another (within `tolerance`) over a positive length; a shared corner is not enough.
 * The tolerance is in coordinate units: 1e-7° (about 1 cm) for lon/lat, the rule.
 * Candidate edge pairs come from a flatbush index over edge boxes grown by the tolerance, so
 * the cost follows the number of edges, not the number of unit pairs.
 */
import Flatbush from 'flatbush'
import { neighbourListFromArrays, type NeighbourList } from './neighbour-list.ts'

export type PolygonGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon

export const CONTIGUITY_TOLERANCE = 1e-7

export function contiguityNeighbours(geometries: readonly PolygonGeometry[], rule: 'queen' | 'rook', tolerance = CONTIGUITY_TOLERANCE): NeighbourList {
  const edges = collectEdges(geometries)
  const edgeCount = edges.owner.length
  const lists: number[][] = geometries.map(() => [])
  if (edgeCount === 0) return neighbourListFromArrays(lists)
  const index = new Flatbush(edgeCount)
  const { ax, ay, bx, by, owner } = edges
  for (let edge = 0; edge < edgeCount; edge++) {
    index.add(Math.min(ax[edge], bx[edge]) - tolerance, Math.min(ay[edge], by[edge]) - tolerance, Math.max(ax[edge], bx[edge]) + tolerance, Math.max(ay[edge], by[edge]) + tolerance)
  }
  index.finish()
  const found = geometries.map(() => new Set<number>())
  for (let edge = 0; edge < edgeCount; edge++) {
    const unit = owner[edge]
    const seen = found[unit]
    index.search(
      Math.min(ax[edge], bx[edge]),
      Math.min(ay[edge], by[edge]),
      Math.max(ax[edge], bx[edge]),
      Math.max(ay[edge], by[edge]),
      (other) => {
        const otherUnit = owner[other]
        // Each pair is decided from the lower unit's edges; the other side is filled in below.
        if (otherUnit <= unit || seen.has(otherUnit)) return false
        const touching =
          rule === 'queen'
            ? segmentDistance(ax[edge], ay[edge], bx[edge], by[edge], ax[other], ay[other], bx[other], by[other]) <= tolerance
            : sharedLength(ax[edge], ay[edge], bx[edge], by[edge], ax[other], ay[other], bx[other], by[other], tolerance) > tolerance
        if (touching) seen.add(otherUnit)
        return false
      },
    )
  }
  found.forEach((set, unit) => {
    for (const other of set) {
      lists[unit].push(other)
      lists[other].push(unit)
    }
  })
  return neighbourListFromArrays(lists)
}

interface Edges {
  ax: Float64Array
  ay: Float64Array
  bx: Float64Array
  by: Float64Array
  owner: Int32Array
}

function collectEdges(geometries: readonly PolygonGeometry[]): Edges {
  let total = 0
  const rings = geometries.map((geometry) => (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()))
  for (const unitRings of rings) for (const ring of unitRings) total += Math.max(0, ring.length - 1)
  const edges: Edges = { ax: new Float64Array(total), ay: new Float64Array(total), bx: new Float64Array(total), by: new Float64Array(total), owner: new Int32Array(total) }
  let edge = 0
  rings.forEach((unitRings, unit) => {
    for (const ring of unitRings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k]
        const b = ring[k + 1]
        if (a[0] === b[0] && a[1] === b[1]) continue
        edges.ax[edge] = a[0]
        edges.ay[edge] = a[1]
        edges.bx[edge] = b[0]
        edges.by[edge] = b[1]
        edges.owner[edge] = unit
        edge += 1
      }
    }
  })
  return { ax: edges.ax.subarray(0, edge), ay: edges.ay.subarray(0, edge), bx: edges.bx.subarray(0, edge), by: edges.by.subarray(0, edge), owner: edges.owner.subarray(0, edge) }
}

/** Distance from (px, py) to the segment a–b. */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const lengthSquared = dx * dx + dy * dy
  let t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0
  t = t < 0 ? 0 : t > 1 ? 1 : t
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}

/** Distance between segments a–b and c–d: 0 when they cross, else the nearest endpoint-to-segment distance. */
export function segmentDistance(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  const d1 = cross(cx, cy, dx, dy, ax, ay)
  const d2 = cross(cx, cy, dx, dy, bx, by)
  const d3 = cross(ax, ay, bx, by, cx, cy)
  const d4 = cross(ax, ay, bx, by, dx, dy)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0
  return Math.min(
    pointSegmentDistance(ax, ay, cx, cy, dx, dy),
    pointSegmentDistance(bx, by, cx, cy, dx, dy),
    pointSegmentDistance(cx, cy, ax, ay, bx, by),
    pointSegmentDistance(dx, dy, ax, ay, bx, by),
  )
}

/**
 * Length over which segments a–b and c–d lie on one another (within tolerance): the overlap's
 * ends are the endpoints of either segment that lie on the other, so it is the longest
 * distance between two such endpoints. Segments that only cross or touch at a corner give 0.
 */
export function sharedLength(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number, tolerance: number): number {
  const onOther: number[] = []
  if (pointSegmentDistance(ax, ay, cx, cy, dx, dy) <= tolerance) onOther.push(ax, ay)
  if (pointSegmentDistance(bx, by, cx, cy, dx, dy) <= tolerance) onOther.push(bx, by)
  if (pointSegmentDistance(cx, cy, ax, ay, bx, by) <= tolerance) onOther.push(cx, cy)
  if (pointSegmentDistance(dx, dy, ax, ay, bx, by) <= tolerance) onOther.push(dx, dy)
  let longest = 0
  for (let i = 0; i < onOther.length; i += 2) {
    for (let j = i + 2; j < onOther.length; j += 2) longest = Math.max(longest, Math.hypot(onOther[i] - onOther[j], onOther[i + 1] - onOther[j + 1]))
  }
  return longest
}
