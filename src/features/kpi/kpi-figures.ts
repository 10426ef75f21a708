/**
 * The pure pieces of the 考核 workspace: months, rates with their numerator and denominator,
 * rank changes and grade colours. No React, no I/O, so the unit tests and the report share them.
 */
import type { KpiGrade, KpiLevel, KpiUnit } from '../../data/kpi-reads.ts'
import { KPI_GRADES } from '../../domain/kpi/kpi-score.ts'

/** A month as the database takes it: 'YYYY-MM-01'. */
export type Month = string

const HOUR_MS = 3_600_000

export function monthOf(day: string): Month {
  return `${day.slice(0, 7)}-01`
}

/** The month `steps` months after (negative: before) `month`. */
export function addMonths(month: Month, steps: number): Month {
  const year = Number(month.slice(0, 4))
  const index = year * 12 + Number(month.slice(5, 7)) - 1 + steps
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEnding(month: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, index) => addMonths(month, index - count + 1))
}

function lastDayOf(month: Month): string {
  return new Date(Date.parse(`${addMonths(month, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}

/**
 * The month the workspace opens on: the last month that has ended and whose data are whole —
 * the month of the newest case when that case falls on the month's last day, else the month
 * before. The demo's cases end the day before it is opened, so this is last calendar month.
 */
export function lastFullMonth(dataEnd: string | null, today: string): Month {
  const todayMonth = monthOf(today)
  if (!dataEnd) return addMonths(todayMonth, -1)
  const endMonth = monthOf(dataEnd)
  const whole = dataEnd.slice(0, 10) === lastDayOf(endMonth) ? endMonth : addMonths(endMonth, -1)
  return whole < todayMonth ? whole : addMonths(todayMonth, -1)
}

/** Where a month stands against today and the data. */
export type MonthState = 'future' | 'running' | 'beyondData' | 'ended'

export function monthState(month: Month, today: string, dataEnd: string | null): MonthState {
  const todayMonth = monthOf(today)
  if (month > todayMonth) return 'future'
  if (dataEnd && month > monthOf(dataEnd)) return 'beyondData'
  if (month === todayMonth) return 'running'
  return 'ended'
}

/** The local month as instants [from, to) for list_cases (reported_at), written at the offset. */
export function monthInstants(month: Month, offsetHours: number): { from: string; to: string } {
  const at = (day: Month) => new Date(Date.parse(`${day}T00:00:00Z`) - offsetHours * HOUR_MS).toISOString()
  return { from: at(month), to: at(addMonths(month, 1)) }
}

/** The local calendar day of now at the offset. */
export function localToday(nowMs: number, offsetHours: number): string {
  return new Date(nowMs + offsetHours * HOUR_MS).toISOString().slice(0, 10)
}

/** 2026年10月 / Oct 2026 */
export function monthLabel(month: Month, language: string): string {
  const year = Number(month.slice(0, 4))
  const number = Number(month.slice(5, 7))
  if (language.startsWith('zh')) return `${year}年${number}月`
  return new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, number - 1, 1)))
}

/** The rates, their numerators and denominators, in the order the table shows them. */
export const RATE_KEYS = ['closure_rate', 'on_time_rate', 'rework_rate', 'public_report_rate', 'stage_late_rate', 'cleaning_pass_rate'] as const
export type RateKey = (typeof RATE_KEYS)[number]

export const RATE_PARTS: Record<RateKey, { numerator: keyof KpiUnit; denominator: keyof KpiUnit }> = {
  closure_rate: { numerator: 'closed', denominator: 'due' },
  on_time_rate: { numerator: 'closed_on_time', denominator: 'due' },
  rework_rate: { numerator: 'reworked', denominator: 'due' },
  public_report_rate: { numerator: 'public_verified', denominator: 'registered' },
  stage_late_rate: { numerator: 'stage_late', denominator: 'due' },
  cleaning_pass_rate: { numerator: 'cleaning_passed', denominator: 'cleaning_samples' },
}

/** Rates where less is better for the unit (problems found by others, or sent back). */
export const LOWER_IS_BETTER: ReadonlySet<RateKey> = new Set(['rework_rate', 'public_report_rate', 'stage_late_rate'])

export function rateParts(unit: KpiUnit, key: RateKey): { rate: number | null; numerator: number; denominator: number } {
  const parts = RATE_PARTS[key]
  return { rate: unit[key], numerator: unit[parts.numerator] as number, denominator: unit[parts.denominator] as number }
}

/**
 * A rate with what it is made of: 92.3%（120/130） in Chinese, 92.3% (120/130) in English;
 * '—（0/0）' when there is nothing to divide.
 */
export function formatRate(rate: number | null, numerator: number, denominator: number, language: string): string {
  const zh = language.startsWith('zh')
  const shown = rate === null || !Number.isFinite(rate) ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
  const counts = `${numerator.toLocaleString(language)}/${denominator.toLocaleString(language)}`
  return zh ? `${shown}（${counts}）` : `${shown} (${counts})`
}

export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1)
}

export interface RankChange {
  /** up: better than last month (a smaller rank number) */
  direction: 'up' | 'down' | 'same' | 'new'
  places: number
}

export function rankChange(rank: number | null, previous: number | null): RankChange {
  if (rank === null || previous === null) return { direction: 'new', places: 0 }
  if (rank < previous) return { direction: 'up', places: previous - rank }
  if (rank > previous) return { direction: 'down', places: rank - previous }
  return { direction: 'same', places: 0 }
}

/** ↑3 / ↓2 / – / 新 (new) */
export function rankChangeText(change: RankChange, newLabel: string): string {
  switch (change.direction) {
    case 'up':
      return `↑${change.places}`
    case 'down':
      return `↓${change.places}`
    case 'same':
      return '–'
    case 'new':
      return newLabel
  }
}

/** A to E (the grades kpi_monthly gives, src/domain/kpi/kpi-score.ts) */
export const GRADES: readonly KpiGrade[] = KPI_GRADES

/** Green to red, readable as fills on the map and as tags; E is the darkest red. */
export const GRADE_COLOURS: Record<KpiGrade, string> = {
  A: '#15803d',
  B: '#65a30d',
  C: '#ca8a04',
  D: '#ea580c',
  E: '#b91c1c',
}

/** The grid-code prefix length of a level, null for departments. */
export function codeLength(level: KpiLevel): number | null {
  return level === 'street' ? 9 : level === 'community' ? 12 : level === 'grid' ? 15 : null
}

/** Units in rank order (unranked last), ties by code. */
export function byRank(units: readonly KpiUnit[]): KpiUnit[] {
  return [...units].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit_code.localeCompare(b.unit_code))
}

/** The worst-ranked unit (largest rank number); null when none is ranked. */
export function worstUnit(units: readonly KpiUnit[]): KpiUnit | null {
  const ranked = units.filter((unit) => unit.rank !== null)
  return ranked.length === 0 ? null : byRank(ranked).at(-1)!
}
