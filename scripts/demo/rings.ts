/**
 * Outline of a set of cells as one Polygon, traced from the cells' boundary edges.
 *
 * Every boundary edge is directed with the region on its left, so shells come out counter-clockwise
 * and holes clockwise without any reordering. Where the region touches itself diagonally at a node
 * there are two ways to leave that node; we always take the right turn. That keeps the two
 * non-region cells at the pinch in separate rings (the region pieces are joined through the node),
 * so each ring is the boundary of one 4-connected piece of the complement and never visits a node
 * twice. For a 4-connected region the result is a valid OGC polygon: simple rings, holes that touch
 * the shell or each other in single points only.
 */
import type { PolygonGeometry, Position } from './model.ts'
import { DI, DJ, E, N, S, W, type Lattice } from './lattice.ts'
import { signedArea } from './geo.ts'

/** Node at which the side of cell (i,j) walked counter-clockwise in direction d starts. */
function sideStart(i: number, j: number, d: number): [number, number] {
  if (d === E) return [i, j]
  if (d === N) return [i + 1, j]
  if (d === W) return [i + 1, j + 1]
  return [i, j + 1]
}

/** The neighbour across the side walked in direction d (region on the left means neighbour on the right). */
function across(d: number): number {
  return (d + 3) % 4
}

export function traceRegion(lattice: Lattice, cells: readonly number[], inRegion: (c: number) => boolean): PolygonGeometry {
  // outgoing[node * 4 + d] = 1 when a boundary edge leaves that node in direction d
  const outgoing = new Map<number, number>()
  const starts: number[] = []
  for (const c of cells) {
    const i = lattice.cellI(c)
    const j = lattice.cellJ(c)
    for (const d of [E, N, W, S]) {
      const side = across(d)
      const ni = i + DI[side]
      const nj = j + DJ[side]
      if (lattice.inLattice(ni, nj) && inRegion(lattice.cell(ni, nj))) continue
      const [si, sj] = sideStart(i, j, d)
      const key = lattice.node(si, sj) * 4 + d
      outgoing.set(key, 0)
      starts.push(key)
    }
  }
  starts.sort((a, b) => a - b)

  const rings: Position[][] = []
  for (const first of starts) {
    if (outgoing.get(first) === 1) continue
    const ring: Position[] = []
    let key = first
    do {
      outgoing.set(key, 1)
      const node = Math.floor(key / 4)
      const d = key % 4
      const i = lattice.nodeI(node)
      const j = lattice.nodeJ(node)
      ring.push(...lattice.edgeVertices(i, j, d))
      const endNode = lattice.node(i + DI[d], j + DJ[d])
      let nextKey = -1
      for (const turn of [3, 0, 1]) {
        const candidate = endNode * 4 + ((d + turn) % 4)
        if (outgoing.has(candidate)) {
          nextKey = candidate
          break
        }
      }
      if (nextKey < 0) throw new Error('open boundary while tracing a region')
      key = nextKey
    } while (key !== first)
    ring.push(ring[0])
    rings.push(ring)
  }

  const shells = rings.filter((r) => signedArea(r) > 0)
  const holes = rings.filter((r) => signedArea(r) < 0)
  if (shells.length !== 1) throw new Error(`region is not one polygon (${shells.length} shells)`)
  return { type: 'Polygon', coordinates: [shells[0], ...holes] }
}
