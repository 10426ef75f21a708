/**
 * Getis–Ord Gi* with binary weights and the focal unit included (w_ii = 1), the statistic of
 * Ord & Getis (1995) as computed by spdep's localG with include.self(), esda's
 * G_Local(star=True, transform='B'), GeoDa's local_gstar and ArcGIS's Hot Spot Analysis:
 *
 *   W*_i  = 1 + k_i                       (k_i neighbours other than i)
 *   G*_i  = Σ_j w*_ij x_j / Σ_j x_j
 *   x̄ = Σ x_j / n,   s = √(Σ x_j² / n − x̄²)
 *   z_i   = (Σ_j w*_ij x_j − x̄ W*_i) / (s √((n W*_i − W*_i²) / (n − 1)))
 *
 * (for binary weights Σ_j w*_ij² = W*_i). The z is the same as spdep's (G*_i − E[G*_i]) /
 * √Var[G*_i] with E = W*_i/n and Var = W*_i (n − W*_i) / (n² (n − 1)) · s²/x̄², and does not
 * change under row-standardisation. s is taken in two passes (no cancellation).
 */
import type { NeighbourList } from './neighbour-list.ts'

export interface GiStarValues {
  /** G*_i with binary weights */
  giStar: Float64Array
  z: Float64Array
  /** W*_i = neighbours + 1 */
  weightSum: Int32Array
  mean: number
  standardDeviation: number
}

export function computeGiStar(values: ArrayLike<number>, neighbours: NeighbourList): GiStarValues {
  const n = values.length
  if (neighbours.count !== n) throw new Error(`computeGiStar: ${n} values but ${neighbours.count} units of weights`)
  let sum = 0
  for (let k = 0; k < n; k++) sum += values[k]
  const mean = sum / n
  // Two passes: Σx²/n − x̄² would cancel for large counts with little spread.
  let squares = 0
  for (let k = 0; k < n; k++) squares += (values[k] - mean) * (values[k] - mean)
  const variance = squares / n
  const standardDeviation = Math.sqrt(Math.max(0, variance))
  const giStar = new Float64Array(n)
  const z = new Float64Array(n)
  const weightSum = new Int32Array(n)
  const { offsets, neighbours: list } = neighbours
  for (let unit = 0; unit < n; unit++) {
    let local = values[unit]
    const start = offsets[unit]
    const end = offsets[unit + 1]
    for (let k = start; k < end; k++) local += values[list[k]]
    const weights = end - start + 1
    weightSum[unit] = weights
    giStar[unit] = local / sum
    // A unit whose neighbourhood is everyone has nothing to be compared with: no z.
    const spread = n * weights - weights * weights
    z[unit] = spread > 0 ? (local - mean * weights) / (standardDeviation * Math.sqrt(spread / (n - 1))) : NaN
  }
  return { giStar, z, weightSum, mean, standardDeviation }
}
