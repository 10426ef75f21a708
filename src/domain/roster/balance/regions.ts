/**
 * Regional re-carving, for beats that local moves cannot bring into the band. On a network that
 * is mostly a tree (back streets that branch off each other without many loops, as the demo's did), a light
 * beat hanging off a junction inside its neighbour can only grow by taking a whole branch of that
 * neighbour, which overshoots: no single or path move lowers the heavier side. Instead the beats
 * around the worst one (a breadth-first region over neighbouring beats, m of them) are pooled and
 * carved afresh into m connected parts (partition.ts: subtree cuts, so every part is connected);
 * the new parts replace the old beats when the worst deviation in the region falls. The parts are
 * paired with the region's beats by the most overlap (Hungarian), so in repair mode a beat keeps
 * as much of its own ground as it can. Regions of 3, 5, 8 and 13 beats are tried, several seeds
 * each.
 */
import { forEachNeighbour, type Network } from './graph.ts'
import { MaxHeap } from './heap.ts'
import { hungarian } from './hungarian.ts'
import { carve } from './partition.ts'
import { refine, type BeatState } from './refine.ts'

const REGION_SIZES = [3, 5, 8, 13, 21]
const SEEDS_PER_SIZE = 2
const JITTER = 0.05
const DISSOLVE_TRIES = 3
const REGION_PASSES = 15

export interface RecarveOptions {
  target: Float64Array
  band: number
  seed: number
  /** at most this many regions are re-carved */
  maxRounds: number
  /**
   * work budget, in units handled (a region's units, once per carving tried): stop when it is
   * spent. A count, not a clock, so that the result is the same on any machine
   */
  budget: number
  /** units that may not move */
  frozen?: Uint8Array
}

export function recarveRegions(network: Network, state: BeatState, options: RecarveOptions): number {
  const { target, band } = options
  const K = target.length
  const deviation = (b: number, w = state.weight[b]) => Math.abs(w / target[b] - 1)
  const deviationSigned = (b: number) => state.weight[b] / target[b] - 1
  const unitsOf: number[][] = Array.from({ length: K }, () => [])
  const rebuild = () => {
    for (const list of unitsOf) list.length = 0
    state.beatOf.forEach((b, u) => b >= 0 && unitsOf[b].push(u))
  }
  rebuild()
  const failed = new Uint8Array(K)
  const allowed = new Uint8Array(K)
  let accepted = 0
  let work = 0
  for (let round = 0; round < options.maxRounds; round++) {
    if (work > options.budget) break
    let worst = -1
    for (let b = 0; b < K; b++) {
      if (failed[b] || deviation(b) <= band) continue
      if (worst < 0 || deviation(b) > deviation(worst)) worst = b
    }
    if (worst < 0) break
    let improved = false
    for (const size of REGION_SIZES) {
      if (work > options.budget) break
      const region = regionAround(network, state, unitsOf, worst, size)
      if (region.length < 2) break
      if (region.some((b) => unitsOf[b].some((u) => options.frozen?.[u]))) continue
      const before = Math.max(...region.map((b) => deviation(b)))
      const units = region.flatMap((b) => unitsOf[b])
      const saved = Int32Array.from(units, (u) => state.beatOf[u])
      const restore = (assignment: Int32Array) => {
        units.forEach((u, k) => (state.beatOf[u] = assignment[k]))
        region.forEach((b) => {
          state.weight[b] = 0
          state.size[b] = 0
        })
        for (const u of units) {
          state.weight[state.beatOf[u]] += network.units[u].weight
          state.size[state.beatOf[u]] += 1
        }
      }
      allowed.fill(0)
      for (const b of region) allowed[b] = 1
      const total = units.reduce((sum, u) => sum + network.units[u].weight, 0)
      let best = null as { assignment: Int32Array; worst: number } | null
      const judge = () => {
        work += units.length
        refine(network, state, { target, band: band / 2, maxPasses: REGION_PASSES, diffuse: true, only: units, allowed })
        const after = Math.max(...region.map((b) => deviation(b)))
        if (!best || after < best.worst) best = { assignment: Int32Array.from(units, (u) => state.beatOf[u]), worst: after }
      }
      for (let s = 0; s < SEEDS_PER_SIZE; s++) {
        const parts = carve(network, units, region.length, total / region.length, options.seed + 101 * s + size, s === 0 ? 0 : JITTER)
        if (parts.length !== region.length || parts.some((part) => part.length === 0)) continue
        // part ↔ beat by overlap (the region as it was), then local moves inside the region
        restore(saved)
        const pairing = pairParts(network, state, parts, region)
        parts.forEach((part, k) => {
          for (const u of part) state.beatOf[u] = region[pairing[k]]
        })
        restore(Int32Array.from(units, (u) => state.beatOf[u]))
        judge()
      }
      // a light beat that is a lump (a pendant street between two junctions, say): dissolve it
      // into its neighbours and carve it anew out of one of the heaviest beats of the region
      if (state.weight[worst] < target[worst] && size >= 5 && size <= 13) {
        // a light beat (a lump: a pendant street between two junctions, say) is dissolved into
        // its neighbours, which pass its workload on; then it is carved anew out of a heavy beat
        // away from the lump
        restore(saved)
        const touching = touchingBeats(network, state, unitsOf[worst])
        if (dissolve(network, state, worst, allowed)) {
          restore(Int32Array.from(units, (u) => state.beatOf[u]))
          allowed[worst] = 0
          refine(network, state, { target, band: band / 2, maxPasses: REGION_PASSES, diffuse: true, only: units, allowed })
          allowed[worst] = 1
          const dissolved = Int32Array.from(units, (u) => state.beatOf[u])
          const far = region.filter((b) => b !== worst && !touching.has(b)).sort((p, q) => deviationSigned(q) - deviationSigned(p) || p - q)
          for (const split of far.slice(0, DISSOLVE_TRIES)) {
            restore(dissolved)
            const own = units.filter((u) => state.beatOf[u] === split)
            if (own.length < 2) continue
            const [first, second] = carve(network, own, 2, state.weight[split] / 2, options.seed)
            if (!first?.length || !second?.length) continue
            const sum = (list: number[]) => list.reduce((total, u) => total + network.units[u].weight, 0)
            for (const u of sum(first) >= sum(second) ? second : first) state.beatOf[u] = worst
            restore(Int32Array.from(units, (u) => state.beatOf[u]))
            judge()
          }
        }
      }
      if (!best || best.worst >= before - 1e-9) {
        restore(saved)
        continue
      }
      restore(best.assignment)
      rebuild()
      accepted += 1
      improved = true
      break
    }
    if (!improved) failed[worst] = 1
  }
  return accepted
}

