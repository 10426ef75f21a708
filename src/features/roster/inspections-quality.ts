/**
 * 以克论净, the pure part: a grade's dust limit and whether a weighing passes it, what
 * `roster_record_inspection` and `roster_save_grades` take and what is checked before they
 * are called, the periods the panel reads, and the team's slice of the month's quality.
 */
import type { Inspection, QualityRow } from '../../data/roster-reads.ts'
import type { CleaningGrade, RosterCleaner, RosterSegment, RosterTeam } from '../../domain/roster/types.ts'
import { inTeamArea } from './facilities-duties.ts'

/** The upper bound accepted for one weighing (the database refuses ≥ 1000 g/m²). */
export const MAX_GRAMS = 1000

export function gradeOf(grades: readonly CleaningGrade[], grade: number | null | undefined): CleaningGrade | null {
  return grades.find((candidate) => candidate.grade === grade) ?? null
}

/** Passed = at most the grade's limit (the database's rule: grams ≤ dust_limit). */
export function passes(grams: number, limit: number): boolean {
  return grams <= limit
}

export type InspectionProblem = 'noSegment' | 'noGrams' | 'negative' | 'tooMuch' | 'future' | 'noTime'

/** Why this inspection cannot be recorded yet, before anything is sent; null when it can. */
export function inspectionProblem(input: { segmentId: number | null; grams: number | null; at: Date | null }, now: Date): InspectionProblem | null {
  if (input.segmentId === null) return 'noSegment'
  if (input.grams === null || !Number.isFinite(input.grams)) return 'noGrams'
  if (input.grams < 0) return 'negative'
  if (input.grams >= MAX_GRAMS) return 'tooMuch'
  if (input.at === null || Number.isNaN(input.at.getTime())) return 'noTime'
  if (input.at.getTime() > now.getTime() + 60_000) return 'future'
  return null
}

export function inspectionPayload(input: { segmentId: number; grams: number; at: Date; inspector?: string; note?: string }): Record<string, unknown> {
  return {
    segment_id: input.segmentId,
    at: input.at.toISOString(),
    grams_per_m2: input.grams,
    inspector: (input.inspector ?? '').trim(),
    note: (input.note ?? '').trim(),
  }
}

export type GradeProblem = 'frequency' | 'dustLimit'

export function gradeProblem(grade: Pick<CleaningGrade, 'frequency' | 'dustLimit'>): GradeProblem | null {
  if (!Number.isFinite(grade.frequency) || grade.frequency <= 0 || grade.frequency > 24) return 'frequency'
  if (!Number.isFinite(grade.dustLimit) || grade.dustLimit <= 0 || grade.dustLimit >= MAX_GRAMS) return 'dustLimit'
  return null
}

export function gradesPayload(grades: readonly CleaningGrade[]): Record<string, unknown> {
  return { grades: grades.map((grade) => ({ grade: grade.grade, name: grade.name, frequency: grade.frequency, dust_limit: grade.dustLimit })) }
}

function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`
}

/** The three months up to `day` ('YYYY-MM-DD'), both ends included: [day − 3 months, day]. */
export function lastThreeMonths(day: string): { from: string; to: string } {
  const [year, month, date] = day.split('-').map(Number)
  const back = new Date(Date.UTC(year, month - 1 - 3, 1))
  const lastOfMonth = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate()
  return { from: isoDay(new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), Math.min(date, lastOfMonth)))), to: day }
}

/** The first day of `day`'s month, as `roster_quality` takes it. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`
}

/** The team's segments (all when no team): in its area by community or street. */
export function segmentsOfTeam(segments: readonly RosterSegment[], team: RosterTeam | null): RosterSegment[] {
  return segments.filter((segment) => inTeamArea(team, segment))
}

/** Inspections of these segments, newest first. */
export function inspectionsOf(inspections: readonly Inspection[], segmentIds: ReadonlySet<number>): Inspection[] {
  return inspections.filter((inspection) => segmentIds.has(inspection.segmentId)).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
}

export interface QualityLine extends QualityRow {
  label: string
}

/** The team's cleaners' quality rows (every cleaner of the team with samples), labelled 姓名（工号）. */
export function cleanerQuality(rows: readonly QualityRow[], cleaners: readonly RosterCleaner[], team: RosterTeam | null): QualityLine[] {
  const byId = new Map(cleaners.map((cleaner) => [cleaner.id, cleaner]))
  return rows
    .filter((row) => {
      const cleaner = byId.get(row.id)
      return team === null ? true : cleaner?.teamId === team.id
    })
    .map((row) => {
      const cleaner = byId.get(row.id)
      return { ...row, label: cleaner ? `${cleaner.name}（${cleaner.employeeNo}）` : `#${row.id}` }
    })
    .sort((a, b) => a.score - b.score || a.label.localeCompare(b.label, 'zh-CN'))
}

/** The team's segments' quality rows, labelled 背街名 第 N 段. */
export function segmentQuality(rows: readonly QualityRow[], segments: readonly RosterSegment[], team: RosterTeam | null, label: (segment: RosterSegment) => string): QualityLine[] {
  const byId = new Map(segmentsOfTeam(segments, team).map((segment) => [segment.id, segment]))
  return rows
    .filter((row) => byId.has(row.id))
    .map((row) => ({ ...row, label: label(byId.get(row.id)!) }))
    .sort((a, b) => a.score - b.score || a.label.localeCompare(b.label, 'zh-CN'))
}
