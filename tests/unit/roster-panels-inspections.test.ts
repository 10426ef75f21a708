import { describe, expect, it } from 'vitest'
import type { Inspection, QualityRow } from '../../src/data/roster-reads.ts'
import type { CleaningGrade, RosterCleaner, RosterSegment, RosterTeam } from '../../src/domain/roster/types.ts'
import {
  cleanerQuality,
  gradeOf,
  gradeProblem,
  gradesPayload,
  inspectionPayload,
  inspectionProblem,
  inspectionsOf,
  lastThreeMonths,
  monthOf,
  passes,
  segmentQuality,
  segmentsOfTeam,
} from '../../src/features/roster/inspections-quality.ts'

const GRADES: CleaningGrade[] = [
  { grade: 1, name: '一级', frequency: 2, dustLimit: 5 },
  { grade: 2, name: '二级', frequency: 1.5, dustLimit: 10 },
  { grade: 3, name: '三级', frequency: 1, dustLimit: 15 },
]

function segment(id: number, patch: Partial<RosterSegment> = {}): RosterSegment {
  return { id, backStreetId: 1, backStreetName: '幸福巷', seq: id, lengthM: 100, grade: 1, gridId: null, communityId: 10, streetId: 1, coordinates: [], ...patch }
}
function cleaner(id: number, teamId: number, name: string): RosterCleaner {
  return { id, teamId, name, employeeNo: `A${id}`, phone: '', active: true, shift: null }
}
function quality(id: number, samples: number, passed: number): QualityRow {
  return { id, samples, meanG: 4, passed, passRate: passed / samples, score: (100 * passed) / samples }
}
const TEAM: RosterTeam = { id: 1, name: '一队', streetId: 1, active: true, targetWorkload: null, areaStreetIds: [], areaCommunityIds: [10] }

describe('以克论净: a sample against its grade', () => {
  it('passes at or below the grade’s limit', () => {
    expect(gradeOf(GRADES, 2)?.dustLimit).toBe(10)
    expect(gradeOf(GRADES, 4)).toBeNull()
    expect(passes(5, 5)).toBe(true)
    expect(passes(5.01, 5)).toBe(false)
    expect(passes(0, 5)).toBe(true)
  })

  it('checks the input before anything is sent', () => {
    const now = new Date('2026-12-07T08:00:00Z')
    const ok = { segmentId: 3, grams: 4.2, at: new Date('2026-12-07T07:00:00Z') }
    expect(inspectionProblem(ok, now)).toBeNull()
    expect(inspectionProblem({ ...ok, segmentId: null }, now)).toBe('noSegment')
    expect(inspectionProblem({ ...ok, grams: null }, now)).toBe('noGrams')
    expect(inspectionProblem({ ...ok, grams: -1 }, now)).toBe('negative')
    expect(inspectionProblem({ ...ok, grams: 1000 }, now)).toBe('tooMuch')
    expect(inspectionProblem({ ...ok, at: null }, now)).toBe('noTime')
    expect(inspectionProblem({ ...ok, at: new Date('2026-12-07T09:00:00Z') }, now)).toBe('future')
  })

  it('builds roster_record_inspection’s JSON with the instant in UTC', () => {
    expect(inspectionPayload({ segmentId: 3, grams: 4.2, at: new Date('2026-12-07T07:00:00Z'), inspector: ' 王检 ' })).toEqual({
      segment_id: 3,
      at: '2026-12-07T07:00:00.000Z',
      grams_per_m2: 4.2,
      inspector: '王检',
      note: '',
    })
  })

  it('checks and builds roster_save_grades’ JSON', () => {
    expect(gradeProblem({ frequency: 0, dustLimit: 5 })).toBe('frequency')
    expect(gradeProblem({ frequency: Number.NaN, dustLimit: 5 })).toBe('frequency')
    expect(gradeProblem({ frequency: 2, dustLimit: 1000 })).toBe('dustLimit')
    expect(gradeProblem({ frequency: 2, dustLimit: 5 })).toBeNull()
    expect(gradesPayload(GRADES.slice(0, 1))).toEqual({ grades: [{ grade: 1, name: '一级', frequency: 2, dust_limit: 5 }] })
  })
})

describe('periods', () => {
  it('reads the three months up to a day, clamping to the month’s end', () => {
    expect(lastThreeMonths('2026-12-07')).toEqual({ from: '2026-09-07', to: '2026-12-07' })
    expect(lastThreeMonths('2026-05-31')).toEqual({ from: '2026-02-28', to: '2026-05-31' })
    expect(lastThreeMonths('2026-02-15')).toEqual({ from: '2025-11-15', to: '2026-02-15' })
    expect(monthOf('2026-12-07')).toBe('2026-12-01')
  })
})

describe('the team’s slice', () => {
  const segments = [segment(1), segment(2, { communityId: 11, streetId: 2 }), segment(3)]
  it('keeps the team’s segments’ inspections, newest first', () => {
    const ids = new Set(segmentsOfTeam(segments, TEAM).map((row) => row.id))
    expect([...ids]).toEqual([1, 3])
    const inspection = (id: number, segmentId: number, at: string): Inspection => ({ id, segmentId, at, gramsPerM2: 1, inspector: '', note: '', cleanerId: null })
    const rows = [inspection(1, 1, '2026-11-01T00:00:00Z'), inspection(2, 2, '2026-11-02T00:00:00Z'), inspection(3, 3, '2026-11-03T00:00:00Z')]
    expect(inspectionsOf(rows, ids).map((row) => row.id)).toEqual([3, 1])
  })

  it('labels the team’s cleaners and segments, worst score first', () => {
    const cleaners = [cleaner(5, 1, '张三'), cleaner(6, 1, '李四'), cleaner(7, 2, '王五')]
    const lines = cleanerQuality([quality(5, 4, 4), quality(6, 4, 2), quality(7, 2, 0)], cleaners, TEAM)
    expect(lines.map((line) => [line.label, line.score])).toEqual([
      ['李四（A6）', 50],
      ['张三（A5）', 100],
    ])
    expect(cleanerQuality([quality(7, 2, 0)], cleaners, null).map((line) => line.label)).toEqual(['王五（A7）'])
    const bySegment = segmentQuality([quality(1, 2, 1), quality(2, 2, 0), quality(3, 1, 1)], segments, TEAM, (row) => `${row.backStreetName} 第 ${row.seq} 段`)
    expect(bySegment.map((line) => line.label)).toEqual(['幸福巷 第 1 段', '幸福巷 第 3 段'])
  })
})
