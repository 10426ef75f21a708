/**
 * A kept draft back into the editor: the draft's grids over the ones loaded now, as one step
 * ('恢复草稿'). Stale grids (someone published them since) either keep their old base, so
 * publishing is refused until rebased, or — rebased — take the current version as base.
 */
import { applyDraft, type DraftPayload } from '../../domain/grids/editing/draft.ts'
import type { EditableGrid, GridOperationOutcome, GridSet } from '../../domain/grids/editing/types.ts'

export function restoreDraft(values: GridSet, payload: DraftPayload, rebase: boolean, label: string): GridOperationOutcome {
  const applied = applyDraft(values, payload, { rebase })
  const puts: EditableGrid[] = []
  const creates: EditableGrid[] = []
  const deletes: string[] = []
  for (const [code, grid] of applied) {
    if (grid === null) {
      if (values.has(code)) deletes.push(code)
    } else if (values.has(code)) puts.push(grid)
    else creates.push(grid)
  }
  return { ok: true, label, puts, creates, deletes, selection: [] }
}

/** The newer of the browser's and the database's copy. */
export function newerDraft(local: DraftPayload | null, remote: DraftPayload | null): DraftPayload | null {
  if (!local) return remote
  if (!remote) return local
  return Date.parse(local.savedAt) >= Date.parse(remote.savedAt) ? local : remote
}
