/**
 * Where back streets may run: one alley track per lattice column (north–south) and one per row
 * (east–west), so an alley crossing from one cell into the next meets the shared side at the very
 * same point from both cells. Inside a cell every alley passes through the cell's centre (the
 * crossing of its two tracks); each of the cell's four sides is an "arm" from that centre to the
 * side. On a road side the arm ends on a vertex of the road itself (the road's wiggle vertex nearest
 * the track), so an alley that ends there is joined to the road exactly, and the alley across the
 * road ends on the same vertex.
 */
import type { Position } from './model.ts'
import { hashUnit } from './prng.ts'
import { DI, DJ, E, N, NX, NY, S, W, type Lattice } from './lattice.ts'
import { toLonLat, toMetres } from './geo.ts'

/** Tracks stay in the middle of the cell: every arm is then ≥ 0.38 × 119 m (the narrowest cell) ≈ 45 m. */
const TRACK_MIN = 0.38
const TRACK_MAX = 0.62

export class AlleyFrame {
  private readonly trackU: Float64Array
  private readonly trackV: Float64Array
  private readonly centres = new Map<number, Position>()
  private readonly sidePoints = new Map<number, Position>()

  constructor(
    seed: number,
    private readonly lattice: Lattice,
  ) {
    this.trackU = Float64Array.from({ length: NX }, (_, i) => TRACK_MIN + (TRACK_MAX - TRACK_MIN) * hashUnit(seed, 71, i))
    this.trackV = Float64Array.from({ length: NY }, (_, j) => TRACK_MIN + (TRACK_MAX - TRACK_MIN) * hashUnit(seed, 72, j))
  }

  /** The cell across side d of cell c, or -1 outside the lattice. */
  neighbour(c: number, d: number): number {
    const i = this.lattice.cellI(c) + DI[d]
    const j = this.lattice.cellJ(c) + DJ[d]
    return this.lattice.inLattice(i, j) ? this.lattice.cell(i, j) : -1
  }

  /** True when side d of cell c lies on a road line (every such side of a district cell is part of a road). */
  isRoad(c: number, d: number): boolean {
    const i = this.lattice.cellI(c)
    const j = this.lattice.cellJ(c)
    const roads = this.lattice.roads
    if (d === E) return roads.vertical.has(i + 1)
    if (d === W) return roads.vertical.has(i)
    if (d === N) return roads.horizontal.has(j + 1)
    return roads.horizontal.has(j)
  }

  centre(c: number): Position {
    let p = this.centres.get(c)
    if (!p) {
      p = this.lattice.cellPoint(c, this.trackU[this.lattice.cellI(c)], this.trackV[this.lattice.cellJ(c)])
      this.centres.set(c, p)
    }
    return p
  }

  /**
   * Where an alley leaving cell c through side d meets that side: the track's crossing of the side's
   * chord, or on a road the road vertex nearest to it. One value per lattice edge, so the cells on
   * both sides get the identical position.
   */
  sidePoint(c: number, d: number): Position {
    const i = this.lattice.cellI(c)
    const j = this.lattice.cellJ(c)
    // canonical edge: vertical edges (line i, row j) first, then horizontal ones (line j, column i)
    const vertical = d === E || d === W
    const li = d === E ? i + 1 : i
    const lj = d === N ? j + 1 : j
    const edge = vertical ? lj * (NX + 1) + li : (NX + 1) * NY + lj * NX + li
    let p = this.sidePoints.get(edge)
    if (p) return p
    const lattice = this.lattice
    const a = lattice.node(li, lj)
    const b = vertical ? lattice.node(li, lj + 1) : lattice.node(li + 1, lj)
    const t = vertical ? this.trackV[lj] : this.trackU[li]
    const x = lattice.nodeX[a] + (lattice.nodeX[b] - lattice.nodeX[a]) * t
    const y = lattice.nodeY[a] + (lattice.nodeY[b] - lattice.nodeY[a]) * t
    if (this.isRoad(c, d)) {
      let best = Infinity
      for (const w of lattice.sharedEdgeWiggles(c, d)) {
        const [wx, wy] = toMetres(w)
        const dist = Math.hypot(wx - x, wy - y)
        if (dist < best) {
          best = dist
          p = w
        }
      }
    }
    p ??= toLonLat(x, y)
    this.sidePoints.set(edge, p)
    return p
  }
}

export const OPPOSITE = (d: number) => (d + 2) % 4
export const DIRECTIONS = [E, N, W, S] as const
