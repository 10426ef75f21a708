/**
 * Carving a connected set of units into k connected parts of even workload by recursive
 * bisection on spanning trees: take a depth-first spanning tree of the part (long, path-like
 * branches, so the subtree workloads come in small steps), cut the tree edge above the subtree
 * whose workload is closest to a multiple k1 of the target (judged by how far both sides' means
 * per beat would be from the target), and carve each side again. Both sides stay connected: a
 * subtree is, and so is the tree without it. Units are small (a fiftieth of a beat), so the
 * cut lands close; the local moves in refine.ts take it the rest of the way.
 */
import { forEachNeighbour, type Network } from './graph.ts'

const BALANCE_PREFERENCE = 1e-4
/** candidate cuts (best first) whose two-beat sides are looked into */
const LOOKAHEAD = 16

/**
 * `jitter` (0 by default) adds a seeded random amount up to it to every cut's score, so that
 * different seeds choose among near-best cuts: on a network that is mostly a tree every
 * spanning tree is about the same and the roots alone do not vary the result (regions.ts).
 */
export function carve(network: Network, units: number[], k: number, target: number, seed: number, jitter = 0): number[][] {
  const parts: number[][] = []
  const stamp = new Int32Array(network.units.length).fill(-1)
  let nextStamp = 0
  const tasks: { units: number[]; k: number }[] = [{ units, k }]
  while (tasks.length > 0) {
    const task = tasks.pop()!
    if (task.k === 1 || task.units.length < 2) {
      parts.push(task.units)
      for (let extra = 1; extra < task.k; extra++) parts.push([])
      continue
    }
    const [side, rest, k1] = bisect(network, task.units, task.k, target, seed, stamp, nextStamp++, jitter)
    // pushed in reverse so parts come out in tree order
    tasks.push({ units: rest, k: task.k - k1 })
    tasks.push({ units: side, k: k1 })
  }
  return parts
}

/** Spanning trees tried per bisection (each from another root): the best cut of all wins. */
function treesFor(units: number): number {
  return units <= 2_000 ? 8 : units <= 8_000 ? 3 : 2
}

interface Cut {
  score: number
  order: number[]
  parent: Int32Array
  unit: number
  k1: number
}

function bisect(network: Network, units: number[], k: number, target: number, seed: number, stamp: Int32Array, id: number, jitter: number): [number[], number[], number] {
  const n = units.length
  const local = new Map<number, number>()
  units.forEach((u, i) => {
    stamp[u] = id
    local.set(u, i)
  })
  let best: Cut | null = null
  const tries = treesFor(n)
  for (let attempt = 0; attempt < tries; attempt++) {
    // roots: peripheral units (the last a breadth-first search reaches) from seeded starts
    const start = units[(Math.imul(seed + attempt * 7919, 2654435761) >>> 0) % n]
    const root = attempt % 2 === 0 ? farthest(network, start, stamp, id) : start
    const cut = bestCut(network, units, local, root, k, target, stamp, id, jitter > 0 ? { jitter, seed: seed + id * 31 + attempt } : null)
    if (cut && (!best || cut.score < best.score)) best = cut
  }
  if (!best) return [units, [], k]
  // the subtree of best.unit: its descendants in the DFS order
  const { order, parent } = best
  const inSide = new Uint8Array(n)
  inSide[best.unit] = 1
  for (let p = 1; p < order.length; p++) {
    const i = order[p]
    if (parent[i] >= 0 && inSide[parent[i]]) inSide[i] = 1
  }
  const side: number[] = []
  const rest: number[] = []
  for (const i of order) (inSide[i] ? side : rest).push(units[i])
  return [side, rest, best.k1]
}

