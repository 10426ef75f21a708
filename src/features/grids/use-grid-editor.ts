/**
 * The planner's edit session over one scope (a community or a street): the grids as loaded
 * (topology normalised: neighbours share their vertices) are the base; every operation is
 * one `transact` (one undo step per gesture); the selection, the last refusal and the
 * validation of the draft follow the session. The draft is kept in the browser at every
 * change and in the database shortly after (use-draft-persistence.ts).
 */
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { createEditSession, type EditOperation, type EditSession } from '../../domain/edit/index.ts'
import { normaliseTopology } from '../../domain/grids/editing/index.ts'
import type { EditableGrid, EditScope, GridOperationOutcome, GridSet } from '../../domain/grids/editing/types.ts'
import { markIntroduced, validateSet, type EditorIssue } from './editor-validation.ts'

export interface LoadedScope {
  scope: { code: string; name: string; level: 'community' | 'street' }
  editScope: EditScope
  grids: GridSet
  /** other communities' grids touching the scope (also in `grids`, for topology): drawn and snapped to, never selected */
  neighbours: { code: string; geometry: GeoJSON.Polygon }[]
  /** the communities the planner edits; grids of others in `grids` are the neighbours */
  scopeCommunities: ReadonlySet<string>
  /** every code ever used in the scope's communities (retired ones included): never reused */
  usedCodes: ReadonlySet<string>
}

export interface EditorMessage {
  kind: 'error' | 'info'
  text: string
}

export interface GridEditor {
  loaded: LoadedScope
  session: EditSession<string, EditableGrid>
  values: GridSet
  base: GridSet
  canUndo: boolean
  canRedo: boolean
  undoLabel: string | null
  redoLabel: string | null
  dirty: boolean
  committing: boolean
  selection: readonly string[]
  setSelection: (codes: readonly string[]) => void
  message: EditorMessage | null
  setMessage: (message: EditorMessage | null) => void
  /** applies an operation's outcome as one undo step, or shows its refusal; true when applied */
  apply: (outcome: GridOperationOutcome) => boolean
  undo: () => void
  redo: () => void
  issues: EditorIssue[]
  /** every code in use now or before, for the next free code */
  takenCodes: () => Set<string>
}

function operationsOf(outcome: Extract<GridOperationOutcome, { ok: true }>): EditOperation<string, EditableGrid>[] {
  return [
    ...outcome.deletes.map((code): EditOperation<string, EditableGrid> => ({ type: 'delete', key: code })),
    ...outcome.puts.map((grid): EditOperation<string, EditableGrid> => ({ type: 'put', key: grid.code, value: grid })),
    ...outcome.creates.map((grid): EditOperation<string, EditableGrid> => ({ type: 'create', key: grid.code, value: grid })),
  ]
}

export function normaliseLoaded(loaded: LoadedScope): LoadedScope {
  return { ...loaded, grids: normaliseTopology(loaded.grids, loaded.editScope) }
}

export function useGridEditor(loaded: LoadedScope): GridEditor {
  const [session] = useState(() => createEditSession<string, EditableGrid>(loaded.grids))
  const state = useSyncExternalStore(session.subscribe, session.getState)
  const [selection, setSelectionState] = useState<readonly string[]>([])
  const [message, setMessage] = useState<EditorMessage | null>(null)

  const baseIssues = useMemo(() => validateSet(state.base, loaded.editScope), [state.base, loaded.editScope])
  const issues = useMemo(() => markIntroduced(validateSet(state.values, loaded.editScope), baseIssues), [state.values, loaded.editScope, baseIssues])

  const selectable = useCallback(
    (code: string) => {
      const grid = session.getState().values.get(code)
      return grid !== undefined && loaded.scopeCommunities.has(grid.communityCode)
    },
    [session, loaded.scopeCommunities],
  )
  const setSelection = useCallback((codes: readonly string[]) => setSelectionState(codes.filter(selectable)), [selectable])

  // Codes this session has used (created, then undone or published and retired): never handed out again.
  const seen = useRef(new Set<string>())
  const apply = useCallback(
    (outcome: GridOperationOutcome) => {
      if (outcome.ok) for (const code of [...outcome.creates.map((grid) => grid.code), ...outcome.deletes]) seen.current.add(code)
      if (!outcome.ok) {
        setMessage({ kind: 'error', text: outcome.reason })
        return false
      }
      try {
        session.transact({ label: outcome.label, operations: operationsOf(outcome) })
      } catch (error) {
        setMessage({ kind: 'error', text: (error as Error).message })
        return false
      }
      setSelectionState(outcome.selection.filter(selectable))
      setMessage({ kind: 'info', text: outcome.label })
      return true
    },
    [session, selectable],
  )

  const undo = useCallback(() => {
    if (session.undo()) setSelectionState((codes) => codes.filter(selectable))
  }, [session, selectable])
  const redo = useCallback(() => {
    if (session.redo()) setSelectionState((codes) => codes.filter(selectable))
  }, [session, selectable])

  const takenCodes = useCallback(() => new Set([...loaded.usedCodes, ...seen.current, ...session.getState().values.keys()]), [loaded.usedCodes, session])

  return {
    loaded,
    session,
    values: state.values,
    base: state.base,
    canUndo: state.canUndo,
    canRedo: state.canRedo,
    undoLabel: state.undoLabel,
    redoLabel: state.redoLabel,
    dirty: state.dirty,
    committing: state.committing,
    selection,
    setSelection,
    message,
    setMessage,
    apply,
    undo,
    redo,
    issues,
    takenCodes,
  }
}
