/** Exact segment tests (robust-predicates) the line and ring checks share. */
import { orient2d } from 'robust-predicates'
import { locatePoint } from '../validation/geometry.ts'
import { closeRing } from './rings.ts'
import type { Position } from './types.ts'

export function orientation(a: Position, b: Position, c: Position): number {
  return Math.sign(orient2d(a[0], a[1], b[0], b[1], c[0], c[1]))
}

function inBox(p: Position, a: Position, b: Position): boolean {
  return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1])
}

/** Whether closed segments a–b and c–d have any point in common (crossing, touching, overlapping). */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c)
  const o2 = orientation(a, b, d)
  const o3 = orientation(c, d, a)
  const o4 = orientation(c, d, b)
  if (o1 !== 0 && o1 === o2) return false
  if (o3 !== 0 && o3 === o4) return false
  if (o1 === 0 && o2 === 0) return inBox(c, a, b) || inBox(d, a, b) || inBox(a, c, d) || inBox(b, c, d)
  return true
}

/** Whether an open polyline crosses or touches itself (a doubled-back segment counts). */
export function polylineSelfCrosses(path: readonly Position[]): boolean {
  for (let i = 0; i + 1 < path.length; i++) {
    for (let j = i + 1; j + 1 < path.length; j++) {
      if (j === i + 1) {
        const [a, b, c] = [path[i], path[i + 1], path[i + 2]]
        if (orientation(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return true
        continue
      }
      if (segmentsMeet(path[i], path[i + 1], path[j], path[j + 1])) return true
    }
  }
  return false
}

/** 1 inside the ring, 0 on it, -1 outside (open ring). */
export function locateInRing(p: Position, ring: readonly Position[]): 1 | 0 | -1 {
  return locatePoint(p[0], p[1], [[closeRing(ring)]])
}
