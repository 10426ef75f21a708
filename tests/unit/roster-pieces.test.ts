import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toApplyPayload, toChange } from '../../src/domain/roster/change.ts'
import {
  cleanerAt,
  fromAssignments,
  fromAssignmentsDetailed,
  normalisePieces,
  piecesProblem,
  rostersFromAssignments,
  setRange,
  SLIVER_M,
} from '../../src/domain/roster/pieces.ts'
import type { RosterAssignment, SegmentRoster } from '../../src/domain/roster/types.ts'

function assignment(id: number, fromM: number, toM: number, cleanerId: number, segmentId = 7): RosterAssignment {
  return { id, version: id * 10, segmentId, fromM, toM, cleanerId, shift: 'early', validFrom: '2026-12-01', validTo: null }
}

const empty = (segmentId = 7): SegmentRoster => ({ segmentId, pieces: [], base: [] })

describe('normalisePieces', () => {
  it('fills gaps with nobody, clamps to the segment and merges one owner', () => {
    expect(normalisePieces(100, [
      { fromM: -5, toM: 20, cleanerId: 1 },
      { fromM: 20, toM: 40, cleanerId: 1 },
      { fromM: 60, toM: 130, cleanerId: 2 },
    ])).toEqual([
      { fromM: 0, toM: 40, cleanerId: 1 },
      { fromM: 40, toM: 60, cleanerId: null },
      { fromM: 60, toM: 100, cleanerId: 2 },
    ])
  })

  it('lets a later piece win where pieces overlap', () => {
    expect(normalisePieces(50, [{ fromM: 0, toM: 30, cleanerId: 1 }, { fromM: 20, toM: 50, cleanerId: 2 }])).toEqual([
      { fromM: 0, toM: 20, cleanerId: 1 },
      { fromM: 20, toM: 50, cleanerId: 2 },
    ])
  })

  it('absorbs slivers shorter than 1 cm into a neighbour', () => {
    const pieces = normalisePieces(80, [{ fromM: 0.004, toM: 40, cleanerId: 1 }, { fromM: 40.005, toM: 79.995, cleanerId: 2 }])
    expect(piecesProblem(80, pieces)).toBeNull()
    expect(pieces).toEqual([
      { fromM: 0, toM: 40.005, cleanerId: 1 },
      { fromM: 40.005, toM: 80, cleanerId: 2 },
    ])
  })

  it('gives a segment shorter than a sliver one piece and a segment without length none', () => {
    expect(normalisePieces(0.005, [{ fromM: 0, toM: 0.004, cleanerId: 3 }])).toEqual([{ fromM: 0, toM: 0.005, cleanerId: 3 }])
    expect(normalisePieces(0, [{ fromM: 0, toM: 1, cleanerId: 3 }])).toEqual([])
  })
})

