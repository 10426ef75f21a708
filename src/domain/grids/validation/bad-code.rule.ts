/**
 * bad-code: an id that is not a well-formed 15-digit grid code, when ids are codes
 * (grid-codes.ts). Checked: exactly 15 digits; the street part (digits 7–9) within 001–399
 * (001–099 街道, 100–199 镇, 200–399 乡); community (10–12) and sequence (13–15) not 000.
 */
import type { ValidationContext } from './context.ts'
import { gridLabel } from './format.ts'
import { pointOnSurface } from './geometry.ts'
import { idsAreCodes } from './grid-codes.ts'
import type { GridIssue } from './types.ts'

export function codeProblem(id: string): string | null {
  if (!/^\d{15}$/.test(id)) return `编号“${id}”不是 15 位数字（${id.length} 个字符）`
  const street = Number(id.slice(6, 9))
  if (street < 1 || street > 399) return `编号“${id}”的街道/乡镇段 ${id.slice(6, 9)} 不在 001–399 之内`
  if (id.slice(9, 12) === '000') return `编号“${id}”的社区段为 000`
  if (id.slice(12) === '000') return `编号“${id}”的网格顺序码为 000`
  return null
}

export function badCodeRule(context: ValidationContext): GridIssue[] {
  if (!idsAreCodes(context)) return []
  const issues: GridIssue[] = []
  for (const grid of context.grids) {
    const problem = codeProblem(grid.id)
    if (!problem) continue
    issues.push({
      type: 'bad-code',
      severity: 'error',
      ids: [grid.id],
      location: grid.measured.length > 0 ? pointOnSurface(grid.measured) : (grid.parts[0]?.[0]?.[0] ?? [0, 0]),
      features: grid.featureNumber === undefined ? undefined : [grid.featureNumber],
      message: `${gridLabel(grid)}：${problem}`,
      fixes: ['按“6 位区县 + 3 位街道 + 3 位社区 + 3 位顺序码”重新编码'],
    })
  }
  return issues
}
