/**
 * Snapping (src/domain/geometry/snap-index.ts): hand-made cases for the rules, and a property
 * test that the flatbush lookup and the linear scan give identical answers on random layers,
 * points, tolerances and exclusions.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSnapIndex, snap, snapLinear, snapToleranceMetres, snapTolerancePixels, type SnapPolygon } from '../../src/domain/geometry/snap-index.ts'
import { at, rectangle } from './grids-validation-support.ts'

/** Two 100 m squares sharing the edge x = 100, and a road along y = -20. */
const A: SnapPolygon = { id: 'A', geometry: rectangle(0, 0, 100, 100) }
const B: SnapPolygon = { id: 'B', geometry: { type: 'MultiPolygon', coordinates: [rectangle(100, 0, 200, 100).coordinates] } }
const road = { id: 'road', geometry: { type: 'LineString' as const, coordinates: [at(-50, -20), at(250, -20)] } }
const index = createSnapIndex([A, B], [road])
const tolerance = snapToleranceMetres(5, 30)

describe('snap', () => {
  it('counts shared vertices once and keeps every edge', () => {
    expect(index.vertexCount).toBe(6 + 2)
    expect(index.edgeCount).toBe(8 + 1)
  })

  it('a vertex within tolerance wins over a nearer edge; shared vertices list both grids', () => {
    const result = snap(index, at(103, 99), tolerance)
    expect(result).toEqual({ kind: 'vertex', point: at(100, 100), ids: ['A', 'B'] })
  })

  it('else the nearest edge, the pointer projected onto it, with every grid having that segment', () => {
    const result = snap(index, at(102, 50), tolerance)
    expect(result?.kind).toBe('edge')
    if (result?.kind !== 'edge') return
    expect(result.id).toBe('A')
    expect(result.ring).toBe(0)
    expect(result.index).toBe(1)
    expect(result.ids).toEqual(['A', 'B'])
    expect(result.point[0]).toBeCloseTo(at(100, 50)[0], 12)
    expect(result.point[1]).toBeCloseTo(at(102, 50)[1], 9)
  })

  it('nothing beyond the tolerance; lines snap too', () => {
    expect(snap(index, at(50, 50), tolerance)).toBeNull()
    const result = snap(index, at(60, -23), tolerance)
    expect(result).toMatchObject({ kind: 'edge', id: 'road', part: 0, ring: 0, index: 0, ids: ['road'] })
  })

  it('excluded grids are not snapped to and not listed', () => {
    expect(snap(index, at(103, 99), tolerance, { excludeIds: new Set(['A']) })).toEqual({ kind: 'vertex', point: at(100, 100), ids: ['B'] })
    const edge = snap(index, at(102, 50), tolerance, { excludeIds: new Set(['A']) })
    expect(edge).toMatchObject({ kind: 'edge', id: 'B', part: 0, ring: 0, index: 3, ids: ['B'] })
    expect(snap(index, at(2, 50), tolerance, { excludeIds: new Set(['A']) })).toBeNull()
  })

  it('tolerance in pixels is metres per pixel at the zoom', () => {
    const pixels = snapTolerancePixels(10, 16, 30)
    const metres = snapToleranceMetres(10 * ((40_075_016.686 * Math.cos(Math.PI / 6)) / (512 * 2 ** 16)), 30)
    expect(pixels.x).toBeCloseTo(metres.x, 15)
    expect(pixels.y).toBeCloseTo(metres.y, 15)
  })
})

/** A layer of random quadrilaterals on a 10 × 10 lattice, some sharing vertices and edges. */
const layer = fc.array(
  fc.record({ column: fc.integer({ min: 0, max: 9 }), row: fc.integer({ min: 0, max: 9 }), width: fc.integer({ min: 1, max: 3 }), height: fc.integer({ min: 1, max: 3 }), skew: fc.integer({ min: -20, max: 20 }), multi: fc.boolean() }),
  { minLength: 1, maxLength: 25 },
)

describe('snap and snapLinear agree', () => {
  it('on random layers, points, tolerances and exclusions', () => {
    fc.assert(
      fc.property(
        layer,
        fc.array(fc.tuple(fc.double({ min: -50, max: 1300, noNaN: true }), fc.double({ min: -50, max: 1300, noNaN: true })), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0.5, max: 80, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (shapes, points, metres, excluded) => {
          const polygons: SnapPolygon[] = shapes.map((shape, k) => {
            const x0 = shape.column * 100
            const y0 = shape.row * 100
            const x1 = x0 + shape.width * 100
            const y1 = y0 + shape.height * 100
            const ring = [at(x0, y0), at(x1 + shape.skew, y0), at(x1, y1), at(x0, y1), at(x0, y0)]
            return { id: `G${k}`, geometry: shape.multi ? { type: 'MultiPolygon', coordinates: [[ring]] } : { type: 'Polygon', coordinates: [ring] } }
          })
          const snapIndex = createSnapIndex(polygons)
          const options = { excludeIds: new Set(polygons.slice(0, excluded).map((polygon) => polygon.id)) }
          for (const [x, y] of points) {
            const point = at(x, y)
            const tolerance = snapToleranceMetres(metres, point[1])
            expect(snap(snapIndex, point, tolerance, options)).toEqual(snapLinear(snapIndex, point, tolerance, options))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('near vertices and edges of the layer (where the answers are not null)', () => {
    const polygons: SnapPolygon[] = []
    for (let row = 0; row < 6; row++) for (let column = 0; column < 6; column++) polygons.push({ id: `${row}-${column}`, geometry: rectangle(column * 100, row * 100, (column + 1) * 100, (row + 1) * 100) })
    const snapIndex = createSnapIndex(polygons)
    let found = 0
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.double({ min: -12, max: 12, noNaN: true }), fc.double({ min: -12, max: 112, noNaN: true }), fc.boolean(), (i, j, dx, along, vertical) => {
        const point = vertical ? at(i * 100 + dx, j * 100 + along) : at(i * 100 + along, j * 100 + dx)
        const tolerance = snapToleranceMetres(10, point[1])
        const result = snap(snapIndex, point, tolerance)
        if (result) found += 1
        expect(result).toEqual(snapLinear(snapIndex, point, tolerance))
      }),
      { numRuns: 2000 },
    )
    expect(found).toBeGreaterThan(1000)
  })
})
