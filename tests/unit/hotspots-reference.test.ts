/**
 * Gi* against published numbers (../shared/fixtures/real/expected-getisord.md): the esda
 * 6-point data (published z, distance band 15 inclusive), Guerry (pygeoda's published G*,
 * spdep's full z vector, queen weights computed here from the polygons) and Columbus (spdep's
 * full vector, weights from columbus.gal and, separately, computed from the polygons).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { expect, it } from 'vitest'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'
import {
  analyseHotspots,
  computeGiStar,
  distanceBandNeighbours,
  neighbourListFromArrays,
  neighboursOf,
  polygonNeighbours,
  readUnitValues,
  type NeighbourList,
  type PolygonGeometry,
} from '../../src/domain/hotspots/index.ts'

const fixture = (name: string) => path.join(REAL_FIXTURES ?? '', name)
const TOLERANCE = 1e-6

function csv(name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(fixture(name), 'utf8'), { header: true, skipEmptyLines: true }).data
}

function features(name: string): { properties: Record<string, unknown>; geometry: PolygonGeometry }[] {
  return (JSON.parse(readFileSync(fixture(name), 'utf8')) as { features: { properties: Record<string, unknown>; geometry: PolygonGeometry }[] }).features
}

/** The neighbour column of spdep's CSV ("1 2 5", 0-based) as a list. */
function expectedNeighbours(rows: Record<string, string>[]): NeighbourList {
  return neighbourListFromArrays(rows.map((row) => (row.neighbors.trim() === '' ? [] : row.neighbors.trim().split(/\s+/).map(Number))))
}

function expectSameNeighbours(actual: NeighbourList, expected: NeighbourList) {
  expect(actual.count).toBe(expected.count)
  for (let unit = 0; unit < expected.count; unit++) expect(neighboursOf(actual, unit), `unit ${unit}`).toEqual(neighboursOf(expected, unit))
}

function expectClose(actual: ArrayLike<number>, expected: number[], tolerance = TOLERANCE) {
  expect(actual.length).toBe(expected.length)
  for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k]), `index ${k}: ${actual[k]} vs ${expected[k]}`).toBeLessThanOrEqual(tolerance)
}

describeWithRealFixtures('esda 6-point data (published, pysal/esda test_getisord.py)', () => {
  const rows = REAL_FIXTURES ? csv('getisord-esda-6points.csv') : []
  const x = Float64Array.from(rows, (row) => Number(row.x))
  const y = Float64Array.from(rows, (row) => Number(row.y))
  const values = Float64Array.from(rows, (row) => Number(row.value))

  it('DistanceBand(threshold=15) is inclusive: points 3 and 4, exactly 15 apart, are neighbours', () => {
    const weights = distanceBandNeighbours(x, y, 15)
    expect(Array.from({ length: 6 }, (_unit, unit) => neighboursOf(weights, unit))).toEqual([[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]])
  })

  it('Gi* z equals G_Local(transform="B", star=True).Zs and G* equals the raw values, to 1e-6', () => {
    const result = computeGiStar(values, distanceBandNeighbours(x, y, 15))
    expectClose(result.z, [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331], 5e-9)
    expectClose(result.giStar, [0.354609929078014, 0.638297872340426, 0.397163120567376, 0.638297872340426, 0.929078014184397, 0.531914893617021], 1e-12)
    // spdep's full-precision z, to the precision asked for (1e-6) and beyond
    expectClose(result.z, [-1.397276262011544, -0.289177615627128, 0.650649635161037, -0.289177615627128, 1.234520883519874, 2.024243309389895], 1e-12)
  })

  it('the full analysis refuses 6 units (fewer than 30) with the reason', () => {
    expect(() => analyseHotspots(values, distanceBandNeighbours(x, y, 15))).toThrow(/不足 30 个.*只有 6 个单元/)
  })
})

