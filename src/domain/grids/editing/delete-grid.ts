/**
 * deleteGrid: a grid is removed by handing its area to a neighbour of the same community
 * (the one with the longest shared boundary, or `to`), so the community stays covered — a
 * deletion that left a hole would break "横向到边". It is a merge that keeps the neighbour's
 * code. `neighbours` lists the grids sharing edges with one grid, longest shared boundary
 * first (shared = the same edge in both, which normaliseTopology guarantees).
 */
import { haversine } from '../validation/geometry.ts'
import { mergeGrids } from './merge-grids.ts'
import { DELETE_NO_NEIGHBOUR, DELETE_TARGET_NOT_NEIGHBOUR, GRID_NOT_FOUND, refuse } from './reasons.ts'
import { boxesMeet, boxOf, keyOf, ringsOf } from './rings.ts'
import type { EditScope, GridOperationOutcome, GridSet, Position } from './types.ts'

export interface Neighbour {
  code: string
  sharedLength_m: number
}

function undirected(a: Position, b: Position): string {
  const first = keyOf(a)
  const second = keyOf(b)
  return first < second ? `${first}|${second}` : `${second}|${first}`
}

export function neighbours(grids: GridSet, code: string): Neighbour[] {
  const grid = grids.get(code)
  if (!grid) return []
  const edges = new Map<string, number>()
  for (const ring of ringsOf(grid.geometry)) {
    ring.forEach((a, k) => {
      const b = ring[(k + 1) % ring.length]
      edges.set(undirected(a, b), haversine(a, b))
    })
  }
  const box = boxOf(grid.geometry.coordinates[0])
  const found: Neighbour[] = []
  for (const other of grids.values()) {
    if (other.code === code || !boxesMeet(box, boxOf(other.geometry.coordinates[0]))) continue
    let shared = 0
    for (const ring of ringsOf(other.geometry)) {
      ring.forEach((a, k) => {
        shared += edges.get(undirected(a, ring[(k + 1) % ring.length])) ?? 0
      })
    }
    if (shared > 0) found.push({ code: other.code, sharedLength_m: shared })
  }
  return found.sort((x, y) => y.sharedLength_m - x.sharedLength_m || (x.code < y.code ? -1 : 1))
}

export function deleteGrid(grids: GridSet, scope: EditScope, code: string, to?: string): GridOperationOutcome {
  const grid = grids.get(code)
  if (!grid) return refuse(GRID_NOT_FOUND, code)
  const candidates = neighbours(grids, code).filter((neighbour) => grids.get(neighbour.code)?.communityCode === grid.communityCode)
  if (candidates.length === 0) return refuse(DELETE_NO_NEIGHBOUR, code)
  if (to !== undefined && !candidates.some((neighbour) => neighbour.code === to)) return refuse(DELETE_TARGET_NOT_NEIGHBOUR, to)
  const target = to ?? candidates[0].code
  const merged = mergeGrids(grids, scope, [target, code], target, `删除网格 ${code}（并入 ${target}）`)
  return merged
}
