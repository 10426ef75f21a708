/**
 * overlap: two grids whose interiors share a positive area ("横向到边" without double
 * responsibility). Reports the geodesic area of the shared part and a point inside it.
 */
import type { ValidationContext } from './context.ts'
import { formatArea, formatPoint, gridLabel } from './format.ts'
import { overlappingPairs } from './overlap-pairs.ts'
import type { GridIssue } from './types.ts'

export function overlapRule(context: ValidationContext): GridIssue[] {
  return overlappingPairs(context).map(({ first, second, areaM2, location }) => {
    const a = context.grids[first]
    const b = context.grids[second]
    return {
      type: 'overlap',
      severity: 'error',
      ids: [a.id, b.id],
      location,
      area_m2: areaM2,
      features: featureNumbers(a.featureNumber, b.featureNumber),
      message: `${gridLabel(a)}与${gridLabel(b)}重叠 ${formatArea(areaM2)}，重叠处约 ${formatPoint(location)}`,
      fixes: ['沿共同边界重新划分两个网格，使重叠部分只属于一个网格', '用顶点吸附让相邻网格共用同一条边'],
    }
  })
}

function featureNumbers(...numbers: (number | undefined)[]): number[] | undefined {
  const known = numbers.filter((number): number is number => number !== undefined)
  return known.length > 0 ? known : undefined
}
