/**
 * Neighbours by distance between unit centres (in metres of the local plane, see
 * local-metric.ts, or planar units):
 * - distanceBandNeighbours: every other unit within `limit`, inclusive (a pair exactly
 *   `limit` apart are neighbours, as in libpysal's DistanceBand and ArcGIS);
 * - knnNeighbours: the K nearest other units; equal distances are broken by input order, so
 *   the answer never depends on the index's internals. Not symmetric (as in libpysal/spdep).
 */
import Flatbush from 'flatbush'
import { neighbourListFromArrays, type NeighbourList } from './neighbour-list.ts'

/** Distances equal up to rounding count as equal (an inclusive band must not lose a pair to 1 ulp). */
const RELATIVE_SLACK = 1e-12

function pointIndex(x: Float64Array, y: Float64Array): Flatbush {
  const index = new Flatbush(Math.max(1, x.length))
  for (let k = 0; k < x.length; k++) index.add(x[k], y[k], x[k], y[k])
  if (x.length === 0) index.add(0, 0, 0, 0)
  index.finish()
  return index
}

export function distanceBandNeighbours(x: Float64Array, y: Float64Array, limit: number): NeighbourList {
  const index = pointIndex(x, y)
  const reach = limit * (1 + RELATIVE_SLACK)
  const lists: number[][] = []
  for (let unit = 0; unit < x.length; unit++) {
    const found = index.search(x[unit] - reach, y[unit] - reach, x[unit] + reach, y[unit] + reach, (other) => other !== unit && Math.hypot(x[other] - x[unit], y[other] - y[unit]) <= reach)
    lists.push(found)
  }
  return neighbourListFromArrays(lists)
}

export function knnNeighbours(x: Float64Array, y: Float64Array, k: number): NeighbourList {
  const index = pointIndex(x, y)
  const lists: number[][] = []
  const take = Math.min(k, x.length - 1)
  for (let unit = 0; unit < x.length; unit++) {
    if (take <= 0) {
      lists.push([])
      continue
    }
    const nearest = index.neighbors(x[unit], y[unit], take, Infinity, (other) => other !== unit)
    const kth = Math.hypot(x[nearest[take - 1]] - x[unit], y[nearest[take - 1]] - y[unit])
    // Everything as near as the K-th, so ties are settled by input order rather than by the index.
    const candidates = index.neighbors(x[unit], y[unit], Infinity, kth * (1 + RELATIVE_SLACK) + Number.MIN_VALUE, (other) => other !== unit)
    const distance = (other: number) => Math.hypot(x[other] - x[unit], y[other] - y[unit])
    candidates.sort((a, b) => distance(a) - distance(b) || a - b)
    lists.push(candidates.slice(0, take))
  }
  return neighbourListFromArrays(lists)
}
