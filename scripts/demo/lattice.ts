/**
 * The jittered lattice everything is built on. Node (i, j) sits at its base position plus a
 * deterministic jitter; cell (i, j) is the quad of nodes (i,j) (i+1,j) (i+1,j+1) (i,j+1), i east,
 * j north. Edges carry 1–3 "wiggle" vertices derived from the edge's own key, so both cells that
 * share an edge see exactly the same rounded coordinates.
 */
import type { Position } from './model.ts'
import { hashUnit } from './prng.ts'
import { toLonLat } from './geo.ts'

export const NX = 100
export const NY = 80
export const CELL_M = 165
const ORIGIN_X = (-NX / 2) * CELL_M
const ORIGIN_Y = (-NY / 2) * CELL_M
/** Node jitter as a fraction of the cell; 0.14 keeps every quad convex with corner angles ≥ ~48°. */
const JITTER = 0.14
/** Nodes on a road line barely move across the road, so roads read as straight streets. */
const ROAD_JITTER = 0.02

/** Directions in counter-clockwise order, so a right turn is (d + 3) % 4. */
export const E = 0
export const N = 1
export const W = 2
export const S = 3
export const DI = [1, 0, -1, 0]
export const DJ = [0, 1, 0, -1]

export type RoadKind = 'main' | 'secondary'
export interface RoadLines {
  /** vertical lattice line index i → kind */
  vertical: Map<number, RoadKind>
  /** horizontal lattice line index j → kind */
  horizontal: Map<number, RoadKind>
}

export class Lattice {
  readonly nodeX: Float64Array
  readonly nodeY: Float64Array
  readonly nodePos: Position[]
  /** wiggle vertices of horizontal edge (i,j)→(i+1,j), west to east */
  private readonly hWiggles: Position[][]
  /** wiggle vertices of vertical edge (i,j)→(i,j+1), south to north */
  private readonly vWiggles: Position[][]

  constructor(
    readonly seed: number,
    readonly roads: RoadLines,
  ) {
    const nodes = (NX + 1) * (NY + 1)
    this.nodeX = new Float64Array(nodes)
    this.nodeY = new Float64Array(nodes)
    this.nodePos = new Array(nodes)
    for (let j = 0; j <= NY; j++) {
      for (let i = 0; i <= NX; i++) {
        const n = this.node(i, j)
        const ax = roads.vertical.has(i) ? ROAD_JITTER : JITTER
        const ay = roads.horizontal.has(j) ? ROAD_JITTER : JITTER
        const x = ORIGIN_X + (i + (hashUnit(seed, 11, i, j) * 2 - 1) * ax) * CELL_M
        const y = ORIGIN_Y + (j + (hashUnit(seed, 12, i, j) * 2 - 1) * ay) * CELL_M
        this.nodeX[n] = x
        this.nodeY[n] = y
        this.nodePos[n] = toLonLat(x, y)
      }
    }
    this.hWiggles = new Array(NX * (NY + 1))
    this.vWiggles = new Array((NX + 1) * NY)
    for (let j = 0; j <= NY; j++) {
      for (let i = 0; i < NX; i++) {
        this.hWiggles[j * NX + i] = this.wiggle(1, i, j, this.node(i, j), this.node(i + 1, j), roads.horizontal.has(j))
      }
    }
    for (let j = 0; j < NY; j++) {
      for (let i = 0; i <= NX; i++) {
        this.vWiggles[j * (NX + 1) + i] = this.wiggle(2, i, j, this.node(i, j), this.node(i, j + 1), roads.vertical.has(i))
      }
    }
  }

  /**
   * 1–3 vertices pushed sideways off the straight edge. Offsets stay ≤ 4 m and the vertices stay
   * ≥ 10% of the edge away from its ends, far less than the corner angles allow, so every cell ring
   * remains simple. Offsets are ≥ 1 m so no vertex is (near-)collinear noise. Road edges wiggle less.
   */
  private wiggle(axis: number, i: number, j: number, a: number, b: number, onRoad: boolean): Position[] {
    const count = 1 + Math.floor(hashUnit(this.seed, 20 + axis, i, j) * 3)
    const ax = this.nodeX[a]
    const ay = this.nodeY[a]
    const dx = this.nodeX[b] - ax
    const dy = this.nodeY[b] - ay
    const len = Math.sqrt(dx * dx + dy * dy)
    const px = -dy / len
    const py = dx / len
    const out: Position[] = []
    for (let k = 0; k < count; k++) {
      const t = (k + 0.3 + 0.4 * hashUnit(this.seed, 30 + axis, i, j, k)) / count
      const magnitude = onRoad ? 0.3 + 0.5 * hashUnit(this.seed, 40 + axis, i, j, k) : 1 + 3 * hashUnit(this.seed, 40 + axis, i, j, k)
      const offset = hashUnit(this.seed, 50 + axis, i, j, k) < 0.5 ? -magnitude : magnitude
      out.push(toLonLat(ax + dx * t + px * offset, ay + dy * t + py * offset))
    }
    return out
  }