function bestCut(network: Network, units: number[], local: Map<number, number>, root: number, k: number, target: number, stamp: Int32Array, id: number, noise: { jitter: number; seed: number } | null): Cut | null {
  const n = units.length
  const parent = new Int32Array(n).fill(-1)
  const order: number[] = []
  const stack: number[] = [local.get(root)!]
  // iterative DFS that visits a unit when it is popped (its parent the unit that pushed it last)
  const pusher = new Int32Array(n).fill(-1)
  const visited = new Uint8Array(n)
  while (stack.length > 0) {
    const i = stack.pop()!
    if (visited[i]) continue
    visited[i] = 1
    parent[i] = pusher[i]
    order.push(i)
    forEachNeighbour(network, units[i], (v) => {
      if (stamp[v] !== id) return
      const j = local.get(v)!
      if (visited[j]) return
      pusher[j] = i
      stack.push(j)
    })
  }
  parent[order[0]] = -1
  const subtree = new Float64Array(n)
  for (let p = order.length - 1; p >= 0; p--) {
    const i = order[p]
    subtree[i] += network.units[units[i]].weight
    if (parent[i] >= 0) subtree[parent[i]] += subtree[i]
  }
  const total = subtree[order[0]]
  const candidates: { score: number; i: number; k1: number }[] = []
  for (let p = 1; p < order.length; p++) {
    const i = order[p]
    const s = subtree[i]
    const guess = Math.floor(s / target)
    for (const k1 of [guess, guess + 1]) {
      if (k1 < 1 || k1 > k - 1) continue
      const deviation = Math.max(Math.abs(s / k1 - target), Math.abs((total - s) / (k - k1) - target)) / target
      let score = deviation + (BALANCE_PREFERENCE * Math.abs(2 * k1 - k)) / k
      if (noise) score += (noise.jitter * (Math.imul(noise.seed * 2654435761 + units[i] * 40503 + k1, 2246822519) >>> 0)) / 4294967296
      candidates.push({ score, i, k1 })
    }
  }
  if (candidates.length === 0) return null
  candidates.sort((p, q) => p.score - q.score || p.i - q.i || p.k1 - q.k1)
  // a side of two beats must itself split in two: look ahead, for the best few candidates, at
  // how well it can (one more cut in the same tree), so that a lump (a pendant street between
  // two junctions, say) is not left to be a beat of its own
  const position = new Int32Array(n)
  order.forEach((i, p) => (position[i] = p))
  const size = new Int32Array(n)
  for (let p = order.length - 1; p >= 0; p--) {
    const i = order[p]
    size[i] += 1
    if (parent[i] >= 0) size[parent[i]] += size[i]
  }
  const splitSide = (i: number): number => {
    // best two-way split inside subtree(i): a descendant's subtree against the rest of it
    const half = subtree[i] / 2
    let bestGap = Infinity
    for (let p = position[i] + 1; p < position[i] + size[i]; p++) bestGap = Math.min(bestGap, Math.abs(subtree[order[p]] - half))
    return bestGap
  }
  const splitRest = (i: number): number => {
    // best two-way split of the tree without subtree(i)
    const rest = total - subtree[i]
    const half = rest / 2
    let bestGap = Infinity
    for (let p = 1; p < order.length; p++) {
      const j = order[p]
      if (position[j] >= position[i] && position[j] < position[i] + size[i]) continue
      const ancestor = position[j] <= position[i] && position[i] < position[j] + size[j]
      const part = ancestor ? subtree[j] - subtree[i] : subtree[j]
      bestGap = Math.min(bestGap, Math.abs(part - half))
    }
    return bestGap
  }
  let best: Cut | null = null
  let bestScore = Infinity
  for (const candidate of candidates.slice(0, LOOKAHEAD)) {
    let score = candidate.score
    const { i, k1 } = candidate
    if (k1 === 2) score = Math.max(score, (splitSide(i) + Math.abs(subtree[i] / 2 - target)) / target)
    if (k - k1 === 2) score = Math.max(score, (splitRest(i) + Math.abs((total - subtree[i]) / 2 - target)) / target)
    if (score < bestScore) {
      bestScore = score
      best = { score, order, parent, unit: i, k1 }
    }
  }
  return best
}

function farthest(network: Network, start: number, stamp: Int32Array, id: number): number {
  const seen = new Set<number>([start])
  let frontier = [start]
  let last = start
  while (frontier.length > 0) {
    const next: number[] = []
    for (const u of frontier) {
      forEachNeighbour(network, u, (v) => {
        if (stamp[v] !== id || seen.has(v)) return
        seen.add(v)
        next.push(v)
      })
    }
    if (next.length > 0) last = next[0]
    frontier = next
  }
  return last
}
