/**
 * The time limit that applies to a matter in a grid of a given management level, as
 * private.time_limit_for picks it: full code before 大类, a level-specific rule before the
 * general one, then the lowest id.
 */
import type { TimeLimitRule } from './work-rules.ts'

export function timeLimitFor(categoryCode: string, managementLevel: number, timeLimits: readonly TimeLimitRule[]): TimeLimitRule | null {
  const major = categoryCode.slice(0, 2)
  let best: TimeLimitRule | null = null
  for (const rule of timeLimits) {
    if (rule.categoryPattern !== categoryCode && rule.categoryPattern !== major) continue
    if (rule.managementLevel !== null && rule.managementLevel !== managementLevel) continue
    if (best === null || moreSpecific(rule, best)) best = rule
  }
  return best
}

function moreSpecific(candidate: TimeLimitRule, current: TimeLimitRule): boolean {
  if (candidate.categoryPattern.length !== current.categoryPattern.length) {
    return candidate.categoryPattern.length > current.categoryPattern.length
  }
  const candidateGeneral = candidate.managementLevel === null
  const currentGeneral = current.managementLevel === null
  if (candidateGeneral !== currentGeneral) return !candidateGeneral
  return candidate.id < current.id
}
