/**
 * A fixed colour domain for choropleths of counts or rates (issue 17 item 2): class limits
 * computed once from a reference set — every unit of the district in both compared periods
 * (or every step of a playback) — and never from what the viewport shows, so panning,
 * zooming or stepping through time does not repaint a unit whose value did not change, and
 * the same colour means the same value in both periods.
 *
 * Rule (docs/hotspots.md, "Colour domain"): by default 6 classes; 0 gets a class of its own
 * ("no cases") when the reference holds a 0; the other classes are quantiles of the positive
 * values (class i ends at the value of rank ⌈i·n/k⌉ in ascending order, so each holds about
 * n/k of the reference units and every limit is a value that occurs), or, with `nice`, equal
 * steps of 1, 2 or 5 × 10ᵉ from 0 up to the maximum. Equal limits are merged, so fewer
 * classes than asked for can come out (e.g. when most units have 1 case).
 */
import { HotspotError } from './hotspot-error.ts'

export type ColourDomainMethod = 'quantile' | 'nice'

export const DEFAULT_COLOUR_CLASSES = 6

export interface ColourDomainOptions {
  /** classes including the zero class; 2–12 */
  classes?: number
  method?: ColourDomainMethod
  /** give 0 a class of its own when the reference holds a 0 (default true) */
  zeroClass?: boolean
}

export interface ColourClassRange {
  /** the class holds lower < value ≤ upper; lower null = no lower limit */
  lower: number | null
  upper: number
}

export interface ColourDomain {
  method: ColourDomainMethod
  /** each class's largest value, ascending; the last is the reference's maximum */
  limits: number[]
  ranges: ColourClassRange[]
  classCount: number
  hasZeroClass: boolean
  /** 0…classCount − 1; −1 for null or NaN (no data); above the maximum → the last class */
  classOf(value: number | null | undefined): number
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough))
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough * (1 - 1e-12)) return factor * power
  return 10 * power
}

export function colourDomain(reference: ReadonlyArray<ArrayLike<number | null>>, options: ColourDomainOptions = {}): ColourDomain {
  const classes = options.classes ?? DEFAULT_COLOUR_CLASSES
  const method = options.method ?? 'quantile'
  if (!(Number.isInteger(classes) && classes >= 2 && classes <= 12)) throw new HotspotError('bad_class_count', `${classes}`)
  if (method !== 'quantile' && method !== 'nice') throw new HotspotError('bad_class_count', `分级方法须为 quantile 或 nice，而不是 ${String(method)}`)
  const values: number[] = []
  let zeros = 0
  reference.forEach((set, which) => {
    for (let unit = 0; unit < set.length; unit++) {
      const value = set[unit]
      if (value === null || Number.isNaN(value)) continue
      if (!(Number.isFinite(value) && value >= 0)) throw new HotspotError('bad_values', `参照数据第 ${which + 1} 组第 ${unit + 1} 个值为 ${value}`)
      if (value === 0) zeros += 1
      values.push(value)
    }
  })
  const hasZeroClass = (options.zeroClass ?? true) && zeros > 0
  const graded = Float64Array.from(hasZeroClass ? values.filter((value) => value > 0) : values).sort()
  const graduated = classes - (hasZeroClass ? 1 : 0)
  const limits: number[] = hasZeroClass ? [0] : []
  if (graded.length > 0) {
    const maximum = graded[graded.length - 1]
    const candidates: number[] = []
    if (method === 'quantile') {
      for (let step = 1; step <= graduated; step++) candidates.push(graded[Math.ceil((step * graded.length) / graduated) - 1])
    } else if (maximum > 0) {
      const step = niceStep(maximum / graduated)
      for (let limit = step; ; limit += step) {
        candidates.push(Math.min(limit, maximum))
        if (limit >= maximum) break
      }
    } else candidates.push(0)
    for (const limit of candidates) if (limits.length === 0 || limit > limits[limits.length - 1]) limits.push(limit)
  }
  const ranges = limits.map((upper, index) => ({ lower: index === 0 ? null : limits[index - 1], upper }))
  const classOf = (value: number | null | undefined): number => {
    if (value === null || value === undefined || Number.isNaN(value) || limits.length === 0) return -1
    let low = 0
    let high = limits.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (value <= limits[middle]) high = middle
      else low = middle + 1
    }
    return low
  }
  return { method, limits, ranges, classCount: limits.length, hasZeroClass, classOf }
}
