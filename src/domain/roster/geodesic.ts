/**
 * Metres along a segment's line, as PostGIS measures it: `ST_Length(geography)` is the length on
 * the WGS84 spheroid, and `street_segments.length_m` is stored that way, so a piece's `to_m` must
 * be on the same scale or the last piece would stop short of (or run past) the stored length.
 *
 * Each edge is measured in the local ellipsoidal frame at its mid-latitude (meridian radius M and
 * prime-vertical radius N). For the edges of a street segment (metres to a kilometre or two) this
 * differs from the true geodesic by far less than a millimetre per kilometre; the tests hold it to
 * PostGIS's own numbers. turf.length uses a sphere and differs from both by up to ~0.3 % here (it
 * depends on the bearing and the latitude), so turf is not the reference.
 */
import type { Position } from './types.ts'

const WGS84_A = 6378137
const WGS84_F = 1 / 298.257223563
const WGS84_E2 = WGS84_F * (2 - WGS84_F)
const DEGREE = Math.PI / 180

/** Metres per degree of latitude and of longitude at latitude `lat` (degrees). */
export function metresPerDegree(lat: number): { lat: number; lon: number } {
  const sin = Math.sin(lat * DEGREE)
  const w = 1 - WGS84_E2 * sin * sin
  const meridian = (WGS84_A * (1 - WGS84_E2)) / (w * Math.sqrt(w))
  const primeVertical = WGS84_A / Math.sqrt(w)
  return { lat: meridian * DEGREE, lon: primeVertical * Math.cos(lat * DEGREE) * DEGREE }
}

/** Geodesic length of one short edge in metres. */
export function edgeLengthM(a: Position, b: Position): number {
  const scale = metresPerDegree((a[1] + b[1]) / 2)
  const dx = (b[0] - a[0]) * scale.lon
  const dy = (b[1] - a[1]) * scale.lat
  return Math.hypot(dx, dy)
}

/** Cumulative metres at each vertex: result[0] = 0, result[n - 1] = the line's length. */
export function cumulativeLengthsM(coordinates: readonly Position[]): number[] {
  const result = new Array<number>(coordinates.length)
  if (coordinates.length === 0) return result
  result[0] = 0
  for (let index = 1; index < coordinates.length; index++) {
    result[index] = result[index - 1] + edgeLengthM(coordinates[index - 1], coordinates[index])
  }
  return result
}

/** The line's length in metres (ST_Length(geography) to a few parts per million). */
export function lineLengthM(coordinates: readonly Position[]): number {
  const cumulative = cumulativeLengthsM(coordinates)
  return cumulative.length === 0 ? 0 : cumulative[cumulative.length - 1]
}
