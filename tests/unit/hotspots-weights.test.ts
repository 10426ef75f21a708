/**
 * Spatial weights for Gi*: queen against rook on hand-made squares, the contiguity
 * tolerance (1e-7°), knn with ties, inclusive distance bands, the typed-array grid against
 * the same cells as polygons, and the weights spec parser's Chinese errors.
 */
import { describe, expect, it } from 'vitest'
import {
  binPoints,
  boundsCells,
  cellPolygon,
  contiguityNeighbours,
  distanceBandNeighbours,
  gridNeighbours,
  gridParametersFor,
  HotspotError,
  knnNeighbours,
  makeGrid,
  neighboursOf,
  parseWeightsSpec,
  polygonCentroid,
  polygonNeighbours,
  toMetres,
  type NeighbourList,
  type PolygonGeometry,
} from '../../src/domain/hotspots/index.ts'

const square = (x: number, y: number, side = 1): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]],
})
const all = (list: NeighbourList) => Array.from({ length: list.count }, (_unit, unit) => neighboursOf(list, unit))

// 3 × 3 unit squares, numbered row by row from the south-west:  6 7 8 / 3 4 5 / 0 1 2
const nine = Array.from({ length: 9 }, (_cell, cell) => square(cell % 3, Math.floor(cell / 3)))

describe('queen and rook contiguity', () => {
  it('on a 3 × 3 block: queen counts corners, rook only shared edges', () => {
    expect(all(contiguityNeighbours(nine, 'queen'))).toEqual([
      [1, 3, 4], [0, 2, 3, 4, 5], [1, 4, 5],
      [0, 1, 4, 6, 7], [0, 1, 2, 3, 5, 6, 7, 8], [1, 2, 4, 7, 8],
      [3, 4, 7], [3, 4, 5, 6, 8], [4, 5, 7],
    ])
    expect(all(contiguityNeighbours(nine, 'rook'))).toEqual([[1, 3], [0, 2, 4], [1, 5], [0, 4, 6], [1, 3, 5, 7], [2, 4, 8], [3, 7], [4, 6, 8], [5, 7]])
  })

  it('an edge shared without a shared vertex (a T-junction) is rook and queen', () => {
    // A 2-wide rectangle under two unit squares: its top edge has no vertex at x = 1.
    const shapes: PolygonGeometry[] = [{ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]] }, square(0, 1), square(1, 1)]
    expect(all(contiguityNeighbours(shapes, 'rook'))).toEqual([[1, 2], [0, 2], [0, 1]])
    expect(all(contiguityNeighbours(shapes, 'queen'))).toEqual([[1, 2], [0, 2], [0, 1]])
  })

  it('boundaries within 1e-7° touch; 1e-6° apart they do not', () => {
    expect(all(contiguityNeighbours([square(0, 0), square(1 + 5e-8, 0)], 'rook'))).toEqual([[1], [0]])
    expect(all(contiguityNeighbours([square(0, 0), square(1 + 5e-8, 1 + 5e-8)], 'queen'))).toEqual([[1], [0]])
    expect(all(contiguityNeighbours([square(0, 0), square(1 + 5e-8, 1 + 5e-8)], 'rook'))).toEqual([[], []])
    expect(all(contiguityNeighbours([square(0, 0), square(1 + 1e-6, 0)], 'queen'))).toEqual([[], []])
  })

  it('MultiPolygon parts and holes count: an island unit inside another’s hole touches it', () => {
    const withHole: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] }
    const twoParts: PolygonGeometry = { type: 'MultiPolygon', coordinates: [square(10, 0).coordinates as GeoJSON.Position[][], square(3, 0).coordinates as GeoJSON.Position[][]] }
    expect(all(contiguityNeighbours([withHole, square(1, 1), twoParts], 'rook'))).toEqual([[1, 2], [0], [0]])
  })
})

describe('knn and distance bands', () => {
  it('knn takes the K nearest others, breaking ties by input order; K beyond n − 1 takes everyone', () => {
    const x = Float64Array.from([0, 1, 2, 6])
    const y = new Float64Array(4)
    expect(all(knnNeighbours(x, y, 1))).toEqual([[1], [0], [1], [2]])
    expect(all(knnNeighbours(x, y, 2))).toEqual([[1, 2], [0, 2], [0, 1], [1, 2]])
    expect(all(knnNeighbours(x, y, 10))).toEqual([[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]])
  })

  it('knn on polygons measures between area centroids', () => {
    expect(polygonCentroid({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] })).toEqual([2, 1])
    const shapes = [square(0, 0), square(5, 0), square(1.5, 0), square(20, 0)]
    expect(all(polygonNeighbours(shapes, { kind: 'knn', k: 1 }, 'planar'))).toEqual([[2], [2], [0], [1]])
  })

  it('a distance band is inclusive: exactly the distance apart are neighbours', () => {
    const x = Float64Array.from([0, 100, 250])
    const y = new Float64Array(3)
    expect(all(distanceBandNeighbours(x, y, 100))).toEqual([[1], [0], []])
    expect(all(distanceBandNeighbours(x, y, 99.999))).toEqual([[], [], []])
    expect(all(distanceBandNeighbours(x, y, 150))).toEqual([[1], [0, 2], [1]])
  })

  it('lon/lat is measured in metres of the local plane (0.001° of latitude = 111.2 m)', () => {
    const { x, y } = toMetres([119.9, 119.9], [32.45, 32.451], 'lonlat')
    expect(Math.hypot(x[1] - x[0], y[1] - y[0])).toBeCloseTo(111.195, 2)
    const shapes = [square(119.9, 32.45, 0.0001), square(119.9, 32.451, 0.0001)]
    expect(all(polygonNeighbours(shapes, { kind: 'distance', metres: 112 }))).toEqual([[1], [0]])
    expect(all(polygonNeighbours(shapes, { kind: 'distance', metres: 111 }))).toEqual([[], []])
  })
})

