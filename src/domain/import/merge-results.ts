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
  | {
      start: number
      count: number
      /**
       * scope 'row': the database refused this one row on its own (commitBatch isolated it);
       * 'batch' (the default): the rows were not written because their batch failed.
       */
      error: { message: string; code?: string; scope?: 'row' | 'batch' }
    }

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
  // computed from lon/lat just before the call (intake-cell.ts): a refusal is about the location
  h3: 'lon',
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
    if ('error' in batch && batch.error.scope === 'row') {
      for (let offset = 0; offset < batch.count; offset++) {
        const index = batch.start + offset
        const intake = validated.ok[index]
        if (intake === undefined) continue
        const target = targetWithNul(intake)
        summary.refused.push({
          row: validated.rowNumbers[index],
          field: target ? columnOf(target) : TARGET_LABELS.row,
          value: target ? shown(String(intake[target])) : intake.external_id,
          reason: `数据库拒绝此行：${databaseMessage(batch.error)}`,
          code: 'database',
          target: target ?? 'row',
        })
      }
      continue
    }
    if ('error' in batch) {
      for (let offset = 0; offset < batch.count; offset++) {
        const index = batch.start + offset
        summary.refused.push({
          row: validated.rowNumbers[index],
          field: TARGET_LABELS.row,
          value: validated.ok[index]?.external_id ?? '',
          reason: `本批未写入数据库：${databaseMessage(batch.error)}`,
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

/**
 * Some refusals come from PostgreSQL itself, in English and without a field (the jsonb parser
 * meeting a NUL character): said in Chinese, the original kept for whoever looks into it.
 */
const DATABASE_MESSAGES: Record<string, string> = {
  '22P05': '文本中含有数据库无法保存的空字符（NUL，\\u0000），请删除该字符后重新导入',
  '22021': '文本中含有无效的字符编码',
  '54000': '内容超出数据库的限制',
}

function databaseMessage(error: { message: string; code?: string }): string {
  const known = (error.code && DATABASE_MESSAGES[error.code]) || (/unsupported Unicode escape/i.test(error.message) ? DATABASE_MESSAGES['22P05'] : null)
  return known ? `${known}（${error.message}）` : error.message
}

/** The text field holding a NUL character, which no PostgreSQL text or jsonb value can hold. */
function targetWithNul(intake: IntakeRow): keyof IntakeRow | null {
  for (const target of ['description', 'external_id', 'category_code', 'source', 'reported_at'] as const) {
    if (String(intake[target]).includes('\u0000')) return target
  }
  return null
}

/** A value for the error report: NUL made visible, long text cut. */
function shown(text: string): string {
  const visible = text.replaceAll('\u0000', '\\u0000')
  return visible.length > 60 ? `${visible.slice(0, 60)}…` : visible
}
