/**
 * The confidence class of a Gi* result, as ArcGIS's Gi_Bin: ±3 significant at 99 %
 * (p ≤ 0.01), ±2 at 95 % (p ≤ 0.05), ±1 at 90 % (p ≤ 0.10), signed by z (+ hot, − cold),
 * 0 not significant. `p` is the FDR-adjusted p when the correction is on. A unit without
 * neighbours is always 0: its z compares it only with itself and says nothing about a cluster.
 */
export const CONFIDENCE_LEVELS = [
  { bin: 3, alpha: 0.01, label: '99%' },
  { bin: 2, alpha: 0.05, label: '95%' },
  { bin: 1, alpha: 0.1, label: '90%' },
] as const

export function giBin(z: number, p: number, hasNeighbours: boolean): number {
  if (!hasNeighbours || !Number.isFinite(z) || Number.isNaN(p) || z === 0) return 0
  for (const level of CONFIDENCE_LEVELS) if (p <= level.alpha) return Math.sign(z) * level.bin
  return 0
}
