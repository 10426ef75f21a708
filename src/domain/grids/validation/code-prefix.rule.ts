/**
 * code-prefix (only with parents that carry codes): a grid's code must begin with the code
 * of the parent it lies in (the one holding most of its area). For GB/T codes that is "the
 * first 12 digits = the community's code" (or the first 9 = the street's, when the parents
 * are streets). For other coding schemes ("SQ-1" → "SQ-1-6") the parent code must be
 * followed by a separator, so "SQ-1" does not claim "SQ-10-2".
 */
import type { ValidationContext } from './context.ts'
import { gridLabel } from './format.ts'
import { pointOnSurface } from './geometry.ts'
import { parentShares } from './parent-shares.ts'
import type { GridIssue } from './types.ts'

export function hasPrefix(id: string, code: string): boolean {
  if (!id.startsWith(code)) return false
  if (/^\d+$/.test(code)) return /^\d+$/.test(id)
  return id.length > code.length && !/[\p{L}\p{N}]/u.test(id[code.length])
}

export function codePrefixRule(context: ValidationContext): GridIssue[] {
  if (!context.parents.some((parent) => parent.code)) return []
  const issues: GridIssue[] = []
  parentShares(context).forEach((shares, index) => {
    if (shares.length === 0) return
    const parent = context.parents[shares[0].parent]
    if (!parent.code) return
    const grid = context.grids[index]
    if (hasPrefix(grid.id, parent.code)) return
    const expected = /^\d+$/.test(parent.code) ? `前 ${parent.code.length} 位应为 ${parent.code}` : `应以“${parent.code}”开头`
    issues.push({
      type: 'code-prefix',
      severity: 'error',
      ids: [grid.id, parent.id],
      location: pointOnSurface(shares[0].piece),
      features: grid.featureNumber === undefined ? undefined : [grid.featureNumber],
      message: `${gridLabel(grid)}位于上级区域 ${parent.id}（编码 ${parent.code}）内，编号${expected}`,
      fixes: [`把编号改为以 ${parent.code} 开头`, '若网格划错了上级区域，调整网格边界'],
    })
  })
  return issues
}
