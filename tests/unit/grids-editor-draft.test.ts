/**
 * The grid editor's draft and what publishing sends (src/domain/grids/editing/draft.ts), and
 * the editor's compositions of operations (restores, imports, gap fixes): each must keep the
 * tiling, and a stale draft must be told apart from a current one.
 */
import { describe, expect, it } from 'vitest'
import { createEditSession } from '../../src/domain/edit/index.ts'
import { applyDraft, draftBaseVersions, draftFromChanges, editsFromChanges, staleGrids } from '../../src/domain/grids/editing/draft.ts'
import { splitGrid, type EditableGrid } from '../../src/domain/grids/editing/index.ts'
import { restoreCommunityAt, restoreVersion, type HistoryVersion } from '../../src/features/grids/history-restore.ts'
import { importAsDraft } from '../../src/features/grids/import-draft.ts'
import { restoreDraft } from '../../src/features/grids/draft-restore.ts'
import { markIntroduced, validateSet } from '../../src/features/grids/editor-validation.ts'
import { fixesFor } from '../../src/features/grids/issue-fixes.ts'
import { COMMUNITY, quadTiling, tilingProblems } from './grids-editing-support.ts'

function session() {
  const { grids, scope } = quadTiling({ columns: 3, rows: 2 })
  return { grids, scope, session: createEditSession<string, EditableGrid>(grids) }
}

/** A horizontal line across a grid's middle, starting and ending outside it. */
function across(grid: EditableGrid): [number, number][] {
  const xs = grid.geometry.coordinates[0].map((p) => p[0])
  const ys = grid.geometry.coordinates[0].map((p) => p[1])
  const [w, e] = [Math.min(...xs), Math.max(...xs)]
  const y = (Math.min(...ys) + Math.max(...ys)) / 2
  return [
    [w - (e - w) * 0.2, y],
    [e + (e - w) * 0.2, y],
  ]
}

const codes = (map: ReadonlyMap<string, unknown>) => [...map.keys()].sort()

describe('publishing a draft', () => {
  it('sends each changed grid once with the version it was based on: created, updated (geometry only when it changed) and retired', () => {
    const { grids, scope, session: edit } = session()
    // The split grid's neighbours get the crossing points as vertices; the far corner grid is untouched.
    const first = [...grids.keys()][0]
    const second = [...grids.keys()].at(-1)!
    const split = splitGrid(grids, scope, first, across(grids.get(first)!), `${COMMUNITY}099`)
    expect(split.ok).toBe(true)
    if (!split.ok) return
    edit.transact({
      label: split.label,
      operations: [...split.puts.map((value) => ({ type: 'put' as const, key: value.code, value })), ...split.creates.map((value) => ({ type: 'create' as const, key: value.code, value }))],
    })
    edit.transact({ label: '修改属性', operations: [{ type: 'update', key: second, update: (grid) => ({ ...grid, responsiblePerson: '李四' }) }] })
    const edits = editsFromChanges(edit.changeSet(), '拆分')
    const created = edits.find((each) => each.create)
    expect(created?.code).toBe(`${COMMUNITY}099`)
    expect(created?.geometry?.type).toBe('Polygon')
    const updatedFirst = edits.find((each) => each.code === first)
    expect(updatedFirst?.base_version).toBe(1)
    expect(updatedFirst?.geometry).toBeDefined()
    const attributeOnly = edits.find((each) => each.code === second)
    expect(attributeOnly).toMatchObject({ base_version: 1, responsible_person: '李四', reason: '拆分' })
    expect(attributeOnly?.geometry).toBeUndefined()
    expect(edits.every((each) => each.reason === '拆分')).toBe(true)
  })

  it('a retired grid is sent with retire and its base version', () => {
    const { grids, session: edit } = session()
    const code = [...grids.keys()][0]
    edit.transact({ label: '删除', operations: [{ type: 'delete', key: code }] })
    expect(editsFromChanges(edit.changeSet(), 'x')).toEqual([{ code, base_version: 1, retire: true, reason: 'x' }])
  })
})

describe('a kept draft', () => {
  it('restores onto the same versions without staleness, and names the grids someone else changed since', () => {
    const { grids, session: edit } = session()
    const [first, second] = [...grids.keys()]
    edit.transact({ label: '修改', operations: [{ type: 'update', key: first, update: (grid) => ({ ...grid, name: '新名称' }) }] })
    const payload = draftFromChanges('330106001001', edit.changeSet(), '2026-12-06T08:00:00Z')
    expect(draftBaseVersions(payload)).toEqual({ [first]: 1 })
    expect(staleGrids(grids, payload)).toEqual([])
    const published = new Map(grids)
    published.set(first, { ...grids.get(first)!, version: 2, responsiblePerson: '王五' })
    expect(staleGrids(published, payload)).toEqual([{ code: first, draftBase: 1, current: 2 }])
    // Without a rebase the grid keeps base version 1 (the database will refuse it); rebased it takes 2.
    expect(applyDraft(published, payload, { rebase: false }).get(first)?.version).toBe(1)
    expect(applyDraft(published, payload, { rebase: true }).get(first)?.version).toBe(2)
    const restored = restoreDraft(published, payload, true, '恢复草稿')
    expect(restored.ok && restored.puts.map((grid) => [grid.code, grid.name, grid.version])).toEqual([[first, '新名称', 2]])
    expect(second).toBeDefined()
  })
})

