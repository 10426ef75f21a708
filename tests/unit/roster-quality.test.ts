import { describe, expect, it } from 'vitest'
import { localMonthOf, qualityScores, type RosterInspection } from '../../src/domain/roster/quality.ts'
import type { CleaningGrade } from '../../src/domain/roster/types.ts'

const grades: CleaningGrade[] = [
  { grade: 1, name: '一级', frequency: 2, dustLimit: 5 },
  { grade: 2, name: '二级', frequency: 1.5, dustLimit: 10 },
]

let nextId = 1
function sample(segmentId: number, at: string, gramsPerM2: number, cleanerId: number | null): RosterInspection {
  return { id: nextId++, segmentId, at, gramsPerM2, inspector: '张检', note: '', cleanerId }
}

describe('以克论净 quality scores', () => {
  it('takes the month in Beijing time', () => {
    expect(localMonthOf('2026-11-30T16:30:00Z')).toBe('2026-12')
    expect(localMonthOf('2026-11-30T15:59:59Z')).toBe('2026-11')
    expect(localMonthOf('2026-12-01T00:10:00+08:00')).toBe('2026-12')
  })

  it('scores 100 × passed / samples against the grade\'s dust limit, per segment and per cleaner', () => {
    const inspections = [
      sample(1, '2026-12-02T09:00:00+08:00', 5, 7), // at the limit: passes
      sample(1, '2026-12-03T09:00:00+08:00', 5.1, 7),
      sample(2, '2026-12-03T09:00:00+08:00', 9.5, 7),
      sample(2, '2026-12-04T09:00:00+08:00', 12, null),
      sample(2, '2026-11-30T09:00:00+08:00', 1, 7), // November
      sample(3, '2026-12-04T09:00:00+08:00', 1, 8), // grade 3 has no limit configured
      sample(4, '2026-12-04T09:00:00+08:00', 1, 8), // unknown segment
    ]
    const report = qualityScores('2026-12-01', inspections, [{ id: 1, grade: 1 }, { id: 2, grade: 2 }, { id: 3, grade: 3 }], grades)
    expect(report.month).toBe('2026-12')
    expect(report.segments).toEqual([
      { segmentId: 1, samples: 2, meanG: 5.05, passed: 1, passRate: 0.5, score: 50 },
      { segmentId: 2, samples: 2, meanG: 10.75, passed: 1, passRate: 0.5, score: 50 },
    ])
    expect(report.cleaners).toHaveLength(1)
    expect(report.cleaners[0]).toMatchObject({ cleanerId: 7, samples: 3, passed: 2 })
    expect(report.cleaners[0].score).toBeCloseTo(200 / 3, 12)
    expect(report.unscoredInspectionIds).toEqual([inspections[5].id, inspections[6].id])
  })
})
