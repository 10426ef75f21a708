/**
 * sliver: a grid too small or too thin to be a real unit of responsibility — usually the
 * leftover of a digitising slip.
 *   - area below `minArea` (default 1 m²): error;
 *   - thinness: the isoperimetric quotient 4πA/P² (1 for a circle, 0.785 for a square,
 *     about 3/ratio for a long rectangle) below `minCompactness` (default 0.01, i.e. thinner
 *     than a 1:300 strip — 3 m × 900 m): warning.
 * A and P are geodesic, measured on the grid as repaired (context.ts).
 */
import type { ValidationContext } from './context.ts'
import { formatArea, gridLabel } from './format.ts'
import { pointOnSurface } from './geometry.ts'
import type { GridIssue } from './types.ts'

export function compactness(areaM2: number, perimeterM: number): number {
  return perimeterM > 0 ? (4 * Math.PI * areaM2) / (perimeterM * perimeterM) : 0
}

export function sliverRule(context: ValidationContext): GridIssue[] {
  const { minArea, minCompactness } = context.options
  const issues: GridIssue[] = []
  for (const grid of context.grids) {
    const location = grid.measured.length > 0 ? pointOnSurface(grid.measured) : (grid.parts[0]?.[0]?.[0] ?? [0, 0])
    const features = grid.featureNumber === undefined ? undefined : [grid.featureNumber]
    if (grid.areaM2 < minArea) {
      issues.push({
        type: 'sliver',
        severity: 'error',
        ids: [grid.id],
        location,
        area_m2: grid.areaM2,
        reason: 'small',
        features,
        message: `${gridLabel(grid)}面积只有 ${formatArea(grid.areaM2)}，小于 ${formatArea(minArea)}，是碎片`,
        fixes: ['删除该碎片，或把它并入相邻网格'],
      })
      continue
    }
    const quotient = compactness(grid.areaM2, grid.perimeterM)
    if (quotient < minCompactness) {
      issues.push({
        type: 'sliver',
        severity: 'warning',
        ids: [grid.id],
        location,
        area_m2: grid.areaM2,
        reason: 'thin',
        features,
        message: `${gridLabel(grid)}过于狭长：面积 ${formatArea(grid.areaM2)}，周长 ${Math.round(grid.perimeterM)} 米，紧凑度 4πA/P² = ${quotient.toFixed(4)}（低于 ${minCompactness}）`,
        fixes: ['把狭长部分并入相邻网格', '核对是否为道路、河道等线状区域的数字化误差'],
      })
    }
  }
  return issues
}
