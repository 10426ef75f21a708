/**
 * Properties that hold for any input: BH against its definition, z unchanged by a positive
 * affine change of the values, z's numerators adding up, contiguity symmetric with rook inside
 * queen, every point binned exactly once or counted outside.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  benjaminiHochberg,
  binPoints,
  computeGiStar,
  contiguityNeighbours,
  gridNeighbours,
  gridParametersFor,
  makeGrid,
  neighboursOf,
  type PolygonGeometry,
} from '../../src/domain/hotspots/index.ts'

const probability = fc.double({ min: 0, max: 1, noNaN: true })

describe('Benjamini–Hochberg', () => {
  it('equals its definition min over ranks r′ ≥ r of m·p(r′)/r′, capped at 1, and is never below p', () => {
    fc.assert(
      fc.property(fc.array(probability, { minLength: 1, maxLength: 40 }), (p) => {
        const adjusted = benjaminiHochberg(p)
        const sorted = [...p].sort((a, b) => a - b)
        const m = p.length
        p.forEach((value, unit) => {
          // the rank of the last equal value gives the same minimum for ties
          let best = 1
          for (let rank = sorted.lastIndexOf(value) + 1; rank <= m; rank++) best = Math.min(best, (m * sorted[rank - 1]) / rank)
          expect(adjusted[unit]).toBeCloseTo(best, 12)
          expect(adjusted[unit]).toBeGreaterThanOrEqual(value - 1e-15)
        })
      }),
    )
  })
})

describe('Gi* z', () => {
  const grid = makeGrid(gridParametersFor({ west: 120, south: 30, east: 120.02, north: 30.015 }, 250))
  const queen = gridNeighbours(grid, { kind: 'queen' })
  const units = grid.cellOfUnit.length
  const values = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: units, maxLength: units }).filter((array) => new Set(array).size > 1)

  it('does not change when the values are scaled by a > 0 and shifted by b', () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (counts, a, b) => {
        const original = computeGiStar(Float64Array.from(counts), queen).z
        const changed = computeGiStar(Float64Array.from(counts, (count) => a * count + b), queen).z
        for (let unit = 0; unit < units; unit++) expect(Math.abs(original[unit] - changed[unit])).toBeLessThan(1e-8)
      }),
      { numRuns: 50 },
    )
  })

  it('its numerators, recovered from z, sum to Σ (xᵢ − x̄) W*ᵢ (symmetric weights)', () => {
    // Σᵢ (Σⱼ w*ᵢⱼ xⱼ − x̄ W*ᵢ) = Σⱼ xⱼ Σᵢ w*ᵢⱼ − x̄ Σᵢ W*ᵢ = Σⱼ (xⱼ − x̄) W*ⱼ when w* is symmetric.
    fc.assert(
      fc.property(values, (counts) => {
        const x = Float64Array.from(counts)
        const { z, mean, standardDeviation, weightSum } = computeGiStar(x, queen)
        let total = 0
        let expected = 0
        for (let unit = 0; unit < units; unit++) {
          const w = weightSum[unit]
          total += z[unit] * standardDeviation * Math.sqrt((units * w - w * w) / (units - 1))
          expected += (x[unit] - mean) * w
        }
        expect(Math.abs(total - expected)).toBeLessThan(1e-6 * (1 + Math.abs(expected)))
      }),
      { numRuns: 50 },
    )
  })
})

describe('contiguity', () => {
  // Random rectangles on a coarse lattice, so touching and overlapping both happen.
  const rectangle = fc.record({ x: fc.integer({ min: 0, max: 6 }), y: fc.integer({ min: 0, max: 6 }), w: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 3 }) }).map(
    ({ x, y, w, h }): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]] }),
  )

  it('queen and rook are symmetric and rook ⊆ queen', () => {
    fc.assert(
      fc.property(fc.array(rectangle, { minLength: 2, maxLength: 12 }), (shapes) => {
        const queen = contiguityNeighbours(shapes, 'queen')
        const rook = contiguityNeighbours(shapes, 'rook')
        for (let unit = 0; unit < shapes.length; unit++) {
          for (const other of neighboursOf(queen, unit)) expect(neighboursOf(queen, other)).toContain(unit)
          for (const other of neighboursOf(rook, unit)) {
            expect(neighboursOf(rook, other)).toContain(unit)
            expect(neighboursOf(queen, unit)).toContain(other)
          }
        }
      }),
    )
  })
})

describe('binning', () => {
  it('every point is counted once, or counted outside', () => {
    const grid = makeGrid(gridParametersFor({ west: 120, south: 30, east: 120.05, north: 30.04 }, 250))
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 119.99, max: 120.06, noNaN: true }), fc.double({ min: 29.99, max: 30.05, noNaN: true })), { maxLength: 200 }), (pairs) => {
        const binned = binPoints(grid, Float64Array.from(pairs.flat()))
        const counted = binned.counts.reduce((sum, count) => sum + count, 0)
        expect(counted + binned.outside).toBe(pairs.length)
        const inside = pairs.filter(([lon, lat]) => lon >= 120 && lat >= 30 && lon < grid.west + grid.columns * grid.cellWidth && lat < grid.south + grid.rows * grid.cellHeight).length
        expect(counted).toBe(inside)
      }),
    )
  })
})
