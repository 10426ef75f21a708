/**
 * Walking links between components, for when beats cannot stay inside one: a beat that uses a
 * link is reported connected = false. Components are gathered in groups (a group's components
 * are already linked); distances are between lines' end points, in the local plane.
 */
import type { Network } from './graph.ts'

function addLink(network: Network, u: number, v: number): void {
  for (const [x, y] of [
    [u, v],
    [v, u],
  ]) {
    const list = network.links.get(x)
    if (list) list.push(y)
    else network.links.set(x, [y])
  }
}

interface End {
  unit: number
  x: number
  y: number
  component: number
}

/** The first and last unit of every line, with the end point's position. */
export function lineEnds(network: Network): End[] {
  const ends: End[] = []
  for (let i = 0; i + 1 < network.lineFirstUnit.length; i++) {
    const first = network.lineFirstUnit[i]
    const last = network.lineFirstUnit[i + 1] - 1
    for (const [unit, node] of [
      [first, network.units[first].a],
      [last, network.units[last].b],
    ]) {
      ends.push({ unit, x: network.nodeX[node], y: network.nodeY[node], component: network.unitComponent[unit] })
    }
  }
  return ends
}

/**
 * Links each listed group to the nearest end of another group (one round: the groups as they
 * were at its start); returns the [group, other group] pairs linked.
 */
export function linkToNearestGroups(network: Network, ends: End[], groupOf: (component: number) => number, groups: number[]): [number, number][] {
  const endGroup = Int32Array.from(ends, (end) => groupOf(end.component))
  // a grid of end points: rings searched outwards until no closer end can remain
  const cell = 200
  const grid = new Map<string, number[]>()
  ends.forEach((end, k) => {
    const key = `${Math.floor(end.x / cell)}:${Math.floor(end.y / cell)}`
    const list = grid.get(key)
    if (list) list.push(k)
    else grid.set(key, [k])
  })
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (const end of ends) {
    minX = Math.min(minX, end.x)
    maxX = Math.max(maxX, end.x)
    minY = Math.min(minY, end.y)
    maxY = Math.max(maxY, end.y)
  }
  const maxRing = Math.ceil(Math.max(maxX - minX, maxY - minY) / cell) + 1
  const ownEnds = new Map<number, number[]>()
  endGroup.forEach((group, k) => {
    const list = ownEnds.get(group)
    if (list) list.push(k)
    else ownEnds.set(group, [k])
  })
  const linked: [number, number][] = []
  for (const group of groups) {
    let best: [number, number, number] | null = null
    let bestDistance = Infinity
    for (const k of ownEnds.get(group) ?? []) {
      const { x, y } = ends[k]
      const cx = Math.floor(x / cell)
      const cy = Math.floor(y / cell)
      for (let ring = 0; ring <= maxRing; ring++) {
        // every end in ring r is at least (r - 1) cells away
        if ((ring - 1) * cell > bestDistance) break
        for (let dx = -ring; dx <= ring; dx++) {
          for (let dy = -ring; dy <= ring; dy++) {
            if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue
            for (const j of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
              if (endGroup[j] === group) continue
              const d = Math.hypot(ends[j].x - x, ends[j].y - y)
              if (d < bestDistance || (d === bestDistance && best && ends[j].unit < best[1])) {
                bestDistance = d
                best = [ends[k].unit, ends[j].unit, endGroup[j]]
              }
            }
          }
        }
      }
    }
    if (!best) continue
    addLink(network, best[0], best[1])
    linked.push([group, best[2]])
  }
  return linked
}

/**
 * Links all groups into one (Borůvka: each round every group links to its nearest neighbour,
 * so the number of groups at least halves); returns the links added.
 */
export function linkAllGroups(network: Network, ends: End[], groupOf: (component: number) => number): number {
  const parent = new Map<number, number>()
  const find = (group: number): number => {
    let root = group
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!
    return root
  }
  const groupNow = (component: number) => find(groupOf(component))
  let links = 0
  for (;;) {
    const groups = [...new Set(ends.map((end) => groupNow(end.component)))].sort((p, q) => p - q)
    if (groups.length < 2) break
    const pairs = linkToNearestGroups(network, ends, groupNow, groups)
    for (const [group, other] of pairs) {
      const p = find(group)
      const q = find(other)
      if (p !== q) parent.set(Math.max(p, q), Math.min(p, q))
    }
    links += pairs.length
  }
  return links
}
