/**
 * Moves along a path of beats, for when single moves are stuck on a plateau (a heavy beat walled
 * in by beats about as heavy): from the beat furthest outside the band, a breadth-first search
 * over neighbouring beats finds the nearest beat on the other side of the target, and each beat
 * on the path hands one boundary unit to the next. The ends change by a unit, the middle by
 * the difference of two units.
 */
import { forEachNeighbour, type Network } from './graph.ts'
import { staysConnected, type BeatState } from './refine.ts'

export function pathMoves(network: Network, state: BeatState, target: Float64Array, band: number, maxRounds: number, frozen?: Uint8Array): number {
  const K = target.length
  const unitsOf: Set<number>[] = Array.from({ length: K }, () => new Set<number>())
  state.beatOf.forEach((b, u) => b >= 0 && unitsOf[b].add(u))
  const scratch = new Int32Array(network.units.length)
  const stampRef = { value: 0 }
  const blocked = new Uint8Array(K)
  let moves = 0
  const relative = (b: number) => state.weight[b] / target[b]
  const move = (u: number, to: number) => {
    const from = state.beatOf[u]
    const w = network.units[u].weight
    state.beatOf[u] = to
    state.weight[from] -= w
    state.weight[to] += w
    state.size[from] -= 1
    state.size[to] += 1
    unitsOf[from].delete(u)
    unitsOf[to].add(u)
    moves += 1
  }
  /** a unit of `from` next to `to` that `from` can give up */
  const movable = (from: number, to: number): number => {
    if (state.size[from] <= 1) return -1
    let best = -1
    for (const u of unitsOf[from]) {
      if (frozen?.[u]) continue
      let touches = false
      forEachNeighbour(network, u, (v) => {
        if (state.beatOf[v] === to) touches = true
      })
      if (!touches) continue
      if (best >= 0 && u > best) continue
      if (staysConnected(network, state, u, scratch, stampRef)) best = u
    }
    return best
  }
  for (let round = 0; round < maxRounds; round++) {
    // the beat furthest outside the band, not blocked
    let worst = -1
    let worstExcess = 0
    for (let b = 0; b < K; b++) {
      if (blocked[b]) continue
      const excess = Math.abs(relative(b) - 1) - band
      if (excess > worstExcess) {
        worstExcess = excess
        worst = b
      }
    }
    if (worst < 0) break
    const heavy = relative(worst) > 1
    // BFS over beats to the nearest one on the other side of the target
    const previous = new Map<number, number>([[worst, -1]])
    let queue = [worst]
    let found = -1
    while (queue.length > 0 && found < 0) {
      const next: number[] = []
      for (const x of queue) {
        const neighbours = new Set<number>()
        for (const u of unitsOf[x]) {
          forEachNeighbour(network, u, (v) => {
            const y = state.beatOf[v]
            if (y >= 0 && y !== x && !previous.has(y)) neighbours.add(y)
          })
        }
        for (const y of [...neighbours].sort((p, q) => p - q)) {
          previous.set(y, x)
          if (heavy ? relative(y) < 1 : relative(y) > 1) {
            found = y
            break
          }
          next.push(y)
        }
        if (found >= 0) break
      }
      queue = next
    }
    if (found < 0) {
      blocked[worst] = 1
      continue
    }
    const path: number[] = []
    for (let b = found; b >= 0; b = previous.get(b)!) path.push(b)
    path.reverse() // worst … found
    // heavy: units flow worst → found, handed on from the far end first; light: the reverse
    const steps: [number, number][] = []
    for (let i = 0; i + 1 < path.length; i++) steps.push(heavy ? [path[i], path[i + 1]] : [path[i + 1], path[i]])
    if (heavy) steps.reverse()
    let ok = true
    for (const [from, to] of steps) {
      const u = movable(from, to)
      if (u < 0) {
        ok = false
        break
      }
      move(u, to)
    }
    if (!ok) blocked[worst] = 1
  }
  return moves
}
