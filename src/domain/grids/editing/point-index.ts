/**
 * A Flatbush index of points, so that "which vertices lie on this edge" costs a box search
 * instead of a scan of every vertex of the district (normaliseTopology on 3,000 grids).
 */
import Flatbush from 'flatbush'
import type { Box } from './rings.ts'
import type { Position } from './types.ts'

export type PointSearch = (box: Box) => Position[]

export function pointIndex(points: readonly Position[]): PointSearch {
  if (points.length === 0) return () => []
  const index = new Flatbush(points.length)
  for (const [x, y] of points) index.add(x, y, x, y)
  index.finish()
  return (box) => index.search(box.minX, box.minY, box.maxX, box.maxY).map((k) => points[k])
}
