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

/** Links group `group` to the nearest end of another group; returns that group (or -1). */
export function linkToNearestGroup(network: Network, ends: End[], groupOf: (component: number) => number, group: number): number {
  let best: [number, number, number] | null = null
  let bestDistance = Infinity
  const own = ends.filter((end) => groupOf(end.component) === group)
  for (const other of ends) {
    const otherGroup = groupOf(other.component)
    if (otherGroup === group) continue
    for (const end of own) {
      const d = Math.hypot(other.x - end.x, other.y - end.y)
      if (d < bestDistance) {
        bestDistance = d
        best = [end.unit, other.unit, otherGroup]
      }
    }
  }
  if (!best) return -1
  addLink(network, best[0], best[1])
  return best[2]
}

/** Prim's tree over the groups: links them all into one; returns the links added. */
export function linkAllGroups(network: Network, ends: End[], groupOf: (component: number) => number): number {
  if (ends.length === 0) return 0
  const groups = ends.map((end) => groupOf(end.component))
  const inTree = new Set<number>()
  const distance = new Float64Array(ends.length).fill(Infinity)
  const from = new Int32Array(ends.length).fill(-1)
  const addGroup = (group: number) => {
    inTree.add(group)
    for (let k = 0; k < ends.length; k++) {
      if (groups[k] !== group) continue
      for (let j = 0; j < ends.length; j++) {
        if (inTree.has(groups[j])) continue
        const d = Math.hypot(ends[j].x - ends[k].x, ends[j].y - ends[k].y)
        if (d < distance[j]) {
          distance[j] = d
          from[j] = k
        }
      }
    }
  }
  addGroup(groups[0])
  let links = 0
  for (;;) {
    let best = -1
    for (let j = 0; j < ends.length; j++) if (!inTree.has(groups[j]) && (best < 0 || distance[j] < distance[best])) best = j
    if (best < 0) break
    addLink(network, ends[from[best]].unit, ends[best].unit)
    links += 1
    addGroup(groups[best])
  }
  return links
}
