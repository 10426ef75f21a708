/**
 * Cuts a back street's line into cleaning segments of about equal length. A cut lands on an
 * existing vertex when one is near, else on a new vertex that both neighbouring segments (and the
 * back street's line) share, so consecutive segments meet exactly and together are the line.
 */
import type { Position } from './model.ts'
import type { Rng } from './prng.ts'
import { lineLengthMetres, round7 } from './geo.ts'

/** a cut this close to a vertex moves onto it */
const SNAP_M = 15
/** each cut moves by up to this share of the mean segment length, so lengths vary */
const JITTER = 0.2
const ATTEMPTS = 30

export interface CutLine {
  /** the line with the new cut vertices in it */
  line: Position[]
  segments: Position[][]
}

/** Cuts `line` once at each target position (metres from its start, ascending). */
function cutAt(line: Position[], cumulative: number[], targets: number[]): CutLine {
  const out: Position[] = [line[0]]
  const cutIndex: number[] = []
  let t = 0
  for (let k = 0; k + 1 < line.length; k++) {
    while (t < targets.length && targets[t] < cumulative[k + 1] - SNAP_M) {
      if (targets[t] - cumulative[k] > SNAP_M) {
        const f = (targets[t] - cumulative[k]) / (cumulative[k + 1] - cumulative[k])
        out.push([round7(line[k][0] + (line[k + 1][0] - line[k][0]) * f), round7(line[k][1] + (line[k + 1][1] - line[k][1]) * f)])
      }
      cutIndex.push(out.length - 1)
      t++
    }
    out.push(line[k + 1])
    while (t < targets.length && targets[t] <= cumulative[k + 1] + SNAP_M && k + 2 < line.length) {
      cutIndex.push(out.length - 1)
      t++
    }
  }
  const bounds = [0, ...cutIndex, out.length - 1]
  const segments: Position[][] = []
  for (let s = 0; s + 1 < bounds.length; s++) segments.push(out.slice(bounds[s], bounds[s + 1] + 1))
  return { line: out, segments }
}

/**
 * `count` segments of ~equal length, each ≥ minLength and accepted by `accept` (e.g. its midpoint
 * clearly inside one grid). Fewer segments when that cannot be had; as a last resort one segment per
 * line piece (the caller's pieces all qualify).
 */
export function cutLine(line: Position[], count: number, minLength: number, rng: Rng, accept: (segment: Position[]) => boolean): CutLine {
  const cumulative = [0]
  for (let k = 0; k + 1 < line.length; k++) cumulative.push(cumulative[k] + lineLengthMetres([line[k], line[k + 1]]))
  const total = cumulative[cumulative.length - 1]
  const ok = (cut: CutLine, n: number) => cut.segments.length === n && cut.segments.every((s) => lineLengthMetres(s) >= minLength && accept(s))
  for (let n = count; n >= 2; n--) {
    const mean = total / n
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const targets = Array.from({ length: n - 1 }, (_, k) => (k + 1) * mean + rng.range(-JITTER, JITTER) * mean)
      const cut = cutAt(line, cumulative, targets)
      if (ok(cut, n)) return cut
    }
  }
  const pieces = { line, segments: line.slice(1).map((p, k) => [line[k], p]) }
  if (!pieces.segments.every((s) => lineLengthMetres(s) >= minLength && accept(s))) throw new Error('a back street that cannot be cut into segments')
  return pieces
}
