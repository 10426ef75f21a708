/**
 * 后街背巷: exactly 657 back streets that form a street network a cleaner could walk.
 *
 * Back streets run along the alley tracks of `alleys.ts`: one track per lattice row (east–west) and
 * one per column (north–south), through cell centres, across cell sides at points both cells
 * share. The old quarter of each 街道 — about half its blocks (cells between roads), a connected
 * cluster of them — has an alley on every other track in both directions, so its alleys cross at
 * cell centres (a shared vertex) and form a mesh with loops of about 330 m, as 胡同 do; the rest of
 * the 街道 (newer compounds) has none. An alley runs from road to road across its block; where the
 * block ends at something other than a road (another 街道, the district edge) it is cut back to
 * its last crossing, so every end is on a road vertex or on a vertex of another back street. The
 * tracks are the same on both sides of a road and meet it at the same road vertex, so the alleys
 * of neighbouring blocks meet there. Each alley is then split at cell centres into named back
 * streets (the 街道's share of the 657 by its size).
 *
 * A mesh matters to the roster: a network that is mostly a tree has pendant lumps that no
 * connected partition into even beats can cut (docs/roster-balance.md); with loops every beat
 * can be contiguous and within ±10 % of the mean.
 *
 * Once every 街道 is laid out, each back street is cut into segments of about equal length (~2,100 in
 * all, so ~120 m each) by `cut-line.ts`. A segment may cross grid edges, but its midpoint — where
 * the database places it — is kept ≥ 3 m inside one cell of its 街道. Consecutive segments share
 * their end point exactly, and together they are the back street's line.
 */
import type { DemoDistrict, Position } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Hierarchy } from './hierarchy.ts'
import { backStreetNames } from './names.ts'
import { distanceToRingMetres, lineLengthMetres, pointInRing, toMetres } from './geo.ts'
import { cutLine } from './cut-line.ts'
import { AlleyFrame, DIRECTIONS, OPPOSITE } from './alleys.ts'
import { E, N, type Lattice } from './lattice.ts'

export const BACK_STREET_COUNT = 657
const MIN_SEGMENT_M = 40
/** the whole network is cut into about this many segments, each back street into ≥ 2 */
const SEGMENT_COUNT = 2100
const MIDPOINT_CLEARANCE_M = 3
/** a 街道's old quarter is grown block by block until its alleys are this long per back street of its share */
const METRES_PER_BACK_STREET = 370

export interface BackStreets {
  backStreets: DemoDistrict['backStreets']
  segments: DemoDistrict['segments']
  /** segmentCell[segmentId - 1] = the lattice cell holding the segment's midpoint */
  segmentCell: number[]
  /** segment lengths in metres, by segmentId - 1 */
  segmentLength: number[]
}

/** An alley along one track of one block: its cells in order and how each end meets the world. */
interface Run {
  /** true for an east–west alley (along a row), false for north–south (along a column) */
  alongRow: boolean
  cells: number[]
  /** end sides are roads (the alley ends on the road vertex there); else it ends at the end cell's centre */
  roadAtStart: boolean
  roadAtEnd: boolean
}

/** Cells of the street reachable from each other without crossing a road: the street's blocks. */
function blocksOf(frame: AlleyFrame, streetOfCell: Int32Array, cells: number[]): number[][] {
  const blockOf = new Map<number, number>()
  const blocks: number[][] = []
  for (const first of cells) {
    if (blockOf.has(first)) continue
    const block = [first]
    blockOf.set(first, blocks.length)
    for (let k = 0; k < block.length; k++) {
      for (const d of DIRECTIONS) {
        const n = frame.neighbour(block[k], d)
        if (n < 0 || frame.isRoad(block[k], d) || streetOfCell[n] !== streetOfCell[first] || blockOf.has(n)) continue
        blockOf.set(n, blocks.length)
        block.push(n)
      }
    }
    blocks.push(block.sort((a, b) => a - b))
  }
  return blocks
}

/**
 * The alleys of one block: maximal runs of the block's cells along every other row and column
 * track, cut back to their last crossing where they do not end on a road, keeping the largest
 * connected set of them (so a block's alleys are one mesh).
 */
