/**
 * Issue 19 (the 考核 workspace): the pure pieces — months and their default, rates shown with
 * their numerator and denominator, rank arrows, grade colours — and the strings in both languages.
 */
import { describe, expect, test } from 'vitest'
import { kpiMonthlySchema } from '../../src/data/kpi-reads.ts'
import {
  addMonths,
  byRank,
  codeLength,
  formatRate,
  GRADE_COLOURS,
  GRADES,
  lastFullMonth,
  monthInstants,
  monthLabel,
  monthState,
  monthsEnding,
  rankChange,
  rankChangeText,
  rateParts,
  worstUnit,
} from '../../src/features/kpi/kpi-figures.ts'
import { kpiEn } from '../../src/features/kpi/i18n.en.ts'
import { kpiZhCN } from '../../src/features/kpi/i18n.zh-CN.ts'
import { unit } from './kpi-support.ts'

describe('months', () => {
  test('steps across years both ways', () => {
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01')
    expect(addMonths('2025-12-01', 1)).toBe('2026-01-01')
    expect(addMonths('2026-10-01', -23)).toBe('2024-11-01')
    expect(monthsEnding('2026-10-01', 12)).toEqual([
      '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01',
      '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01',
    ])
  })

  test('the default is the last month whose data are whole and which has ended', () => {
    // The demo opened the day after its last case (the clock moved to end yesterday).
    expect(lastFullMonth('2026-10-31', '2026-11-01')).toBe('2026-10-01')
    expect(lastFullMonth('2026-12-08', '2026-12-09')).toBe('2026-11-01')
    // Data that stop mid-month: that month is not whole.
    expect(lastFullMonth('2026-10-20', '2026-12-09')).toBe('2026-09-01')
    // Data up to the end of February in a leap year and not.
    expect(lastFullMonth('2028-02-29', '2028-03-05')).toBe('2028-02-01')
    expect(lastFullMonth('2027-02-28', '2027-03-05')).toBe('2027-02-01')
    // Never the running month, even with data to its end somehow; none: last calendar month.
    expect(lastFullMonth('2026-12-31', '2026-12-09')).toBe('2026-11-01')
    expect(lastFullMonth(null, '2026-12-09')).toBe('2026-11-01')
  })

  test('says whether a month is to come, running, past the data or ended', () => {
    expect(monthState('2027-01-01', '2026-12-09', '2026-12-08')).toBe('future')
    expect(monthState('2026-12-01', '2026-12-09', '2026-12-08')).toBe('running')
    expect(monthState('2026-11-01', '2026-11-01', '2026-10-31')).toBe('beyondData')
    expect(monthState('2026-10-01', '2026-11-01', '2026-10-31')).toBe('ended')
  })

  test('a local month as instants for list_cases, at the district’s offset', () => {
    expect(monthInstants('2026-10-01', 8)).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' })
    expect(monthInstants('2026-12-01', 8).to).toBe('2026-12-31T16:00:00.000Z')
  })

  test('labels read 2026年10月 in Chinese and Oct 2026 in English', () => {
    expect(monthLabel('2026-10-01', 'zh-CN')).toBe('2026年10月')
    expect(monthLabel('2026-01-01', 'en')).toBe('Jan 2026')
  })
})