describe('setRange', () => {
  it('splits a segment between two cleaners and unassigns a run', () => {
    let roster = setRange(empty(), 120, 0, 120, 1)
    roster = setRange(roster, 120, 70.5, 120, 2)
    expect(roster.pieces).toEqual([
      { fromM: 0, toM: 70.5, cleanerId: 1 },
      { fromM: 70.5, toM: 120, cleanerId: 2 },
    ])
    roster = setRange(roster, 120, 60, 80, null)
    expect(roster.pieces.map((piece) => piece.cleanerId)).toEqual([1, null, 2])
    expect(cleanerAt(roster, 65)).toBeNull()
    expect(cleanerAt(roster, 120)).toBe(2)
    roster = setRange(roster, 120, 0, 120, 1)
    expect(roster.pieces).toEqual([{ fromM: 0, toM: 120, cleanerId: 1 }])
  })

  it('keeps base and returns the same object when nothing changes', () => {
    const roster: SegmentRoster = { segmentId: 7, pieces: [{ fromM: 0, toM: 50, cleanerId: 4 }], base: [{ id: 3, version: 2 }] }
    expect(setRange(roster, 50, 10, 20, 4)).toBe(roster)
    expect(setRange(roster, 50, 10, 20, 5).base).toEqual([{ id: 3, version: 2 }])
    expect(setRange(roster, 50, 30, 30, 5)).toBe(roster)
  })

  it('brings a roster measured for another length to this one', () => {
    const roster: SegmentRoster = { segmentId: 7, pieces: [{ fromM: 0, toM: 40, cleanerId: 4 }], base: [] }
    expect(setRange(roster, 50, 0, 10, 5).pieces).toEqual([
      { fromM: 0, toM: 10, cleanerId: 5 },
      { fromM: 10, toM: 40, cleanerId: 4 },
      { fromM: 40, toM: 50, cleanerId: null },
    ])
  })

  // The property: after any sequence of assign/unassign/split, every piece is covered
  // exactly once. The model is the segment cut into decimetres, each owned by one cleaner or nobody.
  it('covers [0, length] exactly once and matches a per-decimetre model after any sequence', () => {
    const operation = fc.record({
      from: fc.integer({ min: -20, max: 1220 }),
      to: fc.integer({ min: -20, max: 1220 }),
      cleaner: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    })
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), fc.array(operation, { maxLength: 40 }), (decimetres, operations) => {
        const lengthM = decimetres / 10
        const model: (number | null)[] = new Array<number | null>(decimetres).fill(null)
        let roster = normalisePieces(lengthM, [])
        let segment: SegmentRoster = { segmentId: 1, pieces: roster, base: [] }
        for (const { from, to, cleaner } of operations) {
          segment = setRange(segment, lengthM, from / 10, to / 10, cleaner)
          for (let cell = Math.max(0, from); cell < Math.min(decimetres, to); cell++) model[cell] = cleaner
        }
        roster = segment.pieces
        expect(piecesProblem(lengthM, roster)).toBeNull()
        const expected: { fromM: number; toM: number; cleanerId: number | null }[] = []
        for (let cell = 0; cell < decimetres; cell++) {
          const last = expected[expected.length - 1]
          if (last && last.cleanerId === model[cell]) last.toM = (cell + 1) / 10
          else expected.push({ fromM: cell / 10, toM: (cell + 1) / 10, cleanerId: model[cell] })
        }
        expect(roster.length).toBe(expected.length)
        roster.forEach((piece, index) => {
          expect(piece.cleanerId).toBe(expected[index].cleanerId)
          expect(piece.fromM).toBeCloseTo(expected[index].fromM, 9)
          expect(piece.toM).toBeCloseTo(expected[index].toM, 9)
        })
        const covered = roster.reduce((sum, piece) => sum + (piece.toM - piece.fromM), 0)
        expect(covered).toBeCloseTo(lengthM, 9)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the normal form for measures off the grid, slivers included', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 500, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 501, noNaN: true }), fc.double({ min: -1, max: 501, noNaN: true }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null })), { maxLength: 30 }),
        (lengthM, operations) => {
          let roster = empty(1)
          for (const [from, to, cleaner] of operations) roster = setRange(roster, lengthM, from, to, cleaner)
          const pieces = roster.pieces.length ? roster.pieces : normalisePieces(lengthM, [])
          expect(piecesProblem(lengthM, pieces)).toBeNull()
          for (const piece of pieces) expect(piece.toM - piece.fromM).toBeGreaterThanOrEqual(pieces.length > 1 ? SLIVER_M : 0)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('fromAssignments', () => {
  it('turns stored pieces into a roster with gaps for nobody and the base they came from', () => {
    const roster = fromAssignments({ id: 7, lengthM: 100 }, [assignment(5, 60, 100, 2), assignment(4, 0, 40, 1), assignment(9, 0, 100, 3, 8)])
    expect(roster).toEqual({
      segmentId: 7,
      pieces: [
        { fromM: 0, toM: 40, cleanerId: 1 },
        { fromM: 40, toM: 60, cleanerId: null },
        { fromM: 60, toM: 100, cleanerId: 2 },
      ],
      base: [{ id: 4, version: 40 }, { id: 5, version: 50 }],
    })
  })

  it('shows the first of overlapping assignments, reports the overlap and keeps both in base', () => {
    const { roster, overlaps } = fromAssignmentsDetailed({ id: 7, lengthM: 100 }, [assignment(6, 50, 100, 2), assignment(3, 0, 70, 1)])
    expect(roster.pieces).toEqual([
      { fromM: 0, toM: 70, cleanerId: 1 },
      { fromM: 70, toM: 100, cleanerId: 2 },
    ])
    expect(overlaps).toEqual([{ segmentId: 7, fromM: 50, toM: 70, keptId: 3, hiddenId: 6 }])
    expect(roster.base.map((stored) => stored.id)).toEqual([3, 6])
  })

  it('gives every segment a roster, nobody where nothing is assigned', () => {
    const rosters = rostersFromAssignments([{ id: 7, lengthM: 10 }, { id: 8, lengthM: 20 }], [assignment(1, 0, 10, 4)])
    expect(rosters.get(7)?.pieces).toEqual([{ fromM: 0, toM: 10, cleanerId: 4 }])
    expect(rosters.get(8)?.pieces).toEqual([{ fromM: 0, toM: 20, cleanerId: null }])
  })
})

describe('toChange and toApplyPayload', () => {
  it('builds roster_apply\'s snake_case argument, one entry per segment', () => {
    const first: SegmentRoster = { segmentId: 9, pieces: [{ fromM: 0, toM: 30, cleanerId: 2 }, { fromM: 30, toM: 45.5, cleanerId: null }], base: [{ id: 11, version: 3 }] }
    const second: SegmentRoster = { segmentId: 4, pieces: [{ fromM: 0, toM: 12, cleanerId: 1 }], base: [] }
    const change = toChange('2026-12-07', 'late', [first, second, { ...second, pieces: [{ fromM: 0, toM: 12, cleanerId: 5 }] }], '  调整晚班 ')
    expect(change.segments.map((roster) => roster.segmentId)).toEqual([4, 9])
    expect(change.reason).toBe('调整晚班')
    expect(toApplyPayload(change)).toEqual({
      day: '2026-12-07',
      shift: 'late',
      reason: '调整晚班',
      segments: [
        { segment_id: 4, pieces: [{ from_m: 0, to_m: 12, cleaner_id: 5 }], base: [] },
        {
          segment_id: 9,
          pieces: [{ from_m: 0, to_m: 30, cleaner_id: 2 }, { from_m: 30, to_m: 45.5, cleaner_id: null }],
          base: [{ id: 11, version: 3 }],
        },
      ],
    })
    expect(toApplyPayload(toChange('2026-12-07', 'day', [], ' '))).toEqual({ day: '2026-12-07', shift: 'day', segments: [] })
  })
})
