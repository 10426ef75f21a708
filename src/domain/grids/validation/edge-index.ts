/**
 * A shape's edges in a Flatbush index, so that crossing tests and point location cost
 * O(log n + hits) instead of O(n) on shapes with thousands of vertices (districts, parents).
 * Built once per shape and kept as long as the shape is (WeakMap on its parts).
 */
import Flatbush from 'flatbush'
import { orient2d } from 'robust-predicates'
import type { Parts } from './geometry.ts'

export interface EdgeIndex {
  /** ax, ay, bx, by per edge */
  coordinates: Float64Array
  count: number
  index: Flatbush | null
  maxX: number
}

const built = new WeakMap<Parts, EdgeIndex>()

export function edgeIndex(parts: Parts): EdgeIndex {
  const known = built.get(parts)
  if (known) return known
  const list: number[] = []
  let maxX = -Infinity
  for (const part of parts) {
    for (const ring of part) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k]
        const [bx, by] = ring[k + 1]
        if (ax === bx && ay === by) continue
        list.push(ax, ay, bx, by)
        if (ax > maxX) maxX = ax
      }
    }
  }
  const coordinates = Float64Array.from(list)
  const count = list.length / 4
  let index: Flatbush | null = null
  if (count > 0) {
    index = new Flatbush(count)
    for (let e = 0; e < count; e++) {
      const ax = coordinates[4 * e]
      const ay = coordinates[4 * e + 1]
      const bx = coordinates[4 * e + 2]
      const by = coordinates[4 * e + 3]
      index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))
    }
    index.finish()
  }
  const result = { coordinates, count, index, maxX }
  built.set(parts, result)
  return result
}

/** 1 inside, 0 on the boundary, -1 outside (even-odd), using only the edges near the ray to the east. */
export function locateIndexed(x: number, y: number, edges: EdgeIndex): 1 | 0 | -1 {
  if (!edges.index) return -1
  const c = edges.coordinates
  let inside = false
  for (const e of edges.index.search(x, y, Math.max(x, edges.maxX), y)) {
    const ax = c[4 * e]
    const ay = c[4 * e + 1]
    const bx = c[4 * e + 2]
    const by = c[4 * e + 3]
    const side = orient2d(ax, ay, bx, by, x, y)
    if (side === 0 && Math.min(ax, bx) <= x && x <= Math.max(ax, bx) && Math.min(ay, by) <= y && y <= Math.max(ay, by)) return 0
    if (ay > y !== by > y && by > ay === side < 0) inside = !inside
  }
  return inside ? 1 : -1
}
