/**
 * Seeded randomness. Everything the generator draws comes from here so that the same seed gives
 * byte-identical output on every machine (no Math.random, no clock).
 */

/** Mixes any number of 32-bit integers into one well-distributed 32-bit value. */
export function hash32(...values: number[]): number {
  let h = 0x811c9dc5
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x9e3779b1)
    h ^= h >>> 15
    h = Math.imul(h, 0x85ebca77)
    h ^= h >>> 13
  }
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** A uniform number in [0, 1) that depends only on its keys (used for per-edge and per-node noise). */
export function hashUnit(...values: number[]): number {
  return hash32(...values) / 4294967296
}

/**
 * mulberry32 stream. Each subsystem gets its own stream (seed mixed with a stream id), so changing how
 * many numbers one part draws does not reshuffle every other part.
 */
export class Rng {
  private state: number
  constructor(seed: number, stream = 0) {
    this.state = hash32(seed, stream)
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  range(min: number, max: number): number {
    return min + (max - min) * this.next()
  }
  /** integer in [min, max] inclusive */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  /** index drawn proportionally to weights */
  weighted(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += w
    let r = this.next() * total
    for (let k = 0; k < weights.length; k++) {
      r -= weights[k]
      if (r < 0) return k
    }
    return weights.length - 1
  }
  shuffle<T>(items: T[]): T[] {
    for (let k = items.length - 1; k > 0; k--) {
      const m = Math.floor(this.next() * (k + 1))
      const tmp = items[k]
      items[k] = items[m]
      items[m] = tmp
    }
    return items
  }
}

/** Cumulative table for drawing many samples from one fixed weight list in O(log n). */
export class WeightedTable {
  private readonly cumulative: Float64Array
  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length)
    let total = 0
    weights.forEach((w, k) => {
      total += w
      this.cumulative[k] = total
    })
  }
  draw(rng: Rng): number {
    const c = this.cumulative
    const r = rng.next() * c[c.length - 1]
    let lo = 0
    let hi = c.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (c[mid] > r) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

/** Stream ids, one per subsystem. */
export const STREAM = {
  shape: 1,
  roads: 2,
  regions: 3,
  names: 4,
  places: 5,
  attributes: 6,
  backStreets: 7,
  facilities: 8,
  workforce: 9,
  incidents: 10,
  hotBackStreets: 11,
  liveOffice: 12,
  rework: 13,
} as const
