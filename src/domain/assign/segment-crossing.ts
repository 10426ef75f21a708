/**
 * The exact test both the index build and the queries use to carry a parity from a reference
 * point r to a point q: does segment r→q cross edge a→b?
 *
 * r and q must not lie on the edge itself. A vertex lying exactly on the line r→q counts as
 * being on its left-hand side, which is the same as sliding the segment sideways by an
 * infinitesimal amount: the slid segment meets no vertex, and since neither end is on the
 * edge, sliding changes neither end's parity. So summing this test over a polygon's edges
 * gives the exact change of even-odd parity between r and q, with no special cases.
 */
import { orient2d } from 'robust-predicates'

/** sign of orient2d(a, b, r) is passed in (precomputed, never 0) */
export function crossesEdge(
  rx: number,
  ry: number,
  qx: number,
  qy: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  sideOfR: number,
  sideOfQ: number,
): boolean {
  // r and q strictly on opposite sides of the edge's line …
  if (sideOfQ === 0 || sideOfR > 0 === sideOfQ > 0) return false
  // … and the edge's ends on opposite sides of the line r→q (a vertex on that line counts as left).
  return orient2d(rx, ry, qx, qy, ax, ay) >= 0 !== orient2d(rx, ry, qx, qy, bx, by) >= 0
}

/** true when q lies on the closed edge a–b */
export function onEdge(qx: number, qy: number, ax: number, ay: number, bx: number, by: number, sideOfQ: number): boolean {
  if (sideOfQ !== 0) return false
  return (ax <= bx ? ax <= qx && qx <= bx : bx <= qx && qx <= ax) && (ay <= by ? ay <= qy && qy <= by : by <= qy && qy <= ay)
}
