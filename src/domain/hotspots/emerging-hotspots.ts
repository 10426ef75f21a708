/**
 * Emerging hot spots (issue 17 item 5): each unit's Gi* results over time steps (z and bin per
 * step, oldest first, one analyseHotspots run per step) are put into ArcGIS Pro's Emerging Hot
 * Spot Analysis categories — new, consecutive, intensifying, persistent, diminishing, sporadic,
 * oscillating and historical hot or cold spot, or no pattern — with a Mann–Kendall trend test
 * on the unit's z series. Definitions, the choices where ArcGIS's text leaves room, and sources:
 * docs/hotspots.md, "Emerging hot spots".
 *
 * A step is a hot (cold) spot when its bin is > 0 (< 0): significant at 90 % confidence or more,
 * on the FDR-corrected p when the per-step analysis had FDR on (as ArcGIS). "90 % of the time
 * steps" means at least 90 %: 10·hot ≥ 9·steps, counted in integers.
 */
import { mannKendall, MANN_KENDALL_ALPHA, type MannKendallResult } from './mann-kendall.ts'

export const EMERGING_CATEGORIES = [
  'new_hot',
  'consecutive_hot',
  'intensifying_hot',
  'persistent_hot',
  'diminishing_hot',
  'sporadic_hot',
  'oscillating_hot',
  'historical_hot',
  'new_cold',
  'consecutive_cold',
  'intensifying_cold',
  'persistent_cold',
  'diminishing_cold',
  'sporadic_cold',
  'oscillating_cold',
  'historical_cold',
  'no_pattern',
] as const

export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number]

/** The names ArcGIS's Chinese documentation uses (新兴热点分析). */
export const EMERGING_CATEGORY_LABELS: Record<EmergingCategory, string> = {
  new_hot: '新增的热点',
  consecutive_hot: '连续的热点',
  intensifying_hot: '加强的热点',
  persistent_hot: '持续的热点',
  diminishing_hot: '逐渐减少的热点',
  sporadic_hot: '分散的热点',
  oscillating_hot: '振荡的热点',
  historical_hot: '历史热点',
  new_cold: '新增的冷点',
  consecutive_cold: '连续的冷点',
  intensifying_cold: '加强的冷点',
  persistent_cold: '持续的冷点',
  diminishing_cold: '逐渐减少的冷点',
  sporadic_cold: '分散的冷点',
  oscillating_cold: '振荡的冷点',
  historical_cold: '历史冷点',
  no_pattern: '未检测到模式',
}

/** Fewer steps than this: the categories are still given, but the summary warns (see docs). */
export const RECOMMENDED_TIME_STEPS = 10
export const MINIMUM_TIME_STEPS = 2

export const EMERGING_ERROR_MESSAGES = {
  too_few_steps: '时间步不足 2 个，无法判断热点随时间的变化，拒绝计算',
  unequal_series: '各单元的时间序列长度不一致，拒绝计算',
  bad_bin: '分级（bin）必须是 −3…3 的整数',
} as const

export type EmergingErrorCode = keyof typeof EMERGING_ERROR_MESSAGES

export class EmergingHotspotError extends Error {
  readonly code: EmergingErrorCode

  constructor(code: EmergingErrorCode, detail: string) {
    super(`${EMERGING_ERROR_MESSAGES[code]}：${detail}`)
    this.name = 'EmergingHotspotError'
    this.code = code
  }
}

/** One unit's Gi* results, oldest step first. */
export interface UnitSeries {
  z: ArrayLike<number>
  bin: ArrayLike<number>
}

export interface EmergingHotspotOptions {
  /** significance of the Mann–Kendall trend on z (two-sided); default MANN_KENDALL_ALPHA (0.05) */
  trendAlpha?: number
}

export interface EmergingHotspotUnit {
  category: EmergingCategory
  /** Mann–Kendall on the z series; NaN fields (direction "none") when a z is not finite */
  trend: MannKendallResult
  hotSteps: number
  coldSteps: number
  finalBin: number
}

export interface EmergingHotspotSummary {
  steps: number
  units: number
  trendAlpha: number
  /** fewer than RECOMMENDED_TIME_STEPS steps */
  shortSeries: boolean
  /** Chinese notes for the panel (e.g. the short-series warning) */
  notes: string[]
  categoryCounts: Record<EmergingCategory, number>
}

export interface EmergingHotspotResult {
  units: EmergingHotspotUnit[]
  summary: EmergingHotspotSummary
}

export function classifyEmergingHotspots(series: readonly UnitSeries[], options: EmergingHotspotOptions = {}): EmergingHotspotResult {
  const trendAlpha = options.trendAlpha ?? MANN_KENDALL_ALPHA
  const steps = checkSeries(series)
  const categoryCounts = Object.fromEntries(EMERGING_CATEGORIES.map((category) => [category, 0])) as Record<EmergingCategory, number>
  const units = series.map((unit) => {
    const result = classifyUnit(unit, trendAlpha)
    categoryCounts[result.category] += 1
    return result
  })
  const shortSeries = steps < RECOMMENDED_TIME_STEPS
  const notes = shortSeries
    ? [`只有 ${steps} 个时间步（建议至少 ${RECOMMENDED_TIME_STEPS} 个）：“90% 的时间步”即全部时间步，Mann–Kendall 趋势检验的正态近似也较粗，分类仅供参考`]
    : []
  return { units, summary: { steps, units: series.length, trendAlpha, shortSeries, notes, categoryCounts } }
}

