/** How rules write numbers into their Chinese messages. */
import type { Pair } from './geometry.ts'

export function formatArea(areaM2: number): string {
  if (areaM2 >= 1_000_000) return `${(areaM2 / 1_000_000).toFixed(3)} 平方千米`
  if (areaM2 >= 100) return `${Math.round(areaM2).toLocaleString('en-US')} 平方米`
  if (areaM2 >= 0.01) return `${areaM2.toFixed(2)} 平方米`
  return `${areaM2.toExponential(2)} 平方米`
}

export function formatPoint([lon, lat]: Pair): string {
  return `(${lon.toFixed(6)}, ${lat.toFixed(6)})`
}

/** "网格 A" with its feature number when the grid came from a file. */
export function gridLabel(grid: { id: string; featureNumber?: number }): string {
  return grid.featureNumber === undefined ? `网格 ${grid.id}` : `网格 ${grid.id}（第 ${grid.featureNumber} 个要素）`
}
