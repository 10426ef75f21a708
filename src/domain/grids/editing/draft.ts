/**
 * A grid draft between sessions and devices, and what publishing sends. A draft is the net
 * change of the edit session (created, updated and deleted grids, each updated or deleted one
 * with the version it was based on), stored as plain JSON in the browser and in the database
 * (`save_grid_draft`). Restoring it onto the grids as they are now tells which of its grids
 * someone else has changed since (stale): those must be rebased — looked at again on the new
 * version — before the draft can be published.
 */
import type { ChangeSet } from '../../edit/types.ts'
import type { EditableGrid, GridSet } from './types.ts'

export const DRAFT_FORMAT = 1

export type DraftChange =
  | { readonly kind: 'created'; readonly code: string; readonly value: EditableGrid }
  | { readonly kind: 'updated'; readonly code: string; readonly baseVersion: number | null; readonly value: EditableGrid }
  | { readonly kind: 'deleted'; readonly code: string; readonly baseVersion: number | null }

export interface DraftPayload {
  readonly format: typeof DRAFT_FORMAT
  readonly scope: string
  readonly savedAt: string
  readonly changes: readonly DraftChange[]
}

/** A draft grid whose base version is no longer the current one (or that now exists / is gone). */
export interface StaleGrid {
  readonly code: string
  /** the version the draft was based on (null: the draft creates it) */
  readonly draftBase: number | null
  /** the version current now (null: retired or absent) */
  readonly current: number | null
}

export function draftFromChanges(scope: string, changes: ChangeSet<string, EditableGrid>, savedAt: string): DraftPayload {
  return {
    format: DRAFT_FORMAT,
    scope,
    savedAt,
    changes: changes.map((change): DraftChange => {
      if (change.kind === 'created') return { kind: 'created', code: change.key, value: change.value }
      if (change.kind === 'updated') return { kind: 'updated', code: change.key, baseVersion: change.base.version, value: change.value }
      return { kind: 'deleted', code: change.key, baseVersion: change.base.version }
    }),
  }
}

/** The code → version map a draft was based on (what `save_grid_draft` keeps beside it). */
export function draftBaseVersions(payload: DraftPayload): Record<string, number | null> {
  const base: Record<string, number | null> = {}
  for (const change of payload.changes) base[change.code] = change.kind === 'created' ? null : change.baseVersion
  return base
}

/** Which of the draft's grids were changed by someone else since it was saved. */
export function staleGrids(current: GridSet, payload: DraftPayload): StaleGrid[] {
  const stale: StaleGrid[] = []
  for (const change of payload.changes) {
    const now = current.get(change.code)?.version ?? null
    const draftBase = change.kind === 'created' ? null : change.baseVersion
    if (now !== draftBase) stale.push({ code: change.code, draftBase, current: now })
  }
  return stale
}

/**
 * The draft's grids over the current ones: created and updated grids put, deleted ones
 * removed. With `rebase`, each kept grid takes the current version as its base, so a publish
 * overwrites what changed meanwhile — the planner has seen it (`staleGrids`) and chosen so.
 * Without it the grids keep the versions they were based on and `edit_grids` refuses them.
 */
export function applyDraft(current: GridSet, payload: DraftPayload, options: { rebase: boolean }): Map<string, EditableGrid | null> {
  const result = new Map<string, EditableGrid | null>()
  for (const change of payload.changes) {
    if (change.kind === 'deleted') {
      result.set(change.code, null)
      continue
    }
    const version = options.rebase ? (current.get(change.code)?.version ?? null) : change.kind === 'created' ? null : change.baseVersion
    result.set(change.code, { ...change.value, version })
  }
  return result
}

/** One edit of `edit_grids` (see supabase/migrations … apply_grid_edits). */
export interface GridEditRequest {
  code: string
  base_version?: number | null
  create?: boolean
  retire?: boolean
  geometry?: GeoJSON.Polygon
  name?: string
  land_use?: string
  management_level?: number
  responsible_person?: string
  responsible_body?: string
  reason?: string
}

const sameGeometry = (a: GeoJSON.Polygon, b: GeoJSON.Polygon) => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates)

/**
 * The edits one publish sends: every changed grid with the version it was based on, in one
 * call, so the database applies all of them or none (overlaps and gaps are checked after the
 * last edit). A grid whose only change is collinear vertices inserted for its neighbours is
 * still sent: its stored boundary must carry the shared vertices too.
 */
export function editsFromChanges(changes: ChangeSet<string, EditableGrid>, reason: string): GridEditRequest[] {
  return changes.map((change): GridEditRequest => {
    if (change.kind === 'deleted') return { code: change.key, base_version: change.base.version, retire: true, reason }
    const value = change.value
    const attributes = {
      name: value.name,
      land_use: value.landUse,
      management_level: value.managementLevel,
      responsible_person: value.responsiblePerson,
      responsible_body: value.responsibleBody,
      reason,
    }
    if (change.kind === 'created') return { code: change.key, create: true, geometry: value.geometry, ...attributes }
    return {
      code: change.key,
      base_version: change.base.version,
      ...(sameGeometry(change.base.geometry, value.geometry) ? {} : { geometry: value.geometry }),
      ...attributes,
    }
  })
}
