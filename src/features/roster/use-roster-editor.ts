/**
 * The roster editor of one team, day and shift: an edit session keyed by segment id whose
 * values are the segments' pieces (domain/roster/pieces.ts). Assigning, unassigning, splitting
 * and applying a balance plan are each one transaction (one undo step); saving sends the net
 * change as one `roster_apply` call with the stored assignments each segment was based on,
 * and the database's answer becomes the new base.
 */
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react'
import { createEditSession, type EditOperation, type EditSession } from '../../domain/edit/index.ts'
import { rostersFromAssignments, setRange } from '../../domain/roster/pieces.ts'
import type { RosterAssignment, RosterSegment, SegmentRoster, ShiftCode } from '../../domain/roster/types.ts'

export interface RosterEditorMessage {
  kind: 'info' | 'error' | 'success'
  text: string
}

export interface RangeEdit {
  segmentId: number
  fromM: number
  toM: number
  cleanerId: number | null
}

export interface RosterEditor {
  session: EditSession<number, SegmentRoster>
  values: ReadonlyMap<number, SegmentRoster>
  base: ReadonlyMap<number, SegmentRoster>
  canUndo: boolean
  canRedo: boolean
  undoLabel: string | null
  redoLabel: string | null
  dirty: boolean
  committing: boolean
  /** how many segments differ from the base (what 保存 would send) */
  changedCount: number
  /** segments of the team's area, by id */
  segments: ReadonlyMap<number, RosterSegment>
  /** paints runs of segments with a cleaner (or nobody) as one undo step; false when nothing changed */
  paint: (label: string, edits: readonly RangeEdit[]) => boolean
  /** replaces whole segments' pieces as one undo step (a balance plan) */
  replace: (label: string, rosters: readonly SegmentRoster[]) => boolean
  undo: () => void
  redo: () => void
  message: RosterEditorMessage | null
  setMessage: (message: RosterEditorMessage | null) => void
}

/** The stored assignments of one shift, as the session's starting values for these segments. */
export function initialRosters(segments: readonly RosterSegment[], assignments: readonly RosterAssignment[], shift: ShiftCode): Map<number, SegmentRoster> {
  return rostersFromAssignments(
    segments,
    assignments.filter((assignment) => assignment.shift === shift),
  )
}

export function useRosterEditor(segments: readonly RosterSegment[], assignments: readonly RosterAssignment[], shift: ShiftCode): RosterEditor {
  // The component holding this is keyed by team, day and shift: the session lives as long as they do.
  const [session] = useState(() => createEditSession<number, SegmentRoster>(initialRosters(segments, assignments, shift)))
  const state = useSyncExternalStore(session.subscribe, session.getState)
  const [message, setMessage] = useState<RosterEditorMessage | null>(null)
  const byId = useMemo(() => new Map(segments.map((segment) => [segment.id, segment])), [segments])

  const paint = useCallback(
    (label: string, edits: readonly RangeEdit[]) => {
      const values = session.getState().values
      const next = new Map<number, SegmentRoster>()
      for (const edit of edits) {
        const segment = byId.get(edit.segmentId)
        const current = next.get(edit.segmentId) ?? values.get(edit.segmentId)
        if (!segment || !current) continue
        next.set(edit.segmentId, setRange(current, segment.lengthM, edit.fromM, edit.toM, edit.cleanerId))
      }
      const operations: EditOperation<number, SegmentRoster>[] = []
      for (const [key, value] of next) if (!samePieces(value, values.get(key))) operations.push({ type: 'put', key, value })
      if (operations.length === 0) return false
      session.transact({ label, operations })
      return true
    },
    [session, byId],
  )

  const replace = useCallback(
    (label: string, rosters: readonly SegmentRoster[]) => {
      const values = session.getState().values
      const operations: EditOperation<number, SegmentRoster>[] = []
      for (const roster of rosters) {
        const current = values.get(roster.segmentId)
        if (!current || samePieces(roster, current)) continue
        operations.push({ type: 'put', key: roster.segmentId, value: { ...roster, base: current.base } })
      }
      if (operations.length === 0) return false
      session.transact({ label, operations })
      return true
    },
    [session],
  )

  const changedCount = useMemo(() => {
    let count = 0
    for (const [key, value] of state.values) if (!samePieces(value, state.base.get(key))) count++
    return count
  }, [state.values, state.base])

  const undo = useCallback(() => void session.undo(), [session])
  const redo = useCallback(() => void session.redo(), [session])

  return {
    session,
    values: state.values,
    base: state.base,
    canUndo: state.canUndo,
    canRedo: state.canRedo,
    undoLabel: state.undoLabel,
    redoLabel: state.redoLabel,
    dirty: state.dirty,
    committing: state.committing,
    changedCount,
    segments: byId,
    paint,
    replace,
    undo,
    redo,
    message,
    setMessage,
  }
}

/** Whether two rosters of a segment hold the same pieces (the base they came from aside). */
export function samePieces(a: SegmentRoster, b: SegmentRoster | undefined): boolean {
  if (!b || a.pieces.length !== b.pieces.length) return false
  return a.pieces.every((piece, index) => {
    const other = b.pieces[index]
    return piece.cleanerId === other.cleanerId && Math.abs(piece.fromM - other.fromM) < 1e-6 && Math.abs(piece.toM - other.toM) < 1e-6
  })
}
