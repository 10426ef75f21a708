/**
 * Region growing on the 4-connected cell graph. Seeds are spread by a few rounds of k-means on the
 * cell centres; cells are then claimed by a multi-source Dijkstra in which crossing a road costs
 * extra, so boundaries tend to follow roads. Every cell is claimed through a neighbour that already
 * belongs to the same region, which is what guarantees each region is 4-connected (one Polygon).
 */
import { Rng } from './prng.ts'
import { DI, DJ, NX, NY, type Lattice } from './lattice.ts'

export interface GrowthOptions {
  /** extra cost for stepping from cell a to its neighbour in direction d (a road between them) */
  crossingCost: (a: number, d: number) => number
}

/** Picks k seed cells among `cells`, spread roughly evenly (k-means with cell snapping). */
export function spreadSeeds(lattice: Lattice, cells: readonly number[], k: number, rng: Rng): number[] {
  const cx = (c: number) => lattice.cellI(c) + 0.5
  const cy = (c: number) => lattice.cellJ(c) + 0.5
  // farthest-point initialisation from a random cell
  const seeds = [cells[rng.int(0, cells.length - 1)]]
  const nearest = new Float64Array(cells.length).fill(Infinity)
  while (seeds.length < k) {
    const last = seeds[seeds.length - 1]
    let bestIndex = 0
    for (let m = 0; m < cells.length; m++) {
      const d = (cx(cells[m]) - cx(last)) ** 2 + (cy(cells[m]) - cy(last)) ** 2
      if (d < nearest[m]) nearest[m] = d
      if (nearest[m] > nearest[bestIndex]) bestIndex = m
    }
    seeds.push(cells[bestIndex])
  }
  for (let round = 0; round < 8; round++) {
    const sumX = new Float64Array(k)
    const sumY = new Float64Array(k)
    const count = new Float64Array(k)
    for (const c of cells) {
      let best = 0
      let bestD = Infinity
      for (let s = 0; s < k; s++) {
        const d = (cx(c) - cx(seeds[s])) ** 2 + (cy(c) - cy(seeds[s])) ** 2
        if (d < bestD) {
          bestD = d
          best = s
        }
      }
      sumX[best] += cx(c)
      sumY[best] += cy(c)
      count[best]++
    }
    for (let s = 0; s < k; s++) {
      if (count[s] === 0) continue
      const mx = sumX[s] / count[s]
      const my = sumY[s] / count[s]
      let best = seeds[s]
      let bestD = Infinity
      for (const c of cells) {
        const d = (cx(c) - mx) ** 2 + (cy(c) - my) ** 2
        if (d < bestD && !seeds.includes(c)) {
          bestD = d
          best = c
        }
      }
      if (!seeds.includes(best) || best === seeds[s]) seeds[s] = best
    }
  }
  return seeds
}

/** Binary min-heap of [cost, tieBreak, cell, region] kept in flat arrays for speed. */
class Heap {
  private items: [number, number, number, number][] = []
  get size(): number {
    return this.items.length
  }
  private less(a: [number, number, number, number], b: [number, number, number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  }
  push(item: [number, number, number, number]): void {
    const h = this.items
    h.push(item)
    let k = h.length - 1
    while (k > 0) {
      const p = (k - 1) >> 1
      if (!this.less(h[k], h[p])) break
      ;[h[k], h[p]] = [h[p], h[k]]
      k = p
    }
  }
  pop(): [number, number, number, number] {
    const h = this.items
    const top = h[0]
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let k = 0
      for (;;) {
        const l = 2 * k + 1
        const r = l + 1
        let m = k
        if (l < h.length && this.less(h[l], h[m])) m = l
        if (r < h.length && this.less(h[r], h[m])) m = r
        if (m === k) break
        ;[h[k], h[m]] = [h[m], h[k]]
        k = m
      }
    }
    return top
  }
}

/**
 * Assigns every cell of `cells` to one of the seeds. Returns a lattice-sized array of region
 * indices (−1 outside `cells`).
 */
export function growRegions(lattice: Lattice, cells: readonly number[], seeds: readonly number[], options: GrowthOptions): Int32Array {
  const allowed = new Uint8Array(NX * NY)
  for (const c of cells) allowed[c] = 1
  const region = new Int32Array(allowed.length).fill(-1)
  const heap = new Heap()
  let order = 0
  seeds.forEach((s, index) => heap.push([0, order++, s, index]))
  while (heap.size > 0) {
    const [cost, , c, r] = heap.pop()
    if (region[c] >= 0) continue
    region[c] = r
    const i = lattice.cellI(c)
    const j = lattice.cellJ(c)
    for (let d = 0; d < 4; d++) {
      const ni = i + DI[d]
      const nj = j + DJ[d]
      if (!lattice.inLattice(ni, nj)) continue
      const n = lattice.cell(ni, nj)
      if (!allowed[n] || region[n] >= 0) continue
      heap.push([cost + 1 + options.crossingCost(c, d), order++, n, r])
    }
  }
  return region
}
