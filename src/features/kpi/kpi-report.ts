/**
 * What the monthly report is made of, as plain rows: the ranking per level as sheet rows
 * (numbers as numbers, rates as fractions), the units graded D/E with their worst figures,
 * a unit's top problems (小类), and the cases of a unit that were due in the month and not
 * closed on time (for 案件). Pure, so the tests check the rows the XLSX and the print page get.
 */
import type { ExportColumn, ExportRow } from '../shared/export/table-export.ts'
import type { KpiLevel, KpiUnit } from '../../data/kpi-reads.ts'
import { byRank, LOWER_IS_BETTER, RATE_KEYS, rankChange, rankChangeText, rateParts, type RateKey } from './kpi-figures.ts'

export const REPORT_KEYS = [
  'rank', 'rank_change', 'unit_code', 'unit_name', 'grade', 'score',
  'registered', 'due', 'closed', 'closed_on_time', 'reworked', 'public_verified', 'stage_late', 'cleaning_samples', 'cleaning_passed',
  'closure_rate', 'on_time_rate', 'rework_rate', 'public_report_rate', 'stage_late_rate', 'cleaning_pass_rate', 'previous_rank',
] as const
export type ReportKey = (typeof REPORT_KEYS)[number]

const NUMBER_KEYS: ReadonlySet<ReportKey> = new Set(['rank', 'score', 'registered', 'due', 'closed', 'closed_on_time', 'reworked', 'public_verified', 'stage_late', 'cleaning_samples', 'cleaning_passed', 'previous_rank'])
const PERCENT_KEYS: ReadonlySet<ReportKey> = new Set(['closure_rate', 'on_time_rate', 'rework_rate', 'public_report_rate', 'stage_late_rate', 'cleaning_pass_rate'])

export function reportColumns(headers: Record<ReportKey, string>): ExportColumn[] {
  return REPORT_KEYS.map((key) => ({ key, title: headers[key], type: NUMBER_KEYS.has(key) ? 'number' : PERCENT_KEYS.has(key) ? 'percent' : 'text' }))
}

/** A level's units as sheet rows, best first; rank changes as the table writes them (↑2, ↓1, –). */
export function reportRows(units: readonly KpiUnit[], gradeLabel: (grade: string) => string, newLabel: string): ExportRow[] {
  return byRank(units).map((unit) => ({
    rank: unit.rank,
    rank_change: rankChangeText(rankChange(unit.rank, unit.previous_rank), newLabel),
    unit_code: unit.unit_code,
    unit_name: unit.unit_name,
    grade: unit.grade === null ? null : gradeLabel(unit.grade),
    score: unit.score,
    registered: unit.registered,
    due: unit.due,
    closed: unit.closed,
    closed_on_time: unit.closed_on_time,
    reworked: unit.reworked,
    public_verified: unit.public_verified,
    stage_late: unit.stage_late,
    cleaning_samples: unit.cleaning_samples,
    cleaning_passed: unit.cleaning_passed,
    closure_rate: unit.closure_rate,
    on_time_rate: unit.on_time_rate,
    rework_rate: unit.rework_rate,
    public_report_rate: unit.public_report_rate,
    stage_late_rate: unit.stage_late_rate,
    cleaning_pass_rate: unit.cleaning_pass_rate,
    previous_rank: unit.previous_rank,
  }))
}

export interface WorstFigure {
  key: RateKey
  rate: number
  numerator: number
  denominator: number
}

/**
 * How far a rate is from perfect: 1 − rate where higher is better, the rate itself where
 * lower is better (返工率, 监督举报率).
 */
export function shortfall(key: RateKey, rate: number): number {
  return LOWER_IS_BETTER.has(key) ? rate : 1 - rate
}

/** A unit's `count` worst rates (largest shortfall first); rates with nothing to divide are left out. */
export function worstFigures(unit: KpiUnit, count = 2): WorstFigure[] {
  return RATE_KEYS.flatMap((key) => {
    const parts = rateParts(unit, key)
    return parts.rate === null ? [] : [{ key, rate: parts.rate, numerator: parts.numerator, denominator: parts.denominator }]
  })
    .sort((a, b) => shortfall(b.key, b.rate) - shortfall(a.key, a.rate))
    .slice(0, count)
}

export interface WeakUnit {
  level: KpiLevel
  unit: KpiUnit
  worst: WorstFigure[]
}

/** The units graded D or E on each level, worst first, with their worst figures. */
export function weakUnits(levels: Partial<Record<KpiLevel, readonly KpiUnit[]>>): WeakUnit[] {
  return Object.entries(levels).flatMap(([level, units]) =>
    byRank((units ?? []).filter((unit) => unit.grade === 'D' || unit.grade === 'E'))
      .reverse()
      .map((unit) => ({ level: level as KpiLevel, unit, worst: worstFigures(unit) })),
  )
}

export interface CategoryCount {
  code: string
  name: string
  count: number
}

/** The most frequent 小类 among cases, most first (ties by code). */
export function topCategories(cases: readonly { category_code: string; category_name: string }[], count = 5): CategoryCount[] {
  const counts = new Map<string, CategoryCount>()
  for (const entry of cases) {
    const found = counts.get(entry.category_code)
    if (found) found.count += 1
    else counts.set(entry.category_code, { code: entry.category_code, name: entry.category_name, count: 1 })
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, count)
}

export interface DueCase {
  id: number
  status: string
  deadline_at: string | null
  closed_at: string | null
  /** late by the desk's one rule (handled, else closed, after the deadline; open and past it) */
  overdue: boolean
}

/**
 * The cases of a month's 应结案数 that are not in its 按期结案数: not rejected, the deadline in
 * the month, and either not closed by the month's end or late. (Cases closed in the month
 * before a later deadline are due and on time by definition, so none of them is listed.)
 */
export function notClosedOnTime(cases: readonly DueCase[], from: string, to: string): number[] {
  const fromMs = Date.parse(from)
  const toMs = Date.parse(to)
  return cases
    .filter((entry) => {
      if (entry.status === 'rejected' || entry.deadline_at === null) return false
      const deadline = Date.parse(entry.deadline_at)
      if (deadline < fromMs || deadline >= toMs) return false
      const closedInTime = entry.closed_at !== null && Date.parse(entry.closed_at) < toMs && !entry.overdue
      return !closedInTime
    })
    .map((entry) => entry.id)
}
