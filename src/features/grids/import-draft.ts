/**
 * An imported grid file becomes a draft of the scope, never a write: the imported grids of the
 * scope's communities replace the ones there now (same code: a new version of it; a code not
 * in the file: retired; a new code: created). The validator then reports on the draft like
 * on any other, and nothing reaches the database before a publish.
 */
import type { EditableGrid, GridOperationOutcome, GridSet } from '../../domain/grids/editing/types.ts'

function sameGrid(a: EditableGrid, b: EditableGrid): boolean {
  return (
    a.name === b.name &&
    a.landUse === b.landUse &&
    a.managementLevel === b.managementLevel &&
    a.responsiblePerson === b.responsiblePerson &&
    a.responsibleBody === b.responsibleBody &&
    JSON.stringify(a.geometry.coordinates) === JSON.stringify(b.geometry.coordinates)
  )
}

export function importAsDraft(values: GridSet, imported: readonly EditableGrid[], communities: readonly string[], label: string): GridOperationOutcome {
  const inScope = imported.filter((grid) => communities.includes(grid.communityCode))
  if (inScope.length === 0) return { ok: false, code: 'import-outside-scope', reason: '文件中没有属于当前编辑范围（社区）的网格' }
  const codes = new Set(inScope.map((grid) => grid.code))
  const deletes = [...values.values()].filter((grid) => communities.includes(grid.communityCode) && !codes.has(grid.code)).map((grid) => grid.code)
  const puts: EditableGrid[] = []
  const creates: EditableGrid[] = []
  for (const grid of inScope) {
    const current = values.get(grid.code)
    if (!current) creates.push({ ...grid, version: null })
    // A grid the file holds as it is now stays untouched (not a change to publish).
    else if (!sameGrid(current, grid)) puts.push({ ...grid, version: current.version })
  }
  return { ok: true, label, puts, creates, deletes, selection: [] }
}
