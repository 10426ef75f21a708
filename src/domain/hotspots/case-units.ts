/**
 * Which unit of analysis each case of a period falls in, as one Int32Array (−1 = none), so
 * counts per unit, per time step or per filter are single passes over typed arrays.
 * - 单元网格, 社区, 街道: by the case's grid of today — a 社区's code is the first 12 digits
 *   of its grids' codes, a 街道's the first 9 (GB/T 30428.2) — so cases count where the
 *   placement rules put them, exactly as in 案件 and the 总览.
 * - squares: by the cell the point falls in (square-grid.ts), kept only inside the district
 *   (cells the boundary passes through test the point exactly).
 */
import type { SquareGrid } from './square-grid.ts'

export const CODE_LENGTH = { grid: 15, community: 12, street: 9 } as const
export type CodedUnitKind = keyof typeof CODE_LENGTH

export function unitsByCode(gridCodes: readonly (string | null)[], unitCodes: readonly string[], kind: CodedUnitKind): Int32Array {
  const length = CODE_LENGTH[kind]
  const index = new Map<string, number>()
  unitCodes.forEach((code, unit) => index.set(code, unit))
  const units = new Int32Array(gridCodes.length)
  for (let k = 0; k < gridCodes.length; k++) {
    const code = gridCodes[k]
    units[k] = code === null ? -1 : (index.get(code.slice(0, length)) ?? -1)
  }
  return units
}

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

/** Cases per unit, of the cases `keep` accepts (all when absent). */
export function countByUnit(unitOfCase: Int32Array, unitCount: number, keep?: (caseIndex: number) => boolean): Float64Array {
  const counts = new Float64Array(unitCount)
  for (let k = 0; k < unitOfCase.length; k++) {
    const unit = unitOfCase[k]
    if (unit >= 0 && (!keep || keep(k))) counts[unit] += 1
  }
  return counts
}
