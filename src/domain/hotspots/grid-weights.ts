/**
 * Weights between the active cells of a square grid. queen and rook are read off the grid
 * directly (the 8 or 4 surrounding cells that are units) — squares sharing an edge share a
 * boundary of positive length, squares meeting at a corner touch at one point — with no
 * geometry at all; knn and distance measure between cell centres in metres.
 */
import { distanceBandNeighbours, knnNeighbours } from './distance-weights.ts'
import type { NeighbourList } from './neighbour-list.ts'
import { cellCentresInMetres, type SquareGrid } from './square-grid.ts'
import type { WeightsSpec } from './weights-spec.ts'

const ROOK_STEPS = [
  [0, -1],
  [-1, 0],
  [1, 0],
  [0, 1],
]
const QUEEN_STEPS = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]]

export function gridNeighbours(grid: SquareGrid, spec: WeightsSpec): NeighbourList {
  if (spec.kind === 'knn' || spec.kind === 'distance') {
    const { x, y } = cellCentresInMetres(grid)
    return spec.kind === 'knn' ? knnNeighbours(x, y, spec.k) : distanceBandNeighbours(x, y, spec.metres)
  }
  // Steps in row-major order, so each unit's neighbours come out sorted without a sort.
  const steps = spec.kind === 'queen' ? QUEEN_STEPS : ROOK_STEPS
  const units = grid.cellOfUnit.length
  const offsets = new Int32Array(units + 1)
  const buffer = new Int32Array(units * steps.length)
  let used = 0
  const { columns, rows, unitOfCell, cellOfUnit } = grid
  for (let unit = 0; unit < units; unit++) {
    const cell = cellOfUnit[unit]
    const row = (cell / columns) | 0
    const column = cell - row * columns
    for (const [dx, dy] of steps) {
      const r = row + dy
      const c = column + dx
      if (r < 0 || r >= rows || c < 0 || c >= columns) continue
      const other = unitOfCell[r * columns + c]
      if (other >= 0) buffer[used++] = other
    }
    offsets[unit + 1] = used
  }
  return { count: units, offsets, neighbours: buffer.slice(0, used) }
}