describe('square grid weights read off the grid', () => {
  const parameters = gridParametersFor({ west: 119.9, south: 32.4, east: 119.93, north: 32.42 }, 250)
  const grid = makeGrid(parameters)
  const polygons = Array.from(grid.cellOfUnit, (_cell, unit) => cellPolygon(grid, unit))

  it('queen and rook on the grid equal contiguity computed from the cells as polygons', () => {
    for (const rule of ['queen', 'rook'] as const) expect(all(gridNeighbours(grid, { kind: rule }))).toEqual(all(contiguityNeighbours(polygons, rule)))
  })

  it('distance:250 is rook, distance:√2·250 is queen (inclusive, in the grid’s metres)', () => {
    expect(all(gridNeighbours(grid, { kind: 'distance', metres: 250 }))).toEqual(all(gridNeighbours(grid, { kind: 'rook' })))
    expect(all(gridNeighbours(grid, { kind: 'distance', metres: Math.SQRT2 * 250 }))).toEqual(all(gridNeighbours(grid, { kind: 'queen' })))
  })

  it('cells outside a bounds polygon are not units, and their neighbours do not see them', () => {
    // A triangle over the west half: cells it meets stay, the rest go.
    const bounds: PolygonGeometry = { type: 'Polygon', coordinates: [[[119.9, 32.4], [119.915, 32.4], [119.9, 32.42], [119.9, 32.4]]] }
    const cells = boundsCells(parameters, [bounds])
    const bounded = makeGrid(parameters, cells.active)
    expect(bounded.cellOfUnit.length).toBeLessThan(grid.cellOfUnit.length)
    const boundedPolygons = Array.from(bounded.cellOfUnit, (_cell, unit) => cellPolygon(bounded, unit))
    expect(all(gridNeighbours(bounded, { kind: 'queen' }))).toEqual(all(contiguityNeighbours(boundedPolygons, 'queen')))
    // A point inside the triangle near its slanted edge is counted; one just outside is not.
    const inside = [119.9005, 32.4005]
    const outside = [119.914, 32.419]
    const binned = binPoints(bounded, Float64Array.from([...inside, ...outside]), cells.partial, cells.covers)
    expect(binned.outside).toBe(1)
    expect(binned.counts.reduce((sum, count) => sum + count, 0)).toBe(1)
  })

  it('binning: each point in exactly one cell; the south-west corner belongs to the first cell; NaN and far points are outside', () => {
    const { cellWidth, cellHeight, west, south } = grid
    const points = Float64Array.from([west, south, west + 1.5 * cellWidth, south + 0.5 * cellHeight, west + 0.5 * cellWidth, south + 1.5 * cellHeight, NaN, 32.41, 0, 0])
    const binned = binPoints(grid, points)
    expect(binned.outside).toBe(2)
    expect(binned.counts[0]).toBe(1)
    expect(binned.counts[1]).toBe(1)
    expect(binned.counts[grid.columns]).toBe(1)
  })

  it('a grid that would be absurdly large (a stray point at 0,0) is refused with the extent', () => {
    expect(() => gridParametersFor({ west: 0, south: 0, east: 119.93, north: 32.42 }, 250)).toThrow(/超过上限.*0,0/)
  })
})

describe('weights spec', () => {
  it('reads queen, rook, knn:K and distance:METRES', () => {
    expect(parseWeightsSpec('queen')).toEqual({ kind: 'queen' })
    expect(parseWeightsSpec(' Rook ')).toEqual({ kind: 'rook' })
    expect(parseWeightsSpec('knn:8')).toEqual({ kind: 'knn', k: 8 })
    expect(parseWeightsSpec('distance:500')).toEqual({ kind: 'distance', metres: 500 })
    expect(parseWeightsSpec('distance:262.5')).toEqual({ kind: 'distance', metres: 262.5 })
  })

  it.each([
    ['knn', /近邻个数必须是正整数/],
    ['knn:0', /至少为 1/],
    ['knn:2.5', /正整数/],
    ['distance:-5', /正数/],
    ['distance:0', /大于 0/],
    ['distance:abc', /正数/],
    ['queens', /应为 queen、rook/],
    ['', /应为/],
  ])('refuses “%s” in Chinese', (text, message) => {
    expect(() => parseWeightsSpec(text)).toThrow(HotspotError)
    expect(() => parseWeightsSpec(text)).toThrow(message)
  })
})
