/**
 * duplicate-id: one id on several features — all of them are reported, in one issue per id.
 * Common when a multi-part grid was exported as separate polygons; the fix is one
 * MultiPolygon feature, or distinct ids.
 */
import type { ValidationContext } from './context.ts'
import { pointOnSurface } from './geometry.ts'
import type { GridIssue } from './types.ts'

export function duplicateIdRule(context: ValidationContext): GridIssue[] {
  const byId = new Map<string, number[]>()
  context.grids.forEach((grid, index) => {
    const list = byId.get(grid.id) ?? []
    list.push(index)
    byId.set(grid.id, list)
  })
  const issues: GridIssue[] = []
  for (const [id, indices] of byId) {
    if (indices.length < 2) continue
    const first = context.grids[indices[0]]
    const numbers = indices.map((index) => context.grids[index].featureNumber).filter((number): number is number => number !== undefined)
    issues.push({
      type: 'duplicate-id',
      severity: 'error',
      ids: [id],
      location: first.measured.length > 0 ? pointOnSurface(first.measured) : (first.parts[0]?.[0]?.[0] ?? [0, 0]),
      features: numbers.length > 0 ? numbers : undefined,
      message: `编号 ${id} 出现在 ${indices.length} 个要素上${numbers.length > 0 ? `（第 ${numbers.join('、')} 个）` : ''}`,
      fixes: ['同一网格的多个部分合并为一个 MultiPolygon 要素', '若是不同网格，给它们不同的编号'],
    })
  }
  return issues
}