describeWithRealFixtures('Guerry, Crm_prp, queen (pygeoda published; spdep full vector)', () => {
  const expected = REAL_FIXTURES ? csv('getisord-expected-guerry-crm_prp.spdep.csv') : []
  const guerry = REAL_FIXTURES ? features('guerry-85-departements.geojson') : []

  it('queen and rook computed from the polygons equal spdep poly2nb (420 links), first counts 4 6 6 4 3 7 3 3 5 5', () => {
    const queen = polygonNeighbours(
      guerry.map((feature) => feature.geometry),
      { kind: 'queen' },
    )
    expectSameNeighbours(queen, expectedNeighbours(expected))
    expect(queen.neighbours.length).toBe(420)
    expect(Array.from({ length: 10 }, (_unit, unit) => queen.offsets[unit + 1] - queen.offsets[unit])).toEqual([4, 6, 6, 4, 3, 7, 3, 3, 5, 5])
    expectSameNeighbours(polygonNeighbours(guerry.map((feature) => feature.geometry), { kind: 'rook' }), queen)
  })

  it('z equals spdep Z_Gistar for all 85 départements to 1e-6; G* row-standardised equals pygeoda local_gstar', () => {
    const values = readUnitValues(
      guerry.map((feature, index) => ({ id: String(feature.properties.CODE_DE), where: `第 ${index + 1} 个要素`, raw: feature.properties.Crm_prp })),
      'Crm_prp',
    )
    const weights = polygonNeighbours(guerry.map((feature) => feature.geometry), { kind: 'queen' })
    const result = analyseHotspots(values, weights)
    expectClose(result.z, expected.map((row) => Number(row.Z_Gistar)))
    expectClose(result.z.subarray(0, 3), [1.22181095154651, -1.30553721068907, 3.52594230367231], 1e-12)
    // GeoDa reports G* with row-standardised weights (self weight 1/(k+1)): binary G* / W*_i.
    const rowStandardised = Array.from(result.giStar, (g, unit) => g / (result.neighbourCounts[unit] + 1))
    expectClose(rowStandardised.slice(0, 10), [0.014177043620524426, 0.0096136007223101994, 0.017574324039034434, 0.01150147630889935, 0.011773152971874002, 0.014324040100669639, 0.010638678994617219, 0.01301062524443436, 0.009960482489792222, 0.012951662452195357], 1e-15)
    expectClose(rowStandardised, expected.map((row) => Number(row.Gistar)), 1e-12)
  })
})

describeWithRealFixtures('Columbus, CRIME (spdep full vector)', () => {
  const expected = REAL_FIXTURES ? csv('getisord-expected-columbus-crime.spdep.csv') : []
  const columbus = REAL_FIXTURES ? features('columbus.geojson') : []

  function galNeighbours(): NeighbourList {
    const lines = readFileSync(fixture('columbus.gal'), 'utf8').trim().split(/\r?\n/)
    const count = Number(lines[0].trim().split(/\s+/).pop())
    const lists: number[][] = Array.from({ length: count }, () => [])
    for (let line = 1; line + 1 < lines.length; line += 2) {
      const [id] = lines[line].trim().split(/\s+/).map(Number)
      lists[id - 1] = lines[line + 1].trim() === '' ? [] : lines[line + 1].trim().split(/\s+/).map((other) => Number(other) - 1)
    }
    return neighbourListFromArrays(lists)
  }

  it('columbus.gal, the CSV and queen contiguity computed from the polygons agree (236 links)', () => {
    const gal = galNeighbours()
    expectSameNeighbours(gal, expectedNeighbours(expected))
    expect(gal.neighbours.length).toBe(236)
    expectSameNeighbours(polygonNeighbours(columbus.map((feature) => feature.geometry), { kind: 'queen' }, 'planar'), gal)
  })

  it('z equals spdep Z_Gistar for all 49 neighbourhoods to 1e-6, with the GAL weights and with computed queen weights', () => {
    const values = Float64Array.from(columbus, (feature) => Number(feature.properties.CRIME))
    expectClose(values, expected.map((row) => Number(row.CRIME)), 1e-9)
    const fromGal = analyseHotspots(values, galNeighbours())
    expectClose(fromGal.z, expected.map((row) => Number(row.Z_Gistar)))
    const computed = analyseHotspots(values, polygonNeighbours(columbus.map((feature) => feature.geometry), { kind: 'queen' }, 'planar'))
    expectClose(computed.z, expected.map((row) => Number(row.Z_Gistar)))
    expectClose(Array.from(computed.giStar, (g, unit) => g / (computed.neighbourCounts[unit] + 1)), expected.map((row) => Number(row.Gistar)), 1e-12)
  })
})
