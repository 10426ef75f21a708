/**
 * The case table's pure parts (src/features/cases): columns and their remembered widths and
 * visibility, 剩余/超期 measured as the overdue flag is, the sort reaching list_cases, and the
 * export — rows mapped, every page read once and cancellable, refused above the cap, and a
 * workbook that Excel reads back with Chinese headers and local times.
 */
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { Repository, type AuthProvider, type RpcTransport } from '../../src/data/repository.ts'
import { RPC, rpcToSql, type RpcSpec } from '../../src/data/rpc.ts'
import type { CaseList, CaseListRow } from '../../src/data/schemas.ts'
import { casesZhCN } from '../../src/features/cases/i18n.zh-CN.ts'
import {
  CASE_COLUMNS,
  COLUMN_SORT,
  DEFAULT_TABLE_WIDTH,
  DEFAULT_WIDTHS,
  MAX_WIDTH,
  MIN_WIDTH,
  PREFERENCES_KEY,
  loadPreferences,
  parsePreferences,
  remainingText,
  remainingTime,
  savePreferences,
  visibleColumns,
  withShown,
  withWidth,
  type RemainingWords,
} from '../../src/features/cases/case-table-columns.ts'
import {
  CASE_EXPORT_KEYS,
  EXPORT_MAX_ROWS,
  ExportCancelled,
  caseExportColumns,
  caseExportFileName,
  caseExportRow,
  exportRefusal,
  fetchAllCases,
  type CaseExportLabels,
} from '../../src/features/cases/case-export.ts'
import { tableToXlsx } from '../../src/features/shared/export/table-export.ts'

const HOUR = 3_600_000
const NOW = Date.parse('2026-12-06T10:00:00+08:00')

function row(id: number, patch: Partial<CaseListRow> = {}): CaseListRow {
  return {
    id,
    case_number: `20261201-${String(id).padStart(6, '0')}`,
    external_id: null,
    category_code: '06010',
    category_name: '暴露垃圾',
    source: 'patrol',
    status: 'dispatched',
    grid_code: '329001001001001',
    department_id: 1,
    department_name: '区城市管理局',
    reported_at: '2026-12-01T08:00:00+08:00',
    deadline_at: '2026-12-06T12:00:00+08:00',
    late_stages: [],
    handled_at: null,
    closed_at: null,
    closure_type: null,
    overdue: false,
    lon: 119.9,
    lat: 32.45,
    ...patch,
  }
}

/** The Chinese words, as the table writes them. */
const words: RemainingWords = {
  days: (days) => `${days}天`,
  daysHours: (days, hours) => `${days}天${hours}时`,
  hoursMinutes: (hours, minutes) => `${hours}时${minutes}分`,
  minutes: (minutes) => `${minutes}分`,
  left: (duration) => `剩 ${duration}`,
  late: (duration) => `超 ${duration}`,
  met: '按期',
  none: '—',
}

describe('columns', () => {
  test('nine columns, all but 来源 and 剩余/超期 sorted by the server, and all fit the 1440 px pane', () => {
    expect(CASE_COLUMNS).toHaveLength(9)
    expect(CASE_COLUMNS.filter((column) => COLUMN_SORT[column] === null)).toEqual(['source', 'remaining'])
    expect(new Set(Object.values(COLUMN_SORT).filter(Boolean)).size).toBe(7)
    // cases.css gives the list 1440 − 228 (filters) − 352 (map) = 860 px, less a scrollbar.
    expect(DEFAULT_TABLE_WIDTH).toBeLessThanOrEqual(860 - 15)
  })

  test('preferences survive a round trip; junk, unknown columns and hiding the number are dropped', () => {
    const memory = new Map<string, string>()
    const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value) }
    let preferences = withWidth(loadPreferences(storage), 'grid', 150)
    preferences = withShown(preferences, CASE_COLUMNS.filter((column) => column !== 'source' && column !== 'department'))
    savePreferences(preferences, storage)
    expect(JSON.parse(memory.get(PREFERENCES_KEY)!)).toEqual({ widths: { grid: 150 }, hidden: ['source', 'department'] })
    expect(loadPreferences(storage)).toEqual(preferences)
    expect(visibleColumns(loadPreferences(storage))).not.toContain('source')

    expect(parsePreferences('{not json')).toEqual({ widths: {}, hidden: [] })
    expect(parsePreferences('[1,2]')).toEqual({ widths: {}, hidden: [] })
    expect(parsePreferences(JSON.stringify({ widths: { grid: 5, number: 9999, bogus: 100 }, hidden: ['number', 'status', 'nope'] }))).toEqual({
      widths: { grid: MIN_WIDTH, number: MAX_WIDTH },
      hidden: ['status'],
    })
    expect(withShown({ widths: {}, hidden: [] }, []).hidden).not.toContain('number')
    expect(withWidth({ widths: {}, hidden: [] }, 'status', Number.NaN).widths.status).toBe(MIN_WIDTH)
    expect(DEFAULT_WIDTHS.number).toBeGreaterThan(DEFAULT_WIDTHS.status)
  })

  test('a storage that refuses is survived with the defaults', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loadPreferences(refusing)).toEqual({ widths: {}, hidden: [] })
    expect(() => savePreferences({ widths: { grid: 100 }, hidden: [] }, refusing)).not.toThrow()
  })
})

