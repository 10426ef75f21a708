/**
 * 以克论净: monthly quality scores from sample weighings, the mirror of SQL `roster_quality`.
 * A sample passes when its grams of dust per m² are at most the dust limit of the segment's
 * cleaning grade; score = 100 × passed / samples. The month is the local (Asia/Shanghai, UTC+8)
 * calendar month of the sample's time, as the district reads it.
 */
import type { CleaningGrade, RosterSegment } from './types.ts'

export interface RosterInspection {
  id: number
  segmentId: number
  /** ISO timestamp with zone */
  at: string
  gramsPerM2: number
  inspector: string
  note: string
  /** who answered for the segment at that time (derived by the database), null when nobody */
  cleanerId: number | null
}

export interface QualityScore {
  samples: number
  /** mean grams per m² */
  meanG: number
  passed: number
  /** passed / samples, 0…1 */
  passRate: number
  /** 100 × passed / samples */
  score: number
}

export interface QualityReport {
  month: string
  segments: (QualityScore & { segmentId: number })[]
  cleaners: (QualityScore & { cleanerId: number })[]
  /** samples on segments this report was not given (or whose grade has no dust limit): not scored */
  unscoredInspectionIds: number[]
}

const LOCAL_OFFSET_MS = 8 * 3600 * 1000

/** 'YYYY-MM' of an instant in Asia/Shanghai (no daylight saving, so a fixed +8). */
export function localMonthOf(at: string): string {
  const time = Date.parse(at)
  if (Number.isNaN(time)) return ''
  return new Date(time + LOCAL_OFFSET_MS).toISOString().slice(0, 7)
}

/** Does a sample pass? */
export function passes(gramsPerM2: number, dustLimit: number): boolean {
  return gramsPerM2 <= dustLimit
}

/**
 * Scores for the month holding `month` ('YYYY-MM' or any 'YYYY-MM-DD' in it): per segment and
 * per cleaner (samples whose cleaner is known), each list by id.
 */
export function qualityScores(
  month: string,
  inspections: readonly RosterInspection[],
  segments: readonly Pick<RosterSegment, 'id' | 'grade'>[],
  grades: readonly CleaningGrade[],
): QualityReport {
  const wanted = month.slice(0, 7)
  const limitByGrade = new Map(grades.map((grade) => [grade.grade as number, grade.dustLimit]))
  const gradeBySegment = new Map(segments.map((segment) => [segment.id, segment.grade as number]))
  const bySegment = new Map<number, Sums>()
  const byCleaner = new Map<number, Sums>()
  const unscoredInspectionIds: number[] = []
  for (const inspection of inspections) {
    if (localMonthOf(inspection.at) !== wanted) continue
    const grade = gradeBySegment.get(inspection.segmentId)
    const limit = grade === undefined ? undefined : limitByGrade.get(grade)
    if (limit === undefined) {
      unscoredInspectionIds.push(inspection.id)
      continue
    }
    const passed = passes(inspection.gramsPerM2, limit)
    addSample(bySegment, inspection.segmentId, inspection.gramsPerM2, passed)
    if (inspection.cleanerId !== null) addSample(byCleaner, inspection.cleanerId, inspection.gramsPerM2, passed)
  }
  return {
    month: wanted,
    segments: [...bySegment].sort((a, b) => a[0] - b[0]).map(([segmentId, sums]) => ({ segmentId, ...scoreOf(sums) })),
    cleaners: [...byCleaner].sort((a, b) => a[0] - b[0]).map(([cleanerId, sums]) => ({ cleanerId, ...scoreOf(sums) })),
    unscoredInspectionIds,
  }
}

interface Sums {
  samples: number
  grams: number
  passed: number
}

function addSample(map: Map<number, Sums>, id: number, grams: number, passed: boolean): void {
  let sums = map.get(id)
  if (!sums) map.set(id, (sums = { samples: 0, grams: 0, passed: 0 }))
  sums.samples++
  sums.grams += grams
  if (passed) sums.passed++
}

function scoreOf(sums: Sums): QualityScore {
  return {
    samples: sums.samples,
    meanG: sums.grams / sums.samples,
    passed: sums.passed,
    passRate: sums.passed / sums.samples,
    score: (100 * sums.passed) / sums.samples,
  }
}
