/**
 * The filtered case list as an XLSX file (案件列表-YYYYMMDD.xlsx): every page, not only the
 * one shown, read from list_cases EXPORT_PAGE_SIZE rows a call in the table's order, then
 * written by table-export.ts (exceljs, loaded on first use) with times as local wall-clock
 * cells. Above EXPORT_MAX_ROWS the export is refused before anything is read
 * (docs/decisions.md, "案件列表导出上限").
 */
import type { CaseList, CaseListRow } from '../../data/schemas.ts'
import type { ExportColumn, ExportRow } from '../shared/export/table-export.ts'

/** Rows per list_cases call (its cap is 5,000). */
export const EXPORT_PAGE_SIZE = 5000
/**
 * The most rows one export writes. exceljs holds the whole workbook in memory (≈ 17 cells a
 * row); 50,000 rows take a few seconds and a few hundred MB in the browser, and half a year of
 * a busy district. More is refused with a message to narrow the filters.
 */
export const EXPORT_MAX_ROWS = 50_000

/** The labels the rows are written with (already translated). */
export interface CaseExportLabels {
  headers: Record<CaseExportKey, string>
  source: (source: string) => string
  status: (status: string) => string
  closure: (closure: string) => string
  yes: string
  no: string
  /** 剩余/超期 as the table shows it, e.g. 超期 3 天 4 小时 */
  remaining: (row: CaseListRow, nowMs: number) => string
}

export const CASE_EXPORT_KEYS = [
  'case_number', 'external_id', 'category_code', 'category_name', 'source', 'status', 'overdue', 'remaining',
  'grid_code', 'department_name', 'reported_at', 'deadline_at', 'handled_at', 'closed_at', 'closure_type', 'lon', 'lat',
] as const
export type CaseExportKey = (typeof CASE_EXPORT_KEYS)[number]

const TYPES: Partial<Record<CaseExportKey, ExportColumn['type']>> = {
  reported_at: 'date',
  deadline_at: 'date',
  handled_at: 'date',
  closed_at: 'date',
  lon: 'number',
  lat: 'number',
}

export function caseExportColumns(labels: Pick<CaseExportLabels, 'headers'>): ExportColumn[] {
  return CASE_EXPORT_KEYS.map((key) => ({ key, title: labels.headers[key], type: TYPES[key] ?? 'text' }))
}

/** One case as a sheet row: codes as text (a leading zero kept), labels in the UI language, times as instants. */
export function caseExportRow(row: CaseListRow, labels: CaseExportLabels, nowMs: number): ExportRow {
  return {
    case_number: row.case_number,
    external_id: row.external_id,
    category_code: row.category_code,
    category_name: row.category_name,
    source: labels.source(row.source),
    status: labels.status(row.status),
    overdue: row.overdue ? labels.yes : labels.no,
    remaining: labels.remaining(row, nowMs),
    grid_code: row.grid_code,
    department_name: row.department_name,
    reported_at: row.reported_at,
    deadline_at: row.deadline_at,
    handled_at: row.handled_at ?? null,
    closed_at: row.closed_at,
    closure_type: row.closure_type ? labels.closure(row.closure_type) : null,
    lon: row.lon,
    lat: row.lat,
  }
}

/** 案件列表-YYYYMMDD.xlsx, the day being the local day at the district's offset. */
export function caseExportFileName(madeAtMs: number, offsetHours: number): string {
  const day = new Date(madeAtMs + offsetHours * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')
  return `案件列表-${day}.xlsx`
}

export type ExportRefusal = { kind: 'empty' } | { kind: 'tooMany'; total: number; max: number }

/** Why an export of `total` rows is not started, or null when it may be. */
export function exportRefusal(total: number, max = EXPORT_MAX_ROWS): ExportRefusal | null {
  if (total <= 0) return { kind: 'empty' }
  if (total > max) return { kind: 'tooMany', total, max }
  return null
}

export class ExportCancelled extends Error {
  constructor() {
    super('cancelled')
    this.name = 'ExportCancelled'
  }
}

export interface FetchAllOptions {
  /** the total the table shows; the loop also stops at the first short page */
  total: number
  pageSize?: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/**
 * Every row of the filtered list, page after page in the list's order. A case that moves
 * between two pages while they are read (a new report pushes the newest-first list down by
 * one) would come twice: rows are kept once by id. Cancelling stops before the next call.
 */
export async function fetchAllCases(fetchPage: (offset: number, limit: number) => Promise<CaseList>, options: FetchAllOptions): Promise<CaseListRow[]> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE
  const rows = new Map<number, CaseListRow>()
  let total = options.total
  for (let offset = 0; offset < total; offset += pageSize) {
    if (options.signal?.aborted) throw new ExportCancelled()
    const page = await fetchPage(offset, pageSize)
    if (options.signal?.aborted) throw new ExportCancelled()
    for (const row of page.rows) if (!rows.has(row.id)) rows.set(row.id, row)
    // The list may have grown or shrunk since the table counted it: the server's count rules.
    total = page.total
    options.onProgress?.(Math.min(rows.size, total), total)
    if (page.rows.length < pageSize) break
  }
  return [...rows.values()]
}
