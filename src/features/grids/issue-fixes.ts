/**
 * One-click fixes for the validator's issues, each composed of the editor's operations so it
 * keeps the topology and is one undo step:
 * - a sliver (or any grid too small) is merged into the neighbour with the longest shared edge;
 * - a gap is filled into a chosen neighbour: the gap is drawn (the drawing fills only what no
 *   grid covers, so it becomes exactly the gap) and merged into that neighbour at once;
 * - an overlap is cut from one side: that grid is drawn again over its own outline with itself
 *   left out, so the drawing keeps only what the other grids do not cover (welded to them), and
 *   it keeps its code, version and attributes.
 */
import { deleteGrid, drawGrid, mergeGrids, neighbours, nextFreeCode } from '../../domain/grids/editing/index.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridSet } from '../../domain/grids/editing/types.ts'
import type { EditorIssue } from './editor-validation.ts'

export type IssueFix = { key: string; label: string; run: () => GridOperationOutcome }

function applied(values: GridSet, outcome: Extract<GridOperationOutcome, { ok: true }>): Map<string, EditableGrid> {
  const next = new Map(values)
  for (const code of outcome.deletes) next.delete(code)
  for (const grid of [...outcome.puts, ...outcome.creates]) next.set(grid.code, grid)
  return next
}

/** The two outcomes as one: the first's creates that the second deletes never existed. */
function chain(first: Extract<GridOperationOutcome, { ok: true }>, second: Extract<GridOperationOutcome, { ok: true }>, label: string): GridOperationOutcome {
  const removed = new Set(second.deletes)
  const touched = new Map<string, EditableGrid>()
  for (const grid of [...first.puts, ...second.puts]) touched.set(grid.code, grid)
  return {
    ok: true,
    label,
    puts: [...touched.values()].filter((grid) => !removed.has(grid.code)),
    creates: [...first.creates, ...second.creates].filter((grid) => !removed.has(grid.code)),
    deletes: [...first.deletes, ...second.deletes.filter((code) => !first.creates.some((grid) => grid.code === code))],
    selection: second.selection,
  }
}

/** A ring around a point on the gap, big enough to hold it: the gap's own extent is not known, so its area decides. */
function ringAround(location: [number, number], areaM2: number): [number, number][] {
  const halfMetres = Math.max(20, Math.sqrt(areaM2) * 3)
  const dy = halfMetres / 111_320
  const dx = dy / Math.cos((location[1] * Math.PI) / 180)
  const [x, y] = location
  return [
    [x - dx, y - dy],
    [x + dx, y - dy],
    [x + dx, y + dy],
    [x - dx, y + dy],
  ]
}

export function fixesFor(issue: EditorIssue, values: GridSet, scope: EditScope, takenCodes: () => Set<string>, t: (key: string, options?: Record<string, unknown>) => string): IssueFix[] {
  const fixes: IssueFix[] = []
  if ((issue.type === 'sliver' || issue.type === 'area-target') && issue.ids.length === 1 && values.has(issue.ids[0])) {
    const code = issue.ids[0]
    const community = values.get(code)!.communityCode
    const best = neighbours(values, code).find((each) => values.get(each.code)?.communityCode === community)
    if (best && (issue.type === 'sliver' || (issue.area_m2 ?? Infinity) < 1000)) {
      fixes.push({ key: 'merge-into', label: t('fix.mergeInto', { code: best.code }), run: () => deleteGrid(values, scope, code, best.code) })
    }
  }
  if (issue.type === 'gap') {
    // The gap's community: its parent (a gap of the community) or that of a grid beside it.
    const community = scope.communities.find((each) => issue.ids.includes(each.code))?.code ?? values.get(issue.ids.find((code) => values.has(code)) ?? '')?.communityCode
    if (!community) return fixes
    // Drawn round the gap, a grid fills exactly the uncovered ground; its neighbours are the candidates.
    const temporary = nextFreeCode(takenCodes(), community)
    const drawn = drawGrid(values, scope, ringAround(issue.location, issue.area_m2 ?? 1), community, temporary)
    if (!drawn.ok) return fixes
    const filled = applied(values, drawn)
    for (const { code: target } of neighbours(filled, temporary).filter((each) => values.get(each.code)?.communityCode === community).slice(0, 3)) {
      fixes.push({
        key: `fill-${target}`,
        label: t('fix.fillInto', { code: target.slice(12) }),
        run: () => {
          const merged = mergeGrids(filled, scope, [target, temporary], target)
          if (!merged.ok) return merged
          return chain(drawn, merged, t('fix.fillLabel', { code: target }))
        },
      })
    }
  }
  if (issue.type === 'overlap') {
    for (const code of issue.ids.filter((each) => values.has(each) && scope.communities.some((community) => community.code === values.get(each)!.communityCode))) {
      fixes.push({ key: `cut-${code}`, label: t('fix.cutFrom', { code: code.slice(12) }), run: () => cutOverlap(values, scope, code, t('fix.cutLabel', { code })) })
    }
  }
  return fixes
}

/** The grid redrawn over its own outline without itself: the parts other grids cover are cut away. */
export function cutOverlap(values: GridSet, scope: EditScope, code: string, label: string): GridOperationOutcome {
  const grid = values.get(code)!
  const without = new Map(values)
  without.delete(code)
  const outline = grid.geometry.coordinates[0].slice(0, -1) as [number, number][]
  const drawn = drawGrid(without, scope, outline, grid.communityCode, code)
  if (!drawn.ok) return drawn
  const cut: EditableGrid = { ...grid, geometry: drawn.creates[0].geometry }
  return { ok: true, label, puts: [cut, ...drawn.puts], creates: [], deletes: [], selection: [code] }
}