describe('剩余/超期', () => {
  test('an open case counts down to its deadline, then up past it', () => {
    expect(remainingTime(row(1), NOW)).toEqual({ kind: 'left', minutes: 120 })
    expect(remainingTime(row(1, { deadline_at: '2026-12-03T07:30:00+08:00' }), NOW)).toEqual({ kind: 'late', minutes: 3 * 1440 + 150, running: true })
    expect(remainingText(remainingTime(row(1), NOW), words)).toBe('剩 2时0分')
    expect(remainingText(remainingTime(row(1, { deadline_at: '2026-12-03T07:30:00+08:00' }), NOW), words)).toBe('超 3天2时')
    expect(remainingText(remainingTime(row(1, { deadline_at: '2026-11-01T10:00:00+08:00' }), NOW), words)).toBe('超 35天')
    expect(remainingText(remainingTime(row(1, { deadline_at: '2026-12-06T10:12:30+08:00' }), NOW), words)).toBe('剩 12分')
  })

  test('a handled case is measured to the end of 处置, as its overdue flag is', () => {
    const handledLate = row(1, { status: 'checked', deadline_at: '2026-12-02T10:00:00+08:00', handled_at: '2026-12-02T15:30:00+08:00', overdue: true })
    expect(remainingTime(handledLate, NOW)).toEqual({ kind: 'late', minutes: 330, running: false })
    const closedInTime = row(1, { status: 'closed', handled_at: '2026-12-05T09:00:00+08:00', closed_at: '2026-12-05T11:00:00+08:00' })
    expect(remainingTime(closedInTime, NOW)).toEqual({ kind: 'met' })
    // a case closed before handled_at was recorded (old history): closed_at ends the clock
    expect(remainingTime(row(1, { status: 'closed', deadline_at: '2026-12-01T09:00:00+08:00', closed_at: '2026-12-01T10:00:00+08:00' }), NOW)).toEqual({
      kind: 'late',
      minutes: 60,
      running: false,
    })
    expect(remainingText(remainingTime(closedInTime, NOW), words)).toBe('按期')
  })

  test('a rejected case or one without a deadline has none', () => {
    expect(remainingTime(row(1, { status: 'rejected' }), NOW)).toEqual({ kind: 'none' })
    expect(remainingTime(row(1, { deadline_at: null }), NOW)).toEqual({ kind: 'none' })
    expect(remainingText({ kind: 'none' }, words)).toBe('—')
  })
})

describe('the sort reaches list_cases', () => {
  test('sort and direction are sent only when chosen, typed for PGlite', () => {
    const calls: Record<string, unknown>[] = []
    const transport: RpcTransport = {
      kind: 'embedded',
      async call(_rpc: RpcSpec, args: Record<string, unknown>) {
        calls.push(args)
        return { total: 0, limit: 50, offset: 0, rows: [] }
      },
    }
    const repository = new Repository(transport, {} as AuthProvider, 'test')
    void repository.cases({ sort: 'deadline_at', descending: false })
    void repository.cases({})
    expect(calls[0]).toMatchObject({ p_sort: 'deadline_at', p_descending: false })
    expect(calls[1]).not.toHaveProperty('p_sort')
    expect(calls[1]).not.toHaveProperty('p_descending')
    const { sql } = rpcToSql(RPC.listCases, calls[0])
    expect(sql).toContain('p_sort => $')
    expect(sql).toMatch(/p_descending => \$\d+::boolean/)
  })
})

const labels: CaseExportLabels = {
  headers: casesZhCN.export.headers,
  source: (source) => (casesZhCN.source as Record<string, string>)[source],
  status: (status) => ({ dispatched: '处置中', closed: '已结案' })[status] ?? status,
  closure: (closure) => (casesZhCN.closure as Record<string, string>)[closure],
  yes: '是',
  no: '否',
  remaining: (entry, nowMs) => remainingText(remainingTime(entry, nowMs), words),
}

