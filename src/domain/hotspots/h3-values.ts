/**
 * Cases per H3 unit, from the cell stored with each case at intake (incidents.h3_r9, read as
 * to_hex), so an analysis of 100,000 cases is a count, not 100,000 point-in-hexagon tests.
 * Cases stored without a cell (written by a client that did not compute one) are binned from
 * their point here, once.
 */
import { caseCell } from './h3-cell.ts'
import type { H3Units } from './h3-units.ts'

export interface H3Counts {
  /** cases per unit */
  counts: Float64Array
  /** cases whose cell is not a unit (the units were made for other cases or another area) */
  outside: number
}

export function countCasesPerCell(units: H3Units, caseCells: Iterable<string>): H3Counts {
  const counts = new Float64Array(units.cells.length)
  let outside = 0
  for (const cell of caseCells) {
    const unit = units.unitOf.get(cell.toLowerCase())
    if (unit === undefined) outside += 1
    else counts[unit] += 1
  }
  return { counts, outside }
}

/**
 * Each case's cell: the stored one, or for a case stored without one, the cell of its point
 * (`points` interleaved lon, lat, one pair per case, as binPoints takes them).
 */
export function completeCaseCells(stored: readonly (string | null | undefined)[], points: ArrayLike<number>): string[] {
  if (points.length !== stored.length * 2) throw new RangeError(`expected ${stored.length * 2} coordinates for ${stored.length} cases, got ${points.length}`)
  return stored.map((cell, k) => cell || caseCell(points[2 * k], points[2 * k + 1]))
}
