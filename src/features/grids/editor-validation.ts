/**
 * The validator over the draft (src/domain/grids/validation), with each issue marked as
 * introduced by the draft or already there before it: an issue is "existing" when the base
 * (the grids as loaded) has one of the same type over the same grids. Errors block
 * publishing; warnings may be accepted with a written reason.
 */
import { validateGrids, type GridIssue, type ParentFeature } from '../../domain/grids/validation/index.ts'
import type { EditScope, GridSet } from '../../domain/grids/editing/types.ts'

export interface EditorIssue extends GridIssue {
  /** stable across runs for the same problem: type, reason and the grids involved */
  key: string
  introduced: boolean
}

const keyOf = (issue: GridIssue) => `${issue.type}:${issue.reason ?? ''}:${[...issue.ids].sort().join(',')}`

export function parentsOf(scope: EditScope): ParentFeature[] {
  return scope.communities.map((community) => ({ id: community.code, code: community.code, geometry: community.geometry }))
}

/** The validator's issues for a set of grids tiling the scope's communities. */
export function validateSet(grids: GridSet, scope: EditScope): GridIssue[] {
  // Only the scope's grids: the neighbouring communities' ones are in the set for topology.
  const inScope = new Set(scope.communities.map((community) => community.code))
  const features = [...grids.values()].filter((grid) => inScope.has(grid.communityCode)).map((grid) => ({ id: grid.code, geometry: grid.geometry }))
  return validateGrids(features, { parents: parentsOf(scope), codes: 'on' }).issues
}

export function markIntroduced(now: readonly GridIssue[], before: readonly GridIssue[]): EditorIssue[] {
  const existing = new Set(before.map(keyOf))
  return now.map((issue) => {
    const key = keyOf(issue)
    return { ...issue, key, introduced: !existing.has(key) }
  })
}
