import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildPolygonIndex } from '../../src/domain/assign/polygon-index.ts'
import { coversPoint } from '../../src/domain/assign/covers-point.ts'
import { idOrder, type PolygonInput } from '../../src/domain/assign/polygon-input.ts'

const square = (id: string, x0: number, y0: number, size: number): PolygonInput => ({
  id,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + size, y0],
        [x0 + size, y0 + size],
        [x0, y0 + size],
        [x0, y0],
      ],
    ],
  },
})

/** The straightforward answer: every polygon in id order, first that covers. */
function bruteForce(polygons: PolygonInput[], x: number, y: number): { first: number; count: number } {
  let first = -1
  let count = 0
  for (const index of idOrder(polygons)) {
    if (coversPoint(polygons[index].geometry, x, y)) {
      if (first < 0) first = index
      count += 1
    }
  }
  return { first, count }
}

describe('buildPolygonIndex', () => {
  // Four unit squares meeting at (120.5, 30.5); ids deliberately not in array order.
  const tiles = [
    square('321202001001003', 120, 30, 0.5),
    square('321202001001001', 120.5, 30, 0.5),
    square('321202001001004', 120, 30.5, 0.5),
    square('321202001001002', 120.5, 30.5, 0.5),
  ]
  const index = buildPolygonIndex(tiles)

  it('finds the polygon around an interior point', () => {
    expect(index.locate(120.25, 30.25)).toBe(0)
    expect(index.locate(120.75, 30.75)).toBe(3)
    expect(index.coverCount(120.25, 30.25)).toBe(1)
  })

  it('gives a shared edge to the smaller id, and counts both', () => {
    // Edge between tiles 0 (…003) and 1 (…001): …001 wins.
    expect(index.locate(120.5, 30.2)).toBe(1)
    expect(index.coverCount(120.5, 30.2)).toBe(2)
    // Edge between tiles 0 (…003) and 2 (…004): …003 wins.
    expect(index.locate(120.3, 30.5)).toBe(0)
  })

  it('gives the shared corner of four to the smallest id', () => {
    expect(index.locate(120.5, 30.5)).toBe(1)
    expect(index.coverCount(120.5, 30.5)).toBe(4)
    expect(index.coveringAll(120.5, 30.5)).toEqual([1, 3, 0, 2])
  })

  it('covers the outer boundary and nothing beyond', () => {
    expect(index.locate(120, 30)).toBe(0)
    expect(index.locate(121, 31)).toBe(3)
    expect(index.locate(119.999999, 30.2)).toBe(-1)
    expect(index.locate(121.5, 30.2)).toBe(-1)
    expect(index.locate(Number.NaN, 30.2)).toBe(-1)
    expect(index.coverCount(122, 30)).toBe(0)
  })

  it('leaves holes out but their boundary in', () => {
    const withHole: PolygonInput = {
      id: 'a',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
          ],
          [
            [3, 3],
            [3, 7],
            [7, 7],
            [7, 3],
            [3, 3],
          ],
        ],
      },
    }
    const island = square('b', 4, 4, 2)
    const holeIndex = buildPolygonIndex([withHole, island])
    expect(holeIndex.locate(1, 1)).toBe(0)
    expect(holeIndex.locate(3.5, 3.5)).toBe(-1)
    expect(holeIndex.locate(5, 5)).toBe(1)
    expect(holeIndex.locate(3, 5)).toBe(0)
    expect(holeIndex.locate(7, 7)).toBe(0)
  })

  it('handles MultiPolygons, overlapping parts OR-ed like ST_MakeValid', () => {
    const multi: PolygonInput = {
      id: 'm',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 4],
              [0, 0],
            ],
          ],
          [
            [
              [2, 2],
              [6, 2],
              [6, 6],
              [2, 6],
              [2, 2],
            ],
          ],
          [
            [
              [10, 10],
              [11, 10],
              [11, 11],
              [10, 10],
            ],
          ],
        ],
      },
    }
    const multiIndex = buildPolygonIndex([multi])
    expect(multiIndex.locate(1, 1)).toBe(0)
    // In both overlapping parts: even-odd over the whole would say outside.
    expect(multiIndex.locate(3, 3)).toBe(0)
    expect(multiIndex.locate(5, 5)).toBe(0)
    expect(multiIndex.locate(10.8, 10.2)).toBe(0)
    expect(multiIndex.locate(8, 8)).toBe(-1)
    expect(multiIndex.coverCount(3, 3)).toBe(1)
  })

  it('uses even-odd inside a self-intersecting ring (bow tie and pentagram)', () => {
    const bowTie: PolygonInput = {
      id: 'x',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 2],
            [2, 0],
            [0, 2],
            [0, 0],
          ],
        ],
      },
    }
    const bowIndex = buildPolygonIndex([bowTie])
    expect(bowIndex.locate(0.2, 1)).toBe(0)
    expect(bowIndex.locate(1, 1)).toBe(0)
    expect(bowIndex.locate(1, 0.2)).toBe(-1)
    const star = [0, 2, 4, 1, 3, 0].map((k) => [Math.cos((2 * Math.PI * k) / 5 + Math.PI / 2), Math.sin((2 * Math.PI * k) / 5 + Math.PI / 2)])
    const starIndex = buildPolygonIndex([{ id: 's', geometry: { type: 'Polygon', coordinates: [star] } }])
    expect(starIndex.locate(0, 0)).toBe(-1)
    expect(starIndex.locate(0, 0.8)).toBe(0)
  })

  it('batch answers equal single answers', () => {
    const coordinates = Float64Array.from([120.25, 30.25, 120.5, 30.5, 121.2, 30.2, 120.75, 30.75])
    expect([...index.locateAll(coordinates)]).toEqual([0, 1, -1, 3])
  })

  // Polygons on a coarse lattice make collinear edges, shared vertices and points exactly on
  // edges common; rings may cross themselves, polygons may overlap.
  const coordinate = fc.integer({ min: 0, max: 12 }).map((k) => 118 + k * 0.25)
  const ring = fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 7 }).map((points) => [...points, points[0]])
  const polygon = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'ab', 'ba'),
    geometry: fc.oneof(
      fc.array(ring, { minLength: 1, maxLength: 2 }).map((rings): PolygonInput['geometry'] => ({ type: 'Polygon', coordinates: rings })),
      fc.array(fc.array(ring, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((parts): PolygonInput['geometry'] => ({ type: 'MultiPolygon', coordinates: parts })),
    ),
  })
  const point = fc.oneof(
    fc.tuple(coordinate, coordinate),
    fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 })).map(([i, j]) => [118 + i * 0.125, 118 + j * 0.125] as [number, number]),
    fc.tuple(fc.double({ min: 117.9, max: 121.1, noNaN: true }), fc.double({ min: 117.9, max: 121.1, noNaN: true })),
  )

  it('agrees with the brute-force robust even-odd test, tie-break included (property)', () => {
    fc.assert(
      fc.property(fc.array(polygon, { minLength: 1, maxLength: 6 }), fc.array(point, { minLength: 1, maxLength: 40 }), fc.constantFrom(0.3, 2, 8), (polygons, points, cellsPerEdge) => {
        const randomIndex = buildPolygonIndex(polygons, { cellsPerEdge })
        for (const [x, y] of points) {
          const expected = bruteForce(polygons, x, y)
          expect(randomIndex.locate(x, y)).toBe(expected.first)
          expect(randomIndex.coverCount(x, y)).toBe(expected.count)
        }
      }),
      { numRuns: 400 },
    )
  })
})