function blockRuns(frame: AlleyFrame, lattice: Lattice, block: number[], parity: [number, number]): Run[] {
  const inBlock = new Set(block)
  const onTrack = (c: number, alongRow: boolean) => (alongRow ? lattice.cellJ(c) % 2 === parity[1] : lattice.cellI(c) % 2 === parity[0])
  let runs: Run[] = []
  for (const alongRow of [true, false]) {
    const forward = alongRow ? E : N
    const back = OPPOSITE(forward)
    for (const c of block) {
      if (!onTrack(c, alongRow)) continue
      const before = frame.neighbour(c, back)
      if (before >= 0 && inBlock.has(before) && !frame.isRoad(c, back)) continue // not the first cell of its run
      const cells = [c]
      for (;;) {
        const last = cells[cells.length - 1]
        const next = frame.neighbour(last, forward)
        if (next < 0 || !inBlock.has(next) || frame.isRoad(last, forward)) break
        cells.push(next)
      }
      runs.push({ alongRow, cells, roadAtStart: frame.isRoad(c, back), roadAtEnd: frame.isRoad(cells[cells.length - 1], forward) })
    }
  }
  // an end that is not on a road must be a crossing: cut back until it is, dropping runs with nothing left
  for (let changed = true; changed; ) {
    changed = false
    const through = new Map<number, number>()
    for (const run of runs) for (const c of run.cells) through.set(c, (through.get(c) ?? 0) + 1)
    const crossing = (c: number) => (through.get(c) ?? 0) > 1
    const kept: Run[] = []
    for (const run of runs) {
      const { roadAtStart, roadAtEnd } = run
      let cells = run.cells
      while (!roadAtStart && cells.length > 0 && !crossing(cells[0])) cells = cells.slice(1)
      while (!roadAtEnd && cells.length > 0 && !crossing(cells[cells.length - 1])) cells = cells.slice(0, -1)
      // an alley needs two arms at least: a single cell from a road to its own centre is not one
      const arms = 2 * (cells.length - 1) + (roadAtStart ? 1 : 0) + (roadAtEnd ? 1 : 0)
      if (cells.length !== run.cells.length || arms < 2) changed = true
      if (arms >= 2) kept.push({ ...run, cells })
    }
    runs = kept
  }
  // the largest connected set of runs (crossings join them)
  const parent = runs.map((_, k) => k)
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])))
  const runsAt = new Map<number, number[]>()
  runs.forEach((run, k) => run.cells.forEach((c) => runsAt.set(c, [...(runsAt.get(c) ?? []), k])))
  for (const list of runsAt.values()) for (const k of list.slice(1)) parent[find(k)] = find(list[0])
  const size = new Map<number, number>()
  runs.forEach((run, k) => size.set(find(k), (size.get(find(k)) ?? 0) + run.cells.length))
  let best = -1
  for (const [root, n] of size) if (best < 0 || n > size.get(best)! || (n === size.get(best)! && root < best)) best = root
  return runs.filter((_, k) => find(k) === best)
}

/** The run's line: road vertex, centres and the side points between them, road vertex. */
function runLine(frame: AlleyFrame, run: Run): { vertices: Position[]; centreAt: number[] } {
  const forward = run.alongRow ? E : N
  const vertices: Position[] = []
  const centreAt: number[] = []
  if (run.roadAtStart) vertices.push(frame.sidePoint(run.cells[0], OPPOSITE(forward)))
  run.cells.forEach((c, k) => {
    if (k > 0) vertices.push(frame.sidePoint(run.cells[k - 1], forward))
    centreAt.push(vertices.length)
    vertices.push(frame.centre(c))
  })
  if (run.roadAtEnd) vertices.push(frame.sidePoint(run.cells[run.cells.length - 1], forward))
  return { vertices, centreAt }
}

/**
 * Splits an alley into `count` back streets at cell centres, as evenly by length as the centres
 * allow; each back street keeps two arms at least.
 */
function splitRun(vertices: Position[], centreAt: number[], count: number): Position[][] {
  if (count <= 1) return [vertices]
  const cumulative = [0]
  for (let k = 1; k < vertices.length; k++) cumulative.push(cumulative[k - 1] + lineLengthMetres([vertices[k - 1], vertices[k]]))
  const total = cumulative[cumulative.length - 1]
  const cuts: number[] = []
  for (let m = 1; m < count; m++) {
    const want = (total * m) / count
    let best = -1
    for (const v of centreAt) {
      if (v < (cuts.at(-1) ?? 0) + 2 || v > vertices.length - 3) continue
      if (best < 0 || Math.abs(cumulative[v] - want) < Math.abs(cumulative[best] - want)) best = v
    }
    if (best < 0) break
    cuts.push(best)
  }
  const pieces: Position[][] = []
  let from = 0
  for (const v of [...cuts, vertices.length - 1]) {
    pieces.push(vertices.slice(from, v + 1))
    from = v
  }
  return pieces
}

