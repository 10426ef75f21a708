/**
 * The union of grids that tile their area, computed from their topology instead of with a
 * polygon clipper: every ring is oriented (exterior counter-clockwise, holes clockwise), an
 * edge met in both directions is interior to the union and cancels, and what remains is
 * walked into rings. No vertex moves and none is dropped, so a vertex the union shares with a
 * third grid is still there for it (polyclip would re-node and may round). Where the
 * remaining boundary meets itself at a vertex, the walk takes the rightmost turn, so a hole
 * touching the outline at one point becomes its own ring (valid, as GEOS writes it) rather
 * than a self-touching outline. T-junctions inside the group are noded first.
 */
import { pointIndex } from './point-index.ts'
import { insertPoints, keyOf, ringsOf, signedArea2 } from './rings.ts'
import type { Position } from './types.ts'

export type UnionOutcome =
  | { ok: true; rings: Position[][] }
  | { ok: false; why: 'overlapping' | 'not-connected' }

interface Edge {
  from: Position
  to: Position
  owner: number
}

export function topologicalUnion(polygons: readonly GeoJSON.Polygon[]): UnionOutcome {
  const allPoints = polygons.flatMap((polygon) => ringsOf(polygon).flat())
  const search = pointIndex(allPoints)
  const ringSets = polygons.map((polygon) => {
    const rings = ringsOf(polygon)
    return insertPoints(rings, search) ?? rings
  })
  // union-find over the polygons, joined when they cancel an edge (share a stretch of boundary)
  const parent = polygons.map((_, k) => k)
  const root = (k: number): number => (parent[k] === k ? k : (parent[k] = root(parent[k])))
  const edges = new Map<string, Edge>()
  for (const [owner, rings] of ringSets.entries()) {
    for (const ring of rings) {
      for (let k = 0; k < ring.length; k++) {
        const from = ring[k]
        const to = ring[(k + 1) % ring.length]
        const forward = `${keyOf(from)}>${keyOf(to)}`
        const backward = `${keyOf(to)}>${keyOf(from)}`
        if (edges.has(forward)) return { ok: false, why: 'overlapping' }
        const reverse = edges.get(backward)
        if (reverse) {
          edges.delete(backward)
          parent[root(reverse.owner)] = root(owner)
        } else edges.set(forward, { from, to, owner })
      }
    }
  }
  if (polygons.some((_, k) => root(k) !== root(0))) return { ok: false, why: 'not-connected' }
  const outgoing = new Map<string, Edge[]>()
  for (const edge of edges.values()) {
    const key = keyOf(edge.from)
    const list = outgoing.get(key) ?? []
    list.push(edge)
    outgoing.set(key, list)
  }
  const used = new Set<Edge>()
  const rings: Position[][] = []
  // start at vertices with one way out first, so a walk never starts inside a pinch
  const starts = [...edges.values()].sort((x, y) => (outgoing.get(keyOf(x.from))!.length - outgoing.get(keyOf(y.from))!.length))
  for (const start of starts) {
    if (used.has(start)) continue
    const ring: Position[] = []
    let edge = start
    for (;;) {
      used.add(edge)
      ring.push(edge.from)
      if (keyOf(edge.to) === keyOf(start.from)) break
      const choices = (outgoing.get(keyOf(edge.to)) ?? []).filter((candidate) => !used.has(candidate))
      if (choices.length === 0) return { ok: false, why: 'overlapping' }
      edge = choices.length === 1 ? choices[0] : rightmost(edge, choices)
    }
    rings.push(ring)
  }
  const shells = rings.filter((ring) => signedArea2(ring) > 0)
  if (shells.length !== 1) return { ok: false, why: 'not-connected' }
  return { ok: true, rings: [shells[0], ...rings.filter((ring) => signedArea2(ring) <= 0)] }
}

/** The way out turning furthest clockwise from the way in. */
function rightmost(incoming: Edge, choices: Edge[]): Edge {
  const inX = incoming.to[0] - incoming.from[0]
  const inY = incoming.to[1] - incoming.from[1]
  let best = choices[0]
  let bestTurn = Infinity
  for (const choice of choices) {
    const outX = choice.to[0] - choice.from[0]
    const outY = choice.to[1] - choice.from[1]
    const turn = Math.atan2(inX * outY - inY * outX, inX * outX + inY * outY)
    if (turn < bestTurn) {
      bestTurn = turn
      best = choice
    }
  }
  return best
}
