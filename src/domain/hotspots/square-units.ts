/**
 * The square cell of analysis each case falls in, as one Int32Array (−1 = none), kept only
 * inside the district (cells the boundary passes through test the point exactly) — the
 * per-case form of binPoints (square-grid.ts), so counts per time step or filter are single
 * passes. Cases by 单元网格, 社区 and 街道: unit-index.ts.
 */
import type { SquareGrid } from './square-grid.ts'

export function unitsOnSquareGrid(
  grid: SquareGrid,
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  partial?: Uint8Array,
  covers?: (lon: number, lat: number) => boolean,
): Int32Array {
  const units = new Int32Array(lon.length)
  const { west, south, cellWidth, cellHeight, columns, rows, unitOfCell } = grid
  for (let k = 0; k < lon.length; k++) {
    const column = Math.floor((lon[k] - west) / cellWidth)
    const row = Math.floor((lat[k] - south) / cellHeight)
    if (!(column >= 0 && column < columns && row >= 0 && row < rows)) {
      units[k] = -1
      continue
    }
    const cell = row * columns + column
    const unit = unitOfCell[cell]
    units[k] = unit < 0 || (partial && partial[cell] && covers && !covers(lon[k], lat[k])) ? -1 : unit
  }
  return units
}
