/**
 * The grid rules on real data with known defects (../shared/fixtures/real, PROVENANCE.md; read
 * from there at test time, never copied — some files' licence is unclear). Skipped when absent.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { area } from '@turf/turf'
import { expect, it } from 'vitest'
import { readPolygonFeatures } from '../../src/domain/assign/polygon-features.ts'
import { toWgs84, type CoordinateSystem } from '../../src/domain/import/coordinate-system.ts'
import { haversine, locatePoint, type Ring } from '../../src/domain/grids/validation/geometry.ts'
import { validateGrids, type GridFeature, type GridIssue } from '../../src/domain/grids/validation/index.ts'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

function load(file: string, idField: string, crs: CoordinateSystem = 'wgs84'): GridFeature[] {
  // Also called at collection time, where a skipped suite must not touch missing files.
  if (!REAL_FIXTURES) return []
  const set = readPolygonFeatures(JSON.parse(readFileSync(path.join(REAL_FIXTURES, file), 'utf8')), { idField, crs })
  return set.polygons.map((polygon, index) => ({ ...polygon, featureNumber: set.featureNumbers[index] }))
}

const summary = (issues: GridIssue[]) => issues.map((issue) => `${issue.type}:${issue.ids.join(',')}`)

describeWithRealFixtures('Hangzhou Xiacheng grids (332 features, 网格编号)', () => {
  const grids = load('cn-hangzhou-xiacheng-grids.geojson', '网格编号')
  const { issues } = REAL_FIXTURES ? validateGrids(grids, { targetArea: 0 }) : { issues: [] }

  it('finds the repeated ids: 332 features, 297 distinct ids, every repeat listed', () => {
    expect(grids).toHaveLength(332)
    const duplicates = issues.filter((issue) => issue.type === 'duplicate-id')
    expect(new Set(grids.map((grid) => grid.id)).size).toBe(297)
    const repeatedFeatures = duplicates.reduce((total, issue) => total + issue.features!.length, 0)
    expect(332 - repeatedFeatures + duplicates.length).toBe(297)
  })

  it('locates SQ-1-6’s self-intersection at (120.168628455, 30.330762837)', () => {
    const invalid = issues.filter((issue) => issue.type === 'invalid')
    expect(summary(invalid)).toEqual(['invalid:SQ-1-6'])
    expect(invalid[0].reason).toBe('self-intersection')
    expect(haversine(invalid[0].location, [120.168628455, 30.330762837])).toBeLessThan(1)
  })

  it('finds ZH-7-5, a sliver of about 0.0008 m² (turf agrees to 0.5 %)', () => {
    const slivers = issues.filter((issue) => issue.type === 'sliver')
    expect(summary(slivers)).toEqual(['sliver:ZH-7-5'])
    const feature = grids[slivers[0].features![0] - 1]
    expect(feature.id).toBe('ZH-7-5')
    expect(slivers[0].area_m2!).toBeGreaterThan(0.00075)
    expect(slivers[0].area_m2!).toBeLessThan(0.00085)
    expect(Math.abs(slivers[0].area_m2! / area(feature.geometry) - 1)).toBeLessThan(0.005)
  })

  it('finds no gap and no overlap: the grids tile the district', () => {
    expect(issues.filter((issue) => issue.type === 'gap' || issue.type === 'overlap')).toEqual([])
  })

  it('agrees with the 社区 layer: no grid outside or across communities, every code under its community', () => {
    const shequ = REAL_FIXTURES
      ? (JSON.parse(readFileSync(path.join(REAL_FIXTURES, 'cn-hangzhou-xiacheng-shequ.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon, Record<string, string>>).features
      : []
    const parents = shequ.map((feature) => ({ id: feature.properties['社区'], code: feature.properties['社区编码'], geometry: feature.geometry }))
    const withParents = validateGrids(grids, { parents, targetArea: 0, rules: ['gap', 'outside-parent', 'multi-parent', 'code-prefix'] })
    expect(withParents.issues).toEqual([])
  })
})

describeWithRealFixtures('Nanjing districts (DataV, GCJ-02)', () => {
  const districts = load('cn-nanjing-320100-districts.datav.geojson', 'name', 'gcj02')
  const { issues } = REAL_FIXTURES ? validateGrids(districts, { targetArea: 0 }) : { issues: [] }

  it('finds the 2 invalid geometries (parts sharing edges) where PROVENANCE.md says', () => {
    const invalid = issues.filter((issue) => issue.type === 'invalid')
    expect(summary(invalid)).toEqual(['invalid:雨花台区', 'invalid:高淳区'])
    const spots = (issue: GridIssue) => issue.locations ?? [issue.location]
    const distance = (issue: GridIssue, lon: number, lat: number) => Math.min(...spots(issue).map((spot) => haversine(spot, toWgs84(lon, lat, 'gcj02'))))
    // Every spot reported is where the two parts meet: on the boundary of both.
    for (const issue of invalid) {
      const geometry = districts.find((district) => district.id === issue.ids[0])!.geometry as GeoJSON.MultiPolygon
      for (const [lon, lat] of spots(issue)) {
        expect(locatePoint(lon, lat, [geometry.coordinates[0] as Ring[]])).toBe(0)
        expect(locatePoint(lon, lat, [geometry.coordinates[1] as Ring[]])).toBe(0)
      }
    }
    // 高淳区: the stated point is one of ours. 雨花台区: the stated point is a vertex inside the run of
    // edges the parts share; we name that run's two ends, one of them 290 m along the same shared edge.
    expect(distance(invalid[1], 119.14519, 31.422609)).toBeLessThan(5)
    expect(distance(invalid[0], 118.61858, 31.873374)).toBeLessThan(300)
  })

  it('finds no gap and no overlap between districts', () => {
    expect(issues.filter((issue) => issue.type !== 'invalid')).toEqual([])
  })
})

describeWithRealFixtures('Shenzhen districts (transbigdata, WGS84)', () => {
  it('finds the one interior gap of about 69,000 m², inside the stated box', () => {
    const { issues } = validateGrids(load('cn-shenzhen-districts.transbigdata.geojson', 'qh'), { targetArea: 0 })
    expect(summary(issues)).toEqual(['gap:龙华,龙岗'])
    const [gap] = issues
    expect(Math.abs(gap.area_m2! / 69_000 - 1)).toBeLessThan(0.005)
    const [lon, lat] = gap.location
    expect(lon).toBeGreaterThan(114.04579)
    expect(lon).toBeLessThan(114.04804)
    expect(lat).toBeGreaterThan(22.62965)
    expect(lat).toBeLessThan(22.63665)
    expect(haversine(gap.location, [114.04705, 22.6332])).toBeLessThan(100)
  })
})