describe('restores and imports into the draft', () => {
  it('restores one old version as a put with the current version as base', () => {
    const { grids } = session()
    const code = [...grids.keys()][0]
    const old = grids.get(code)!
    const version: HistoryVersion = {
      code,
      version: 1,
      name: '旧名称',
      land_use: 'green',
      management_level: 3,
      responsible_person: '赵六',
      responsible_body: '属地兜底',
      valid_from: '2026-01-01T00:00:00Z',
      valid_to: '2026-06-01T00:00:00Z',
      change_reason: '',
      created_by_name: null,
      geometry: old.geometry,
    }
    const outcome = restoreVersion(grids, version, '恢复')
    expect(outcome.ok && outcome.puts[0]).toMatchObject({ code, name: '旧名称', landUse: 'green', managementLevel: 3, version: 1 })
  })

  it('restores a community as it stood at a moment: grids created since are retired, the others put back', () => {
    const { grids, scope } = session()
    const [first] = [...grids.keys()]
    const split = splitGrid(grids, scope, first, across(grids.get(first)!), `${COMMUNITY}099`)
    if (!split.ok) throw new Error(split.reason)
    const after = new Map(grids)
    for (const grid of [...split.puts, ...split.creates]) after.set(grid.code, grid)
    const history: HistoryVersion[] = [...grids.values()].map((grid) => ({
      code: grid.code,
      version: 1,
      name: grid.name,
      land_use: grid.landUse,
      management_level: grid.managementLevel,
      responsible_person: grid.responsiblePerson,
      responsible_body: grid.responsibleBody,
      valid_from: '2026-01-01T00:00:00Z',
      valid_to: null,
      change_reason: '',
      created_by_name: null,
      geometry: grid.geometry,
    }))
    const outcome = restoreCommunityAt(after, COMMUNITY, history, '2026-03-01T00:00:00Z', '恢复')
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.deletes).toEqual([`${COMMUNITY}099`])
    const restored = new Map(after)
    for (const code of outcome.deletes) restored.delete(code)
    for (const grid of outcome.puts) restored.set(grid.code, grid)
    expect(codes(restored)).toEqual(codes(grids))
    expect(tilingProblems(restored, scope)).toEqual([])
  })

  it('an import replaces the scope grids: unchanged ones stay untouched, missing ones are retired, new ones created', () => {
    const { grids } = session()
    const [first, second, ...rest] = [...grids.values()]
    const imported = [{ ...first }, { ...second, responsiblePerson: '钱七' }, ...rest.slice(1)]
    const outcome = importAsDraft(grids, imported, [COMMUNITY], '导入')
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.puts.map((grid) => grid.code)).toEqual([second.code])
    expect(outcome.deletes).toEqual([rest[0].code])
    expect(outcome.creates).toEqual([])
    expect(importAsDraft(grids, imported, ['330106009009'], '导入').ok).toBe(false)
  })
})

describe('one-click fixes', () => {
  it('cuts an overlap from one side: the grid keeps its code, version and attributes and the tiling is whole again', () => {
    const { grids, scope } = quadTiling({ columns: 3, rows: 2 })
    const [first, second] = [...grids.values()]
    // the first grid stretched over half of its eastern neighbour: an overlap, as imports bring them
    const xs = second.geometry.coordinates[0].map((p) => p[0])
    const reach = (Math.min(...xs) + Math.max(...xs)) / 2
    const ring = first.geometry.coordinates[0].map((p) => [p[0] === Math.max(...first.geometry.coordinates[0].map((q) => q[0])) ? reach : p[0], p[1]])
    const stretched = new Map(grids)
    stretched.set(first.code, { ...first, geometry: { type: 'Polygon', coordinates: [ring] } })
    const issues = validateSet(stretched, scope)
    const overlap = issues.find((issue) => issue.type === 'overlap')
    expect(overlap?.ids.sort()).toEqual([first.code, second.code].sort())
    const fix = fixesFor(markIntroduced([overlap!], [])[0], stretched, scope, () => new Set(stretched.keys()), (key, options) => `${key} ${JSON.stringify(options)}`)
    const cut = fix.find((each) => each.key === `cut-${first.code}`)!
    const outcome = cut.run()
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.puts[0]).toMatchObject({ code: first.code, version: 1, name: first.name, responsiblePerson: first.responsiblePerson })
    const fixed = new Map(stretched)
    for (const grid of outcome.puts) fixed.set(grid.code, grid)
    expect(tilingProblems(fixed, scope)).toEqual([])
    expect(validateSet(fixed, scope).filter((issue) => issue.severity === 'error')).toEqual([])
  })
})
