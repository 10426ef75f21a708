/**
 * What the 热点分析 workspace computes from the cases of a period and the chosen units —
 * counts, rates, Gi* and emerging hot spots — as plain functions of their inputs, so the
 * React side only memoises them. Statistics come from src/domain/hotspots, the same code
 * the `npm run hotspots` command runs.
 */
import {
  analyseHotspots,
  describeWeights,
  HotspotError,
  type HotspotResult,
  type WeightsSpec,
} from '../../domain/hotspots/index.ts'
import { countPerUnit } from '../../domain/hotspots/unit-index.ts'
import { emergingFromCases, type EmergingFromCases } from '../../domain/hotspots/emerging-from-cases.ts'
import { EmergingHotspotError } from '../../domain/hotspots/emerging-hotspots.ts'
import { periodSteps, stepOfInstants, type StepKind, type TimeStep } from '../../domain/hotspots/time-steps.ts'
import type { DayRange } from '../../domain/hotspots/analysis-period.ts'
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import type { UnitSet } from './unit-sets.ts'

/** A message for the panel: an i18n key of the hotspots namespace and its values. */
export interface Said {
  key: string
  values?: Record<string, string | number>
}

/** A result, or why there is none: a domain refusal (already in words) or a key to say. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string | Said }

export interface UnitCounts {
  unitOfCase: Int32Array
  counts: Float64Array
  /** cases in no unit (outside the district, or no grid) */
  outside: number
}

export function unitCounts(units: UnitSet, cases: PeriodCases): UnitCounts {
  const unitOfCase = units.unitOfCases(cases)
  const counts = Float64Array.from(countPerUnit(unitOfCase, units.ids.length))
  let outside = 0
  for (const unit of unitOfCase) if (unit < 0) outside += 1
  return { unitOfCase, counts, outside }
}

/** Cases per km² of each unit. */
export function unitRates(units: UnitSet, counts: Float64Array): Float64Array {
  return Float64Array.from(counts, (count, unit) => (units.areaKm2[unit] > 0 ? count / units.areaKm2[unit] : 0))
}

export interface GiOutcome {
  result: HotspotResult
  /** every choice the analysis made, for the panel (as ArcGIS's Optimized Hot Spot reports them) */
  choices: Said[]
}

export function runGiStar(units: UnitSet, values: Float64Array, weights: WeightsSpec, fdr: boolean, valueKey: string): Outcome<GiOutcome> {
  const total = values.reduce((sum, value) => sum + value, 0)
  if (total === 0) return { ok: false, reason: { key: 'refusal.noCases' } }
  try {
    const neighbours = units.neighbours(weights)
    const result = analyseHotspots(values, neighbours, { fdr })
    const choices: Said[] = [
      { key: 'choice.units', values: { units: values.length } },
      { key: 'choice.value', values: { value: valueKey } },
      { key: 'choice.weights', values: { weights: describeWeights(weights) } },
      { key: fdr ? 'choice.fdrOn' : 'choice.fdrOff' },
      { key: 'choice.levels' },
    ]
    if (result.summary.isolated.length > 0) choices.push({ key: 'choice.isolated', values: { count: result.summary.isolated.length } })
    return { ok: true, value: { result, choices } }
  } catch (error) {
    if (error instanceof HotspotError) return { ok: false, reason: error.message }
    throw error
  }
}

/** Weekly steps up to half a year, monthly beyond: enough steps for a trend, not too sparse. */
export function emergingStepKind(range: DayRange): StepKind {
  const days = (Date.parse(range.last) - Date.parse(range.first)) / 86_400_000 + 1
  return days <= 183 ? 'week' : 'month'
}

export interface EmergingOutcome extends EmergingFromCases {
  steps: TimeStep[]
  stepKind: StepKind
}

export function runEmerging(
  units: UnitSet,
  cases: PeriodCases,
  unitOfCase: Int32Array,
  range: DayRange,
  offsetHours: number,
  weights: WeightsSpec,
  fdr: boolean,
): Outcome<EmergingOutcome> {
  const stepKind = emergingStepKind(range)
  const steps = periodSteps(range, stepKind, offsetHours)
  if (steps.length < 2) return { ok: false, reason: { key: 'refusal.tooFewSteps', values: { steps: steps.length } } }
  try {
    const neighbours = units.neighbours(weights)
    const stepOfCase = stepOfInstants(cases.time, steps)
    const result = emergingFromCases(unitOfCase, stepOfCase, units.ids.length, steps.length, neighbours, { fdr })
    return { ok: true, value: { ...result, steps, stepKind } }
  } catch (error) {
    if (error instanceof HotspotError || error instanceof EmergingHotspotError) return { ok: false, reason: error.message }
    throw error
  }
}
