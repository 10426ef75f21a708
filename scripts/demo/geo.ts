/**
 * Local planar frame around the district centre. The generator works in metres east/north and
 * converts to WGS84 once per vertex; the conversion factors are constants (not Math.cos at run time)
 * so no floating-point library difference can change a coordinate.
 */
import type { Position } from './model.ts'

export const CENTER_LON = 119.9
export const CENTER_LAT = 32.47
/** metres per degree of latitude at 32.47°N (WGS84 meridional arc, rounded) */
export const M_PER_DEG_LAT = 110_900
/** metres per degree of longitude at 32.47°N: 111,320 × cos(32.47°) */
export const M_PER_DEG_LON = 93_917.64

export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7
}

/** Metres east/north of the centre → rounded [lon, lat]. The only place coordinates are rounded. */
export function toLonLat(x: number, y: number): Position {
  return [round7(CENTER_LON + x / M_PER_DEG_LON), round7(CENTER_LAT + y / M_PER_DEG_LAT)]
}

export function toMetres(p: Position): [number, number] {
  return [(p[0] - CENTER_LON) * M_PER_DEG_LON, (p[1] - CENTER_LAT) * M_PER_DEG_LAT]
}

/** Even-odd point-in-ring test on raw lon/lat (a closed ring). */
export function pointInRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false
  for (let a = 0, b = ring.length - 2; a < ring.length - 1; b = a++) {
    const [xa, ya] = ring[a]
    const [xb, yb] = ring[b]
    if (ya > lat !== yb > lat && lon < ((xb - xa) * (lat - ya)) / (yb - ya) + xa) inside = !inside
  }
  return inside
}

/** Approximate distance in metres from a point to a closed ring's boundary. */
export function distanceToRingMetres(lon: number, lat: number, ring: Position[]): number {
  let best = Infinity
  for (let k = 0; k < ring.length - 1; k++) {
    const d = distanceToSegmentMetres(lon, lat, ring[k], ring[k + 1])
    if (d < best) best = d
  }
  return best
}

export function distanceToSegmentMetres(lon: number, lat: number, a: Position, b: Position): number {
  const px = (lon - a[0]) * M_PER_DEG_LON
  const py = (lat - a[1]) * M_PER_DEG_LAT
  const bx = (b[0] - a[0]) * M_PER_DEG_LON
  const by = (b[1] - a[1]) * M_PER_DEG_LAT
  const len2 = bx * bx + by * by
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2))
  const dx = px - t * bx
  const dy = py - t * by
  return Math.sqrt(dx * dx + dy * dy)
}

/** Shoelace area in degree² — only its sign (counter-clockwise > 0) is used. */
export function signedArea(ring: Position[]): number {
  let sum = 0
  for (let k = 0; k < ring.length - 1; k++) {
    sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1]
  }
  return sum / 2
}

export function lineLengthMetres(line: Position[]): number {
  let total = 0
  for (let k = 0; k < line.length - 1; k++) {
    const dx = (line[k + 1][0] - line[k][0]) * M_PER_DEG_LON
    const dy = (line[k + 1][1] - line[k][1]) * M_PER_DEG_LAT
    total += Math.sqrt(dx * dx + dy * dy)
  }
  return total
}
