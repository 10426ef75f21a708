/**
 * Geodesic measures along lines (haversine on turf's earth radius, so lengths agree with
 * turf.length) and a local plane in metres for nearness tests.
 */
import type { LonLat } from './types.ts'

const EARTH_RADIUS_M = 6371008.8
const RADIANS = Math.PI / 180

export function haversineM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RADIANS
  const dLon = (b[0] - a[0]) * RADIANS
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RADIANS) * Math.cos(b[1] * RADIANS) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h))
}

/** Cumulative geodesic measure at each vertex; the last is the line's length. */
export function cumulativeMeasures(coordinates: readonly LonLat[]): Float64Array {
  const measures = new Float64Array(coordinates.length)
  for (let k = 1; k < coordinates.length; k++) measures[k] = measures[k - 1] + haversineM(coordinates[k - 1], coordinates[k])
  return measures
}

/** Index of the vertex segment [k, k+1] holding measure m (binary search). */
function segmentAt(measures: Float64Array, m: number): number {
  let low = 0
  let high = measures.length - 2
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (measures[middle] <= m) low = middle
    else high = middle - 1
  }
  return low
}

export function pointAt(coordinates: readonly LonLat[], measures: Float64Array, m: number): LonLat {
  const k = segmentAt(measures, m)
  const span = measures[k + 1] - measures[k]
  const t = span > 0 ? Math.min(1, Math.max(0, (m - measures[k]) / span)) : 0
  const a = coordinates[k]
  const b = coordinates[k + 1]
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/** The part of a line between two measures, with interpolated end points. */
export function slice(coordinates: readonly LonLat[], measures: Float64Array, fromM: number, toM: number): LonLat[] {
  const length = measures[measures.length - 1]
  if (fromM <= 0 && toM >= length) return coordinates.map((p) => [p[0], p[1]])
  const out: LonLat[] = [pointAt(coordinates, measures, fromM)]
  for (let k = 0; k < coordinates.length; k++) {
    if (measures[k] > fromM && measures[k] < toM) out.push([coordinates[k][0], coordinates[k][1]])
  }
  out.push(pointAt(coordinates, measures, toM))
  return out
}

/** An equirectangular plane around a latitude: good to a fraction of a percent over a city. */
export interface LocalPlane {
  x(lon: number): number
  y(lat: number): number
}

export function localPlane(latitude: number): LocalPlane {
  const metresPerDegree = EARTH_RADIUS_M * RADIANS
  const cos = Math.cos(latitude * RADIANS)
  return { x: (lon) => lon * metresPerDegree * cos, y: (lat) => lat * metresPerDegree }
}
