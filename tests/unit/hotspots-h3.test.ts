/**
 * H3 hexagons (resolution 9) as Gi* units: the cell of a known point (cross-checked against
 * h3-js's documented example), units covering a district plus the cells of cases outside it,
 * hexagon contiguity, counts from stored cells, closed polygons, the text ⇄ bigint spellings
 * the database uses, and a Gi* run that finds a planted cluster.
 */
import { cellArea, cellToLatLng, cellToParent, getResolution, gridDisk, isValidCell, latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import {
  analyseHotspots,
  caseCell,
  cellContainsPoint,
  cellFromBigint,
  cellToDecimal,
  completeCaseCells,
  countCasesPerCell,
  h3CellPolygon,
  h3CellProblem,
  h3Neighbours,
  h3Units,
  neighboursOf,
  type PolygonGeometry,
} from '../../src/domain/hotspots/index.ts'
import { coversPoint } from '../../src/domain/assign/covers-point.ts'

// A 4 km × 3.3 km block of Hangzhou, and the same block cut in two (a MultiPolygon).
const block: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [[[120.13, 30.24], [120.17, 30.24], [120.17, 30.27], [120.13, 30.27], [120.13, 30.24]]],
}
const halves: PolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [[[120.13, 30.24], [120.15, 30.24], [120.15, 30.27], [120.13, 30.27], [120.13, 30.24]]],
    [[[120.15, 30.24], [120.17, 30.24], [120.17, 30.27], [120.15, 30.27], [120.15, 30.24]]],
  ],
}

describe('the cell of a case', () => {
  it('is the resolution-9 cell of the point, in the documented resolution-8 cell of the same point', () => {
    // Published: Snowflake's H3_LATLNG_TO_CELL(52.516262, 13.377704, 8) = 613036919424548863,
    // H3_LATLNG_TO_CELL_STRING = 881F1D4887FFFFF (the Brandenburg Gate); h3-js README:
    // latLngToCell(37.3615593, -122.0553238, 7) → '87283472bffffff' (checks h3-js itself).
    expect(latLngToCell(37.3615593, -122.0553238, 7)).toBe('87283472bffffff')
    expect(latLngToCell(52.516262, 13.377704, 8)).toBe('881f1d4887fffff')
    const cell = caseCell(13.377704, 52.516262)
    expect(cell).toBe('891f1d48863ffff')
    expect(getResolution(cell)).toBe(9)
    expect(cellToParent(cell, 8)).toBe('881f1d4887fffff')
    // lon and lat the right way round: the cell's hexagon covers the point
    expect(coversPoint(h3CellPolygon(cell), 13.377704, 52.516262)).toBe(true)
    expect(cellContainsPoint(cell, 13.377704, 52.516262)).toBe(true)
    expect(cellContainsPoint(cell, 13.38, 52.52)).toBe(false)
  })

  it('has one text and one bigint spelling, converted both ways', () => {
    expect(cellToDecimal('881f1d4887fffff')).toBe('613036919424548863')
    expect(cellFromBigint('613036919424548863')).toBe('881f1d4887fffff')
    // '8928308280fffff', the h3 documentation's resolution-9 example cell
    expect(cellToDecimal('8928308280fffff')).toBe('617700169958293503')
    expect(cellFromBigint('617700169958293503')).toBe('8928308280fffff')
    expect(cellFromBigint(617700169958293503n)).toBe('8928308280fffff')
    const cell = caseCell(120.15, 30.25)
    expect(cellFromBigint(cellToDecimal(cell))).toBe(cell)
  })

  it('says in Chinese why a text is not a resolution-9 cell', () => {
    expect(h3CellProblem('8928308280fffff')).toBeNull()
    expect(h3CellProblem('8928308280FFFFF')).toBeNull()
    expect(h3CellProblem('hello')).toMatch(/不是 H3 单元编号/)
    expect(h3CellProblem('87283472bffffff')).toMatch(/分辨率 7/)
    expect(h3CellProblem('8928308280ffff7')).toMatch(/不是有效的/)
  })
})

