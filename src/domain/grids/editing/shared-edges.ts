/**
 * Inserting a point into an edge that two grids share: the point goes into every grid having
 * that edge (either direction), so the shared boundary stays one vertex chain (types.ts).
 */
import { along, boxesMeet, boxOf, keyOf, ringsOf, samePosition, withRings } from './rings.ts'
import type { EditableGrid, GridSet, Position } from './types.ts'

export interface EdgePoint {
  /** the edge's two ends, as they are in the grids */
  a: Position
  b: Position
  point: Position
}

function edgeKey(a: Position, b: Position): string {
  const first = keyOf(a)
  const second = keyOf(b)
  return first < second ? `${first}|${second}` : `${second}|${first}`
}

/** The grid with the points inserted into the matching edges; null when none matched. */
export function insertIntoEdges(grid: EditableGrid, points: readonly EdgePoint[]): EditableGrid | null {
  const byEdge = new Map<string, Position[]>()
  for (const { a, b, point } of points) {
    const key = edgeKey(a, b)
    const list = byEdge.get(key) ?? []
    if (!list.some((p) => samePosition(p, point))) list.push(point)
    byEdge.set(key, list)
  }
  let changed = false
  const rings = ringsOf(grid.geometry).map((ring) => {
    const out: Position[] = []
    ring.forEach((a, k) => {
      const b = ring[(k + 1) % ring.length]
      out.push(a)
      const found = byEdge.get(edgeKey(a, b))
      if (!found) return
      changed = true
      out.push(...[...found].sort((p, q) => along(a, b, p) - along(a, b, q)))
    })
    return out
  })
  return changed ? withRings(grid, rings) : null
}

/** Every grid (other than `except`) changed by inserting the points into its shared edges. */
export function insertIntoNeighbours(grids: GridSet, points: readonly EdgePoint[], except: ReadonlySet<string>): EditableGrid[] {
  if (points.length === 0) return []
  const changed: EditableGrid[] = []
  const box = boxOf(points.map((p) => p.point))
  for (const grid of grids.values()) {
    if (except.has(grid.code)) continue
    // a grid that has the edge has both its ends, hence the point, within its box: skip the rest cheaply
    if (!boxesMeet(box, boxOf(grid.geometry.coordinates[0]))) continue
    const updated = insertIntoEdges(grid, points)
    if (updated) changed.push(updated)
  }
  return changed
}
