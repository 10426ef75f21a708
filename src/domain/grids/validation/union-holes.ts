/**
 * The holes of the union of all grids ("纵向到底" leaves none), without unioning 3,000
 * polygons when they tile cleanly (polyclip-ts takes about 1.5 s for the demo's 2,950):
 *
 * 1. every ring is oriented (shells counter-clockwise, holes clockwise) and each edge is split
 *    at every vertex of any grid lying exactly on it (orient2d = 0), so T-junctions match;
 * 2. an edge piece cancels against the same piece walked the other way by a neighbour; what
 *    is left is the union's boundary when no two grids overlap;
 * 3. with no overlaps, the leftover pieces are the union's boundary (union on their left);
 *    with overlaps, the boundary is taken from polyclip-ts's union of the "frontier" grids
 *    (those owning a leftover piece) instead, since crossing edges are not split above;
 * 4. the boundary is traced into rings taking, at a vertex where it meets itself, the
 *    rightmost turn — so a hole touching the outline (or another hole) at one point comes out
 *    as its own ring, as in GEOS, rather than as a pinch (which is how polyclip-ts writes it);
 * 5. each clockwise ring encloses ground outside the union's outline; what of it no grid
 *    covers (polyclip-ts: the ring less the grids near it, so islands and interior grids are
 *    taken out) is the gap. A clean tiling has no clockwise ring and never gets here.
 */
import Flatbush from 'flatbush'
import * as polyclip from 'polyclip-ts'
import { orient2d } from 'robust-predicates'
import type { ValidationContext } from './context.ts'
import { locatePoint, pointOnPart, signedArea2, type Pair, type Ring } from './geometry.ts'
import { overlappingPairs } from './overlap-pairs.ts'

export interface UnionHole {
  /** the gap as one polygon part: outer ring, then the rings of islands inside it */
  part: Ring[]
  /** a point strictly inside the hole */
  location: Pair
  /** indices of the grids whose boundary the hole touches */
  neighbours: number[]
}

export function unionHoles(context: ValidationContext): UnionHole[] {
  const { grids } = context
  // 1. oriented edges and all vertices
  const edges: { ax: number; ay: number; bx: number; by: number; grid: number }[] = []
  const vertices: number[] = []
  grids.forEach((grid, index) => {
    for (const part of grid.measured) {
      part.forEach((ring, ringIndex) => {
        if (ring.length < 4) return
        const reverse = ringIndex === 0 ? signedArea2(ring) < 0 : signedArea2(ring) > 0
        const oriented = reverse ? [...ring].reverse() : ring
        for (let k = 0; k + 1 < oriented.length; k++) {
          const [ax, ay] = oriented[k]
          const [bx, by] = oriented[k + 1]
          if (ax === bx && ay === by) continue
          edges.push({ ax, ay, bx, by, grid: index })
          vertices.push(ax, ay)
        }
      })
    }
  })
  if (edges.length === 0) return []
  const vertexCount = vertices.length / 2
  const vertexIndex = new Flatbush(vertexCount)
  for (let v = 0; v < vertexCount; v++) vertexIndex.add(vertices[2 * v], vertices[2 * v + 1], vertices[2 * v], vertices[2 * v + 1])
  vertexIndex.finish()

  // 2. cancel whole edges first (a clean tiling cancels all but its outline here), then split
  // what is left at the vertices lying on it and cancel the pieces. Vertices are numbered so
  // that an edge piece is one number.
  const ids = new Map<number, Map<number, number>>()
  const at: Pair[] = []
  const vertexId = (x: number, y: number): number => {
    let column = ids.get(x)
    if (!column) ids.set(x, (column = new Map()))
    let id = column.get(y)
    if (id === undefined) {
      id = at.length
      column.set(y, id)
      at.push([x, y])
    }
    return id
  }
  // 2^26 vertices is far beyond any grid layer; the products stay exact integers.
  const SHIFT = 67_108_864
  const cancel = (open: Map<number, Piece>, from: number, to: number, grid: number) => {
    const twin = open.get(to * SHIFT + from)
    if (twin && twin.count > 0) {
      twin.count -= 1
      return
    }
    const same = open.get(from * SHIFT + to)
    if (same) same.count += 1
    else open.set(from * SHIFT + to, { from, to, grid, count: 1 })
  }
  const whole = new Map<number, Piece>()
  for (const edge of edges) cancel(whole, vertexId(edge.ax, edge.ay), vertexId(edge.bx, edge.by), edge.grid)
  const open = new Map<number, Piece>()
  for (const piece of whole.values()) {
    for (let copy = 0; copy < piece.count; copy++) {
      const [ax, ay] = at[piece.from]
      const [bx, by] = at[piece.to]
      const splits: Pair[] = []
      for (const v of vertexIndex.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
        const x = vertices[2 * v]
        const y = vertices[2 * v + 1]
        if ((x === ax && y === ay) || (x === bx && y === by)) continue
        if (orient2d(ax, ay, bx, by, x, y) === 0) splits.push([x, y])
      }
      const ordered = [...new Map(splits.map((point) => [vertexId(point[0], point[1]), point])).entries()]
      ordered.sort(([, p], [, q]) => (p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay) - ((q[0] - ax) * (bx - ax) + (q[1] - ay) * (by - ay)))
      const chain = [piece.from, ...ordered.map(([id]) => id), piece.to]
      for (let k = 0; k + 1 < chain.length; k++) cancel(open, chain[k], chain[k + 1], piece.grid)
    }
  }
  const leftover = [...open.values()].filter((piece) => piece.count > 0)
  if (leftover.length === 0) return []

  // 3. the union's boundary
  let boundary: { pieces: Piece[]; at: Pair[] } = { pieces: leftover, at }
  if (overlappingPairs(context).length > 0) {
    const frontier = [...new Set(leftover.map((piece) => piece.grid))]
    const geometries = frontier.map((index) => grids[index].measured as polyclip.Geom).filter((geometry) => (geometry as unknown[]).length > 0)
    if (geometries.length === 0) return []
    const union = polyclip.union(geometries[0], ...geometries.slice(1)) as Ring[][]
    const pieces: Piece[] = []
    const unionAt: Pair[] = []
    const ids = new Map<string, number>()
    const id = ([x, y]: Pair) => {
      const name = `${x},${y}`
      let known = ids.get(name)
      if (known === undefined) {
        known = unionAt.length
        ids.set(name, known)
        unionAt.push([x, y])
      }
      return known
    }
    // polyclip-ts writes outer rings counter-clockwise and holes clockwise: the union is on the left.
    for (const part of union) for (const ring of part) for (let k = 0; k + 1 < ring.length; k++) pieces.push({ from: id(ring[k]), to: id(ring[k + 1]), grid: -1, count: 1 })
    boundary = { pieces, at: unionAt }
  }

  // 4–5. rings, and what the clockwise ones enclose
  const holes: UnionHole[] = []
  for (const ring of traceRings(boundary.pieces, boundary.at)) {
    if (signedArea2(ring) >= 0) continue
    const box = holeBox(ring)
    const near = (context.index?.search(...box) ?? []).filter((index) => grids[index].measured.length > 0)
    const uncovered = near.length > 0 ? (polyclip.difference([ring] as polyclip.Geom, ...near.map((index) => grids[index].measured as polyclip.Geom)) as Ring[][]) : [[ring]]
    for (const part of uncovered) {
      const neighbours = near.filter((index) => part.some((edge) => edge.some(([x, y]) => locatePoint(x, y, grids[index].measured) === 0))).sort((a, b) => a - b)
      holes.push({ part, location: pointOnPart(part), neighbours })
    }
  }
  return holes
}