/**
 * Beat b's units go to neighbouring allowed beats, lightest first (a best-first flood); false
 * when some unit could not be reached (then the state is partly changed: restore it).
 */
function dissolve(network: Network, state: BeatState, b: number, allowed: Uint8Array): boolean {
  const K = state.weight.length
  const heap = new MaxHeap()
  const weight = Float64Array.from(state.weight)
  const orphans: number[] = []
  state.beatOf.forEach((x, u) => x === b && orphans.push(u))
  for (const u of orphans) state.beatOf[u] = -1
  weight[b] = 0
  const push = (u: number, to: number) => heap.push(-weight[to], u * K + to)
  for (const u of orphans) {
    forEachNeighbour(network, u, (v) => {
      const to = state.beatOf[v]
      if (to >= 0 && allowed[to]) push(u, to)
    })
  }
  let placed = 0
  while (heap.size > 0) {
    const [key, value] = heap.pop()
    const u = Math.floor(value / K)
    const to = value % K
    if (state.beatOf[u] >= 0) continue
    if (-key !== weight[to]) {
      push(u, to)
      continue
    }
    state.beatOf[u] = to
    weight[to] += network.units[u].weight
    placed += 1
    forEachNeighbour(network, u, (v) => {
      if (state.beatOf[v] < 0) push(v, to)
    })
  }
  return placed === orphans.length
}

function touchingBeats(network: Network, state: BeatState, units: number[]): Set<number> {
  const touching = new Set<number>()
  for (const u of units) forEachNeighbour(network, u, (v) => touching.add(state.beatOf[v]))
  return touching
}

/** Up to `size` beats reached breadth-first over neighbouring beats from `start`. */
function regionAround(network: Network, state: BeatState, unitsOf: number[][], start: number, size: number): number[] {
  const region = [start]
  const inRegion = new Set<number>(region)
  for (let k = 0; k < region.length && region.length < size; k++) {
    const neighbours = new Set<number>()
    for (const u of unitsOf[region[k]]) {
      forEachNeighbour(network, u, (v) => {
        const b = state.beatOf[v]
        if (b >= 0 && !inRegion.has(b)) neighbours.add(b)
      })
    }
    for (const b of [...neighbours].sort((p, q) => p - q)) {
      if (region.length >= size) break
      inRegion.add(b)
      region.push(b)
    }
  }
  return region
}

/** pairing[k] = index into region of the beat that takes part k (most overlap by weight) */
function pairParts(network: Network, state: BeatState, parts: number[][], region: number[]): number[] {
  const index = new Map<number, number>(region.map((b, j) => [b, j]))
  const cost = parts.map((part) => {
    const row = new Array<number>(region.length).fill(0)
    for (const u of part) row[index.get(state.beatOf[u])!] -= network.units[u].weight
    return row
  })
  return hungarian(cost)
}
