/**
 * Orders for the rows of one page of the case list. list_cases pages newest first
 * (reported_at desc, id desc) and has no sort parameter, so a column sort orders the rows
 * shown, never the whole list.
 */
import { INCIDENT_STATUSES, type CaseListRow } from '../../data/schemas.ts'

export type CaseSortKey = 'case_number' | 'category_code' | 'status' | 'grid_code' | 'reported_at' | 'deadline_at'

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '')
/** Missing times (a case without a deadline) sort first ascending, last descending. */
const byTime = (a: string | null, b: string | null) => (a ? Date.parse(a) : -Infinity) - (b ? Date.parse(b) : -Infinity) || 0
const statusRank = (status: string) => INCIDENT_STATUSES.indexOf(status as (typeof INCIDENT_STATUSES)[number])

/** Ascending comparators; the table reverses them for a descending sort. */
export const CASE_ORDER: Record<CaseSortKey, (a: CaseListRow, b: CaseListRow) => number> = {
  // The number is the report day and the id; the id alone orders it.
  case_number: (a, b) => a.id - b.id,
  category_code: (a, b) => byText(a.category_code, b.category_code),
  // In the workflow's order (待受理 → … → 已结案, 不予立案), not alphabetically.
  status: (a, b) => statusRank(a.status) - statusRank(b.status),
  grid_code: (a, b) => byText(a.grid_code, b.grid_code),
  reported_at: (a, b) => byTime(a.reported_at, b.reported_at) || a.id - b.id,
  deadline_at: (a, b) => byTime(a.deadline_at, b.deadline_at),
}