function holeBox(ring: Ring): [number, number, number, number] {
  const xs = ring.map((position) => position[0])
  const ys = ring.map((position) => position[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

interface Piece {
  from: number
  to: number
  grid: number
  count: number
}

/**
 * Rings from boundary pieces (each used once). Where several pieces leave a vertex, the one
 * turning furthest right from the way we came is taken, which splits a boundary that touches
 * itself at a point into simple rings, each keeping the union on its left.
 */
function traceRings(pieces: Piece[], at: Pair[]): Ring[] {
  const outgoing = new Map<number, Piece[]>()
  for (const piece of pieces) {
    for (let copy = 0; copy < piece.count; copy++) {
      const list = outgoing.get(piece.from) ?? []
      list.push(piece)
      outgoing.set(piece.from, list)
    }
  }
  const rings: Ring[] = []
  for (const start of pieces) {
    while ((outgoing.get(start.from) ?? []).includes(start)) {
      take(outgoing, start)
      const ring: Ring = [at[start.from], at[start.to]]
      let previous = start.from
      let current = start.to
      while (current !== start.from) {
        const next = rightmost(outgoing.get(current) ?? [], at[previous], at[current], at)
        if (!next) break
        take(outgoing, next)
        ring.push(at[next.to])
        previous = current
        current = next.to
      }
      if (current !== start.from) ring.push(at[start.from])
      rings.push(ring)
    }
  }
  return rings
}

function take(outgoing: Map<number, Piece[]>, piece: Piece): void {
  const list = outgoing.get(piece.from)!
  list.splice(list.indexOf(piece), 1)
}

function rightmost(candidates: Piece[], from: Pair, via: Pair, at: Pair[]): Piece | null {
  let best: Piece | null = null
  let bestTurn = Infinity
  const dx = via[0] - from[0]
  const dy = via[1] - from[1]
  for (const candidate of candidates) {
    const ox = at[candidate.to][0] - via[0]
    const oy = at[candidate.to][1] - via[1]
    const turn = Math.atan2(dx * oy - dy * ox, dx * ox + dy * oy)
    if (turn < bestTurn) {
      bestTurn = turn
      best = candidate
    }
  }
  return best
}
