/**
 * gridWhatIf (src/domain/grids/what-if.ts): a hand-made split and merge with every count worked
 * out, the shared-edge rule (smallest code, as the cases pipeline), segment midpoints as
 * ST_LineInterpolatePoint, and totals conserved by random splits of a tiling.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EditableGrid } from '../../src/domain/grids/editing/types.ts'
import { gridWhatIf, lineMidpoint } from '../../src/domain/grids/what-if.ts'
import { at, rectangle } from './grids-validation-support.ts'

const COMMUNITY = '330106001001'
const A = `${COMMUNITY}001`
const B = `${COMMUNITY}002`
const C = `${COMMUNITY}003`

function grid(code: string, geometry: GeoJSON.Polygon): EditableGrid {
  return { code, version: 1, communityCode: COMMUNITY, name: code, landUse: 'mixed', managementLevel: 2, responsiblePerson: '', responsibleBody: '', geometry }
}

const before = [grid(A, rectangle(0, 0, 100, 100)), grid(B, rectangle(100, 0, 200, 100))]
/** B split at x = 150 into B (west half) and C (east half). */
const split = [before[0], grid(B, rectangle(100, 0, 150, 100)), grid(C, rectangle(150, 0, 200, 100))]

const point = (id: number, x: number, y: number) => {
  const [lon, lat] = at(x, y)
  return { id, lon, lat }
}
const incidents = [point(1, 50, 50), point(2, 100, 50), point(3, 120, 50), point(4, 170, 50), point(5, 150, 50), point(6, 180, 20), point(7, 500, 500)]
const segments = [
  { id: 1, length_m: 80, coordinates: [at(110, 10), at(190, 10)] },
  { id: 2, length_m: 60, coordinates: [at(160, 90), at(160, 60), at(190, 60)] },
  { id: 3, length_m: 25, coordinates: [at(300, 10), at(325, 10)] },
]
const facilities = [
  { ...point(1, 100, 0), kind: 'compactor_station' },
  { ...point(2, 175, 75), kind: 'public_toilet' },
  { ...point(3, 125, 25), kind: 'public_toilet' },
]

describe('gridWhatIf', () => {
  it('a split: per grid before and after, the cases that change grid, totals kept', () => {
    const result = gridWhatIf({ before, after: split, incidents, segments, facilities, places: [{ ...point(1, 160, 40), kind: 'market' }] })
    expect(result.grids).toEqual([
      { code: A, status: 'unchanged', cases_before: 2, cases_after: 2, segment_m_before: 0, segment_m_after: 0, facilities_before: { compactor_station: 1 }, facilities_after: { compactor_station: 1 }, places_before: {}, places_after: {} },
      { code: B, status: 'changed', cases_before: 4, cases_after: 2, segment_m_before: 140, segment_m_after: 80, facilities_before: { public_toilet: 2 }, facilities_after: { public_toilet: 1 }, places_before: { market: 1 }, places_after: {} },
      { code: C, status: 'created', cases_before: 0, cases_after: 2, segment_m_before: 0, segment_m_after: 60, facilities_before: {}, facilities_after: { public_toilet: 1 }, places_before: {}, places_after: { market: 1 } },
    ])
    expect(result.totals).toEqual({
      cases_before: 6,
      cases_after: 6,
      segment_m_before: 140,
      segment_m_after: 140,
      facilities_before: { compactor_station: 1, public_toilet: 2 },
      facilities_after: { compactor_station: 1, public_toilet: 2 },
      places_before: { market: 1 },
      places_after: { market: 1 },
      cases_outside_before: 1,
      cases_outside_after: 1,
      segment_m_outside_before: 25,
      segment_m_outside_after: 25,
    })
    expect(result.cases_changing_grid).toBe(2)
    expect(result.case_moves).toEqual([{ from: B, to: C, count: 2 }])
  })

  it('a merge retires a grid; shrinking one opens a gap that shows as cases outside', () => {
    const merged = gridWhatIf({ before, after: [grid(A, rectangle(0, 0, 200, 100))], incidents, segments, facilities })
    expect(merged.grids.map((row) => [row.code, row.status, row.cases_before, row.cases_after])).toEqual([
      [A, 'changed', 2, 6],
      [B, 'retired', 4, 0],
    ])
    expect(merged.cases_changing_grid).toBe(4)
    const shrunk = gridWhatIf({ before, after: [before[0], grid(B, rectangle(100, 0, 160, 100))], incidents, segments, facilities })
    expect(shrunk.totals.cases_outside_after).toBe(3)
    expect(shrunk.case_moves).toEqual([{ from: B, to: '', count: 2 }])
  })

  it('segment midpoint: halfway by planar length in degrees, as ST_LineInterpolatePoint on a geometry', () => {
    expect(lineMidpoint([[0, 0], [0, 3], [4, 3]])).toEqual([0.5, 3])
    expect(lineMidpoint([[1, 1], [1, 1]])).toEqual([1, 1])
    expect(lineMidpoint([[2, 2]])).toEqual([2, 2])
    expect(lineMidpoint([])).toBeNull()
    // Degrees, not metres: 100 m north then 100 m east at 30°N. By metres the midpoint is the
    // corner; in degrees the east leg is 1/cos 30° longer, so it lies 50 − 50·cos 30° ≈ 6.7 m east of it.
    const [lon, lat] = lineMidpoint([at(0, 0), at(0, 100), at(100, 100)])!
    const [expectedLon, expectedLat] = at(50 - 50 * Math.cos(Math.PI / 6), 100)
    expect(lon).toBeCloseTo(expectedLon, 9)
    expect(lat).toBeCloseTo(expectedLat, 12)
  })

  it('totals are conserved when a grid of a tiling is split anywhere (the union unchanged)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 99 }),
        fc.array(fc.tuple(fc.integer({ min: -10, max: 310 }), fc.integer({ min: -10, max: 310 })), { maxLength: 200 }),
        (target, cut, positions) => {
          const tiling = Array.from({ length: 9 }, (_, k) => grid(`${COMMUNITY}${String(k + 1).padStart(3, '0')}`, rectangle((k % 3) * 100, Math.floor(k / 3) * 100, (k % 3) * 100 + 100, Math.floor(k / 3) * 100 + 100)))
          const x0 = (target % 3) * 100
          const y0 = Math.floor(target / 3) * 100
          const after = tiling.filter((_, k) => k !== target)
          after.push(grid(tiling[target].code, rectangle(x0, y0, x0 + cut, y0 + 100)), grid(`${COMMUNITY}010`, rectangle(x0 + cut, y0, x0 + 100, y0 + 100)))
          const points = positions.map(([x, y], k) => point(k, x, y))
          const result = gridWhatIf({ before: tiling, after, incidents: points, segments: [], facilities: [] })
          expect(result.totals.cases_after).toBe(result.totals.cases_before)
          expect(result.grids.reduce((total, row) => total + row.cases_after, 0)).toBe(result.grids.reduce((total, row) => total + row.cases_before, 0))
          // Only cases of the split grid can move: to the new grid, or, on its edge with a
          // neighbour it used to win as the smaller code, to that neighbour.
          expect(result.case_moves.every((move) => move.from === tiling[target].code && move.to !== '')).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