describe('rates', () => {
  test('every rate with its numerator and denominator', () => {
    expect(formatRate(120 / 130, 120, 130, 'zh-CN')).toBe('92.3%（120/130）')
    expect(formatRate(1, 1056, 1056, 'zh-CN')).toBe('100.0%（1,056/1,056）')
    expect(formatRate(0, 0, 7, 'en')).toBe('0.0% (0/7)')
    expect(formatRate(null, 0, 0, 'zh-CN')).toBe('—（0/0）')
  })

  test('rounds half up at one decimal as the figure reads', () => {
    expect(formatRate(0.9995, 1999, 2000, 'zh-CN')).toBe('100.0%（1,999/2,000）')
    expect(formatRate(0.12345, 1, 8, 'zh-CN')).toBe('12.3%（1/8）')
  })

  test('takes each rate’s parts from its own counts (监督举报率 over 立案数)', () => {
    const figures = unit()
    expect(rateParts(figures, 'on_time_rate')).toEqual({ rate: 120 / 130, numerator: 120, denominator: 130 })
    expect(rateParts(figures, 'closure_rate')).toEqual({ rate: 125 / 130, numerator: 125, denominator: 130 })
    expect(rateParts(figures, 'rework_rate')).toEqual({ rate: 4 / 130, numerator: 4, denominator: 130 })
    expect(rateParts(unit({ registered: 200 }), 'public_report_rate')).toMatchObject({ numerator: 39, denominator: 200 })
  })
})

describe('ranks and grades', () => {
  test('an arrow with the number of places, – when unchanged, 新 when not ranked before', () => {
    expect(rankChange(2, 5)).toEqual({ direction: 'up', places: 3 })
    expect(rankChange(7, 4)).toEqual({ direction: 'down', places: 3 })
    expect(rankChange(4, 4)).toEqual({ direction: 'same', places: 0 })
    expect(rankChange(4, null)).toEqual({ direction: 'new', places: 0 })
    expect(rankChange(null, 4)).toEqual({ direction: 'new', places: 0 })
    expect(rankChangeText(rankChange(2, 5), '新')).toBe('↑3')
    expect(rankChangeText(rankChange(14, 2), '新')).toBe('↓12')
    expect(rankChangeText(rankChange(1, 1), '新')).toBe('–')
    expect(rankChangeText(rankChange(1, null), '新')).toBe('新')
  })

  test('orders by rank with ties by code and the unranked last; the worst is the largest rank', () => {
    const units = [unit({ unit_code: 'b', rank: 2 }), unit({ unit_code: 'z', rank: null }), unit({ unit_code: 'c', rank: 1 }), unit({ unit_code: 'a', rank: 2 })]
    expect(byRank(units).map((entry) => entry.unit_code)).toEqual(['c', 'a', 'b', 'z'])
    expect(worstUnit(units)?.unit_code).toBe('b')
    expect(worstUnit([unit({ rank: null })])).toBeNull()
  })

  test('five grades, five distinct colours', () => {
    expect(GRADES).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(new Set(GRADES.map((grade) => GRADE_COLOURS[grade])).size).toBe(5)
  })

  test('code prefixes: 9 digits a street, 12 a community, 15 a grid, none for a department', () => {
    expect([codeLength('street'), codeLength('community'), codeLength('grid'), codeLength('department')]).toEqual([9, 12, 15, null])
  })
})

describe('the read’s schema', () => {
  test('takes the function’s objects and refuses a rate outside 0–1 or an unknown grade', () => {
    expect(kpiMonthlySchema.parse([unit()])).toHaveLength(1)
    expect(kpiMonthlySchema.parse([unit({ closure_rate: null, score: null, grade: null, rank: null, previous_rank: null })])[0].grade).toBeNull()
    expect(() => kpiMonthlySchema.parse([unit({ on_time_rate: 1.2 })])).toThrow()
    expect(() => kpiMonthlySchema.parse([{ ...unit(), grade: 'F' }])).toThrow()
  })
})

describe('strings', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, entry]) => keys(entry, `${prefix}${key}.`)) : [prefix.slice(0, -1)]

  test('Chinese and English have the same keys and placeholders', () => {
    expect(keys(kpiEn)).toEqual(keys(kpiZhCN))
    const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort()
    const lookup = (bundle: unknown, path: string) => path.split('.').reduce((value: unknown, key) => (value as Record<string, unknown>)[key], bundle) as string
    for (const path of keys(kpiZhCN)) expect(placeholders(lookup(kpiEn, path)), path).toEqual(placeholders(lookup(kpiZhCN, path)))
  })
})
