/**
 * Issue 19 item 6 (the monthly report): the rows the XLSX and the print page get — each level
 * ranked with counts and rates as numbers, the units graded D/E with their worst figures — the
 * XLSX read back with exceljs, a unit's top 小类, and the cases due in a month that were not
 * closed on time (what 「查看未按期结案案件」 hands to 案件).
 */
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import type { KpiLevel, KpiUnit } from '../../src/data/kpi-reads.ts'
import { kpiWorkbook, type KpiExportLabels } from '../../src/features/kpi/kpi-export.ts'
import { notClosedOnTime, REPORT_KEYS, reportColumns, reportRows, shortfall, topCategories, weakUnits, worstFigures, type DueCase } from '../../src/features/kpi/kpi-report.ts'
import { kpiZhCN } from '../../src/features/kpi/i18n.zh-CN.ts'
import { unit } from './kpi-support.ts'

const headers = kpiZhCN.headers

describe('report rows', () => {
  test('one row per unit, best first, counts and rates as numbers, the change as the table writes it', () => {
    const rows = reportRows([unit({ unit_code: 'b', rank: 2, previous_rank: 1, grade: 'B' }), unit({ unit_code: 'a', rank: 1, previous_rank: null })], (grade) => `${grade}级`, '新')
    expect(rows.map((row) => row.unit_code)).toEqual(['a', 'b'])
    expect(rows[0]).toMatchObject({ rank: 1, rank_change: '新', grade: 'A级', due: 130, closed_on_time: 120, on_time_rate: 120 / 130 })
    expect(rows[1].rank_change).toBe('↓1')
    expect(Object.keys(rows[0])).toEqual([...REPORT_KEYS])
  })

  test('rates are percent columns, counts number columns, names text', () => {
    const columns = reportColumns(headers)
    const type = (key: string) => columns.find((column) => column.key === key)?.type
    expect([type('on_time_rate'), type('public_report_rate'), type('due'), type('score'), type('unit_name'), type('rank_change')]).toEqual(['percent', 'percent', 'number', 'number', 'text', 'text'])
    expect(columns.find((column) => column.key === 'public_report_rate')?.title).toBe('监督举报率（越低越好）')
  })
})

describe('units graded D or E', () => {
  test('their worst figures: the largest shortfall from perfect, where lower is better counted the other way', () => {
    expect(shortfall('on_time_rate', 0.6)).toBeCloseTo(0.4)
    expect(shortfall('public_report_rate', 0.6)).toBeCloseTo(0.6)
    const weak = unit({ grade: 'E', on_time_rate: 0.5, closed_on_time: 50, due: 100, closure_rate: 0.9, closed: 90, rework_rate: 0.05, reworked: 5, public_report_rate: 0.7, public_verified: 70, registered: 100 })
    expect(worstFigures(weak).map((figure) => figure.key)).toEqual(['public_report_rate', 'on_time_rate'])
    expect(worstFigures(unit({ rework_rate: null, public_report_rate: null, closure_rate: null, stage_late_rate: null, cleaning_pass_rate: null, on_time_rate: 0.4 }))).toEqual([{ key: 'on_time_rate', rate: 0.4, numerator: 120, denominator: 130 }])
  })

  test('listed per level, worst first; A–C are left out', () => {
    const levels: Partial<Record<KpiLevel, KpiUnit[]>> = {
      street: [unit({ unit_code: 's1', grade: 'A' }), unit({ unit_code: 's2', grade: 'D', rank: 5 })],
      community: [unit({ unit_code: 'c1', grade: 'D', rank: 70 }), unit({ unit_code: 'c2', grade: 'E', rank: 81 }), unit({ unit_code: 'c3', grade: 'C', rank: 60 })],
    }
    expect(weakUnits(levels).map((entry) => `${entry.level}:${entry.unit.unit_code}`)).toEqual(['street:s2', 'community:c2', 'community:c1'])
  })
})