describe('export', () => {
  test('a case becomes a row of codes as text, labels in Chinese and instants', () => {
    const closed = row(7, {
      external_id: '12319-0007',
      category_code: '01001',
      source: 'hotline_12319',
      status: 'closed',
      handled_at: '2026-12-02T09:00:00+08:00',
      closed_at: '2026-12-02T10:00:00+08:00',
      closure_type: 'overdue',
      deadline_at: '2026-12-01T18:00:00+08:00',
      overdue: true,
      grid_code: null,
      department_name: null,
    })
    expect(caseExportRow(closed, labels, NOW)).toEqual({
      case_number: '20261201-000007',
      external_id: '12319-0007',
      category_code: '01001',
      category_name: '暴露垃圾',
      source: '12319 热线',
      status: '已结案',
      overdue: '是',
      remaining: '超 15时0分',
      grid_code: null,
      department_name: null,
      reported_at: '2026-12-01T08:00:00+08:00',
      deadline_at: '2026-12-01T18:00:00+08:00',
      handled_at: '2026-12-02T09:00:00+08:00',
      closed_at: '2026-12-02T10:00:00+08:00',
      closure_type: '超时结案',
      lon: 119.9,
      lat: 32.45,
    })
    expect(caseExportColumns(labels).map((column) => column.title)).toEqual(CASE_EXPORT_KEYS.map((key) => casesZhCN.export.headers[key]))
  })

  test('the file is named for the local day it is made', () => {
    // 2026-12-06 23:30 in Beijing is still the 6th there, already the 7th nowhere else that matters
    expect(caseExportFileName(Date.parse('2026-12-06T15:30:00Z'), 8)).toBe('案件列表-20261206.xlsx')
    expect(caseExportFileName(Date.parse('2026-12-06T16:30:00Z'), 8)).toBe('案件列表-20261207.xlsx')
  })

  test('nothing to export, or more than the cap, is refused before any call', () => {
    expect(exportRefusal(0)).toEqual({ kind: 'empty' })
    expect(exportRefusal(EXPORT_MAX_ROWS)).toBeNull()
    expect(exportRefusal(EXPORT_MAX_ROWS + 1)).toEqual({ kind: 'tooMany', total: EXPORT_MAX_ROWS + 1, max: EXPORT_MAX_ROWS })
    expect(casesZhCN.export.tooMany).toContain('{{max}}')
  })

  const server = (count: number, calls: [number, number][], shiftAfterFirst = 0) => async (offset: number, limit: number): Promise<CaseList> => {
    calls.push([offset, limit])
    // newest first: a case reported while the export runs pushes every later page down
    const shift = calls.length > 1 ? shiftAfterFirst : 0
    const ids = Array.from({ length: count + shift }, (_, index) => count + shift - index)
    return { total: count + shift, limit, offset, rows: ids.slice(offset, offset + limit).map((id) => row(id)) }
  }

  test('every page is read once, in order, until the total; progress is told', async () => {
    const calls: [number, number][] = []
    const progress: number[] = []
    const rows = await fetchAllCases(server(12, calls), { total: 12, pageSize: 5, onProgress: (done) => progress.push(done) })
    expect(calls).toEqual([[0, 5], [5, 5], [10, 5]])
    expect(rows.map((entry) => entry.id)).toEqual(Array.from({ length: 12 }, (_, index) => 12 - index))
    expect(progress).toEqual([5, 10, 12])
  })

  test('a case that moves between pages is written once', async () => {
    const calls: [number, number][] = []
    const rows = await fetchAllCases(server(10, calls, 1), { total: 10, pageSize: 5 })
    expect(new Set(rows.map((entry) => entry.id)).size).toBe(rows.length)
    // the new case sits above the pages already read: the export holds what was there when it began
    expect(rows.map((entry) => entry.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
  })

  test('cancelling stops before the next call', async () => {
    const calls: [number, number][] = []
    const controller = new AbortController()
    const read = fetchAllCases(server(20, calls), { total: 20, pageSize: 5, signal: controller.signal, onProgress: (done) => done >= 10 && controller.abort() })
    await expect(read).rejects.toBeInstanceOf(ExportCancelled)
    expect(calls).toHaveLength(2)
  })

  test('the workbook reads back with the Chinese headers, codes as text and times at local wall-clock', async () => {
    const rows = [row(1, { category_code: '01001' }), row(2, { deadline_at: null })]
    const blob = await tableToXlsx('案件列表', caseExportColumns(labels), rows.map((entry) => caseExportRow(entry, labels, NOW)), { utcOffsetHours: 8 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await blob.arrayBuffer())
    const sheet = workbook.getWorksheet('案件列表')!
    expect(sheet.rowCount).toBe(3)
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(CASE_EXPORT_KEYS.map((key) => casesZhCN.export.headers[key]))
    const column = (key: string) => CASE_EXPORT_KEYS.indexOf(key as (typeof CASE_EXPORT_KEYS)[number]) + 1
    expect(sheet.getRow(2).getCell(column('category_code')).value).toBe('01001')
    // 08:00 in Beijing is written as the wall-clock 08:00 (Excel has no zones)
    const reported = sheet.getRow(2).getCell(column('reported_at')).value as Date
    expect(reported.toISOString()).toBe('2026-12-01T08:00:00.000Z')
    expect(sheet.getRow(3).getCell(column('deadline_at')).value).toBeNull()
    expect(sheet.getRow(2).getCell(column('remaining')).value).toBe('剩 2时0分')
    expect(Date.parse(reported.toISOString()) - Date.parse(rows[0].reported_at)).toBe(8 * HOUR)
  })
})
