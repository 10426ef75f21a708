/**
 * suggestCrs (src/domain/grids/files/suggest-crs.ts) on the demo district's grids: the WGS84
 * grids as they are get no warning; the same grids shifted WGS84 → GCJ-02 (what an Amap export
 * of them would hold) and declared WGS84 get the GCJ-02 warning — against the district polygon,
 * its bbox, and one street alone.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import { geometryBbox } from '../../src/domain/geometry/geometry-bbox.ts'
import { suggestCrs } from '../../src/domain/grids/files/index.ts'
import { fromWgs84, type CoordinateSystem } from '../../src/domain/import/coordinate-system.ts'

type Grid = { geometry: GeoJSON.Polygon }
let demo: ReturnType<typeof generateDemoDistrict>

function shifted(grids: readonly Grid[], to: CoordinateSystem): Grid[] {
  return grids.map((grid) => ({ geometry: { type: 'Polygon', coordinates: grid.geometry.coordinates.map((ring) => ring.map(([x, y]) => fromWgs84(x, y, to))) } }))
}

beforeAll(() => {
  demo = generateDemoDistrict()
}, 60_000)

describe('suggestCrs', () => {
  it('district polygon: warns only for the shifted grids, with measures that say why', () => {
    expect(suggestCrs(demo.grids, demo.district.geometry)).toBeNull()
    const suggestion = suggestCrs(shifted(demo.grids, 'gcj02'), demo.district.geometry)
    expect(suggestion?.crs).toBe('gcj02')
    expect(suggestion?.message).toBe('数据可能是 GCJ-02（高德/腾讯）坐标：按 GCJ-02 转换后与辖区吻合度更高')
    expect(suggestion!.suggested.inside).toBe(1)
    expect(suggestion!.declared.inside).toBeLessThan(0.97)
    expect(suggestion!.suggested.boundaryMedianM).toBeLessThan(1)
    expect(suggestion!.declared.boundaryMedianM).toBeGreaterThan(50)
    expect(suggestion!.detail).toContain('与辖区边界的距离中位数')
  })

  it('district bbox only: the share of centres inside and the extent decide', () => {
    const bbox = geometryBbox(demo.district.geometry)
    expect(suggestCrs(demo.grids, bbox)).toBeNull()
    expect(suggestCrs(shifted(demo.grids, 'gcj02'), bbox)?.crs).toBe('gcj02')
  })

  it('one street against its own boundary', () => {
    const street = demo.streets[0]
    const communityIds = new Set(demo.communities.filter((community) => community.streetId === street.id).map((community) => community.id))
    const grids = demo.grids.filter((grid) => communityIds.has(grid.communityId))
    expect(suggestCrs(grids, street.geometry)).toBeNull()
    expect(suggestCrs(shifted(grids, 'gcj02'), street.geometry)?.crs).toBe('gcj02')
  })

  it('BD-09 data is recognised as BD-09, and nothing is suggested for data declared in another system', () => {
    expect(suggestCrs(shifted(demo.grids, 'bd09'), demo.district.geometry)?.crs).toBe('bd09')
    expect(suggestCrs(shifted(demo.grids, 'gcj02'), demo.district.geometry, { declared: 'gcj02' })).toBeNull()
  })
})
