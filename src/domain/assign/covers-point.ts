/**
 * Does a polygon cover a point — ST_Covers(ST_MakeValid(polygon), point) — tested the
 * straightforward way, over every edge: the point is covered when it lies on any edge, or
 * when a ray to the east crosses the edges of one of the polygon's parts an odd number of
 * times (even-odd per part, parts OR-ed). This is the reference the index is checked against
 * and what a one-off question should use.
 */
import { orient2d } from 'robust-predicates'
import { onEdge } from './segment-crossing.ts'
import { partsOf, type PolygonInput } from './polygon-input.ts'

export function coversPoint(geometry: PolygonInput['geometry'], lon: number, lat: number): boolean {
  let covered = false
  for (const part of partsOf(geometry)) {
    const answer = partCoversPoint(part, lon, lat)
    if (answer === 'boundary') return true
    if (answer === 'inside') covered = true
  }
  return covered
}

function partCoversPoint(part: GeoJSON.Position[][], qx: number, qy: number): 'boundary' | 'inside' | 'outside' {
  let odd = false
  for (const ring of part) {
    const count = ring.length
    for (let k = 0; k < count; k++) {
      const a = ring[k]
      const b = ring[k + 1 < count ? k + 1 : 0]
      const ax = a[0]
      const ay = a[1]
      const bx = b[0]
      const by = b[1]
      if (ax === bx && ay === by) continue
      const side = orient2d(ax, ay, bx, by, qx, qy)
      if (onEdge(qx, qy, ax, ay, bx, by, side)) return 'boundary'
      // Half-open in y so a ray through a vertex counts it once; orient2d > 0 means q is to
      // the right of a→b (clockwise), so an upward edge lies east of q when side < 0.
      if (ay <= qy && qy < by) {
        if (side < 0) odd = !odd
      } else if (by <= qy && qy < ay) {
        if (side > 0) odd = !odd
      }
    }
  }
  return odd ? 'inside' : 'outside'
}
