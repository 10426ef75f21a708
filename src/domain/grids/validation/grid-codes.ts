/**
 * Whether ids are GB/T grid codes (DOMAIN.md: 15 digits = 6-digit county + 3-digit street +
 * 3-digit community + 3-digit sequence). 'on' and 'off' say so; 'auto' decides from the ids:
 * codes when every id is made of digits only (a layer of "SQ-1-6" or names is not coded, and
 * checking it for 15 digits would only produce noise).
 */
import type { ValidationContext } from './context.ts'

export function idsAreCodes(context: ValidationContext): boolean {
  const { codes } = context.options
  if (codes === 'on') return true
  if (codes === 'off') return false
  return context.grids.length > 0 && context.grids.every((grid) => /^\d+$/.test(grid.id))
}
