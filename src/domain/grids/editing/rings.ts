/**
 * Ring helpers every operation shares. Operations work on open rings (no closing vertex) and
 * write closed ones back; positions are compared as exact doubles, because neighbours share
 * vertices exactly (types.ts) and a rounding here would open a gap.
 */
import { orient2d } from 'robust-predicates'
import { sphericalArea } from '../../geometry/spherical-area.ts'
import type { EditableGrid, Position } from './types.ts'

export const keyOf = (p: readonly number[]): string => `${p[0]},${p[1]}`
export const samePosition = (a: readonly number[], b: readonly number[]): boolean => a[0] === b[0] && a[1] === b[1]

/** 2D copy without the closing vertex and without consecutive repeats (cyclically). */
export function openRing(ring: readonly GeoJSON.Position[]): Position[] {
  const open: Position[] = []
  for (const position of ring) {
    const last = open[open.length - 1]
    if (!last || !samePosition(last, position)) open.push([position[0], position[1]])
  }
  while (open.length > 1 && samePosition(open[0], open[open.length - 1])) open.pop()
  return open
}

export function closeRing(open: readonly Position[]): Position[] {
  return open.length === 0 ? [] : [...open.map((p): Position => [p[0], p[1]]), [open[0][0], open[0][1]]]
}

/** Twice the planar signed area, > 0 counter-clockwise. */
export function signedArea2(open: readonly Position[]): number {
  let total = 0
  for (let k = 0; k < open.length; k++) {
    const a = open[k]
    const b = open[(k + 1) % open.length]
    total += a[0] * b[1] - b[0] * a[1]
  }
  return total
}

/** The polygon's rings, open and oriented as the contract says: exterior counter-clockwise, holes clockwise. */
export function ringsOf(geometry: GeoJSON.Polygon): Position[][] {
  return geometry.coordinates.map((ring, index) => {
    const open = openRing(ring)
    const ccw = signedArea2(open) > 0
    return ccw === (index === 0) ? open : open.reverse()
  })
}

export function polygonOf(rings: readonly (readonly Position[])[]): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: rings.map(closeRing) }
}

export function withRings(grid: EditableGrid, rings: readonly (readonly Position[])[]): EditableGrid {
  return { ...grid, geometry: polygonOf(rings) }
}

export function areaM2(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): number {
  return sphericalArea(geometry)
}

/** Position along a → b (0 at a, 1 at b) of a point on it. */
export function along(a: Position, b: Position, p: Position): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  return ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)
}

/**
 * Whether p lies on segment a–b strictly between its ends: exactly (orient2d = 0 inside the
 * segment's box) or, with a tolerance (degrees), within that distance of the segment's line
 * with its foot strictly between the ends. The tolerance is for loading digitised data whose
 * shared boundaries were never snapped; operations use 0.
 */
export function onSegment(p: Position, a: Position, b: Position, tolerance = 0): boolean {
  if (samePosition(p, a) || samePosition(p, b)) return false
  if (p[0] < Math.min(a[0], b[0]) - tolerance || p[0] > Math.max(a[0], b[0]) + tolerance) return false
  if (p[1] < Math.min(a[1], b[1]) - tolerance || p[1] > Math.max(a[1], b[1]) + tolerance) return false
  const side = orient2d(a[0], a[1], b[0], b[1], p[0], p[1])
  if (side === 0) return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1])
  if (tolerance === 0) return false
  const t = along(a, b, p)
  if (!(t > 0 && t < 1)) return false
  const length = Math.hypot(b[0] - a[0], b[1] - a[1])
  return Math.abs(side) / length <= tolerance
}

/** All vertices of a geometry (any ring, any part), open. */
export function verticesOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Position[] {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return parts.flatMap((part) => part.flatMap((ring) => openRing(ring)))
}

/** Rings of a Polygon or MultiPolygon, open (for boundary tests against communities). */
export function allRings(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Position[][] {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return parts.flatMap((part) => part.map((ring) => openRing(ring)))
}

export interface Box {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function boxOf(points: Iterable<readonly number[]>): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  for (const [x, y] of points) {
    if (x < box.minX) box.minX = x
    if (x > box.maxX) box.maxX = x
    if (y < box.minY) box.minY = y
    if (y > box.maxY) box.maxY = y
  }
  return box
}

export function boxesMeet(a: Box, b: Box, margin = 0): boolean {
  return a.minX <= b.maxX + margin && b.minX <= a.maxX + margin && a.minY <= b.maxY + margin && b.minY <= a.maxY + margin
}

/**
 * Inserts into every edge of the rings the points lying on it (`onSegment` with the
 * tolerance), ordered along the edge. Returns null when nothing was inserted, so callers can
 * keep the grid object unchanged. A point that is already a vertex of these rings is never
 * inserted again: with a tolerance, a vertex next to a nearly straight angle lies "on" the
 * following edge, and inserting it there would fold the ring back into a spike.
 */
export function insertPoints(rings: readonly Position[][], candidates: (box: Box) => Iterable<Position>, tolerance = 0): Position[][] | null {
  let changed = false
  const own = new Set(rings.flatMap((ring) => ring.map(keyOf)))
  const result = rings.map((ring) => {
    const out: Position[] = []
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]
      const b = ring[(k + 1) % ring.length]
      out.push(a)
      const box = { minX: Math.min(a[0], b[0]) - tolerance, minY: Math.min(a[1], b[1]) - tolerance, maxX: Math.max(a[0], b[0]) + tolerance, maxY: Math.max(a[1], b[1]) + tolerance }
      const found = new Map<string, Position>()
      for (const p of candidates(box)) if (!own.has(keyOf(p)) && onSegment(p, a, b, tolerance)) found.set(keyOf(p), p)
      if (found.size === 0) continue
      changed = true
      out.push(...[...found.values()].sort((p, q) => along(a, b, p) - along(a, b, q)).map((p): Position => [p[0], p[1]]))
    }
    return out
  })
  return changed ? result : null
}
