import { describe, expect, it } from 'vitest'
import { beatSummary, cleanerWorkloads, gradeFrequency, segmentIndex, teamWorkloads } from '../../src/domain/roster/workload.ts'
import type { CleaningGrade, RosterCleaner, RosterSegment, RosterTeam, SegmentRoster } from '../../src/domain/roster/types.ts'

const grades: CleaningGrade[] = [
  { grade: 1, name: '一级', frequency: 2, dustLimit: 5 },
  { grade: 2, name: '二级', frequency: 1.5, dustLimit: 10 },
  { grade: 3, name: '三级', frequency: 1, dustLimit: 15 },
]

function segment(id: number, backStreetId: number, name: string, seq: number, lengthM: number, grade: 1 | 2 | 3, coordinates: [number, number][]): RosterSegment {
  return { id, backStreetId, backStreetName: name, seq, lengthM, grade, gridId: null, communityId: null, streetId: null, coordinates }
}

const segments = segmentIndex([
  segment(1, 10, '乙巷', 1, 100, 1, [[119.9, 32.47], [119.901, 32.47]]),
  segment(2, 10, '乙巷', 2, 60, 3, [[119.901, 32.47], [119.9016, 32.4702]]),
  segment(3, 11, '甲巷', 1, 40, 2, [[119.902, 32.471], [119.9024, 32.471]]),
])

const rosters: SegmentRoster[] = [
  { segmentId: 1, pieces: [{ fromM: 0, toM: 70, cleanerId: 5 }, { fromM: 70, toM: 100, cleanerId: 6 }], base: [] },
  { segmentId: 2, pieces: [{ fromM: 0, toM: 60, cleanerId: 5 }], base: [] },
  { segmentId: 3, pieces: [{ fromM: 0, toM: 40, cleanerId: null }], base: [] },
  { segmentId: 99, pieces: [{ fromM: 0, toM: 10, cleanerId: 5 }], base: [] },
]

describe('workload', () => {
  it('is length × grade frequency, summed per cleaner', () => {
    expect(gradeFrequency(grades, 2)).toBe(1.5)
    expect(gradeFrequency([], 2)).toBe(1)
    const loads = cleanerWorkloads(rosters, segments, grades)
    expect(loads.get(5)).toEqual({ cleanerId: 5, lengthM: 130, workload: 70 * 2 + 60, segmentIds: [1, 2], pieceCount: 2 })
    expect(loads.get(6)?.workload).toBe(60)
    expect(loads.has(99)).toBe(false)
  })

  it('gives each team its mean, target and spread over the shift\'s cleaners', () => {
    const teams: RosterTeam[] = [
      { id: 1, name: '一班', streetId: null, active: true, targetWorkload: null, areaStreetIds: [], areaCommunityIds: [] },
      { id: 2, name: '二班', streetId: null, active: true, targetWorkload: 100, areaStreetIds: [], areaCommunityIds: [] },
    ]
    const cleaner = (id: number, teamId: number, shift: RosterCleaner['shift'], active = true): RosterCleaner => ({ id, teamId, name: `保洁员${id}`, employeeNo: `E${id}`, phone: '', active, shift })
    const cleaners = [cleaner(5, 1, 'late'), cleaner(6, 2, 'early'), cleaner(7, 1, null), cleaner(8, 1, 'early'), cleaner(9, 2, 'late', false)]
    const [first, second] = teamWorkloads('late', teams, cleaners, cleanerWorkloads(rosters, segments, grades))
    expect(first).toMatchObject({ teamId: 1, cleanerCount: 2, totalWorkload: 200, meanWorkload: 100, targetWorkload: 100, minWorkload: 0, maxWorkload: 200, spread: 200 })
    expect(first.cleaners).toEqual([{ cleanerId: 5, workload: 200, deviation: 1 }, { cleanerId: 7, workload: 0, deviation: -1 }])
    // cleaner 6 works the late shift although home on early: counted, held to the team's target
    expect(second).toMatchObject({ teamId: 2, cleanerCount: 1, meanWorkload: 60, targetWorkload: 100 })
    expect(second.cleaners[0].deviation).toBeCloseTo(-0.4, 12)
  })
})

describe('beatSummary', () => {
  it('lists a beat street by street with its pieces, lengths, workload and bounding box', () => {
    const beat = beatSummary(5, rosters, segments, grades)
    expect(beat).toMatchObject({ cleanerId: 5, lengthM: 130, workload: 200, segmentCount: 2, pieceCount: 2 })
    expect(beat.backStreets).toHaveLength(1)
    expect(beat.backStreets[0].pieces).toEqual([
      { segmentId: 1, seq: 1, fromM: 0, toM: 70, lengthM: 70, grade: 1, frequency: 2, workload: 140, wholeSegment: false },
      { segmentId: 2, seq: 2, fromM: 0, toM: 60, lengthM: 60, grade: 3, frequency: 1, workload: 60, wholeSegment: true },
    ])
    expect(beat.bbox).toEqual([119.9, 32.47, 119.9016, 32.4702])
    const other = beatSummary(6, rosters, segments, grades)
    expect(other.bbox?.[0]).toBeCloseTo(119.9007, 4)
    expect(beatSummary(42, rosters, segments, grades)).toMatchObject({ lengthM: 0, workload: 0, backStreets: [], bbox: null })
  })

  it('orders streets by their Chinese names', () => {
    const all: SegmentRoster[] = [
      { segmentId: 1, pieces: [{ fromM: 0, toM: 100, cleanerId: 1 }], base: [] },
      { segmentId: 3, pieces: [{ fromM: 0, toM: 40, cleanerId: 1 }], base: [] },
    ]
    expect(beatSummary(1, all, segments, grades).backStreets.map((street) => street.name)).toEqual(['甲巷', '乙巷'])
  })
})
