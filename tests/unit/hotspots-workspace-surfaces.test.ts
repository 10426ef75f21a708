/**
 * The 热点分析 workspace's units and surfaces: the square cell of each case, the kernel
 * density against a direct evaluation and its integral, the spherical area against Turf, and
 * emerging hot spots straight from cases.
 */
import { area as turfArea } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { unitsOnSquareGrid } from '../../src/domain/hotspots/square-units.ts'
import { emergingFromCases } from '../../src/domain/hotspots/emerging-from-cases.ts'
import { gridNeighbours, gridParametersFor, makeGrid } from '../../src/domain/hotspots/index.ts'
import { kernelDensity } from '../../src/domain/hotspots/kernel-density.ts'
import { sphericalArea } from '../../src/domain/geometry/spherical-area.ts'

describe('units of cases', () => {
  it('finds a case’s square, and drops cases outside the grid or refused by the boundary test', () => {
    const grid = makeGrid(gridParametersFor({ west: 119.9, south: 32.4, east: 119.91, north: 32.41 }, 250))
    const lon = [119.9001, 119.9099, 119.8, 119.9001]
    const lat = [32.4001, 32.4099, 32.40, 32.4001]
    const units = unitsOnSquareGrid(grid, lon, lat)
    expect(units[0]).toBe(0)
    expect(units[1]).toBe(grid.cellOfUnit.length - 1)
    expect(units[2]).toBe(-1)
    const partial = new Uint8Array(grid.columns * grid.rows).fill(1)
    expect([...unitsOnSquareGrid(grid, lon, lat, partial, () => false)]).toEqual([-1, -1, -1, -1])
  })
})

describe('kernel density', () => {
  const extent = { west: 119.9, south: 32.4, east: 119.94, north: 32.44 }

  it('integrates to the number of cases (cases per km² × cell km²), away from the edge', () => {
    const lon = [119.91, 119.92, 119.925, 119.93]
    const lat = [32.41, 32.42, 32.425, 32.43]
    const grid = kernelDensity(lon, lat, { extent, cellMetres: 20, radiusMetres: 300 })
    const total = grid.values.reduce((sum, value) => sum + value, 0) * (20 * 20) / 1_000_000
    expect(total).toBeCloseTo(4, 1)
  })

  it('equals the quartic kernel evaluated directly at a cell centre', () => {
    const grid = kernelDensity([119.92], [32.42], { extent, cellMetres: 50, radiusMetres: 300 })
    const cell = grid.values.indexOf(Math.max(...grid.values))
    const row = Math.floor(cell / grid.columns)
    const column = cell % grid.columns
    const cx = ((extent.west + (column + 0.5) * grid.cellWidth - 119.92) / grid.cellWidth) * 50
    const cy = ((extent.south + (row + 0.5) * grid.cellHeight - 32.42) / grid.cellHeight) * 50
    const u = 1 - (cx * cx + cy * cy) / 300 ** 2
    expect(grid.values[cell]).toBeCloseTo((3 / (Math.PI * 300 ** 2)) * u * u * 1_000_000, 6)
    // Zero beyond the radius.
    expect(grid.values[0]).toBe(0)
  })

  it('refuses a cell or radius that is not a positive length', () => {
    expect(() => kernelDensity([], [], { extent, cellMetres: 0, radiusMetres: 300 })).toThrow(/大于 0/)
  })
})

describe('spherical area', () => {
  it('agrees with Turf for a polygon with a hole', () => {
    const polygon: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [[119.9, 32.4], [119.95, 32.4], [119.95, 32.45], [119.9, 32.45], [119.9, 32.4]],
        [[119.91, 32.41], [119.91, 32.42], [119.92, 32.42], [119.92, 32.41], [119.91, 32.41]],
      ],
    }
    expect(sphericalArea(polygon)).toBeCloseTo(turfArea(polygon), 3)
    expect(sphericalArea(polygon)).toBeGreaterThan(20_000_000)
  })
})

describe('emerging hot spots from cases', () => {
  it('counts per unit and step, runs Gi* per step and takes a step without variation as no spot', () => {
    const grid = makeGrid(gridParametersFor({ west: 0, south: 0, east: 0.05, north: 0.05 }, 1000))
    const units = grid.cellOfUnit.length
    expect(units).toBeGreaterThanOrEqual(30)
    const neighbours = gridNeighbours(grid, { kind: 'queen' })
    // Unit 0's corner grows hotter every step; step 2 has no cases at all.
    const unitOfCase: number[] = []
    const stepOfCase: number[] = []
    for (let step = 0; step < 12; step++) {
      if (step === 2) continue
      for (let unit = 0; unit < units; unit++) {
        const hot = unit === 0 || unit === 1 || unit === grid.columns || unit === grid.columns + 1
        const count = 1 + (hot ? step * 3 : unit % 2)
        for (let k = 0; k < count; k++) {
          unitOfCase.push(unit)
          stepOfCase.push(step)
        }
      }
    }
    const result = emergingFromCases(Int32Array.from(unitOfCase), Int32Array.from(stepOfCase), units, 12, neighbours, { fdr: false })
    expect(result.flatSteps).toEqual([2])
    expect(result.counts[2].every((value) => value === 0)).toBe(true)
    expect(result.units[0].category).toMatch(/_hot$/)
    expect(result.units[0].trend.direction).toBe('increasing')
    expect(result.summary.steps).toBe(12)
  })
})
