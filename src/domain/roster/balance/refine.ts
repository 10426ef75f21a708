/**
 * Local moves: a unit on a beat's boundary goes to a lighter neighbouring beat when the beat
 * it leaves stays connected and the move lowers the heavier of the two (w_B + w_u < w_A, so the
 * sum of squared workloads falls and the moves end). Only beats outside the band move units:
 * in repair mode the band is the tolerance itself, so a beat already within it is left alone.
 */
import { forEachNeighbour, type Network } from './graph.ts'

export interface BeatState {
  beatOf: Int32Array
  weight: Float64Array
  size: Int32Array
}

export function beatState(network: Network, beatOf: Int32Array, beats: number): BeatState {
  const weight = new Float64Array(beats)
  const size = new Int32Array(beats)
  network.units.forEach((unit, u) => {
    const b = beatOf[u]
    if (b < 0) return
    weight[b] += unit.weight
    size[b] += 1
  })
  return { beatOf, weight, size }
}

/** Would beat `b` stay connected without unit u? (search within b from one neighbour of u) */
export function staysConnected(network: Network, state: BeatState, u: number, scratch: Int32Array, stampRef: { value: number }): boolean {
  const b = state.beatOf[u]
  const touching: number[] = []
  forEachNeighbour(network, u, (v) => {
    if (state.beatOf[v] === b && !touching.includes(v)) touching.push(v)
  })
  if (touching.length <= 1) return true
  const stamp = ++stampRef.value
  scratch[u] = stamp
  scratch[touching[0]] = stamp
  const stack = [touching[0]]
  let found = 1
  while (stack.length > 0 && found < touching.length) {
    const x = stack.pop()!
    forEachNeighbour(network, x, (v) => {
      if (scratch[v] === stamp || state.beatOf[v] !== b) return
      scratch[v] = stamp
      if (touching.includes(v)) found += 1
      stack.push(v)
    })
  }
  return found === touching.length
}

/**
 * The units that leave beat b with u: u alone when b stays connected without it, else u and
 * every part cut off from b's heaviest remaining part (all of them touch u, so they stay
 * connected to wherever u goes).
 */
export function departingWith(network: Network, state: BeatState, u: number, scratch: Int32Array, stampRef: { value: number }): number[] {
  if (staysConnected(network, state, u, scratch, stampRef)) return [u]
  const b = state.beatOf[u]
  const touching: number[] = []
  forEachNeighbour(network, u, (v) => {
    if (state.beatOf[v] === b && !touching.includes(v)) touching.push(v)
  })
  const stamp = ++stampRef.value
  scratch[u] = stamp
  const parts: { units: number[]; weight: number }[] = []
  for (const start of touching) {
    if (scratch[start] === stamp) continue
    scratch[start] = stamp
    const part = { units: [start], weight: 0 }
    const stack = [start]
    while (stack.length > 0) {
      const x = stack.pop()!
      part.weight += network.units[x].weight
      forEachNeighbour(network, x, (v) => {
        if (scratch[v] === stamp || state.beatOf[v] !== b) return
        scratch[v] = stamp
        part.units.push(v)
        stack.push(v)
      })
    }
    parts.push(part)
  }
  let main = 0
  for (let k = 1; k < parts.length; k++) if (parts[k].weight > parts[main].weight) main = k
  return [u, ...parts.flatMap((part, k) => (k === main ? [] : part.units))]
}

export interface RefineOptions {
  /** per beat: the workload it should have */
  target: Float64Array
  /** relative band around the target within which a beat is left alone */
  band: number
  maxPasses: number
  /**
   * fresh mode: beats inside the band pass units on too (diffusion), so a heavy beat walled in
   * by beats near the band's edge still sheds workload through them
   */
  diffuse?: boolean
  /** units that may not move (none by default) */
  frozen?: Uint8Array
  /** only these units are tried, and only beats with allowed[b] take them (regions.ts) */
  only?: number[]
  allowed?: Uint8Array
}

export function refine(network: Network, state: BeatState, options: RefineOptions): number {
  const scratch = new Int32Array(network.units.length)
  const stampRef = { value: 0 }
  const { target, band } = options
  let moves = 0
  const out = (b: number) => state.weight[b] > target[b] * (1 + band) || state.weight[b] < target[b] * (1 - band)
  for (let pass = 0; pass < options.maxPasses; pass++) {
    let moved = 0
    let anyOut = false
    for (let b = 0; b < target.length; b++) if (out(b) && (!options.allowed || options.allowed[b])) anyOut = true
    if (!anyOut) break
    const count = options.only ? options.only.length : network.units.length
    for (let k = 0; k < count; k++) {
      const u = options.only ? options.only[k] : k
      const a = state.beatOf[u]
      if (a < 0 || state.size[a] <= 1 || options.frozen?.[u]) continue
      const w = network.units[u].weight
      let bestBeat = -1
      let bestRelative = Infinity
      forEachNeighbour(network, u, (v) => {
        const b = state.beatOf[v]
        if (b < 0 || b === a || (options.allowed && !options.allowed[b])) return
        const relative = state.weight[b] / target[b]
        if (relative < bestRelative || (relative === bestRelative && b < bestBeat)) {
          bestRelative = relative
          bestBeat = b
        }
      })
      if (bestBeat < 0) continue
      const b = bestBeat
      const heavyA = state.weight[a] > target[a] * (1 + band)
      const lightB = state.weight[b] < target[b] * (1 - band)
      if (!heavyA && !lightB && !options.diffuse) continue
      // relative to each beat's own target, the move must lower the heavier side
      if ((state.weight[b] + w) / target[b] >= (state.weight[a] - 1e-12) / target[a]) continue
      // a beat inside the band may give only while it stays inside, and take only up to it
      if (!options.diffuse) {
        if (!heavyA && state.weight[a] - w < target[a] * (1 - band)) continue
        if (!lightB && state.weight[b] + w > target[b] * (1 + band)) continue
      }
      const leaving = departingWith(network, state, u, scratch, stampRef)
      let leavingWeight = 0
      for (const x of leaving) leavingWeight += network.units[x].weight
      if (leaving.length > 1) {
        // a bigger move: it too must lower the heavier side, and stay within the band
        if ((state.weight[b] + leavingWeight) / target[b] >= (state.weight[a] - 1e-12) / target[a]) continue
        if (leaving.length >= state.size[a]) continue
        if (leaving.some((x) => options.frozen?.[x])) continue
        if (!options.diffuse && state.weight[b] + leavingWeight > target[b] * (1 + band) && !heavyA) continue
      }
      for (const x of leaving) {
        state.beatOf[x] = b
        state.weight[a] -= network.units[x].weight
        state.weight[b] += network.units[x].weight
        state.size[a] -= 1
        state.size[b] += 1
      }
      moved += 1
    }
    moves += moved
    if (moved === 0) break
  }
  return moves
}
