/**
 * 后街背巷: exactly 657 back streets that form a street network a cleaner could walk.
 *
 * Back streets run along the alley tracks of `alleys.ts` (through cell centres, across cell sides at
 * points both cells share). Each 街道 grows its own network: the first back street starts on a road;
 * every later one starts on the network already there — at a cell centre another back street
 * passes through (a T or + junction on a shared vertex), or on the road vertex where another back
 * street ends, continuing it across the road. A back street ends on a road vertex or at the centre
 * of a cell another back street passes through. So each back street is one continuous LineString,
 * both its ends are joined, and a 街道's back streets are connected to each other.
 *
 * Once every 街道 is laid out, each back street is cut into segments of about equal length (~2,100 in
 * all, so ~120 m each) by `cut-line.ts`. A segment may cross grid edges, but its midpoint — where
 * the database places it — is kept ≥ 3 m inside one cell of its 街道. Consecutive segments share
 * their end point exactly, and together they are the back street's line.
 */
import type { DemoDistrict, Position } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Lattice } from './lattice.ts'
import type { Hierarchy } from './hierarchy.ts'
import { backStreetNames } from './names.ts'
import { distanceToRingMetres, lineLengthMetres, pointInRing, toMetres } from './geo.ts'
import { cutLine } from './cut-line.ts'
import { AlleyFrame, OPPOSITE } from './alleys.ts'

export const BACK_STREET_COUNT = 657
const MIN_SEGMENT_M = 40
/** a walk may run this many arms past its target while it looks for a place to end */
const OVERRUN_ARMS = 4
const STARTS_PER_STREET = 200
/** random starts compared when picking the least crowded one */
const START_CHOICES = 6
/** how many arms (centre to side, ~80 m) a back street aims at: 2, 3, 4, 5 or 6 */
const ARM_TARGET_WEIGHTS = [35, 35, 18, 8, 4]
/** the whole network is cut into about this many segments, each back street into ≥ 2 */
const SEGMENT_COUNT = 2100
const MIDPOINT_CLEARANCE_M = 3

export interface BackStreets {
  backStreets: DemoDistrict['backStreets']
  segments: DemoDistrict['segments']
  /** segmentCell[segmentId - 1] = the lattice cell holding the segment's midpoint */
  segmentCell: number[]
  /** segment lengths in metres, by segmentId - 1 */
  segmentLength: number[]
}

/** One back street being laid out: its vertices, which of them are cell centres, what it uses. */
interface Walk {
  vertices: Position[]
  /** centre[k] = vertex k is a cell centre (else a point on a cell side) */
  centre: boolean[]
  /** cells whose centre this walk passes through (not the cell of a junction it starts or ends on) */
  cells: number[]
  /** arms used, as cell * 4 + direction */
  arms: number[]
}

/** Network state shared by every 街道's growth. */
class Network {
  readonly cellUsed: Uint8Array
  readonly armUsed: Uint8Array
  constructor(
    readonly frame: AlleyFrame,
    readonly streetOfCell: Int32Array,
  ) {
    this.cellUsed = new Uint8Array(streetOfCell.length)
    this.armUsed = new Uint8Array(streetOfCell.length * 4)
  }
  /** The neighbour across side d of c when an alley can link the two centres (same 街道, no road between, both arms free), else -1. */
  link(c: number, d: number): number {
    if (this.frame.isRoad(c, d) || this.armUsed[c * 4 + d]) return -1
    const n = this.frame.neighbour(c, d)
    if (n < 0 || this.streetOfCell[n] !== this.streetOfCell[c] || this.armUsed[n * 4 + OPPOSITE(d)]) return -1
    return n
  }
  canExitToRoad(c: number, d: number): boolean {
    return this.frame.isRoad(c, d) && !this.armUsed[c * 4 + d]
  }
  commit(walk: Walk): void {
    for (const c of walk.cells) this.cellUsed[c] = 1
    for (const a of walk.arms) this.armUsed[a] = 1
  }
}

type Start = { vertices: Position[]; centre: boolean[]; arms: number[]; avoid: number; cell: number; heading: number }

/**
 * Walks from `start` through unused cells of the street until it can end on a road or at a junction
 * with the network, aiming at `target` arms; null when it gets stuck.
 */
