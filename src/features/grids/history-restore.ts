/**
 * Restoring history into the draft (never straight into the database): one grid's old version,
 * or a whole community as it stood at a moment (the versions valid then). The restored grids
 * keep the version they replace as their base, so publishing them is an ordinary edit that
 * the database checks like any other.
 */
import type { EditableGrid, GridOperationOutcome, GridSet, LandUse } from '../../domain/grids/editing/types.ts'

/** One version as grid_history returns it (src/data/schemas.ts GridVersion). */
export interface HistoryVersion {
  code: string
  version: number
  name: string
  land_use: string
  management_level: number
  responsible_person: string
  responsible_body: string
  valid_from: string
  valid_to: string | null
  change_reason: string
  created_by_name: string | null
  geometry: GeoJSON.Polygon
}

function asGrid(version: HistoryVersion, current: EditableGrid | undefined): EditableGrid {
  return {
    code: version.code,
    version: current?.version ?? null,
    communityCode: version.code.slice(0, 12),
    name: version.name,
    landUse: version.land_use as LandUse,
    managementLevel: Math.min(3, Math.max(1, version.management_level)) as 1 | 2 | 3,
    responsiblePerson: version.responsible_person,
    responsibleBody: version.responsible_body,
    geometry: version.geometry,
  }
}

export function restoreVersion(values: GridSet, version: HistoryVersion, label: string): GridOperationOutcome {
  const current = values.get(version.code)
  const grid = asGrid(version, current)
  return { ok: true, label, puts: current ? [grid] : [], creates: current ? [] : [grid], deletes: [], selection: [version.code] }
}

/** The versions valid at `at` (ISO): valid_from ≤ at < valid_to. */
export function versionsAt(versions: readonly HistoryVersion[], at: string): HistoryVersion[] {
  const time = Date.parse(at)
  return versions.filter((version) => Date.parse(version.valid_from) <= time && (version.valid_to === null || time < Date.parse(version.valid_to)))
}

export function restoreCommunityAt(values: GridSet, community: string, versions: readonly HistoryVersion[], at: string, label: string): GridOperationOutcome {
  const then = versionsAt(versions, at).filter((version) => version.code.startsWith(community))
  if (then.length === 0) return { ok: false, code: 'no-versions-then', reason: '该时间点没有该社区的网格版本' }
  const keep = new Set(then.map((version) => version.code))
  const deletes = [...values.values()].filter((grid) => grid.communityCode === community && !keep.has(grid.code)).map((grid) => grid.code)
  const puts: EditableGrid[] = []
  const creates: EditableGrid[] = []
  for (const version of then) {
    const current = values.get(version.code)
    ;(current ? puts : creates).push(asGrid(version, current))
  }
  return { ok: true, label, puts, creates, deletes, selection: [] }
}
