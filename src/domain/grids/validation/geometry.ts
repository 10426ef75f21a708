/**
 * Planar helpers on lon/lat rings the rules share: parts, bounding boxes, a point on a surface
 * (ST_PointOnSurface's scan-line), point in polygon with the boundary told apart, and the
 * geodesic perimeter. Orientation and boundary tests are exact (robust-predicates).
 */
import { orient2d } from 'robust-predicates'

export type Pair = [number, number]
export type Ring = Pair[]
export type Part = Ring[]
export type Parts = Part[]

const RADIUS = 6_371_008.8
const RAD = Math.PI / 180

/** The parts of a geometry as closed 2D rings; Z values dropped, non-finite vertices dropped. */
export function closedParts(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Parts {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return parts.map((part) =>
    part.map((ring) => {
      const clean: Ring = ring.filter((position) => Number.isFinite(position[0]) && Number.isFinite(position[1])).map((position) => [position[0], position[1]])
      if (clean.length > 0) {
        const first = clean[0]
        const last = clean[clean.length - 1]
        if (first[0] !== last[0] || first[1] !== last[1]) clean.push([first[0], first[1]])
      }
      return clean
    }),
  )
}

export interface Box {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function partsBox(parts: Parts): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  for (const part of parts) {
    for (const [x, y] of part[0] ?? []) {
      if (x < box.minX) box.minX = x
      if (x > box.maxX) box.maxX = x
      if (y < box.minY) box.minY = y
      if (y > box.maxY) box.maxY = y
    }
  }
  return box
}

/** Twice the planar signed area (degrees²): > 0 counter-clockwise. */
export function signedArea2(ring: Ring): number {
  let total = 0
  for (let k = 0; k + 1 < ring.length; k++) total += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1]
  return total
}

/** Geodesic (great-circle) length of the part's rings, metres. */
export function perimeterMetres(parts: Parts): number {
  let total = 0
  for (const part of parts) {
    for (const ring of part) {
      for (let k = 0; k + 1 < ring.length; k++) total += haversine(ring[k], ring[k + 1])
    }
  }
  return total
}

export function haversine(a: Pair, b: Pair): number {
  const dLat = (b[1] - a[1]) * RAD
  const dLon = (b[0] - a[0]) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * RADIUS * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * A point strictly inside one part (the part given): the middle of the widest interval a
 * horizontal line through the middle of the part's box cuts from it, holes included — the
 * scan-line GEOS uses for ST_PointOnSurface.
 */
export function pointOnPart(part: Part): Pair {
  const shell = part[0]
  let minY = Infinity
  let maxY = -Infinity
  for (const [, y] of shell) {
    if (y < minY) minY = y
    if (y > maxY) maxY = y
  }
  // A line through a vertex would cut a zero-width interval there: move it between two vertex latitudes.
  let y = (minY + maxY) / 2
  if (shell.some((position) => position[1] === y)) {
    const above = shell.map((position) => position[1]).filter((value) => value > y)
    if (above.length > 0) y = (y + Math.min(...above)) / 2
  }
  const xs: number[] = []
  for (const ring of part) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k]
      const [bx, by] = ring[k + 1]
      if (ay > y !== by > y) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay))
    }
  }
  xs.sort((a, b) => a - b)
  let bestWidth = -1
  let point: Pair = shell[0] ?? [0, 0]
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const width = xs[k + 1] - xs[k]
    if (width > bestWidth) {
      bestWidth = width
      point = [(xs[k] + xs[k + 1]) / 2, y]
    }
  }
  return point
}

const surfacePoints = new WeakMap<Parts, Pair>()

/** A point inside the largest part (by planar area) of a geometry; remembered per geometry. */
export function pointOnSurface(parts: Parts): Pair {
  let point = surfacePoints.get(parts)
  if (!point) {
    point = largestPartPoint(parts)
    surfacePoints.set(parts, point)
  }
  return point
}

function largestPartPoint(parts: Parts): Pair {
  let best: Part | null = null
  let bestArea = -1
  for (const part of parts) {
    if (!part[0] || part[0].length < 4) continue
    const area = Math.abs(signedArea2(part[0]))
    if (area > bestArea) {
      bestArea = area
      best = part
    }
  }
  return best ? pointOnPart(best) : (parts[0]?.[0]?.[0] ?? [0, 0])
}

/** 1 inside, 0 on the boundary, -1 outside (even-odd over all rings of all parts). */
export function locatePoint(x: number, y: number, parts: Parts): 1 | 0 | -1 {
  let inside = false
  for (const part of parts) {
    for (const ring of part) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k]
        const [bx, by] = ring[k + 1]
        if (ay > y !== by > y) {
          const side = orient2d(ax, ay, bx, by, x, y)
          if (side === 0) return 0
          // side < 0 means the point is left of the edge's line in orient2d's sign convention
          if (by > ay === side < 0) inside = !inside
        } else if (ay === y && by === y && Math.min(ax, bx) <= x && x <= Math.max(ax, bx)) {
          return 0
        } else if ((ay === y && ax === x) || (by === y && bx === x)) {
          return 0
        }
      }
    }
  }
  return inside ? 1 : -1
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
}

/** Whether a ring has at least 3 distinct vertices (no allocation: called for every ring). */
export function hasThreeDistinct(ring: readonly GeoJSON.Position[]): boolean {
  const first = ring[0]
  if (!first) return false
  let second: GeoJSON.Position | null = null
  for (const position of ring) {
    if (position[0] === first[0] && position[1] === first[1]) continue
    if (!second) second = position
    else if (position[0] !== second[0] || position[1] !== second[1]) return true
  }
  return false
}
