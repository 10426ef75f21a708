/**
 * roster_coverage's segments arrive as integer-centimetre columns
 * (20261209000200_roster_coverage_speed.sql); the read schema turns them back into one
 * CoverageReport row per segment. The database side is checked in tests/db/roster-suite.ts.
 */
import { describe, expect, it } from 'vitest'
import { rosterCoverageSchema, segmentPercent } from '../../src/data/roster-reads.ts'

const totals = { length_m: 30.5, covered_m: 20.25, uncovered_m: 10.25, double_m: 0, percent: 66.39 }
const answer = (segments: unknown) => ({
  day: '2026-12-10',
  shift: 'late',
  totals,
  segments,
  by_street: [{ id: 1, name: '城关街道', ...totals }],
  by_community: [],
  by_team: [],
})

describe('roster_coverage read', () => {
  it('turns the columns into rows, each segment with its own gaps in order', () => {
    const report = rosterCoverageSchema.parse(
      answer({
        segment_id: [3, 7, 9],
        length_cm: [1000, 2013, 37],
        covered_cm: [1000, 1013, 0],
        double_cm: [0, 0, 0],
        gaps: { segment_id: [7, 7, 9], from_cm: [0, 1513, 0], to_cm: [500, 2013, 37] },
      }),
    )
    expect(report.segments).toEqual([
      { segmentId: 3, lengthM: 10, coveredM: 10, uncoveredM: 0, doubleM: 0, percent: 100, gaps: [] },
      { segmentId: 7, lengthM: 20.13, coveredM: 10.13, uncoveredM: 10, doubleM: 0, percent: 50.32, gaps: [[0, 5], [15.13, 20.13]] },
      { segmentId: 9, lengthM: 0.37, coveredM: 0, uncoveredM: 0.37, doubleM: 0, percent: 0, gaps: [[0, 0.37]] },
    ])
    expect(report.totals).toEqual({ lengthM: 30.5, coveredM: 20.25, uncoveredM: 10.25, doubleM: 0, percent: 66.39 })
    expect(report.byStreet[0]).toMatchObject({ id: 1, name: '城关街道', lengthM: 30.5 })
  })

  it('refuses columns of different lengths and non-integer centimetres', () => {
    const columns = { segment_id: [1, 2], length_cm: [100, 200], covered_cm: [100, 200], double_cm: [0, 0], gaps: { segment_id: [], from_cm: [], to_cm: [] } }
    expect(rosterCoverageSchema.safeParse(answer(columns)).success).toBe(true)
    expect(rosterCoverageSchema.safeParse(answer({ ...columns, covered_cm: [100] })).success).toBe(false)
    expect(rosterCoverageSchema.safeParse(answer({ ...columns, gaps: { segment_id: [1], from_cm: [0], to_cm: [] } })).success).toBe(false)
    expect(rosterCoverageSchema.safeParse(answer({ ...columns, length_cm: [100.5, 200] })).success).toBe(false)
    // the old shape (one object per segment) is not read as an empty district
    expect(rosterCoverageSchema.safeParse(answer([{ segment_id: 1, ...totals, gaps: [] }])).success).toBe(false)
  })

  it('a segment is 100 % only with nothing uncovered, else at most 99.99 %', () => {
    expect(segmentPercent(0, 0)).toBe(100)
    expect(segmentPercent(500, 500)).toBe(100)
    expect(segmentPercent(100000, 99999)).toBe(99.99)
    expect(segmentPercent(300, 100)).toBe(33.33)
    expect(segmentPercent(300, 0)).toBe(0)
  })
})