describe('the XLSX', () => {
  const labels: KpiExportLabels = {
    headers,
    level: (level) => kpiZhCN.level[level],
    grade: (grade) => kpiZhCN.grade[grade as 'A'],
    rate: (key) => kpiZhCN.columns[key as 'on_time_rate'],
    newRank: '新',
    weakSheet: kpiZhCN.report.weak,
    levelColumn: kpiZhCN.report.levelColumn,
    worstColumn: kpiZhCN.report.worst,
    language: 'zh-CN',
  }

  test('a sheet per level and one of the D/E units, rates as fractions shown with %', async () => {
    const levels: Record<KpiLevel, KpiUnit[]> = {
      street: [unit(), unit({ unit_code: '329001002', unit_name: '城中街道', rank: 2, grade: 'D', score: 55, on_time_rate: 0.5, closed_on_time: 65 })],
      community: [unit({ unit_code: '329001001001', unit_name: '东湖社区' })],
      grid: [],
      department: [unit({ unit_code: 'SZ', unit_name: '区市政设施管理处' })],
    }
    const blob = await kpiWorkbook(levels, labels, 8)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await blob.arrayBuffer())
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['街道', '社区', '单元网格', '部门', '评为 D、E 等级的单位'])
    const streets = workbook.getWorksheet('街道')!
    expect(streets.rowCount).toBe(3)
    const header = streets.getRow(1).values as unknown[]
    const column = (title: string) => header.indexOf(title)
    expect(streets.getRow(2).getCell(column('单位编码')).value).toBe('329001001')
    const onTime = streets.getRow(3).getCell(column('按期结案率'))
    expect(onTime.value).toBe(0.5)
    expect(onTime.numFmt).toBe('0.0%')
    expect(streets.getRow(3).getCell(column('等级')).value).toBe('D 较差')
    expect(workbook.getWorksheet('单元网格')!.rowCount).toBe(1)
    const weak = workbook.getWorksheet('评为 D、E 等级的单位')!
    expect(weak.rowCount).toBe(2)
    expect(String(weak.getRow(2).getCell(7).value)).toContain('按期结案率 50.0%（65/130）')
  })
})

describe('a unit’s cases', () => {
  test('top problems: the most frequent 小类 first, ties by code', () => {
    const cases = [
      { category_code: '06036', category_name: '乱堆杂物' },
      { category_code: '06012', category_name: '道路不洁' },
      { category_code: '06036', category_name: '乱堆杂物' },
      { category_code: '06010', category_name: '暴露垃圾' },
      { category_code: '06012', category_name: '道路不洁' },
      { category_code: '06036', category_name: '乱堆杂物' },
    ]
    expect(topCategories(cases, 2)).toEqual([
      { code: '06036', name: '乱堆杂物', count: 3 },
      { code: '06012', name: '道路不洁', count: 2 },
    ])
    expect(topCategories([])).toEqual([])
  })

  test('not closed on time: due in the month (deadline in it) and open at its end or late; rejected and other months left out', () => {
    const from = '2026-09-30T16:00:00.000Z'
    const to = '2026-10-31T16:00:00.000Z'
    const base: DueCase = { id: 0, status: 'closed', deadline_at: '2026-10-10T10:00:00.000Z', closed_at: '2026-10-09T10:00:00.000Z', overdue: false }
    const cases: DueCase[] = [
      { ...base, id: 1 }, // closed in time
      { ...base, id: 2, closed_at: '2026-10-12T10:00:00.000Z', overdue: true }, // closed late
      { ...base, id: 3, status: 'dispatched', closed_at: null, overdue: true }, // still open
      { ...base, id: 4, closed_at: '2026-11-03T02:00:00.000Z', overdue: false }, // handled in time, closed after the month
      { ...base, id: 5, status: 'rejected', closed_at: null, overdue: false }, // rejected: not due
      { ...base, id: 6, deadline_at: '2026-09-30T15:59:59.000Z', closed_at: null, overdue: true }, // due the month before
      { ...base, id: 7, deadline_at: '2026-11-05T00:00:00.000Z', closed_at: '2026-10-20T00:00:00.000Z' }, // closed early: due and on time
      { ...base, id: 8, deadline_at: null }, // no deadline
      { ...base, id: 9, deadline_at: '2026-10-31T15:59:59.000Z', closed_at: null, overdue: true }, // last second of the month
    ]
    expect(notClosedOnTime(cases, from, to)).toEqual([2, 3, 4, 9])
  })
})
