/**
 * Splitting a segment at a point: where along the line a clicked point falls, and the sub-line
 * of a piece (to draw it, or to export it). Metres are geodesic, on the scale of the stored
 * `length_m` (see geodesic.ts), so a measure taken here can be saved as `from_m`/`to_m`.
 */
import { cumulativeLengthsM, metresPerDegree } from './geodesic.ts'
import type { Position } from './types.ts'

/**
 * Metres along the line to the point on it nearest `point`. The nearest point is found in a
 * local metric frame around `point` (exact enough at street scale); its measure is then the
 * geodesic length up to it. An empty line gives 0.
 */
export function measureAtPoint(coordinates: readonly Position[], point: Position): number {
  if (coordinates.length < 2) return 0
  const cumulative = cumulativeLengthsM(coordinates)
  const scale = metresPerDegree(point[1])
  let bestDistance = Infinity
  let bestMeasure = 0
  for (let index = 0; index + 1 < coordinates.length; index++) {
    const a = coordinates[index]
    const b = coordinates[index + 1]
    const ax = (a[0] - point[0]) * scale.lon
    const ay = (a[1] - point[1]) * scale.lat
    const dx = (b[0] - a[0]) * scale.lon
    const dy = (b[1] - a[1]) * scale.lat
    const squared = dx * dx + dy * dy
    const t = squared === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / squared))
    const distance = Math.hypot(ax + t * dx, ay + t * dy)
    if (distance < bestDistance) {
      bestDistance = distance
      bestMeasure = cumulative[index] + t * (cumulative[index + 1] - cumulative[index])
    }
  }
  return bestMeasure
}

/** The point `atM` metres along the line (clamped to its ends). */
export function pointAtMeasure(coordinates: readonly Position[], atM: number): Position {
  if (coordinates.length === 0) throw new RangeError('pointAtMeasure: empty line')
  const cumulative = cumulativeLengthsM(coordinates)
  return pointAt(coordinates, cumulative, atM)
}

/**
 * The part of the line from `fromM` to `toM` (clamped to [0, length], swapped if reversed): the
 * interpolated end points and every vertex between them. A zero-length range gives its point twice,
 * so the result is always a drawable LineString.
 */
export function lineBetween(coordinates: readonly Position[], fromM: number, toM: number): Position[] {
  if (coordinates.length === 0) return []
  const cumulative = cumulativeLengthsM(coordinates)
  const length = cumulative[cumulative.length - 1]
  const from = Math.min(length, Math.max(0, Math.min(fromM, toM)))
  const to = Math.min(length, Math.max(0, Math.max(fromM, toM)))
  const result: Position[] = [pointAt(coordinates, cumulative, from)]
  for (let index = 0; index < coordinates.length; index++) {
    if (cumulative[index] > from && cumulative[index] < to) result.push([coordinates[index][0], coordinates[index][1]])
  }
  result.push(pointAt(coordinates, cumulative, to))
  return result
}

function pointAt(coordinates: readonly Position[], cumulative: readonly number[], atM: number): Position {
  const last = coordinates.length - 1
  if (atM <= 0 || last === 0) return [coordinates[0][0], coordinates[0][1]]
  if (atM >= cumulative[last]) return [coordinates[last][0], coordinates[last][1]]
  let index = 0
  while (index + 1 < last && cumulative[index + 1] <= atM) index++
  const edge = cumulative[index + 1] - cumulative[index]
  const t = edge === 0 ? 0 : (atM - cumulative[index]) / edge
  const a = coordinates[index]
  const b = coordinates[index + 1]
  return [round7(a[0] + t * (b[0] - a[0])), round7(a[1] + t * (b[1] - a[1]))]
}

/** Coordinates travel with 7 decimals (about 1 cm), as roster_workspace sends them. */
function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7
}