describe('H3 units of a district', () => {
  const units = h3Units(block)

  it('are the cells whose centre is inside, ascending, each at resolution 9', () => {
    // as many cells as fit: their area adds up to the block's 12.85 km², to a ragged edge's worth
    const area = units.cells.reduce((sum, cell) => sum + cellArea(cell, 'km2'), 0)
    expect(Math.abs(area - 12.85)).toBeLessThan(0.6)
    expect([...units.cells].sort()).toEqual(units.cells)
    for (const cell of units.cells) {
      expect(getResolution(cell)).toBe(9)
      const [lat, lon] = cellToLatLng(cell)
      expect(coversPoint(block, lon, lat)).toBe(true)
    }
    expect(units.addedForCases).toBe(0)
    units.cells.forEach((cell, unit) => expect(units.unitOf.get(cell)).toBe(unit))
  })

  it('are the same for the district given as two parts', () => {
    expect(h3Units(halves).cells).toEqual(units.cells)
    expect(h3Units([block, block]).cells).toEqual(units.cells)
  })

  it('include the cell of a case whose cell centre is outside, so no case is dropped', () => {
    // just inside the west edge: its cell's centre may be either side, so take a point whose cell is outside
    const outsideCell = latLngToCell(30.255, 120.125, 9)
    const withCase = h3Units(block, [outsideCell, null, units.cells[0]])
    expect(withCase.cells).toContain(outsideCell)
    expect(withCase.cells.length).toBe(units.cells.length + 1)
    expect(withCase.addedForCases).toBe(1)
    expect(countCasesPerCell(withCase, [outsideCell]).outside).toBe(0)
  })

  it('neighbour each other by hexagon contiguity: 6 in the interior, fewer at the edge, symmetric', () => {
    const list = h3Neighbours(units)
    expect(list.count).toBe(units.cells.length)
    const centre = units.unitOf.get(caseCell(120.15, 30.255))!
    expect(neighboursOf(list, centre)).toHaveLength(6)
    expect(neighboursOf(list, centre).map((unit) => units.cells[unit]).sort()).toEqual(
      gridDisk(units.cells[centre], 1).filter((cell) => cell !== units.cells[centre]).sort(),
    )
    const counts = units.cells.map((_cell, unit) => neighboursOf(list, unit).length)
    expect(Math.max(...counts)).toBe(6)
    expect(Math.min(...counts)).toBeGreaterThan(0)
    expect(Math.min(...counts)).toBeLessThan(6)
    for (let unit = 0; unit < list.count; unit++) {
      for (const other of neighboursOf(list, unit)) expect(neighboursOf(list, other)).toContain(unit)
    }
  })

  it('widen to k rings on request: 18 neighbours in the interior at k = 2', () => {
    const list = h3Neighbours(units, 2)
    const centre = units.unitOf.get(caseCell(120.15, 30.255))!
    expect(neighboursOf(list, centre)).toHaveLength(18)
    expect(neighboursOf(list, centre)).toEqual(expect.arrayContaining(neighboursOf(h3Neighbours(units), centre)))
    expect(() => h3Neighbours(units, 0)).toThrow(RangeError)
  })

  it('count cases per cell from their stored cells, and bin cases stored without one', () => {
    const a = caseCell(120.14, 30.25)
    const b = caseCell(120.16, 30.26)
    const { counts, outside } = countCasesPerCell(units, [a, a, b, a.toUpperCase(), '8928308280fffff'])
    expect(counts[units.unitOf.get(a)!]).toBe(3)
    expect(counts[units.unitOf.get(b)!]).toBe(1)
    expect(counts.reduce((sum, value) => sum + value, 0)).toBe(4)
    expect(outside).toBe(1)
    expect(completeCaseCells([a, null, undefined], [0, 0, 120.16, 30.26, 120.14, 30.25])).toEqual([a, b, a])
    expect(() => completeCaseCells([a], [120.14])).toThrow(RangeError)
  })

  it('draw as closed GeoJSON rings in [lon, lat] around the cell centre', () => {
    for (const cell of units.cells) {
      const polygon = h3CellPolygon(cell)
      expect(polygon.type).toBe('Polygon')
      const ring = polygon.coordinates[0]
      expect(ring).toHaveLength(7)
      expect(ring[0]).toEqual(ring[ring.length - 1])
      const [lat, lon] = cellToLatLng(cell)
      for (const [x, y] of ring) {
        expect(Math.abs(x - lon)).toBeLessThan(0.003)
        expect(Math.abs(y - lat)).toBeLessThan(0.003)
      }
      expect(coversPoint(polygon, lon, lat)).toBe(true)
    }
  })

  it('carry a Gi* analysis that finds a planted cluster hot and leaves the rest alone', () => {
    // 1 case in every cell, 20 in each cell of one ring-1 disk
    const hot = caseCell(120.15, 30.255)
    const cluster = new Set(gridDisk(hot, 1))
    const cases: string[] = []
    for (const cell of units.cells) for (let k = 0; k < (cluster.has(cell) ? 20 : 1); k++) cases.push(cell)
    const { counts } = countCasesPerCell(units, cases)
    const result = analyseHotspots(counts, h3Neighbours(units))
    expect(result.summary.units).toBe(units.cells.length)
    expect(result.bin[units.unitOf.get(hot)!]).toBe(3)
    const far = units.unitOf.get(caseCell(120.135, 30.245))!
    expect(result.bin[far]).toBe(0)
    expect(result.summary.isolated).toEqual([])
  })

  it('are valid H3 cells throughout', () => {
    expect(units.cells.every((cell) => isValidCell(cell))).toBe(true)
  })
})
