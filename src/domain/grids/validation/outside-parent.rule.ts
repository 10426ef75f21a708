/**
 * outside-parent (only with parents): a grid wholly or partly outside every parent — a grid
 * belongs to exactly one community (DOMAIN.md). Reports the geodesic area outside and a
 * point in it; parts below the noise area are not reported.
 */
import * as polyclip from 'polyclip-ts'
import { areaOf, type ValidationContext } from './context.ts'
import { formatArea, formatPoint, gridLabel } from './format.ts'
import { pointOnSurface, type Parts } from './geometry.ts'
import { parentShares } from './parent-shares.ts'
import type { GridIssue } from './types.ts'

export function outsideParentRule(context: ValidationContext): GridIssue[] {
  if (context.parents.length === 0) return []
  const shares = parentShares(context)
  const issues: GridIssue[] = []
  context.grids.forEach((grid, index) => {
    if (grid.measured.length === 0) return
    const inside = shares[index].reduce((total, share) => total + share.areaM2, 0)
    if (grid.areaM2 - inside <= context.options.noiseArea) return
    let outside: Parts = grid.measured
    if (shares[index].length > 0) {
      try {
        const parents = shares[index].map((share) => context.parents[share.parent].measured as polyclip.Geom)
        outside = polyclip.difference(grid.measured as polyclip.Geom, ...parents) as Parts
      } catch {
        return
      }
    }
    const areaM2 = areaOf(outside)
    if (areaM2 <= context.options.noiseArea) return
    const location = pointOnSurface(outside)
    const whole = shares[index].length === 0
    issues.push({
      type: 'outside-parent',
      severity: 'error',
      ids: [grid.id],
      location,
      area_m2: areaM2,
      reason: whole ? 'whole' : 'partly',
      features: grid.featureNumber === undefined ? undefined : [grid.featureNumber],
      message: whole
        ? `${gridLabel(grid)}不在任何上级区域内（${formatArea(areaM2)}）`
        : `${gridLabel(grid)}有 ${formatArea(areaM2)} 超出上级区域，位于约 ${formatPoint(location)}`,
      fixes: ['把网格边界收回到上级区域边界以内', '核对网格与上级区域是否使用同一坐标系（GCJ-02 与 WGS84 相差约 500 米）'],
    })
  })
  return issues
}
