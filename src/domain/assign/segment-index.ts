/**
 * Nearest street segment within a distance, the same answer as the database's
 *   ST_Distance(segment::geography, point::geography, false) <= d
 *   order by round(that distance, 3), segment.id limit 1
 * Distances are compared in whole millimetres, so a point equally far from two segments
 * (the vertex two consecutive segments of a back street share) goes to the smaller id on
 * both sides instead of to whichever ulp of rounding noise each engine happens to produce
 * (docs/decisions.md, "Segment ties"). A flatbush index over the segments' edges narrows
 * the search to a box safely wider than d (in degrees at the point's latitude); the exact
 * spherical distance decides whether a segment is within d.
 */
import Flatbush from 'flatbush'
import { SPHERE_RADIUS_M, lineDistanceToPointM } from './sphere-distance.ts'

export interface SegmentInput {
  id: number
  /** WGS84 lon/lat vertices of the LineString */
  coordinates: [number, number][] | number[][]
}

export interface NearestSegment {
  id: number
  distanceM: number
}

export interface SegmentIndex {
  nearest(lon: number, lat: number, maxDistanceM: number): NearestSegment | null
}

/** degrees of latitude per metre on PostGIS's sphere, with 1% to spare */
const DEGREES_PER_METRE = (180 / (Math.PI * SPHERE_RADIUS_M)) * 1.01

export function buildSegmentIndex(segments: readonly SegmentInput[]): SegmentIndex {
  const lines = segments.map((segment) => Float64Array.from(segment.coordinates.flatMap((position) => [position[0], position[1]])))
  const edgeCount = lines.reduce((total, line) => total + Math.max(1, line.length / 2 - 1), 0)
  const edgeSegment = new Int32Array(edgeCount)
  const index = new Flatbush(Math.max(1, edgeCount))
  let edge = 0
  lines.forEach((line, segment) => {
    const count = line.length / 2
    for (let k = 0; k < Math.max(1, count - 1); k++) {
      const k2 = Math.min(k + 1, count - 1)
      index.add(Math.min(line[2 * k], line[2 * k2]), Math.min(line[2 * k + 1], line[2 * k2 + 1]), Math.max(line[2 * k], line[2 * k2]), Math.max(line[2 * k + 1], line[2 * k2 + 1]))
      edgeSegment[edge++] = segment
    }
  })
  if (edgeCount === 0) index.add(0, 0, 0, 0)
  index.finish()

  return {
    nearest(lon, lat, maxDistanceM) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || segments.length === 0) return null
      const latitudeMargin = maxDistanceM * DEGREES_PER_METRE
      const cosine = Math.max(Math.cos((Math.min(89, Math.abs(lat) + latitudeMargin) * Math.PI) / 180), 0.01)
      const longitudeMargin = latitudeMargin / cosine
      const candidates = new Set<number>()
      for (const hit of index.search(lon - longitudeMargin, lat - latitudeMargin, lon + longitudeMargin, lat + latitudeMargin)) {
        if (edgeCount > 0) candidates.add(edgeSegment[hit])
      }
      let best: NearestSegment | null = null
      let bestMm = 0
      for (const segment of candidates) {
        const distanceM = lineDistanceToPointM(lines[segment], lon, lat)
        if (distanceM > maxDistanceM) continue
        const id = segments[segment].id
        const mm = distanceMillimetres(distanceM)
        if (best === null || mm < bestMm || (mm === bestMm && id < best.id)) {
          best = { id, distanceM }
          bestMm = mm
        }
      }
      return best
    },
  }
}

/**
 * A distance in whole millimetres, as SQL's round(distance::numeric, 3) orders it: half away
 * from zero on the decimal value (distances are never negative). Both engines round
 * distances to 1e-8 m (roundLikePostgis), so the value is an integer count of 1e-8 m and is
 * rounded in integers: `Math.round(d * 1000)` would take 0.5005 m (500.49999999999994 as a
 * double) to 500 where numeric rounding gives 501. Two distances that differ by rounding
 * noise alone compare equal, and the smaller segment id decides.
 */
export function distanceMillimetres(distanceM: number): number {
  return Math.floor((Math.round(distanceM * 1e8) + 50_000) / 100_000)
}
