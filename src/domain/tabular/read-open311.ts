/**
 * Open311 GeoReport v2 service requests (the JSON form of GET /requests.json): an array of
 * request objects, or the same wrapped as { "service_requests": [...] } as some servers do.
 * The standard fields come first in the specification's order, then any extra fields.
 */
import { cleanValue, valueText } from './read-geojson.ts'
import { excerpt, rowsReadOf, WHOLE_ROW, type ReadIssue } from './read-issue.ts'
import type { Table } from './table.ts'
import { TableError } from './table-error.ts'

export const OPEN311_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
] as const

function requestList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value
  if (value && typeof value === 'object') {
    const wrapped = (value as { service_requests?: unknown; requests?: unknown }).service_requests ?? (value as { requests?: unknown }).requests
    if (Array.isArray(wrapped)) return wrapped
  }
  return null
}

/** An array (or wrapped array) of objects: GeoJSON is always an object, so this is Open311. */
export function isOpen311(value: unknown): boolean {
  return requestList(value) !== null
}

export function readOpen311(value: unknown): Table {
  const list = requestList(value)
  if (!list) throw new TableError('unknown_json', '应为服务请求（service request）数组')
  if (list.length === 0) throw new TableError('no_rows', '服务请求数组为空')
  const issues: ReadIssue[] = []
  const requests: { item: Record<string, unknown>; number: number }[] = []
  list.forEach((item, index) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      requests.push({ item: item as Record<string, unknown>, number: index + 1 })
      return
    }
    issues.push({
      code: 'not_a_record', refused: true, row: index + 1, field: WHOLE_ROW, value: excerpt(JSON.stringify(item) ?? ''),
      message: '不是 JSON 对象，无法读取：本请求未导入',
    })
  })
  const extra: string[] = []
  const present = new Set<string>()
  const standard = new Set<string>(OPEN311_FIELDS)
  for (const { item } of requests) {
    for (const key of Object.keys(item)) {
      if (present.has(key)) continue
      present.add(key)
      if (!standard.has(key)) extra.push(key)
    }
  }
  const columns = [...OPEN311_FIELDS.filter((field) => present.has(field)), ...extra]
  const rows = requests.map(({ item, number }) =>
    Object.fromEntries(columns.map((column) => [column, cleanValue(valueText(item[column]), number, column, issues)])))
  if (rowsReadOf(rows.length, issues) === 0) throw new TableError('no_rows')
  issues.sort((a, b) => a.row - b.row)
  return { columns, rows, format: 'open311', rowNumbers: requests.map(({ number }) => number), issues, notices: [] }
}
