/**
 * The piece algebra on one segment and shift (`SegmentRoster`): pieces cover [0, lengthM] in
 * order, with no gap and no overlap, adjacent pieces of one cleaner merged and slivers shorter
 * than SLIVER_M absorbed by a neighbour. Every function returns a roster in that normal form, so
 * the edit session can compare, undo and save them without re-checking.
 */
import type { RosterAssignment, RosterPiece, RosterSegment, SegmentRoster } from './types.ts'

/**
 * Runs shorter than this are noise (a click a hair off a vertex, float error) and are absorbed.
 * It is also the slack the database allows on `to_m` (≤ length_m + 0.01).
 */
export const SLIVER_M = 0.01

/**
 * Where pieces given in one list overlap, the later piece wins (it is painted over the earlier
 * ones); parts of [0, lengthM] no piece reaches belong to nobody. Measures are clamped to
 * [0, lengthM]. A length ≤ 0 (or not finite) gives no pieces.
 */
export function normalisePieces(lengthM: number, pieces: readonly RosterPiece[]): RosterPiece[] {
  if (!(lengthM > 0) || !Number.isFinite(lengthM)) return []
  let cover: RosterPiece[] = [{ fromM: 0, toM: lengthM, cleanerId: null }]
  for (const piece of pieces) cover = paint(cover, lengthM, piece.fromM, piece.toM, piece.cleanerId)
  return tidy(cover, lengthM)
}

/** Assigns [fromM, toM] to `cleanerId` (null: unassigns it); splits pieces where needed. */
export function setRange(roster: SegmentRoster, lengthM: number, fromM: number, toM: number, cleanerId: number | null): SegmentRoster {
  // A roster read for another length (the segment was re-measured) is brought to this one first.
  const current = piecesProblem(lengthM, roster.pieces) === null ? roster.pieces : normalisePieces(lengthM, roster.pieces)
  const pieces = tidy(paint(current, lengthM, fromM, toM, cleanerId), lengthM)
  return samePieces(pieces, roster.pieces) ? roster : { ...roster, pieces }
}

/** Assigns the whole segment to one cleaner (or nobody). */
export function setWhole(roster: SegmentRoster, lengthM: number, cleanerId: number | null): SegmentRoster {
  return setRange(roster, lengthM, 0, lengthM, cleanerId)
}

/** Where two stored assignments of one segment and shift overlap (the database forbids it; old data may not). */
export interface PieceOverlap {
  segmentId: number
  fromM: number
  toM: number
  /** the assignment the roster keeps (the first by fromM, then id) and the one it hides */
  keptId: number
  hiddenId: number
}

/**
 * The roster of one segment on one shift from its stored assignments (the caller passes the
 * assignments of that shift open on the day; others of this segment are ignored by id only).
 * Gaps belong to nobody. `base` lists every assignment read, overlapping ones included, so that
 * saving this roster replaces them all and so resolves the overlap. Where assignments overlap,
 * the roster shows the first (by fromM, then id) and the overlap is reported; coverage counts
 * both (as double coverage), since both cleaners were told to clean it.
 */
export function fromAssignmentsDetailed(
  segment: Pick<RosterSegment, 'id' | 'lengthM'>,
  assignments: readonly RosterAssignment[],
): { roster: SegmentRoster; overlaps: PieceOverlap[] } {
  const own = assignments
    .filter((assignment) => assignment.segmentId === segment.id)
    .sort((a, b) => a.fromM - b.fromM || a.id - b.id)
  const overlaps: PieceOverlap[] = []
  for (let i = 0; i < own.length; i++) {
    for (let j = i + 1; j < own.length && own[j].fromM < own[i].toM; j++) {
      const fromM = Math.max(own[i].fromM, own[j].fromM)
      const toM = Math.min(own[i].toM, own[j].toM)
      if (toM - fromM > 0) overlaps.push({ segmentId: segment.id, fromM, toM, keptId: own[i].id, hiddenId: own[j].id })
    }
  }
  // Painted last-first so the first assignment ends on top.
  const pieces = normalisePieces(
    segment.lengthM,
    [...own].reverse().map((assignment) => ({ fromM: assignment.fromM, toM: assignment.toM, cleanerId: assignment.cleanerId })),
  )
  const base = own.map((assignment) => ({ id: assignment.id, version: assignment.version })).sort((a, b) => a.id - b.id)
  return { roster: { segmentId: segment.id, pieces, base }, overlaps }
}

export function fromAssignments(segment: Pick<RosterSegment, 'id' | 'lengthM'>, assignments: readonly RosterAssignment[]): SegmentRoster {
  return fromAssignmentsDetailed(segment, assignments).roster
}

/**
 * Rosters for many segments at once (assignments of one shift open on the day), one per segment
 * given, in one pass over the assignments.
 */
