/**
 * Independent geometry checks used by the tests (and usable by anyone consuming the demo data):
 * the same rules PostGIS applies in ST_IsValid, restricted to what our polygons can get wrong.
 */
import type { PolygonGeometry, Position } from './model.ts'
import { signedArea } from './geo.ts'

/** Orientation of c relative to a→b, computed on differences to keep precision. */
function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
  return v > 0 ? 1 : v < 0 ? -1 : 0
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
}

/** True when closed segments ab and cd share any point. */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c)
  const o2 = orient(a, b, d)
  const o3 = orient(c, d, a)
  const o4 = orient(c, d, b)
  if (o1 !== o2 && o3 !== o4) return true
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))
}

const same = (p: Position, q: Position) => p[0] === q[0] && p[1] === q[1]

/** Problems with one ring: not closed, too short, repeated vertices, self-intersection. */
export function ringProblems(ring: Position[]): string[] {
  const problems: string[] = []
  if (ring.length < 4) problems.push('fewer than 4 positions')
  if (!same(ring[0], ring[ring.length - 1])) problems.push('not closed')
  const seen = new Set<string>()
  for (let k = 0; k < ring.length - 1; k++) {
    const key = `${ring[k][0]},${ring[k][1]}`
    if (seen.has(key)) problems.push(`vertex ${key} visited twice`)
    seen.add(key)
  }
  const n = ring.length - 1
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (b === a + 1 || (a === 0 && b === n - 1)) continue // neighbours share an endpoint by design
      if (segmentsIntersect(ring[a], ring[a + 1], ring[b], ring[b + 1])) problems.push(`edges ${a} and ${b} intersect`)
    }
  }
  return problems
}

/**
 * Problems with a polygon: each ring simple, shell counter-clockwise, holes clockwise, and rings
 * meeting at most in shared vertices (never crossing or overlapping along an edge).
 */
export function polygonProblems(polygon: PolygonGeometry): string[] {
  const problems: string[] = []
  polygon.coordinates.forEach((ring, r) => {
    for (const p of ringProblems(ring)) problems.push(`ring ${r}: ${p}`)
    const area = signedArea(ring)
    if (r === 0 && !(area > 0)) problems.push('shell is not counter-clockwise')
    if (r > 0 && !(area < 0)) problems.push(`hole ${r} is not clockwise`)
  })
  for (let r = 0; r < polygon.coordinates.length; r++) {
    for (let s = r + 1; s < polygon.coordinates.length; s++) {
      const p = polygon.coordinates[r]
      const q = polygon.coordinates[s]
      for (let a = 0; a < p.length - 1; a++) {
        for (let b = 0; b < q.length - 1; b++) {
          if (!segmentsIntersect(p[a], p[a + 1], q[b], q[b + 1])) continue
          // touching in a vertex common to both rings is allowed (OGC: a single point)
          const shared = [p[a], p[a + 1]].filter((x) => same(x, q[b]) || same(x, q[b + 1]))
          const collinear = orient(p[a], p[a + 1], q[b]) === 0 && orient(p[a], p[a + 1], q[b + 1]) === 0
          if (shared.length !== 1 || collinear) problems.push(`rings ${r} and ${s} cross at edges ${a}/${b}`)
        }
      }
    }
  }
  return problems
}