/** How many back streets an alley of `arms` arms can be split into (two arms each at least). */
const maxPieces = (arms: number) => Math.max(1, Math.floor(arms / 2))

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
  const frame = new AlleyFrame(seed, lattice)
  // which tracks carry alleys: every other column and row, the same on both sides of every road
  const parity: [number, number] = [rng.int(0, 1), rng.int(0, 1)]
  const cellsOfStreet = h.streets.map((s) => h.cells.filter((c) => h.streetOfCell[c] === s.id))
  const quota = shares(
    cellsOfStreet.map((cells) => cells.length),
    BACK_STREET_COUNT,
  )
  /** the back streets' lines, by 街道, before they are cut into segments */
  const lines: { street: number; vertices: Position[] }[] = []
  h.streets.forEach((street, s) => {
    const blocks = blocksOf(frame, h.streetOfCell, cellsOfStreet[s]).map((cells) => {
      const runs = blockRuns(frame, lattice, cells, parity).map((run) => ({ run, ...runLine(frame, run) }))
      const roadEnds = new Set<string>()
      for (const { vertices, run } of runs) {
        if (run.roadAtStart) roadEnds.add(String(vertices[0]))
        if (run.roadAtEnd) roadEnds.add(String(vertices[vertices.length - 1]))
      }
      return { runs, roadEnds, length: runs.reduce((sum, r) => sum + lineLengthMetres(r.vertices), 0) }
    })
    // the old quarter: blocks whose alleys meet across a road, grown from one block until long enough
    const meets = (p: number, q: number) => [...blocks[p].roadEnds].some((end) => blocks[q].roadEnds.has(end))
    const target = quota[s] * METRES_PER_BACK_STREET
    const candidates = blocks.map((_, k) => k).filter((k) => blocks[k].runs.length > 0)
    // start from a block of some size, so the quarter is not grown from a sliver at the 街道's edge
    const large = candidates.filter((k) => blocks[k].length >= target / 8)
    const seedBlock = rng.pick(large.length > 0 ? large : candidates)
    const chosen = [seedBlock]
    let length = blocks[seedBlock].length
    while (length < target) {
      const frontier = candidates.filter((k) => !chosen.includes(k) && chosen.some((c) => meets(c, k)))
      if (frontier.length === 0) break
      const next = rng.pick(frontier)
      // stop short rather than overshoot by more than half a block
      if (length + blocks[next].length - target > target - length) break
      chosen.push(next)
      length += blocks[next].length
    }
    const runs = chosen.sort((p, q) => p - q).flatMap((k) => blocks[k].runs)
    if (runs.length > quota[s]) throw new Error(`${street.name}: ${runs.length} alleys for ${quota[s]} back streets`)
    // split the alleys into the street's share of back streets, the longest alley first
    const arms = runs.map((r) => r.vertices.length - 1)
    const pieces = runs.map(() => 1)
    for (let extra = quota[s] - runs.length; extra > 0; extra--) {
      let best = -1
      runs.forEach((_run, k) => {
        if (pieces[k] >= maxPieces(arms[k])) return
        if (best < 0 || arms[k] / pieces[k] > arms[best] / pieces[best]) best = k
      })
      if (best < 0) throw new Error(`${street.name}: alleys too short for ${quota[s]} back streets`)
      pieces[best]++
    }
    runs.forEach((r, k) => {
      const parts = splitRun(r.vertices, r.centreAt, pieces[k])
      if (parts.length !== pieces[k]) throw new Error(`${street.name}: an alley of ${arms[k]} arms does not split into ${pieces[k]}`)
      for (const vertices of parts) lines.push({ street: street.id, vertices })
    })
  })

  // cut the network into ~SEGMENT_COUNT segments of about equal length
  const lengths = lines.map(({ vertices }) => lineLengthMetres(vertices))
  const unit = lengths.reduce((a, v) => a + v, 0) / SEGMENT_COUNT
  const rings = new Map<number, Position[]>()
  const ringOf = (c: number) => rings.get(c) ?? rings.set(c, lattice.cellRing(c)).get(c)!
  const backStreets: DemoDistrict['backStreets'] = []
  const segments: DemoDistrict['segments'] = []
  const segmentCell: number[] = []
  const segmentLength: number[] = []
  lines.forEach(({ street, vertices }, k) => {
    const id = backStreets.length + 1
    const grade = ([1, 2, 3] as const)[rng.weighted([25, 45, 30])]
    // the database puts a segment in the grid holding its midpoint: keep that clearly inside a cell of the 街道
    const clearlyPlaced = (segment: Position[]) => {
      const mid = midpoint(segment)
      const cell = cellAt(lattice, mid)
      return h.streetOfCell[cell] === street && distanceToRingMetres(mid[0], mid[1], ringOf(cell)) >= MIDPOINT_CLEARANCE_M
    }
    const cut = cutLine(vertices, Math.max(2, Math.round(lengths[k] / unit)), MIN_SEGMENT_M, rng, clearlyPlaced)
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
