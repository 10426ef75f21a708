/**
 * Whether adding a point to an open polyline would make it cross itself: the new segment
 * (last point → next) against every earlier segment but the one it starts from, with exact
 * orientation tests (robust-predicates), so touching counts as crossing. A drawing is refused
 * at the click that would cross, not after it is finished.
 */
import { orient2d } from 'robust-predicates'

type Position = readonly [number, number] | readonly number[]

function onSegment(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
}

/** Whether the closed segments ab and cd share any point. */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = orient2d(c[0], c[1], d[0], d[1], a[0], a[1])
  const d2 = orient2d(c[0], c[1], d[0], d[1], b[0], b[1])
  const d3 = orient2d(a[0], a[1], b[0], b[1], c[0], c[1])
  const d4 = orient2d(a[0], a[1], b[0], b[1], d[0], d[1])
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  if (d1 === 0 && onSegment(c, d, a)) return true
  if (d2 === 0 && onSegment(c, d, b)) return true
  if (d3 === 0 && onSegment(a, b, c)) return true
  if (d4 === 0 && onSegment(a, b, d)) return true
  return false
}

/**
 * Whether the polyline `points` followed by `next` crosses or touches itself. With `closing`,
 * also the closing segment next → points[0] (a polygon about to be finished).
 */
export function polylineWouldCross(points: readonly Position[], next: Position, closing = false): boolean {
  const n = points.length
  if (n < 2) return false
  const last = points[n - 1]
  // The new segment against every earlier one except its neighbour (they share `last`).
  for (let i = 0; i < n - 2; i++) {
    if (segmentsMeet(last, next, points[i], points[i + 1])) return true
  }
  // The new point may not lie on the segment just before it either (a fold back).
  const before = points[n - 2]
  if (orient2d(before[0], before[1], last[0], last[1], next[0], next[1]) === 0 && onSegment(before, last, next)) return true
  if (closing && n >= 2) {
    for (let i = 1; i < n - 1; i++) {
      if (segmentsMeet(next, points[0], points[i], points[i + 1])) return true
    }
  }
  return false
}