function walkFrom(net: Network, start: Start, target: number, rng: Rng): Walk | null {
  const frame = net.frame
  const walk: Walk = { vertices: [...start.vertices, frame.centre(start.cell)], centre: [...start.centre, true], cells: [start.cell], arms: [...start.arms] }
  const own = new Set([start.avoid, start.cell])
  let here = start.cell
  let heading = start.heading
  for (;;) {
    const arms = walk.vertices.length - 1
    const roadExits = [0, 1, 2, 3].filter((d) => net.canExitToRoad(here, d) && !walk.arms.includes(here * 4 + d))
    const joins = [0, 1, 2, 3].filter((d) => {
      const n = net.link(here, d)
      return n >= 0 && net.cellUsed[n] === 1 && !own.has(n)
    })
    const order = rng.chance(0.7) ? [heading, (heading + 1) % 4, (heading + 3) % 4] : rng.shuffle([(heading + 1) % 4, (heading + 3) % 4, heading])
    const onward = order.filter((d) => {
      const n = net.link(here, d)
      return n >= 0 && net.cellUsed[n] === 0 && !own.has(n)
    })
    const canEnd = roadExits.length > 0 || joins.length > 0
    const endToRoad = roadExits.length > 0 && arms + 1 >= target
    const endToJoin = joins.length > 0 && arms + 2 >= target
    if (endToRoad || endToJoin || (canEnd && (onward.length === 0 || arms >= target + OVERRUN_ARMS))) {
      const toRoad = endToRoad || endToJoin ? endToRoad && (!endToJoin || rng.chance(0.6)) : roadExits.length > 0 && (joins.length === 0 || rng.chance(0.6))
      const d = toRoad ? rng.pick(roadExits) : rng.pick(joins)
      walk.arms.push(here * 4 + d)
      if (toRoad) {
        walk.vertices.push(frame.sidePoint(here, d))
        walk.centre.push(false)
      } else {
        const n = frame.neighbour(here, d)
        walk.arms.push(n * 4 + OPPOSITE(d))
        walk.vertices.push(frame.sidePoint(here, d), frame.centre(n))
        walk.centre.push(false, true)
      }
      return walk
    }
    if (onward.length === 0 || arms >= target + OVERRUN_ARMS) return null
    // keep alleys a cell apart: prefer a cell with no used cell beside it
    const d = onward.find((e) => crowding(net, frame.neighbour(here, e), here, own) === 0) ?? onward[0]
    const n = frame.neighbour(here, d)
    walk.arms.push(here * 4 + d, n * 4 + OPPOSITE(d))
    walk.vertices.push(frame.sidePoint(here, d), frame.centre(n))
    walk.centre.push(false, true)
    walk.cells.push(n)
    own.add(n)
    here = n
    heading = d
  }
}

/** Used cells (network or `own`) beside cell c, not counting `from`. */
function crowding(net: Network, c: number, from: number, own: Set<number>): number {
  let count = 0
  for (let d = 0; d < 4; d++) {
    const n = net.frame.neighbour(c, d)
    if (n >= 0 && n !== from && (net.cellUsed[n] === 1 || own.has(n))) count++
  }
  return count
}

/** The least crowded of a few random starts, so the network spreads over the 街道 instead of clumping. */
function leastCrowded(net: Network, starts: Start[], rng: Rng): Start {
  let best = rng.pick(starts)
  let bestScore = Infinity
  for (let k = 0; k < START_CHOICES; k++) {
    const start = rng.pick(starts)
    let score = 0
    for (let d = 0; d < 4; d++) {
      const n = net.frame.neighbour(start.cell, d)
      if (n >= 0) score += net.cellUsed[n] + crowding(net, n, start.cell, new Set())
    }
    if (score < bestScore) {
      best = start
      bestScore = score
    }
  }
  return best
}

/** Ways to start a back street on a 街道's existing network (junction at a centre, or across a road from another back street's end). */
function startsOnNetwork(net: Network, used: number[]): Start[] {
  const frame = net.frame
  const out: Start[] = []
  for (const c of used) {
    for (let d = 0; d < 4; d++) {
      const n = frame.neighbour(c, d)
      if (n < 0 || net.streetOfCell[n] !== net.streetOfCell[c] || net.cellUsed[n]) continue
      if (frame.isRoad(c, d)) {
        // another back street ends on this road vertex: carry on across the road
        if (net.armUsed[c * 4 + d] && !net.armUsed[n * 4 + OPPOSITE(d)]) out.push({ vertices: [frame.sidePoint(c, d)], centre: [false], arms: [n * 4 + OPPOSITE(d)], avoid: c, cell: n, heading: d })
      } else if (net.link(c, d) === n) {
        out.push({ vertices: [frame.centre(c), frame.sidePoint(c, d)], centre: [true, false], arms: [c * 4 + d, n * 4 + OPPOSITE(d)], avoid: c, cell: n, heading: d })
      }
    }
  }
  return out
}

/** Ways to start a back street from a road into an unused cell of the street (a new piece of network). */
function startsFromRoad(net: Network, cells: number[]): Start[] {
  const out: Start[] = []
  for (const c of cells) {
    if (net.cellUsed[c]) continue
    for (let d = 0; d < 4; d++) {
      if (net.canExitToRoad(c, d)) out.push({ vertices: [net.frame.sidePoint(c, d)], centre: [false], arms: [c * 4 + d], avoid: -1, cell: c, heading: OPPOSITE(d) })
    }
  }
  return out
}