export function rostersFromAssignments(
  segments: readonly Pick<RosterSegment, 'id' | 'lengthM'>[],
  assignments: readonly RosterAssignment[],
): Map<number, SegmentRoster> {
  const bySegment = new Map<number, RosterAssignment[]>()
  for (const assignment of assignments) {
    const list = bySegment.get(assignment.segmentId)
    if (list) list.push(assignment)
    else bySegment.set(assignment.segmentId, [assignment])
  }
  const rosters = new Map<number, SegmentRoster>()
  for (const segment of segments) rosters.set(segment.id, fromAssignments(segment, bySegment.get(segment.id) ?? []))
  return rosters
}

/** Is `pieces` in normal form for `lengthM` (what `normalisePieces` returns)? Reasons are for tests and asserts. */
export function piecesProblem(lengthM: number, pieces: readonly RosterPiece[]): string | null {
  if (!(lengthM > 0)) return pieces.length === 0 ? null : 'pieces on a segment without length'
  if (pieces.length === 0) return 'no pieces'
  if (pieces[0].fromM !== 0) return `first piece starts at ${pieces[0].fromM}, not 0`
  if (pieces[pieces.length - 1].toM !== lengthM) return `last piece ends at ${pieces[pieces.length - 1].toM}, not ${lengthM}`
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]
    if (piece.toM - piece.fromM < SLIVER_M && pieces.length > 1) return `piece ${index} is a sliver`
    if (index > 0 && pieces[index - 1].toM !== piece.fromM) return `gap or overlap before piece ${index}`
    if (index > 0 && pieces[index - 1].cleanerId === piece.cleanerId) return `pieces ${index - 1} and ${index} not merged`
  }
  return null
}

/** The cleaner at `atM` (the piece starting there wins at a boundary). */
export function cleanerAt(roster: SegmentRoster, atM: number): number | null {
  for (const piece of roster.pieces) if (atM >= piece.fromM && atM < piece.toM) return piece.cleanerId
  const last = roster.pieces[roster.pieces.length - 1]
  return last && atM === last.toM ? last.cleanerId : null
}

/** Paints [fromM, toM] over a cover of [0, lengthM]; the result still covers it exactly once. */
function paint(cover: readonly RosterPiece[], lengthM: number, fromM: number, toM: number, cleanerId: number | null): RosterPiece[] {
  const from = clamp(fromM, 0, lengthM)
  const to = clamp(toM, 0, lengthM)
  if (!(to > from)) return [...cover]
  const before: RosterPiece[] = []
  const after: RosterPiece[] = []
  for (const piece of cover) {
    if (piece.fromM < from) before.push({ fromM: piece.fromM, toM: Math.min(piece.toM, from), cleanerId: piece.cleanerId })
    if (piece.toM > to) after.push({ fromM: Math.max(piece.fromM, to), toM: piece.toM, cleanerId: piece.cleanerId })
  }
  return [...before, { fromM: from, toM: to, cleanerId }, ...after]
}

/** Merges neighbours of one owner and gives each sliver to a neighbour, until neither is left. */
function tidy(pieces: readonly RosterPiece[], lengthM: number): RosterPiece[] {
  if (lengthM < SLIVER_M) {
    // Too short to split at all: one piece, for whoever holds most of it.
    let best: RosterPiece | null = null
    for (const piece of pieces) if (!best || piece.toM - piece.fromM > best.toM - best.fromM) best = piece
    return [{ fromM: 0, toM: lengthM, cleanerId: best ? best.cleanerId : null }]
  }
  let result = merge(pieces)
  for (;;) {
    const index = result.findIndex((piece) => piece.toM - piece.fromM < SLIVER_M)
    if (index < 0 || result.length === 1) break
    const sliver = result[index]
    const next = [...result]
    if (index > 0) next[index - 1] = { ...next[index - 1], toM: sliver.toM }
    else next[1] = { ...next[1], fromM: sliver.fromM }
    next.splice(index, 1)
    result = merge(next)
  }
  result[0] = { ...result[0], fromM: 0 }
  result[result.length - 1] = { ...result[result.length - 1], toM: lengthM }
  return result
}

function merge(pieces: readonly RosterPiece[]): RosterPiece[] {
  const result: RosterPiece[] = []
  for (const piece of pieces) {
    if (!(piece.toM > piece.fromM)) continue
    const last = result[result.length - 1]
    if (last && last.cleanerId === piece.cleanerId && last.toM === piece.fromM) result[result.length - 1] = { ...last, toM: piece.toM }
    else result.push({ fromM: piece.fromM, toM: piece.toM, cleanerId: piece.cleanerId })
  }
  return result
}

function samePieces(a: readonly RosterPiece[], b: readonly RosterPiece[]): boolean {
  return a.length === b.length && a.every((piece, index) => piece.fromM === b[index].fromM && piece.toM === b[index].toM && piece.cleanerId === b[index].cleanerId)
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low
}
