/**
 * intake_incidents answers per row (index within its batch, ok/duplicate/id or the database's
 * code, field and message). This puts those answers back on the file's rows: refused rows
 * become RowErrors naming the user's row and column, accepted rows keep the grid the database
 * placed them in. A batch that failed as a whole (network, permission) wrote nothing — it is
 * one transaction — and each of its rows is reported as not imported.
 */
import { FROM_GEOMETRY, type ColumnMapping } from './column-mapping.ts'
import { TARGET_LABELS, type IntakeRow, type RowError } from './intake-row.ts'

/** Structurally the Repository's IntakeResult (src/data/schemas.ts). */
export type IntakeOutcome =
  | {
      index: number
      ok: true
      duplicate: boolean
      id: number
      grid_code?: string | null
      segment_id?: number | null
      department_id?: number | null
      deadline_at?: string | null
    }
  | { index: number; ok: false; code: string; field: string | null; message: string }

export type BatchOutcome =
  | { start: number; results: readonly IntakeOutcome[] }
  | { start: number; count: number; error: { message: string; code?: string } }

export interface PlacedRow {
  row: number
  id: number
  externalId: string
  duplicate: boolean
  gridCode: string | null
  departmentId: number | null
  deadlineAt: string | null
}

export interface CommitSummary {
  inserted: number
  duplicates: number
  /** inserted rows the database could not place in a grid */
  withoutGrid: number
  refused: RowError[]
  placed: PlacedRow[]
}

const DATABASE_FIELDS: Record<string, keyof IntakeRow> = {
  external_id: 'external_id',
  lon: 'lon',
  lat: 'lat',
  geometry: 'lon',
  category_code: 'category_code',
  source: 'source',
  description: 'description',
  reported_at: 'reported_at',
}

export function mergeIntakeResults(
  batchResults: readonly BatchOutcome[],
  validated: { ok: readonly IntakeRow[]; rowNumbers: readonly number[] },
  mapping?: Partial<ColumnMapping>,
): CommitSummary {
  const summary: CommitSummary = { inserted: 0, duplicates: 0, withoutGrid: 0, refused: [], placed: [] }
  const columnOf = (target: keyof IntakeRow): string => {
    const byTarget: Partial<Record<keyof IntakeRow, string | undefined>> = {
      external_id: mapping?.externalId,
      lon: mapping?.lon === FROM_GEOMETRY ? '几何' : mapping?.lon,
      lat: mapping?.lat === FROM_GEOMETRY ? '几何' : mapping?.lat,
      category_code: mapping?.category,
      source: mapping?.source,
      description: mapping?.description,
      reported_at: mapping?.reportedAt,
    }
    return byTarget[target] ?? TARGET_LABELS[target]
  }

  for (const batch of batchResults) {
    if ('error' in batch) {
      for (let offset = 0; offset < batch.count; offset++) {
        const index = batch.start + offset
        summary.refused.push({
          row: validated.rowNumbers[index],
          field: TARGET_LABELS.row,
          value: validated.ok[index]?.external_id ?? '',
          reason: `本批未写入数据库：${batch.error.message}`,
          code: 'database',
          target: 'row',
        })
      }
      continue
    }
    for (const result of batch.results) {
      const index = batch.start + result.index
      const intake = validated.ok[index]
      const row = validated.rowNumbers[index]
      if (intake === undefined || row === undefined) continue
      if (result.ok) {
        if (result.duplicate) summary.duplicates++
        else summary.inserted++
        if (!result.duplicate && !result.grid_code) summary.withoutGrid++
        summary.placed.push({
          row,
          id: result.id,
          externalId: intake.external_id,
          duplicate: result.duplicate,
          gridCode: result.grid_code ?? null,
          departmentId: result.department_id ?? null,
          deadlineAt: result.deadline_at ?? null,
        })
      } else {
        const target = (result.field && DATABASE_FIELDS[result.field]) || null
        summary.refused.push({
          row,
          field: target ? columnOf(target) : (result.field ?? TARGET_LABELS.row),
          value: target ? String(intake[target]) : '',
          reason: `数据库拒绝：${result.message}`,
          code: 'database',
          target: target ?? 'row',
        })
      }
    }
  }
  summary.refused.sort((a, b) => a.row - b.row)
  return summary
}
