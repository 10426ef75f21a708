/**
 * The Mann–Kendall trend test (Mann 1945, Kendall 1975), as pymannkendall's original_test and
 * as ArcGIS applies it to each location's series of Gi* z-scores in Emerging Hot Spot Analysis:
 *
 *   S      = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = (n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)) / 18     (t_g: size of each group of ties)
 *   z      = (S − 1)/√Var(S) if S > 0,  (S + 1)/√Var(S) if S < 0,  0 if S = 0   (continuity correction)
 *   p      = two-sided normal p of z
 *   τ      = S / (n(n−1)/2)                                     (Kendall's τ-a, as pymannkendall's Tau)
 *
 * The direction is "increasing"/"decreasing" when p ≤ alpha (the sign of z), else "none".
 * Ties are exact equality; the series must be finite (the caller drops or refuses gaps).
 */
import { twoSidedNormalP } from './normal-p.ts'

export type TrendDirection = 'increasing' | 'decreasing' | 'none'

export interface MannKendallResult {
  n: number
  s: number
  varianceS: number
  z: number
  p: number
  tau: number
  direction: TrendDirection
}

/** Default significance level of the trend (two-sided). */
export const MANN_KENDALL_ALPHA = 0.05

export function mannKendall(series: ArrayLike<number>, alpha: number = MANN_KENDALL_ALPHA): MannKendallResult {
  const n = series.length
  if (n < 2) throw new RangeError(`mannKendall: a trend needs at least 2 values, got ${n}`)
  for (let k = 0; k < n; k++) if (!Number.isFinite(series[k])) throw new RangeError(`mannKendall: value ${k} is not a finite number (${series[k]})`)
  let s = 0
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(series[j] - series[i])
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieCorrection(series)) / 18
  let z = 0
  if (varianceS > 0 && s > 0) z = (s - 1) / Math.sqrt(varianceS)
  else if (varianceS > 0 && s < 0) z = (s + 1) / Math.sqrt(varianceS)
  const p = twoSidedNormalP(z)
  const tau = s / ((n * (n - 1)) / 2)
  const direction: TrendDirection = p <= alpha && z !== 0 ? (z > 0 ? 'increasing' : 'decreasing') : 'none'
  return { n, s, varianceS, z, p, tau, direction }
}

/** Σ over groups of equal values of t(t−1)(2t+5). */
function tieCorrection(series: ArrayLike<number>): number {
  const sorted = Float64Array.from(series).sort()
  let correction = 0
  let start = 0
  for (let k = 1; k <= sorted.length; k++) {
    if (k < sorted.length && sorted[k] === sorted[start]) continue
    const t = k - start
    correction += t * (t - 1) * (2 * t + 5)
    start = k
  }
  return correction
}
