/**
 * Rankings of units (issue 17 item 7): per 街道, 社区, grid or road, the count of the period,
 * the rate per km² (areas) or per km (roads), the change on the previous period of the same
 * length, the rank, and a sparkline from unitStepCounts.
 *
 * Choices: rank 1 = the most; ties share the best rank and the next rank skips ("1, 2, 2, 4",
 * standard competition ranking, as published monthly rankings do). Ranked by rate, a unit
 * without a measure (or of measure 0) has no rate and no rank, and comes last. The change in %
 * is null when the previous count is 0 (no base to compare with), never Infinity.
 */
import { HotspotError } from './hotspot-error.ts'

export type RankBy = 'count' | 'rate'

export interface RankingInput {
  /** cases per unit in the period */
  current: ArrayLike<number>
  /** cases per unit in the period before, of the same length */
  previous: ArrayLike<number>
  /** each unit's area in km² or length in km; null (or absent) = no measure */
  measures?: ArrayLike<number | null>
  /** unitStepCounts of the period and its step count: each row gets its unit's series */
  series?: { counts: Int32Array; steps: number }
  rankBy?: RankBy
}

export interface RankingRow {
  /** index into the caller's unit list */
  unit: number
  count: number
  previous: number
  /** per km² or per km; null without a measure */
  rate: number | null
  previousRate: number | null
  change: number
  /** null when previous = 0 */
  changePercent: number | null
  /** 1 = most; null when ranked by rate and there is no rate */
  rank: number | null
  /** the rank the unit had in the previous period, by the same measure */
  previousRank: number | null
  sparkline: Int32Array | null
}

function checkCounts(values: ArrayLike<number>, name: string): void {
  for (let unit = 0; unit < values.length; unit++) {
    const value = values[unit]
    if (!(Number.isFinite(value) && value >= 0)) throw new HotspotError('bad_values', `${name}第 ${unit + 1} 个单元的数值为 ${value}`)
  }
}

/** Competition ranks of the values, largest first; null values get no rank. */
export function competitionRanks(values: ArrayLike<number | null>): (number | null)[] {
  const ranked: number[] = []
  for (let unit = 0; unit < values.length; unit++) if (values[unit] !== null) ranked.push(unit)
  ranked.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b)
  const ranks: (number | null)[] = Array.from({ length: values.length }, () => null)
  ranked.forEach((unit, position) => {
    const before = position > 0 ? ranked[position - 1] : -1
    ranks[unit] = before >= 0 && values[before] === values[unit] ? ranks[before] : position + 1
  })
  return ranks
}

function rateOf(count: number, measure: number | null): number | null {
  return measure === null || measure === 0 ? null : count / measure
}

/** The rows, best rank first (unranked last), ties in unit order. */
export function rankUnits(input: RankingInput): RankingRow[] {
  const { current, previous, measures, series } = input
  const rankBy = input.rankBy ?? 'count'
  const units = current.length
  if (previous.length !== units) throw new HotspotError('unequal_lengths', `本期 ${units} 个单元，上期 ${previous.length} 个`)
  if (measures && measures.length !== units) throw new HotspotError('unequal_lengths', `${units} 个单元，面积/长度 ${measures.length} 个`)
  if (series && !(Number.isInteger(series.steps) && series.steps > 0 && series.counts.length === units * series.steps)) {
    throw new HotspotError('unequal_lengths', `${units} 个单元 × ${series.steps} 个时间步，序列有 ${series.counts.length} 个值`)
  }
  checkCounts(current, '本期')
  checkCounts(previous, '上期')
  const measureOf = (unit: number): number | null => {
    const measure = measures ? measures[unit] : null
    if (measure === null || measure === undefined) return null
    if (!(Number.isFinite(measure) && measure >= 0)) throw new HotspotError('bad_measure', `第 ${unit + 1} 个单元为 ${measure}`)
    return measure
  }
  const rates = Array.from({ length: units }, (_unused, unit) => rateOf(current[unit], measureOf(unit)))
  const previousRates = Array.from({ length: units }, (_unused, unit) => rateOf(previous[unit], measureOf(unit)))
  const ranks = competitionRanks(rankBy === 'rate' ? rates : Array.from(current))
  const previousRanks = competitionRanks(rankBy === 'rate' ? previousRates : Array.from(previous))
  const rows: RankingRow[] = Array.from({ length: units }, (_unused, unit) => {
    const count = current[unit]
    const before = previous[unit]
    return {
      unit,
      count,
      previous: before,
      rate: rates[unit],
      previousRate: previousRates[unit],
      change: count - before,
      changePercent: before === 0 ? null : ((count - before) / before) * 100,
      rank: ranks[unit],
      previousRank: previousRanks[unit],
      sparkline: series ? series.counts.subarray(unit * series.steps, (unit + 1) * series.steps) : null,
    }
  })
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit - b.unit)
}