  node(i: number, j: number): number {
    return j * (NX + 1) + i
  }
  nodeI(n: number): number {
    return n % (NX + 1)
  }
  nodeJ(n: number): number {
    return Math.floor(n / (NX + 1))
  }
  cell(i: number, j: number): number {
    return j * NX + i
  }
  cellI(c: number): number {
    return c % NX
  }
  cellJ(c: number): number {
    return Math.floor(c / NX)
  }
  inLattice(i: number, j: number): boolean {
    return i >= 0 && j >= 0 && i < NX && j < NY
  }

  /** Start node followed by the wiggle vertices met when leaving node (i,j) in direction d (end node excluded). */
  edgeVertices(i: number, j: number, d: number): Position[] {
    const start = this.nodePos[this.node(i, j)]
    switch (d) {
      case E:
        return [start, ...this.hWiggles[j * NX + i]]
      case W:
        return [start, ...[...this.hWiggles[j * NX + i - 1]].reverse()]
      case N:
        return [start, ...this.vWiggles[j * (NX + 1) + i]]
      default:
        return [start, ...[...this.vWiggles[(j - 1) * (NX + 1) + i]].reverse()]
    }
  }

  /** Wiggle vertices (canonical direction) of the edge shared by cell c and its neighbour in direction d. */
  sharedEdgeWiggles(c: number, d: number): Position[] {
    const i = this.cellI(c)
    const j = this.cellJ(c)
    if (d === S) return this.hWiggles[j * NX + i]
    if (d === N) return this.hWiggles[(j + 1) * NX + i]
    if (d === W) return this.vWiggles[j * (NX + 1) + i]
    return this.vWiggles[j * (NX + 1) + i + 1]
  }

  /** Closed counter-clockwise ring of cell c. */
  cellRing(c: number): Position[] {
    const i = this.cellI(c)
    const j = this.cellJ(c)
    const ring = [
      ...this.edgeVertices(i, j, E),
      ...this.edgeVertices(i + 1, j, N),
      ...this.edgeVertices(i + 1, j + 1, W),
      ...this.edgeVertices(i, j + 1, S),
    ]
    ring.push(ring[0])
    return ring
  }

  /** Bilinear point of cell c in metres; (u, v) ∈ [0,1]² with u east, v north. */
  cellPointXY(c: number, u: number, v: number): [number, number] {
    const i = this.cellI(c)
    const j = this.cellJ(c)
    const a = this.node(i, j)
    const b = this.node(i + 1, j)
    const cc = this.node(i + 1, j + 1)
    const d = this.node(i, j + 1)
    const x = (1 - u) * (1 - v) * this.nodeX[a] + u * (1 - v) * this.nodeX[b] + u * v * this.nodeX[cc] + (1 - u) * v * this.nodeX[d]
    const y = (1 - u) * (1 - v) * this.nodeY[a] + u * (1 - v) * this.nodeY[b] + u * v * this.nodeY[cc] + (1 - u) * v * this.nodeY[d]
    return [x, y]
  }

  cellPoint(c: number, u: number, v: number): Position {
    const [x, y] = this.cellPointXY(c, u, v)
    return toLonLat(x, y)
  }

  /** Cells whose quad may contain the point (x, y) in metres: the base cell and its 8 neighbours. */
  candidateCells(x: number, y: number): number[] {
    const bi = Math.floor((x - ORIGIN_X) / CELL_M)
    const bj = Math.floor((y - ORIGIN_Y) / CELL_M)
    const out: number[] = []
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        if (this.inLattice(bi + di, bj + dj)) out.push(this.cell(bi + di, bj + dj))
      }
    }
    return out
  }
}
