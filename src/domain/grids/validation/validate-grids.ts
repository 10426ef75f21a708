/**
 * The runner: prepares the grids once (context.ts) and runs every rule, or the ones asked
 * for. Pure: no I/O; the caller reads files and converts coordinate systems first.
 */
import { buildContext } from './context.ts'
import { GRID_RULES } from './rules.ts'
import type { GridFeature, GridIssue, GridIssueType, ValidationOptions } from './types.ts'

export interface GridValidationResult {
  grids: number
  issues: GridIssue[]
  /** milliseconds per step ("prepare" and each rule), for the report and the benchmark */
  timings: Record<string, number>
}

export function validateGrids(
  features: readonly GridFeature[],
  options: ValidationOptions & { rules?: readonly GridIssueType[] } = {},
): GridValidationResult {
  const timings: Record<string, number> = {}
  let started = performance.now()
  const context = buildContext(features, options)
  timings.prepare = performance.now() - started
  const issues: GridIssue[] = []
  for (const { type, rule } of GRID_RULES) {
    if (options.rules && !options.rules.includes(type)) continue
    started = performance.now()
    issues.push(...rule(context, features))
    timings[type] = (timings[type] ?? 0) + performance.now() - started
  }
  return { grids: features.length, issues, timings }
}