/** Point halfway along the line in planar lon/lat, as PostGIS ST_LineInterpolatePoint(geom, 0.5) takes it. */
function midpoint(line: Position[]): Position {
  const pieces = line.slice(1).map((p, k) => Math.hypot(p[0] - line[k][0], p[1] - line[k][1]))
  let rest = pieces.reduce((a, v) => a + v, 0) / 2
  for (let k = 0; k < pieces.length; k++) {
    if (rest <= pieces[k]) {
      const t = pieces[k] === 0 ? 0 : rest / pieces[k]
      return [line[k][0] + (line[k + 1][0] - line[k][0]) * t, line[k][1] + (line[k + 1][1] - line[k][1]) * t]
    }
    rest -= pieces[k]
  }
  return line[line.length - 1]
}

/** Largest-remainder shares of `total` in proportion to `weights`. */
function shares(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, v) => a + v, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const out = exact.map(Math.floor)
  const order = exact.map((x, k) => ({ k, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.k - q.k)
  for (let m = 0; out.reduce((a, v) => a + v, 0) < total; m++) out[order[m].k]++
  return out
}

export function buildBackStreets(seed: number, lattice: Lattice, h: Hierarchy): BackStreets {
  const rng = new Rng(seed, STREAM.backStreets)
  const names = backStreetNames(rng, BACK_STREET_COUNT)
  const net = new Network(new AlleyFrame(seed, lattice), h.streetOfCell)
  const cellsOfStreet = h.streets.map((s) => h.cells.filter((c) => h.streetOfCell[c] === s.id))
  const quota = shares(
    cellsOfStreet.map((cells) => cells.length),
    BACK_STREET_COUNT,
  )
  const walks: { street: number; walk: Walk }[] = []
  h.streets.forEach((street, s) => {
    const cells = cellsOfStreet[s]
    const used: number[] = []
    for (let built = 0; built < quota[s]; built++) {
      const armTarget = [2, 3, 4, 5, 6][rng.weighted(ARM_TARGET_WEIGHTS)]
      let walk: Walk | null = null
      for (let attempt = 0; attempt < STARTS_PER_STREET && !walk; attempt++) {
        // grow from the network; a new piece starts from a road only when the network is stuck
        const starts = used.length > 0 && attempt < STARTS_PER_STREET / 2 ? startsOnNetwork(net, used) : startsFromRoad(net, cells)
        if (starts.length === 0) continue
        walk = walkFrom(net, leastCrowded(net, starts, rng), armTarget, rng)
      }
      if (!walk) throw new Error(`${street.name}: no room for back street ${built + 1} of ${quota[s]}`)
      net.commit(walk)
      used.push(...walk.cells)
      walks.push({ street: street.id, walk })
    }
  })

  // cut the network into ~SEGMENT_COUNT segments of about equal length
  const lengths = walks.map(({ walk }) => lineLengthMetres(walk.vertices))
  const unit = lengths.reduce((a, v) => a + v, 0) / SEGMENT_COUNT
  const rings = new Map<number, Position[]>()
  const ringOf = (c: number) => rings.get(c) ?? rings.set(c, lattice.cellRing(c)).get(c)!
  const backStreets: DemoDistrict['backStreets'] = []
  const segments: DemoDistrict['segments'] = []
  const segmentCell: number[] = []
  const segmentLength: number[] = []
  walks.forEach(({ street, walk }, k) => {
    const id = backStreets.length + 1
    const grade = ([1, 2, 3] as const)[rng.weighted([25, 45, 30])]
    // the database puts a segment in the grid holding its midpoint: keep that clearly inside a cell of the 街道
    const clearlyPlaced = (segment: Position[]) => {
      const mid = midpoint(segment)
      const cell = cellAt(lattice, mid)
      return h.streetOfCell[cell] === street && distanceToRingMetres(mid[0], mid[1], ringOf(cell)) >= MIDPOINT_CLEARANCE_M
    }
    const cut = cutLine(walk.vertices, Math.max(2, Math.round(lengths[k] / unit)), MIN_SEGMENT_M, rng, clearlyPlaced)
    cut.segments.forEach((coordinates, s) => {
      const jitteredGrade = rng.chance(0.15) ? (Math.min(3, Math.max(1, grade + (rng.chance(0.5) ? 1 : -1))) as 1 | 2 | 3) : grade
      segments.push({ id: segments.length + 1, backStreetId: id, seq: s + 1, geometry: { type: 'LineString', coordinates }, cleaningGrade: jitteredGrade })
      segmentCell.push(cellAt(lattice, midpoint(coordinates)))
      segmentLength.push(lineLengthMetres(coordinates))
    })
    backStreets.push({ id, name: names[id - 1], streetId: street, geometry: { type: 'LineString', coordinates: cut.line } })
  })
  return { backStreets, segments, segmentCell, segmentLength }
}

function cellAt(lattice: Lattice, p: Position): number {
  const [x, y] = toMetres(p)
  const cell = lattice.candidateCells(x, y).find((c) => pointInRing(p[0], p[1], lattice.cellRing(c)))
  if (cell === undefined) throw new Error(`no cell holds ${p[0]},${p[1]}`)
  return cell
}
