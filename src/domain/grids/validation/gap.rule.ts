/**
 * gap: ground no grid covers — a hole inside the union of the grids, and, when parents are
 * given, any part of a parent that its grids leave uncovered. Gaps smaller than the noise
 * area (default 0.01 m²) are left out: coordinates rounded to 7 decimals (about 1 cm) leave
 * hairline slits of that size between grids digitised separately.
 */
import * as polyclip from 'polyclip-ts'
import { areaOf, type ValidationContext } from './context.ts'
import { locatePoint, pointOnPart, type Parts } from './geometry.ts'
import { formatArea, formatPoint } from './format.ts'
import type { GridIssue } from './types.ts'
import { unionHoles } from './union-holes.ts'
import { overlappingPairs } from './overlap-pairs.ts'
import { parentShares } from './parent-shares.ts'

const FIXES = ['把空隙并入相邻的一个网格', '若空隙是水域、道路等不需管理的区域，也应划入某个网格（属地兜底）']

export function gapRule(context: ValidationContext): GridIssue[] {
  const issues: GridIssue[] = []
  for (const hole of unionHoles(context)) {
    const areaM2 = areaOf([hole.part])
    if (areaM2 <= context.options.noiseArea) continue
    // Inside a parent, the parent's uncovered part below reports the same ground once.
    if (insideAParent(context, hole.location)) continue
    const ids = [...new Set(hole.neighbours.map((index) => context.grids[index].id))]
    issues.push({
      type: 'gap',
      severity: 'error',
      ids,
      location: hole.location,
      area_m2: areaM2,
      reason: 'hole',
      message: `网格之间有空隙 ${formatArea(areaM2)}，位于约 ${formatPoint(hole.location)}，周边网格：${ids.slice(0, 8).join('、')}${ids.length > 8 ? ` 等 ${ids.length} 个` : ''}`,
      fixes: FIXES,
    })
  }
  issues.push(...parentGaps(context))
  return issues
}

function insideAParent(context: ValidationContext, [x, y]: [number, number]): boolean {
  if (!context.parentIndex) return false
  return context.parentIndex.search(x, y, x, y).some((index) => locatePoint(x, y, context.parents[index].measured) >= 0)
}

function parentGaps(context: ValidationContext): GridIssue[] {
  const issues: GridIssue[] = []
  if (!context.index) return issues
  // A parent whose grids' shares add up to its area, none of them overlapping another, is
  // covered: the clipper is needed only for the others.
  const covered = new Map<number, number>()
  const overlapping = new Set(overlappingPairs(context).flatMap((pair) => [pair.first, pair.second]))
  const spoilt = new Set<number>()
  parentShares(context).forEach((shares, grid) => {
    for (const share of shares) {
      covered.set(share.parent, (covered.get(share.parent) ?? 0) + share.areaM2)
      if (overlapping.has(grid)) spoilt.add(share.parent)
    }
  })
  for (const [parentIndex, parent] of context.parents.entries()) {
    if (parent.measured.length === 0) continue
    if (!spoilt.has(parentIndex) && parent.areaM2 - (covered.get(parentIndex) ?? 0) <= context.options.noiseArea) continue
    const inside = context.index
      .search(parent.box.minX, parent.box.minY, parent.box.maxX, parent.box.maxY)
      .map((index) => context.grids[index].measured)
      .filter((parts) => parts.length > 0)
    let uncovered: Parts
    try {
      uncovered = polyclip.difference(parent.measured as polyclip.Geom, ...(inside as polyclip.Geom[])) as Parts
    } catch {
      continue
    }
    for (const part of uncovered) {
      const areaM2 = areaOf([part])
      if (areaM2 <= context.options.noiseArea) continue
      const location = pointOnPart(part)
      issues.push({
        type: 'gap',
        severity: 'error',
        ids: [parent.id],
        location,
        area_m2: areaM2,
        reason: 'parent-uncovered',
        message: `上级区域 ${parent.id} 有 ${formatArea(areaM2)} 未被任何网格覆盖，位于约 ${formatPoint(location)}`,
        fixes: FIXES,
      })
    }
  }
  return issues
}
