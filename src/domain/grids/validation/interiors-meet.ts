/**
 * Whether the interiors of two polygons may meet, decided exactly and cheaply so that the
 * polygon clipper runs only on pairs that need it. Grids sharing edges (identical, or with a
 * vertex of one lying exactly on the other's edge) and grids touching at a point answer no;
 * yes when an edge of one properly crosses an edge of the other, when a vertex of one lies
 * strictly inside the other, when an edge of one that runs along no edge of the other has
 * its middle strictly inside it (a chord), or when a point inside one lies inside the other
 * (identical grids). A yes may still have zero overlap area; a no has none.
 */
import { orient2d } from 'robust-predicates'
import { edgeIndex, locateIndexed, type EdgeIndex } from './edge-index.ts'
import { pointOnSurface, type Box, type Parts } from './geometry.ts'

function edgeMeets(ax: number, ay: number, bx: number, by: number, other: EdgeIndex): { crosses: boolean; alongBoundary: boolean } {
  let alongBoundary = false
  if (!other.index) return { crosses: false, alongBoundary }
  const c = other.coordinates
  for (const f of other.index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
    const cx = c[4 * f]
    const cy = c[4 * f + 1]
    const dx = c[4 * f + 2]
    const dy = c[4 * f + 3]
    const o1 = orient2d(ax, ay, bx, by, cx, cy)
    const o2 = orient2d(ax, ay, bx, by, dx, dy)
    if (o1 === 0 && o2 === 0) {
      alongBoundary = true
      continue
    }
    if (o1 === 0 || o2 === 0 || o1 > 0 === o2 > 0) continue
    const o3 = orient2d(cx, cy, dx, dy, ax, ay)
    const o4 = orient2d(cx, cy, dx, dy, bx, by)
    if (o3 !== 0 && o4 !== 0 && o3 > 0 !== o4 > 0) return { crosses: true, alongBoundary }
  }
  return { crosses: false, alongBoundary }
}

function oneWay(a: EdgeIndex, b: EdgeIndex, shared: Box): boolean {
  if (!a.index) return false
  const c = a.coordinates
  for (const e of a.index.search(shared.minX, shared.minY, shared.maxX, shared.maxY)) {
    const ax = c[4 * e]
    const ay = c[4 * e + 1]
    const bx = c[4 * e + 2]
    const by = c[4 * e + 3]
    const meets = edgeMeets(ax, ay, bx, by, b)
    if (meets.crosses) return true
    const start = locateIndexed(ax, ay, b)
    if (start === 1) return true
    if (!meets.alongBoundary && start === 0 && locateIndexed(bx, by, b) === 0 && locateIndexed((ax + bx) / 2, (ay + by) / 2, b) === 1) return true
  }
  return false
}

export function interiorsMayMeet(a: Parts, aBox: Box, b: Parts, bBox: Box): boolean {
  const shared: Box = { minX: Math.max(aBox.minX, bBox.minX), minY: Math.max(aBox.minY, bBox.minY), maxX: Math.min(aBox.maxX, bBox.maxX), maxY: Math.min(aBox.maxY, bBox.maxY) }
  if (shared.minX > shared.maxX || shared.minY > shared.maxY) return false
  const aEdges = edgeIndex(a)
  const bEdges = edgeIndex(b)
  if (oneWay(aEdges, bEdges, shared) || oneWay(bEdges, aEdges, shared)) return true
  const [ax, ay] = pointOnSurface(a)
  const [bx, by] = pointOnSurface(b)
  return locateIndexed(ax, ay, bEdges) === 1 || locateIndexed(bx, by, aEdges) === 1
}

/**
 * Whether polygon a lies within b (boundary contact allowed), exactly: no edge of a crosses
 * an edge of b, no vertex of a is outside b, no chord of a (an edge with both ends on b's
 * boundary that runs along none of b's edges) has its middle outside b, and, when every
 * vertex of a is on b's boundary, a point inside a is not outside b.
 */
export function coveredBy(a: Parts, aBox: Box, b: Parts, bBox: Box): boolean {
  if (aBox.minX < bBox.minX || aBox.maxX > bBox.maxX || aBox.minY < bBox.minY || aBox.maxY > bBox.maxY) return false
  const aEdges = edgeIndex(a)
  const bEdges = edgeIndex(b)
  const c = aEdges.coordinates
  let allOnBoundary = true
  for (let e = 0; e < aEdges.count; e++) {
    const ax = c[4 * e]
    const ay = c[4 * e + 1]
    const bx = c[4 * e + 2]
    const by = c[4 * e + 3]
    const meets = edgeMeets(ax, ay, bx, by, bEdges)
    if (meets.crosses) return false
    const start = locateIndexed(ax, ay, bEdges)
    if (start === -1) return false
    if (start === 1) {
      allOnBoundary = false
      continue
    }
    if (!meets.alongBoundary && locateIndexed(bx, by, bEdges) === 0 && locateIndexed((ax + bx) / 2, (ay + by) / 2, bEdges) === -1) return false
  }
  if (allOnBoundary) {
    const [x, y] = pointOnSurface(a)
    return locateIndexed(x, y, bEdges) >= 0
  }
  return true
}
