/**
 * The holes of the union of all grids ("纵向到底" leaves none), without unioning 3,000
 * polygons when they tile cleanly (polyclip-ts takes about 1.5 s for the demo's 2,950):
 *
 * 1. every ring is oriented (shells counter-clockwise, holes clockwise) and each edge is split
 *    at every vertex of any grid lying exactly on it (orient2d = 0), so T-junctions match;
 * 2. an edge piece cancels against the same piece walked the other way by a neighbour; what
 *    is left is the union's boundary when no two grids overlap;
 * 3. fast path: with no overlaps and every leftover vertex entered and left once, the
 *    leftover pieces chain into rings, and the clockwise ones are the holes;
 * 4. otherwise only the "frontier" grids (those owning a leftover piece) are unioned, and a
 *    hole of that union counts when a point inside it lies in no grid (a hole filled by
 *    interior grids is bounded by edges that all cancelled, so it is all grid or all gap).
 */
import Flatbush from 'flatbush'
import * as polyclip from 'polyclip-ts'
import { orient2d } from 'robust-predicates'
import type { ValidationContext } from './context.ts'
import { locatePoint, pointOnPart, signedArea2, type Pair, type Ring } from './geometry.ts'
import { overlappingPairs } from './overlap-pairs.ts'

export interface UnionHole {
  ring: Ring
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

  // 3. fast path
  if (overlappingPairs(context).length === 0) {
    const chained = chainRings(leftover, at)
    if (chained) {
      return chained
        .filter((ring) => signedArea2(ring.ring) < 0)
        .map((ring) => ({ ring: ring.ring, location: pointOnPart([[...ring.ring].reverse()]), neighbours: [...ring.grids].sort((a, b) => a - b) }))
    }
  }

  // 4. union of the frontier
  const frontier = [...new Set(leftover.map((piece) => piece.grid))]
  const geometries = frontier.map((index) => grids[index].measured as polyclip.Geom).filter((geometry) => (geometry as unknown[]).length > 0)
  if (geometries.length === 0) return []
  const union = polyclip.union(geometries[0], ...geometries.slice(1)) as Ring[][]
  const holes: UnionHole[] = []
  for (const part of union) {
    for (const hole of part.slice(1)) {
      const location = pointOnPart([hole])
      const covered = context.index
        ? context.index.search(location[0], location[1], location[0], location[1]).some((index) => locatePoint(location[0], location[1], grids[index].measured) >= 0)
        : false
      if (covered) continue
      const neighbours = context.index
        ? context.index
            .search(...holeBox(hole))
            .filter((index) => hole.some(([x, y]) => locatePoint(x, y, grids[index].measured) === 0))
            .sort((a, b) => a - b)
        : []
      holes.push({ ring: hole, location, neighbours })
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

/** Rings from pieces when every vertex is entered and left exactly once; null otherwise. */
function chainRings(pieces: Piece[], at: Pair[]): { ring: Ring; grids: Set<number> }[] | null {
  const outgoing = new Map<number, Piece>()
  const incoming = new Set<number>()
  for (const piece of pieces) {
    if (piece.count !== 1 || outgoing.has(piece.from) || incoming.has(piece.to)) return null
    outgoing.set(piece.from, piece)
    incoming.add(piece.to)
  }
  const rings: { ring: Ring; grids: Set<number> }[] = []
  const used = new Set<Piece>()
  for (const start of pieces) {
    if (used.has(start)) continue
    const ring: Ring = [at[start.from]]
    const owners = new Set<number>()
    let piece: Piece | undefined = start
    while (piece && !used.has(piece)) {
      used.add(piece)
      owners.add(piece.grid)
      ring.push(at[piece.to])
      piece = outgoing.get(piece.to)
    }
    if (piece !== start) return null
    rings.push({ ring, grids: owners })
  }
  return rings
}
