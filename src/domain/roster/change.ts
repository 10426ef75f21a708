/**
 * A change set for `roster_apply`: the rosters the editor holds for one day and shift, and the
 * jsonb the SQL function takes (snake_case, as every function of the SQL API).
 */
import type { RosterChange, SegmentRoster, ShiftCode } from './types.ts'

export interface RosterApplyPayload {
  day: string
  shift: ShiftCode
  reason?: string
  segments: {
    segment_id: number
    pieces: { from_m: number; to_m: number; cleaner_id: number | null }[]
    base: { id: number; version: number }[]
  }[]
}

/** One change from the rosters (a segment listed twice keeps its last roster), in segment id order. */
export function toChange(day: string, shift: ShiftCode, rosters: Iterable<SegmentRoster>, reason?: string): RosterChange {
  const bySegment = new Map<number, SegmentRoster>()
  for (const roster of rosters) bySegment.set(roster.segmentId, roster)
  const segments = [...bySegment.values()].sort((a, b) => a.segmentId - b.segmentId)
  const trimmed = reason?.trim()
  return trimmed ? { day, shift, segments, reason: trimmed } : { day, shift, segments }
}

/** `roster_apply(p_change jsonb)`'s argument. Fields are copied by name, so nothing else leaks in. */
export function toApplyPayload(change: RosterChange): RosterApplyPayload {
  const payload: RosterApplyPayload = {
    day: change.day,
    shift: change.shift,
    segments: change.segments.map((roster) => ({
      segment_id: roster.segmentId,
      pieces: roster.pieces.map((piece) => ({ from_m: piece.fromM, to_m: piece.toM, cleaner_id: piece.cleanerId })),
      base: roster.base.map((stored) => ({ id: stored.id, version: stored.version })),
    })),
  }
  if (change.reason) payload.reason = change.reason
  return payload
}
