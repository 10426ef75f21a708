/**
 * The composite score (综合指标值) of one unit and month, as public.kpi_monthly computes it
 * (supabase/migrations/20261209000300_kpi_monthly.sql; docs/evaluation.md): each figure gives
 * 0–100 points — 100 × rate for 结案率, 按期结案率 and 保洁质量 (the 以克论净 pass rate), 100 × (1 − rate)
 * for 返工率, 监督举报率 and 环节超时率, where lower is better — and the score is their weighted mean over the figures
 * that have a rate (a rate with denominator 0 is null and leaves, the others' weights scale
 * up to 100 %), rounded to 0.01. No figure with a rate and a weight: no score, no grade.
 *
 * `npm run bench -- kpi` scores its per-grid baseline with it (the score computed apart from
 * the SQL, which must agree); each part says what a figure adds (points, effective weight,
 * contribution). The database stays the authority for the numbers the workspace shows.
 */

export const KPI_WEIGHT_KEYS = ['closure_rate', 'on_time_rate', 'rework_rate', 'public_report_rate', 'stage_late_rate', 'cleaning_quality'] as const
export type KpiWeightKey = (typeof KPI_WEIGHT_KEYS)[number]
/** The figures that enter the score, by weight key (保洁质量's rate is kpi_monthly's cleaning_pass_rate). */
export const KPI_SCORED_KEYS = KPI_WEIGHT_KEYS
export type KpiScoredKey = (typeof KPI_SCORED_KEYS)[number]

/** Lower is better for these: they score 100 × (1 − rate). */
export const KPI_LOWER_IS_BETTER: ReadonlySet<KpiScoredKey> = new Set(['rework_rate', 'public_report_rate', 'stage_late_rate'])

/** Percent per figure; a set sums to 100. */
export type KpiWeights = Record<KpiWeightKey, number>
export type KpiRates = Record<KpiScoredKey, number | null>

export type KpiGrade = 'A' | 'B' | 'C' | 'D' | 'E'
export const KPI_GRADES: readonly KpiGrade[] = ['A', 'B', 'C', 'D', 'E']

/** A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E < 40 (DOMAIN.md, 综合评价). */
export function kpiGrade(score: number | null): KpiGrade | null {
  if (score === null) return null
  if (score >= 90) return 'A'
  if (score >= 75) return 'B'
  if (score >= 60) return 'C'
  if (score >= 40) return 'D'
  return 'E'
}

export interface KpiScorePart {
  key: KpiScoredKey
  rate: number | null
  /** 0–100, or null when the rate is */
  points: number | null
  /** the configured weight, percent */
  weight: number
  /** the weight after the figures without a rate left, percent of the score (0 when this one left) */
  effectiveWeight: number
  /** points × effectiveWeight / 100: what this figure adds to the score */
  contribution: number
}

export interface KpiScore {
  score: number | null
  grade: KpiGrade | null
  parts: KpiScorePart[]
}

export function kpiScore(rates: KpiRates, weights: KpiWeights): KpiScore {
  const raw = KPI_SCORED_KEYS.map((key) => {
    const rate = rates[key]
    const points = rate === null ? null : 100 * (KPI_LOWER_IS_BETTER.has(key) ? 1 - rate : rate)
    return { key, rate, points, weight: weights[key] }
  })
  const counted = raw.filter((part) => part.points !== null && part.weight > 0)
  const weightSum = counted.reduce((sum, part) => sum + part.weight, 0)
  const parts = raw.map((part): KpiScorePart => {
    const effectiveWeight = part.points !== null && part.weight > 0 && weightSum > 0 ? (100 * part.weight) / weightSum : 0
    return { ...part, effectiveWeight, contribution: part.points === null ? 0 : (part.points * effectiveWeight) / 100 }
  })
  if (weightSum === 0) return { score: null, grade: null, parts }
  const mean = counted.reduce((sum, part) => sum + part.weight * (part.points as number), 0) / weightSum
  const score = roundHalfAway(mean, 2)
  return { score, grade: kpiGrade(score), parts }
}

/** As PostgreSQL's round(numeric, 2): halves away from zero, on the decimal value. */
function roundHalfAway(value: number, digits: number): number {
  const factor = 10 ** digits
  // toPrecision(15) takes off binary noise (87.125000000000001 → 87.125) before rounding
  const scaled = Number((Math.abs(value) * factor).toPrecision(15))
  return (Math.sign(value) * Math.round(scaled)) / factor
}
