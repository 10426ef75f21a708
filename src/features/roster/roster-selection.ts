/**
 * Which segments a lasso catches: every segment of the given set with a vertex inside the
 * ring or an edge crossing it (touching counts), tested on a bounding box first.
 */
import { booleanIntersects } from '@turf/turf'
import type { Position, RosterSegment } from '../../domain/roster/types.ts'

export function segmentsInLasso(ring: readonly Position[], segments: Iterable<RosterSegment>): number[] {
  if (ring.length < 4) return []
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const [x, y] of ring) {
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  const polygon: GeoJSON.Feature<GeoJSON.Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring as Position[]] } }
  const caught: number[] = []
  for (const segment of segments) {
    if (!boxesOverlap(segment.coordinates, w, s, e, n)) continue
    const line: GeoJSON.Feature<GeoJSON.LineString> = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: segment.coordinates } }
    if (booleanIntersects(line, polygon)) caught.push(segment.id)
  }
  return caught
}

/** Whether the line's own box overlaps the box (a line can pass through it with no vertex inside). */
function boxesOverlap(coordinates: readonly Position[], w: number, s: number, e: number, n: number): boolean {
  let lw = Infinity
  let ls = Infinity
  let le = -Infinity
  let ln = -Infinity
  for (const [x, y] of coordinates) {
    lw = Math.min(lw, x)
    le = Math.max(le, x)
    ls = Math.min(ls, y)
    ln = Math.max(ln, y)
  }
  return lw <= e && le >= w && ls <= n && ln >= s
}
