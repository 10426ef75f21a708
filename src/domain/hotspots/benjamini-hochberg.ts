/**
 * Benjamini–Hochberg adjusted p-values (the false discovery rate step-up procedure, as R's
 * p.adjust(method = "BH")): p_fdr(i) = min over ranks r ≥ rank(i) of min(1, m·p(r)/r).
 * A unit is significant at level α after correction exactly when p_fdr ≤ α, which is the
 * same as ArcGIS's FDR threshold test. NaN entries are not tests: they stay NaN and do not
 * count in m.
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const adjusted = new Float64Array(p.length).fill(NaN)
  const order: number[] = []
  for (let k = 0; k < p.length; k++) if (!Number.isNaN(p[k])) order.push(k)
  const m = order.length
  order.sort((a, b) => p[a] - p[b] || a - b)
  let running = 1
  for (let rank = m; rank >= 1; rank--) {
    const unit = order[rank - 1]
    running = Math.min(running, (m * p[unit]) / rank)
    adjusted[unit] = running
  }
  return adjusted
}
