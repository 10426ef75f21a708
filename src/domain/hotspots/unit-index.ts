/**
 * Which unit each case belongs to, read off its 15-digit grid code: a 街道 is the code's
 * first 9 digits, a 社区 its first 12, a grid all 15 (DOMAIN.md, "Grid code"). The result is
 * what unitStepCounts and the per-unit counts of rankings take: an index into `unitCodes`,
 * −1 when the case has no grid code or its unit is not in the list (e.g. another district).
 */
import { HotspotError } from './hotspot-error.ts'

export type UnitLevel = 'street' | 'community' | 'grid'

export const UNIT_CODE_LENGTH: Record<UnitLevel, number> = { street: 9, community: 12, grid: 15 }

export function unitIndexOfCases(grid: ArrayLike<string | null | undefined>, unitCodes: readonly string[], level: UnitLevel): Int32Array {
  const length = UNIT_CODE_LENGTH[level]
  const indexOfCode = new Map<string, number>()
  unitCodes.forEach((code, index) => {
    if (code.length !== length) throw new HotspotError('bad_unit_index', `第 ${index + 1} 个单元代码“${code}”不是 ${length} 位`)
    indexOfCode.set(code, index)
  })
  const units = new Int32Array(grid.length)
  for (let index = 0; index < grid.length; index++) {
    const code = grid[index]
    units[index] = code && code.length >= length ? (indexOfCode.get(code.slice(0, length)) ?? -1) : -1
  }
  return units
}

/** Cases per unit (the counts rankings and the choropleth take); −1 is not counted. */
export function countPerUnit(unitOfCase: ArrayLike<number>, unitCount: number, cases?: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(unitCount)
  const total = cases === undefined ? unitOfCase.length : cases.length
  for (let k = 0; k < total; k++) {
    const index = cases === undefined ? k : cases[k]
    const unit = unitOfCase[index]
    if (unit === -1) continue
    if (!(Number.isInteger(unit) && unit >= 0 && unit < unitCount)) throw new HotspotError('bad_unit_index', `第 ${index} 个案件的单元序号 ${unit} 不在 0…${unitCount - 1} 之间`)
    counts[unit] += 1
  }
  return counts
}
