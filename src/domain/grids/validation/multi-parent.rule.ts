/**
 * multi-parent (only with parents): a grid straddling two or more parents — a grid never
 * straddles two communities (DOMAIN.md). The ids are the grid's then the parents', largest
 * share first; the location is inside the part lying in the second parent.
 */
import type { ValidationContext } from './context.ts'
import { formatArea, formatPoint, gridLabel } from './format.ts'
import { pointOnSurface } from './geometry.ts'
import { parentShares } from './parent-shares.ts'
import type { GridIssue } from './types.ts'

export function multiParentRule(context: ValidationContext): GridIssue[] {
  if (context.parents.length === 0) return []
  const issues: GridIssue[] = []
  parentShares(context).forEach((shares, index) => {
    if (shares.length < 2) return
    const grid = context.grids[index]
    const location = pointOnSurface(shares[1].piece)
    const parts = shares.map((share) => `${context.parents[share.parent].id} ${formatArea(share.areaM2)}`)
    issues.push({
      type: 'multi-parent',
      severity: 'error',
      ids: [grid.id, ...shares.map((share) => context.parents[share.parent].id)],
      location,
      area_m2: shares.slice(1).reduce((total, share) => total + share.areaM2, 0),
      features: grid.featureNumber === undefined ? undefined : [grid.featureNumber],
      message: `${gridLabel(grid)}跨越 ${shares.length} 个上级区域（${parts.join('；')}），次要部分位于约 ${formatPoint(location)}`,
      fixes: ['沿上级区域边界把网格拆开，各部分归入各自的上级区域'],
    })
  })
  return issues
}
