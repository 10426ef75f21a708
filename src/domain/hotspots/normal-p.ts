/**
 * Two-sided p-value of a standard normal z: p = erfc(|z| / √2). erfc is computed to about
 * 1e-14 relative accuracy — by its Taylor series below 2 and by its continued fraction above
 * — so p stays exact in the far tail where 1 − Φ(z) would cancel to 0 (Benjamini–Hochberg
 * ranks those tail values).
 */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI)

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (x < 0) return 2 - erfc(-x)
  if (x < 2) {
    // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    const squared = x * x
    let term = x
    let sum = x
    for (let n = 1; n < 200; n++) {
      term *= -squared / n
      const contribution = term / (2 * n + 1)
      sum += contribution
      if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) break
    }
    return 1 - TWO_OVER_SQRT_PI * sum
  }
  if (x > 27) return 0
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), by modified Lentz.
  const tiny = 1e-300
  let f = x
  let c = x
  let d = 0
  for (let n = 1; n < 500; n++) {
    const a = n / 2
    d = x + a * d
    d = d === 0 ? tiny : d
    c = x + a / c
    c = c === 0 ? tiny : c
    d = 1 / d
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2))
}
