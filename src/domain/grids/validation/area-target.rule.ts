/**
 * area-target (warning): a grid far from the intended size — about 10,000 m² in the
 * 万米单元网格 model (DOMAIN.md), a guideline, not a limit. "Far" = below target / factor or
 * above target × factor (default factor 10: under 1,000 m² or over 100,000 m²). Slivers
 * (below minArea) are left to the sliver rule. targetArea 0 turns the rule off.
 */
import type { ValidationContext } from './context.ts'
import { formatArea, gridLabel } from './format.ts'
import { pointOnSurface } from './geometry.ts'
import type { GridIssue } from './types.ts'

export function areaTargetRule(context: ValidationContext): GridIssue[] {
  const { targetArea, targetFactor, minArea } = context.options
  if (!(targetArea > 0) || !(targetFactor > 1)) return []
  const low = targetArea / targetFactor
  const high = targetArea * targetFactor
  const issues: GridIssue[] = []
  for (const grid of context.grids) {
    if (grid.areaM2 < minArea || (grid.areaM2 >= low && grid.areaM2 <= high)) continue
    const small = grid.areaM2 < low
    const location = pointOnSurface(grid.measured)
    issues.push({
      type: 'area-target',
      severity: 'warning',
      ids: [grid.id],
      location,
      area_m2: grid.areaM2,
      reason: small ? 'small' : 'large',
      features: grid.featureNumber === undefined ? undefined : [grid.featureNumber],
      message: `${gridLabel(grid)}面积 ${formatArea(grid.areaM2)}，${small ? `不到目标 ${formatArea(targetArea)} 的 1/${targetFactor}` : `超过目标 ${formatArea(targetArea)} 的 ${targetFactor} 倍`}`,
      fixes: small ? ['考虑与相邻网格合并'] : ['考虑沿道路、河流等边界拆分'],
    })
  }
  return issues
}
