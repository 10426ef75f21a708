/**
 * Repair mode: start from the current beats (one per owner) and change as little as the
 * tolerance allows. Units of owners no longer listed, and stray parts of a beat cut off from its
 * main part, are absorbed by the lightest neighbouring beat first (a best-first flood); a
 * component no beat reaches takes an empty beat (a new owner), or is linked to the nearest beat;
 * each remaining empty beat is carved out of the heaviest beat; then local moves, only for beats
 * outside the tolerance.
 */
import { forEachNeighbour, type Network } from './graph.ts'
import { MaxHeap } from './heap.ts'
import { lineEnds, linkToNearestGroups } from './links.ts'
import { carve } from './partition.ts'

export function absorb(network: Network, beatOf: Int32Array, weight: Float64Array): void {
  const beats = weight.length
  const heap = new MaxHeap()
  const push = (u: number, b: number) => heap.push(-weight[b], u * beats + b)
  network.units.forEach((_unit, u) => {
    if (beatOf[u] >= 0) return
    forEachNeighbour(network, u, (v) => {
      if (beatOf[v] >= 0) push(u, beatOf[v])
    })
  })
  while (heap.size > 0) {
    const [key, value] = heap.pop()
    const u = Math.floor(value / beats)
    const b = value % beats
    if (beatOf[u] >= 0) continue
    if (-key !== weight[b]) {
      push(u, b)
      continue
    }
    beatOf[u] = b
    weight[b] += network.units[u].weight
    forEachNeighbour(network, u, (v) => {
      if (beatOf[v] < 0) push(v, b)
    })
  }
}

/** Keeps each beat's heaviest connected part (real connections only); frees the rest. */
export function keepMainParts(network: Network, beatOf: Int32Array, beats: number): void {
  const part = new Int32Array(network.units.length).fill(-1)
  const bestPart = new Int32Array(beats).fill(-1)
  const bestWeight = new Float64Array(beats).fill(-1)
  let parts = 0
  for (let start = 0; start < network.units.length; start++) {
    const b = beatOf[start]
    if (b < 0 || part[start] >= 0) continue
    let weight = 0
    part[start] = parts
    const stack = [start]
    while (stack.length > 0) {
      const u = stack.pop()!
      weight += network.units[u].weight
      forEachNeighbour(
        network,
        u,
        (v) => {
          if (beatOf[v] === b && part[v] < 0) {
            part[v] = parts
            stack.push(v)
          }
        },
        false,
      )
    }
    if (weight > bestWeight[b]) {
      bestWeight[b] = weight
      bestPart[b] = parts
    }
    parts += 1
  }
  network.units.forEach((_unit, u) => {
    if (beatOf[u] >= 0 && part[u] !== bestPart[beatOf[u]]) beatOf[u] = -1
  })
}

export function repairBeats(network: Network, beatOf: Int32Array, beats: number, seed: number): void {
  keepMainParts(network, beatOf, beats)
  const weight = new Float64Array(beats)
  network.units.forEach((unit, u) => {
    if (beatOf[u] >= 0) weight[beatOf[u]] += unit.weight
  })
  absorb(network, beatOf, weight)
  const empty = () => {
    const used = new Uint8Array(beats)
    for (const b of beatOf) if (b >= 0) used[b] = 1
    const list: number[] = []
    for (let b = 0; b < beats; b++) if (!used[b]) list.push(b)
    return list
  }
  // components no beat reached
  const orphanComponents = [...new Set(network.units.flatMap((_unit, u) => (beatOf[u] < 0 ? [network.unitComponent[u]] : [])))]
  if (orphanComponents.length > 0) {
    const free = empty()
    const componentWeight = new Map<number, number>()
    network.units.forEach((unit, u) => {
      if (beatOf[u] < 0) componentWeight.set(network.unitComponent[u], (componentWeight.get(network.unitComponent[u]) ?? 0) + unit.weight)
    })
    orphanComponents.sort((p, q) => componentWeight.get(q)! - componentWeight.get(p)! || p - q)
    const linked: number[] = []
    orphanComponents.forEach((component, k) => {
      if (k < free.length) {
        network.units.forEach((_unit, u) => {
          if (beatOf[u] < 0 && network.unitComponent[u] === component) beatOf[u] = free[k]
        })
      } else linked.push(component)
    })
    if (linked.length > 0) {
      const ends = lineEnds(network)
      linkToNearestGroups(network, ends, (c) => c, linked)
      weight.fill(0)
      network.units.forEach((unit, u) => {
        if (beatOf[u] >= 0) weight[beatOf[u]] += unit.weight
      })
      absorb(network, beatOf, weight)
    }
  }
  // empty beats: carved out of the heaviest
  for (const b of empty()) {
    weight.fill(0)
    network.units.forEach((unit, u) => {
      if (beatOf[u] >= 0) weight[beatOf[u]] += unit.weight
    })
    let heaviest = 0
    for (let c = 1; c < beats; c++) if (weight[c] > weight[heaviest]) heaviest = c
    const units: number[] = []
    network.units.forEach((_unit, u) => {
      if (beatOf[u] === heaviest) units.push(u)
    })
    if (units.length < 2) continue
    const [first, second] = carve(network, units, 2, weight[heaviest] / 2, seed)
    const sum = (list: number[]) => list.reduce((s, u) => s + network.units[u].weight, 0)
    const given = sum(first) >= sum(second) ? second : first
    for (const u of given) beatOf[u] = b
  }
}
