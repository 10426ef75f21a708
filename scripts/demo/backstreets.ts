/**
 * 后街背巷: exactly 657 back streets, each a walk of 2–5 consecutive cells inside one 街道.
 *
 * A back street is drawn through cell interiors only. Inside each cell it is a short polyline kept
 * ≥ 14% of the cell (≈ 17 m) away from the cell's straight sides; that polyline is one cleaning
 * segment, so every segment lies strictly inside exactly one grid. The back street's own LineString
 * is all segment vertices in order: the piece joining two consecutive segments is the only part that
 * crosses a grid edge, and it belongs to no segment.
 */
import type { DemoDistrict, Position } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import { DI, DJ, E, N, S, W, type Lattice } from './lattice.ts'
import type { Hierarchy } from './hierarchy.ts'
import { backStreetNames } from './names.ts'
import { lineLengthMetres } from './geo.ts'

export const BACK_STREET_COUNT = 657
const INSET = 0.14
const MIN_SEGMENT_M = 40

export interface BackStreets {
  backStreets: DemoDistrict['backStreets']
  segments: DemoDistrict['segments']
  /** segmentCell[segmentId - 1] = the lattice cell holding the segment */
  segmentCell: number[]
  /** segment lengths in metres, by segmentId - 1 */
  segmentLength: number[]
}

/** The point of cell-local (u, v) space on the inset side `d`, at track position `t` along it. */
function sidePoint(d: number, t: number): [number, number] {
  if (d === E) return [1 - INSET, t]
  if (d === W) return [INSET, t]
  if (d === N) return [t, 1 - INSET]
  return [t, INSET]
}

/** A random walk of `length` distinct cells of one street; null when it gets stuck too early. */
function walk(lattice: Lattice, h: Hierarchy, start: number, length: number, usage: Uint8Array, rng: Rng): number[] | null {
  const street = h.streetOfCell[start]
  const path = [start]
  let heading = rng.int(0, 3)
  while (path.length < length) {
    const here = path[path.length - 1]
    const options = rng.chance(0.7) ? [heading, (heading + 1) % 4, (heading + 3) % 4] : rng.shuffle([(heading + 1) % 4, (heading + 3) % 4, heading])
    let moved = false
    for (const d of options) {
      const ni = lattice.cellI(here) + DI[d]
      const nj = lattice.cellJ(here) + DJ[d]
      if (!lattice.inLattice(ni, nj)) continue
      const next = lattice.cell(ni, nj)
      if (h.streetOfCell[next] !== street || path.includes(next) || usage[next] >= 2) continue
      path.push(next)
      heading = d
      moved = true
      break
    }
    if (!moved) break
  }
  return path.length >= 2 ? path : null
}

export function buildBackStreets(seed: number, lattice: Lattice, h: Hierarchy): BackStreets {
  const rng = new Rng(seed, STREAM.backStreets)
  const names = backStreetNames(rng, BACK_STREET_COUNT)
  const usage = new Uint8Array(h.streetOfCell.length)
  const backStreets: DemoDistrict['backStreets'] = []
  const segments: DemoDistrict['segments'] = []
  const segmentCell: number[] = []
  const segmentLength: number[] = []

  while (backStreets.length < BACK_STREET_COUNT) {
    // prefer a start cell no back street uses yet
    let start = h.cells[rng.int(0, h.cells.length - 1)]
    for (let attempt = 0; attempt < 8 && usage[start] > 0; attempt++) start = h.cells[rng.int(0, h.cells.length - 1)]
    const path = walk(lattice, h, start, [2, 3, 4, 5][rng.weighted([25, 45, 20, 10])], usage, rng)
    if (!path) continue
    const moves: number[] = []
    for (let s = 0; s + 1 < path.length; s++) {
      const di = lattice.cellI(path[s + 1]) - lattice.cellI(path[s])
      const dj = lattice.cellJ(path[s + 1]) - lattice.cellJ(path[s])
      moves.push(di === 1 ? E : di === -1 ? W : dj === 1 ? N : S)
    }
    // tracks: where the street runs across the cell (v for east–west travel, u for north–south)
    const trackV = rng.range(0.35, 0.65)
    const trackU = rng.range(0.35, 0.65)
    const track = (d: number) => (d === E || d === W ? trackV : trackU)
    const id = backStreets.length + 1
    const grade = ([1, 2, 3] as const)[rng.weighted([25, 45, 30])]
    const line: Position[] = []
    path.forEach((c, s) => {
      const uv: [number, number][] = []
      const entrySide = s > 0 ? (moves[s - 1] + 2) % 4 : -1
      const exitSide = s < moves.length ? moves[s] : -1
      if (entrySide < 0) {
        // first cell: start a quarter of the way in from the side opposite the exit
        const opposite = (exitSide + 2) % 4
        const [u, v] = sidePoint(opposite, track(exitSide))
        uv.push([u === INSET ? 0.25 : u === 1 - INSET ? 0.75 : u, v === INSET ? 0.25 : v === 1 - INSET ? 0.75 : v])
      } else uv.push(sidePoint(entrySide, track(moves[s - 1])))
      if (entrySide >= 0 && exitSide >= 0 && entrySide % 2 !== exitSide % 2) {
        // turning cell: go to the crossing of the two tracks
        uv.push([trackU, trackV])
      }
      if (exitSide >= 0) uv.push(sidePoint(exitSide, track(exitSide)))
      else {
        const [u, v] = sidePoint(moves[s - 1], track(moves[s - 1]))
        uv.push([u === INSET ? 0.25 : u === 1 - INSET ? 0.75 : u, v === INSET ? 0.25 : v === 1 - INSET ? 0.75 : v])
      }
      const coordinates = uv.map(([u, v]) => lattice.cellPoint(c, u, v))
      const length = lineLengthMetres(coordinates)
      if (length < MIN_SEGMENT_M) throw new Error(`segment too short (${length.toFixed(1)} m)`)
      const jitteredGrade = rng.chance(0.15) ? (Math.min(3, Math.max(1, grade + (rng.chance(0.5) ? 1 : -1))) as 1 | 2 | 3) : grade
      segments.push({ id: segments.length + 1, backStreetId: id, seq: s + 1, geometry: { type: 'LineString', coordinates }, cleaningGrade: jitteredGrade })
      segmentCell.push(c)
      segmentLength.push(length)
      line.push(...coordinates)
      usage[c]++
    })
    backStreets.push({ id, name: names[id - 1], streetId: h.streetOfCell[start], geometry: { type: 'LineString', coordinates: line } })
  }
  return { backStreets, segments, segmentCell, segmentLength }
}