/** The same, from one per-step result (analyseHotspots) per time step, oldest first. */
export function emergingHotspotsFromSteps(
  stepResults: readonly { z: ArrayLike<number>; bin: ArrayLike<number> }[],
  options: EmergingHotspotOptions = {},
): EmergingHotspotResult {
  if (stepResults.length < MINIMUM_TIME_STEPS) throw new EmergingHotspotError('too_few_steps', `只有 ${stepResults.length} 个时间步`)
  const unitCount = stepResults[0].z.length
  stepResults.forEach((step, index) => {
    if (step.z.length !== unitCount || step.bin.length !== unitCount)
      throw new EmergingHotspotError('unequal_series', `第 1 个时间步有 ${unitCount} 个单元，第 ${index + 1} 个时间步有 ${step.z.length} 个 z、${step.bin.length} 个分级（每个时间步必须是同一组单元、同一顺序）`)
  })
  const series: UnitSeries[] = []
  for (let unit = 0; unit < unitCount; unit++)
    series.push({ z: stepResults.map((step) => step.z[unit]), bin: stepResults.map((step) => step.bin[unit]) })
  return classifyEmergingHotspots(series, options)
}

function checkSeries(series: readonly UnitSeries[]): number {
  const steps = series.length > 0 ? series[0].bin.length : 0
  series.forEach((unit, index) => {
    if (unit.z.length !== unit.bin.length)
      throw new EmergingHotspotError('unequal_series', `第 ${index + 1} 个单元有 ${unit.z.length} 个 z、${unit.bin.length} 个分级`)
    if (unit.bin.length !== steps)
      throw new EmergingHotspotError('unequal_series', `第 1 个单元有 ${steps} 个时间步，第 ${index + 1} 个单元有 ${unit.bin.length} 个`)
    for (let step = 0; step < steps; step++) {
      const bin = unit.bin[step]
      if (!Number.isInteger(bin) || bin < -3 || bin > 3)
        throw new EmergingHotspotError('bad_bin', `第 ${index + 1} 个单元第 ${step + 1} 个时间步的分级是 ${bin}`)
    }
  })
  if (series.length > 0 && steps < MINIMUM_TIME_STEPS) throw new EmergingHotspotError('too_few_steps', `只有 ${steps} 个时间步`)
  return steps
}

function classifyUnit(unit: UnitSeries, trendAlpha: number): EmergingHotspotUnit {
  const steps = unit.bin.length
  let hotSteps = 0
  let coldSteps = 0
  for (let step = 0; step < steps; step++) {
    if (unit.bin[step] > 0) hotSteps += 1
    else if (unit.bin[step] < 0) coldSteps += 1
  }
  const finalBin = unit.bin[steps - 1]
  const trend = trendOf(unit.z, trendAlpha)
  const category = categoryOf(unit.bin, hotSteps, coldSteps, trend)
  return { category, trend, hotSteps, coldSteps, finalBin }
}

function trendOf(z: ArrayLike<number>, trendAlpha: number): MannKendallResult {
  for (let step = 0; step < z.length; step++)
    if (!Number.isFinite(z[step])) return { n: z.length, s: NaN, varianceS: NaN, z: NaN, p: NaN, tau: NaN, direction: 'none' }
  return mannKendall(z, trendAlpha)
}

/** At least 90 % of the steps, in integers. */
function mostSteps(count: number, steps: number): boolean {
  return 10 * count >= 9 * steps
}

function categoryOf(bins: ArrayLike<number>, hotSteps: number, coldSteps: number, trend: MannKendallResult): EmergingCategory {
  const steps = bins.length
  const finalSign = Math.sign(bins[steps - 1])
  if (finalSign === 0) {
    if (mostSteps(hotSteps, steps)) return 'historical_hot'
    if (mostSteps(coldSteps, steps)) return 'historical_cold'
    return 'no_pattern'
  }
  // The final step is significant: describe it from its own side (hot or cold).
  const hot = finalSign > 0
  const same = hot ? hotSteps : coldSteps
  const opposite = hot ? coldSteps : hotSteps
  const pick = (hotCategory: EmergingCategory, coldCategory: EmergingCategory) => (hot ? hotCategory : coldCategory)
  if (mostSteps(same, steps)) {
    // Clustering intensity: hot spots intensify as z rises, cold spots as z falls.
    const strengthening = hot ? 'increasing' : 'decreasing'
    if (trend.direction === 'none') return pick('persistent_hot', 'persistent_cold')
    return trend.direction === strengthening ? pick('intensifying_hot', 'intensifying_cold') : pick('diminishing_hot', 'diminishing_cold')
  }
  if (opposite > 0) return pick('oscillating_hot', 'oscillating_cold')
  if (same === 1) return pick('new_hot', 'new_cold')
  if (finalRun(bins, finalSign) === same) return pick('consecutive_hot', 'consecutive_cold')
  return pick('sporadic_hot', 'sporadic_cold')
}

/** Length of the run of steps with the given sign that ends at the final step. */
function finalRun(bins: ArrayLike<number>, sign: number): number {
  let run = 0
  for (let step = bins.length - 1; step >= 0 && Math.sign(bins[step]) === sign; step--) run += 1
  return run
}
