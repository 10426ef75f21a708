/** Shared helpers for the balancer's tests: synthetic street grids and independent checks. */
import { cumulativeMeasures, type BalanceLine, type BalancePiece, type BalanceResult } from '../../src/domain/roster/balance/index.ts'

const METRES_PER_DEGREE = 111_195

/** A street grid of `columns` × `rows` blocks, each block side one line of `blockM` metres. */
export function gridNetwork(columns: number, rows: number, blockM = 100, origin: [number, number] = [116.3, 39.9]): BalanceLine[] {
  const dLat = blockM / METRES_PER_DEGREE
  const dLon = blockM / (METRES_PER_DEGREE * Math.cos((origin[1] * Math.PI) / 180))
  const at = (x: number, y: number): [number, number] => [origin[0] + x * dLon, origin[1] + y * dLat]
  const lines: BalanceLine[] = []
  for (let y = 0; y <= rows; y++) for (let x = 0; x < columns; x++) lines.push({ id: `h${x}-${y}`, coordinates: [at(x, y), at(x + 1, y)] })
  for (let x = 0; x <= columns; x++) for (let y = 0; y < rows; y++) lines.push({ id: `v${x}-${y}`, coordinates: [at(x, y), at(x, y + 1)] })
  return lines
}

/** Pieces of every line cover [0, length] exactly once, in order; returns the problems found. */
export function coverageProblems(lines: BalanceLine[], result: BalanceResult): string[] {
  const problems: string[] = []
  const byLine = new Map<string, BalancePiece[]>()
  for (const piece of result.pieces) {
    const list = byLine.get(piece.lineId) ?? []
    list.push(piece)
    byLine.set(piece.lineId, list)
  }
  for (const line of lines) {
    const measures = cumulativeMeasures(line.coordinates)
    const length = measures[measures.length - 1]
    const pieces = (byLine.get(line.id) ?? []).sort((p, q) => p.fromM - q.fromM)
    if (pieces.length === 0) {
      problems.push(`${line.id}: no piece`)
      continue
    }
    if (pieces[0].fromM !== 0) problems.push(`${line.id}: starts at ${pieces[0].fromM}`)
    for (let k = 1; k < pieces.length; k++) if (Math.abs(pieces[k].fromM - pieces[k - 1].toM) > 1e-9) problems.push(`${line.id}: gap or overlap at ${pieces[k].fromM}`)
    if (Math.abs(pieces[pieces.length - 1].toM - length) > 1e-6) problems.push(`${line.id}: ends at ${pieces[pieces.length - 1].toM} of ${length}`)
    for (const piece of pieces) if (!(piece.toM > piece.fromM)) problems.push(`${line.id}: empty piece`)
  }
  byLine.forEach((_pieces, id) => lines.some((line) => line.id === id) || problems.push(`${id}: unknown line`))
  return problems
}

function metres(a: [number, number], b: [number, number]): number {
  const x = (b[0] - a[0]) * METRES_PER_DEGREE * Math.cos((a[1] * Math.PI) / 180)
  const y = (b[1] - a[1]) * METRES_PER_DEGREE
  return Math.hypot(x, y)
}

/**
 * Independent connectivity: two pieces touch when an end point of one lies within gapM of a
 * vertex of the other (enough for grids whose lines are split at every junction).
 */
export function beatIsConnected(pieces: BalancePiece[], gapM: number): boolean {
  if (pieces.length <= 1) return true
  const touches = (p: BalancePiece, q: BalancePiece) => {
    const ends = [p.coordinates[0], p.coordinates[p.coordinates.length - 1]]
    const otherEnds = [q.coordinates[0], q.coordinates[q.coordinates.length - 1]]
    return ends.some((e) => q.coordinates.some((v) => metres(e, v) <= gapM + 0.5)) || otherEnds.some((e) => p.coordinates.some((v) => metres(e, v) <= gapM + 0.5))
  }
  const reached = new Set<number>([0])
  const stack = [0]
  while (stack.length > 0) {
    const k = stack.pop()!
    pieces.forEach((other, j) => {
      if (!reached.has(j) && touches(pieces[k], other)) {
        reached.add(j)
        stack.push(j)
      }
    })
  }
  return reached.size === pieces.length
}

export function piecesByBeat(result: BalanceResult): Map<number, BalancePiece[]> {
  const map = new Map<number, BalancePiece[]>()
  for (const piece of result.pieces) {
    const list = map.get(piece.beat) ?? []
    list.push(piece)
    map.set(piece.beat, list)
  }
  return map
}

/** The largest |weight / mean − 1| over the beats. */
export function worstDeviation(result: BalanceResult): number {
  return Math.max(...result.beats.map((beat) => Math.abs(beat.weight / result.stats.mean - 1)))
}
