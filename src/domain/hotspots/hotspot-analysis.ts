/**
 * One Gi* hotspot analysis over units with values and binary weights: refuses what the
 * statistics cannot support (fewer than 30 units, no variation), computes G*, z, two-sided
 * p, Benjamini–Hochberg p_fdr (on by default) and the ArcGIS-style bin, and reports every
 * choice it made. Units without neighbours keep their z and p (they compare the unit only
 * with itself) but are left out of the FDR family and never get a non-zero bin.
 */
import { benjaminiHochberg } from './benjamini-hochberg.ts'
import { giBin } from './gi-bin.ts'
import { computeGiStar } from './gi-star.ts'
import { HotspotError } from './hotspot-error.ts'
import { isolatedUnits, type NeighbourList } from './neighbour-list.ts'
import { twoSidedNormalP } from './normal-p.ts'

/** Below this the normal approximation of Gi*'s z is not trusted (ArcGIS asks for 30 too). */
export const MINIMUM_UNITS = 30

export interface HotspotOptions {
  /** Benjamini–Hochberg correction; default true */
  fdr?: boolean
  /** default MINIMUM_UNITS; only reference tests on the 6-point esda data set lower it */
  minimumUnits?: number
}

export interface HotspotResult {
  values: Float64Array<ArrayBufferLike>
  giStar: Float64Array
  z: Float64Array
  p: Float64Array
  /** NaN when FDR is off, and for units without neighbours (not tests) */
  pFdr: Float64Array
  bin: Int8Array
  /** neighbours other than the unit itself */
  neighbourCounts: Int32Array
  summary: HotspotSummary
}

export interface HotspotSummary {
  units: number
  fdr: boolean
  mean: number
  standardDeviation: number
  /** indices of units with no neighbour but themselves */
  isolated: number[]
  /** units per bin, keyed −3…3 */
  binCounts: Record<number, number>
  /** the significance test the bins use: "p_fdr" or "p" */
  testedOn: 'p_fdr' | 'p'
}

export function analyseHotspots(values: Float64Array<ArrayBufferLike>, neighbours: NeighbourList, options: HotspotOptions = {}): HotspotResult {
  const fdr = options.fdr ?? true
  const minimumUnits = options.minimumUnits ?? MINIMUM_UNITS
  const n = values.length
  if (n < minimumUnits) throw new HotspotError('too_few_units', `只有 ${n} 个单元，至少需要 ${minimumUnits} 个；请换更细的分析单元（例如更小的网格）或更大的范围`)
  let same = true
  for (let k = 1; k < n && same; k++) same = values[k] === values[0]
  if (same) throw new HotspotError('no_variation', `${n} 个单元的值都是 ${values[0] ?? '（无）'}`)

  const { giStar, z, mean, standardDeviation } = computeGiStar(values, neighbours)
  const neighbourCounts = new Int32Array(n)
  for (let unit = 0; unit < n; unit++) neighbourCounts[unit] = neighbours.offsets[unit + 1] - neighbours.offsets[unit]
  const p = new Float64Array(n)
  for (let unit = 0; unit < n; unit++) p[unit] = twoSidedNormalP(z[unit])
  const isolated = isolatedUnits(neighbours)
  let pFdr: Float64Array = new Float64Array(n).fill(NaN)
  if (fdr) {
    const tested = Float64Array.from(p)
    for (const unit of isolated) tested[unit] = NaN
    pFdr = benjaminiHochberg(tested)
  }
  const significance = fdr ? pFdr : p
  const bin = new Int8Array(n)
  const binCounts: Record<number, number> = { [-3]: 0, [-2]: 0, [-1]: 0, 0: 0, 1: 0, 2: 0, 3: 0 }
  for (let unit = 0; unit < n; unit++) {
    bin[unit] = giBin(z[unit], significance[unit], neighbourCounts[unit] > 0)
    binCounts[bin[unit]] += 1
  }
  return {
    values,
    giStar,
    z,
    p,
    pFdr,
    bin,
    neighbourCounts,
    summary: { units: n, fdr, mean, standardDeviation, isolated, binCounts, testedOn: fdr ? 'p_fdr' : 'p' },
  }
}


