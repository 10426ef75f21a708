/**
 * How many beats each connected component gets, and the lower bound on the spread that follows.
 * A beat that must stay connected lies in one component, so with k_c beats in component c
 * (workload W_c) its heaviest beat weighs at least W_c/k_c and its lightest at most W_c/k_c:
 *   spread ≥ min over allocations (Σ k_c = K, k_c ≥ 1) of (max_c W_c/k_c − min_c W_c/k_c) / mean.
 * The minimum is found exactly: the lightest ratio L is one of the quotients W_c/k; for a
 * given L each component may take at most hi_c = ⌊W_c/L⌋ beats, so the heaviest ratio is at
 * least max_c W_c/hi_c, and at least U_D, the (K−C+1)-th largest quotient (the D'Hondt
 * bound: with fewer beats than that, Σ⌈W_c/U⌉ exceeds K). Walking L down through the
 * quotients (a heap, lazily) the first bound falls and L falls; stop once it reaches U_D.
 */
import { MaxHeap } from './heap.ts'

export interface Allocation {
  /** beats per component */
  beats: number[]
  /** the lower bound on (max − min)/mean over connected partitions */
  lowerBound: number
}

const EPSILON = 1e-9

export function allocateBeats(weights: readonly number[], beats: number): Allocation {
  const count = weights.length
  if (beats < count) throw new Error('allocateBeats: fewer beats than components')
  const total = weights.reduce((sum, w) => sum + w, 0)
  const mean = total / beats
  const spare = beats - count

  // U_D: the (spare + 1)-th largest quotient W_c/k
  const quotients = new MaxHeap()
  const nextK = new Int32Array(count).fill(1)
  weights.forEach((w, c) => quotients.push(w, c))
  let upperD = 0
  for (let n = 0; n <= spare; n++) {
    const [q, c] = quotients.pop()
    upperD = q
    nextK[c] += 1
    quotients.push(weights[c] / nextK[c], c)
  }

  // walk L down the quotients
  const events = new MaxHeap()
  weights.forEach((w, c) => events.push(w, c))
  const hi = new Int32Array(count)
  const ratioHeap = new MaxHeap()
  let covered = 0
  let sumHi = 0
  let best = { lower: 0, upper: Infinity }
  while (events.size > 0) {
    const level = events.peekKey()
    while (events.size > 0 && events.peekKey() === level) {
      const [, c] = events.pop()
      if (hi[c] === 0) covered += 1
      hi[c] += 1
      sumHi += 1
      ratioHeap.push(weights[c] / hi[c], c)
      if (hi[c] < beats) events.push(weights[c] / (hi[c] + 1), c)
    }
    if (covered < count || sumHi < beats) continue
    // drop stale ratios: an entry is current when it equals W_c/hi_c
    while (ratioHeap.peekKey() !== weights[ratioHeap.peekValue()] / hi[ratioHeap.peekValue()]) ratioHeap.pop()
    const upper = Math.max(upperD, ratioHeap.peekKey())
    if (upper - level < best.upper - best.lower) best = { lower: level, upper }
    if (ratioHeap.peekKey() <= upperD) break
  }

  // an allocation attaining it: k_c in [⌈W_c/U⌉, ⌊W_c/L⌋], the spare beats to the heaviest ratios
  const allocation = weights.map((w) => Math.max(1, Math.ceil(w / best.upper - EPSILON)))
  const cap = weights.map((w) => Math.max(1, Math.floor(w / best.lower + EPSILON)))
  let left = beats - allocation.reduce((sum, k) => sum + k, 0)
  const give = new MaxHeap()
  allocation.forEach((k, c) => {
    if (k < cap[c]) give.push(weights[c] / k, c)
  })
  while (left > 0 && give.size > 0) {
    const [, c] = give.pop()
    allocation[c] += 1
    left -= 1
    if (allocation[c] < cap[c]) give.push(weights[c] / allocation[c], c)
  }
  // rounding at the edges of the intervals: whatever is left goes by D'Hondt
  while (left !== 0) {
    let chosen = 0
    for (let c = 1; c < count; c++) {
      const better = left > 0 ? weights[c] / allocation[c] > weights[chosen] / allocation[chosen] : allocation[c] > 1 && (allocation[chosen] === 1 || weights[c] / allocation[c] < weights[chosen] / allocation[chosen])
      if (better) chosen = c
    }
    allocation[chosen] += left > 0 ? 1 : -1
    left += left > 0 ? -1 : 1
  }
  const ratios = allocation.map((k, c) => weights[c] / k)
  const achieved = (Math.max(...ratios) - Math.min(...ratios)) / mean
  const lowerBound = Math.max(0, Math.min(achieved, (best.upper - best.lower) / mean))
  return { beats: allocation, lowerBound: lowerBound < 1e-12 ? 0 : lowerBound }
}
