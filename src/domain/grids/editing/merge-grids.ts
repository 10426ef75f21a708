/**
 * mergeGrids / previewMerge: neighbouring grids of one community become one. Which grid
 * survives: the largest by geodesic area, or `keep` — its code, version, name, owner and
 * attributes stay; the others are deleted. The union is topological (topological-union.ts),
 * so every vertex stays where it was and neighbours outside the group keep matching it.
 * Refused: fewer than two grids, grids of different communities, grids that do not form one
 * piece through shared edges (touching at a corner is not enough).
 */
import { checkAffected } from './affected-check.ts'
import {
  GRID_NOT_FOUND,
  MERGE_DIFFERENT_COMMUNITIES,
  MERGE_KEEP_NOT_SELECTED,
  MERGE_NOT_CONNECTED,
  MERGE_OVERLAPPING,
  MERGE_TOO_FEW,
  refuse,
} from './reasons.ts'
import { areaM2, polygonOf } from './rings.ts'
import { topologicalUnion } from './topological-union.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridOperationRefusal, GridSet } from './types.ts'

export interface MergePreview {
  readonly ok: true
  readonly keptCode: string
  /** the surviving grid with the merged geometry */
  readonly kept: EditableGrid
  readonly removed: readonly string[]
  readonly area_m2: number
}

export function previewMerge(grids: GridSet, scope: EditScope, codes: readonly string[], keep?: string): MergePreview | GridOperationRefusal {
  void scope
  const unique = [...new Set(codes)]
  if (unique.length < 2) return refuse(MERGE_TOO_FEW)
  const selected: EditableGrid[] = []
  for (const code of unique) {
    const grid = grids.get(code)
    if (!grid) return refuse(GRID_NOT_FOUND, code)
    selected.push(grid)
  }
  if (new Set(selected.map((grid) => grid.communityCode)).size > 1) return refuse(MERGE_DIFFERENT_COMMUNITIES)
  if (keep !== undefined && !unique.includes(keep)) return refuse(MERGE_KEEP_NOT_SELECTED, keep)
  const areas = selected.map((grid) => areaM2(grid.geometry))
  const largest = selected[areas.indexOf(Math.max(...areas))]
  const survivor = keep === undefined ? largest : grids.get(keep)!
  const union = topologicalUnion(selected.map((grid) => grid.geometry))
  if (!union.ok) return refuse(union.why === 'overlapping' ? MERGE_OVERLAPPING : MERGE_NOT_CONNECTED)
  const geometry = polygonOf(union.rings)
  return {
    ok: true,
    keptCode: survivor.code,
    kept: { ...survivor, geometry },
    removed: unique.filter((code) => code !== survivor.code),
    area_m2: areaM2(geometry),
  }
}

/** The merge as an operation; `label` lets deleteGrid reuse it under its own name. */
export function mergeGrids(grids: GridSet, scope: EditScope, codes: readonly string[], keep?: string, label = '合并网格'): GridOperationOutcome {
  const preview = previewMerge(grids, scope, codes, keep)
  if (!preview.ok) return preview
  const problem = checkAffected(grids, scope, [preview.kept], preview.removed)
  if (problem) return problem
  return { ok: true, label, puts: [preview.kept], creates: [], deletes: preview.removed, selection: [preview.keptCode] }
}
