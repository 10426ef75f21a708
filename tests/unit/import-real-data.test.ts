/**
 * The pipeline on real Chinese grid data (../shared/fixtures/real, see PROVENANCE.md): the 228
 * grid events of 杭州下城区 (WGS84) and the district's 街道, which tile it exactly.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import {
  createCategoryResolver,
  DEFAULT_CATEGORY_ALIASES,
  districtAreaFromGeometry,
  fromWgs84,
  sniffCrs,
  validateTable,
} from '../../src/domain/import/index.ts'
import { readTable } from '../../src/domain/tabular/index.ts'
import { directory } from './fixtures/import/directory.ts'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

const REAL = REAL_FIXTURES ?? ''

describeWithRealFixtures('real data: 杭州下城区 grid events', () => {
  const eventsFile = () => new Uint8Array(readFileSync(path.join(REAL, 'cn-hangzhou-xiacheng-grid-events.geojson')))
  const jiedao = () => JSON.parse(readFileSync(path.join(REAL, 'cn-hangzhou-xiacheng-jiedao.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon>
  // The 街道 tile the district, so "inside some 街道" is "inside the district".
  const district = () => {
    const areas = jiedao().features.map((feature) => districtAreaFromGeometry(feature.geometry))
    const bbox = areas.reduce((box, area) => [Math.min(box[0], area.bbox[0]), Math.min(box[1], area.bbox[1]), Math.max(box[2], area.bbox[2]), Math.max(box[3], area.bbox[3])] as [number, number, number, number], [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number])
    return { bbox, contains: (lon: number, lat: number) => areas.some((area) => area.contains(lon, lat)) }
  }

  it('reads the GeoJSON, maps categories through a local table and reports the rest by name and count', async () => {
    const table = await readTable(eventsFile(), 'cn-hangzhou-xiacheng-grid-events.geojson')
    expect(table.format).toBe('geojson')
    expect(table.rows).toHaveLength(228)
    const raw = JSON.parse(new TextDecoder().decode(eventsFile())) as GeoJSON.FeatureCollection<GeoJSON.Point, Record<string, string>>
    const typeCounts = new Map<string, number>()
    for (const feature of raw.features) typeCounts.set(feature.properties['事件类型'], (typeCounts.get(feature.properties['事件类型']) ?? 0) + 1)

    // A local table for two of the city's own event types; the others must come back as unknown.
    const aliases = { ...DEFAULT_CATEGORY_ALIASES, 市容环境: '06010', 消防安全: '09012' }
    const result = await validateTable(table, {
      mapping: { externalId: 'seq', lon: '@geometry', lat: '@geometry', category: '事件类型', description: '上报部门', reportedAt: 'reported_at' },
      crs: 'wgs84',
      defaultSource: 'patrol',
      categories: createCategoryResolver(directory, aliases),
      district: district(),
      now: new Date('2026-01-01T00:00:00+08:00'),
    })
    const mapped = (typeCounts.get('市容环境') ?? 0) + (typeCounts.get('消防安全') ?? 0)
    expect(mapped).toBeGreaterThan(0)
    expect(result.ok).toHaveLength(mapped)
    expect(result.errors.every((error) => error.code === 'unknown_category')).toBe(true)
    expect(result.errors).toHaveLength(228 - mapped)
    const expectedUnknown = [...typeCounts].filter(([text]) => text !== '市容环境' && text !== '消防安全')
    expect(new Map(result.unknownCategories.map((entry) => [entry.text, entry.count]))).toEqual(new Map(expectedUnknown))
    // The times were given as ISO with +08:00; they survive unchanged.
    const first = raw.features.find((feature) => feature.properties['事件类型'] === '市容环境' || feature.properties['事件类型'] === '消防安全')!
    expect(result.ok[0].reported_at).toBe(first.properties.reported_at)
    expect(result.crsCheck).toMatchObject({ likely: 'wgs84', warning: null })
    expect(result.crsCheck?.shares.wgs84).toBe(1)
  })

  it('clustered far from the border, BD-09 points declared WGS84 cannot be told apart, and no false alarm is raised', () => {
    // All 228 events lie in 8 grids well inside the district: a 1 km shift keeps every one
    // inside, so counting points in the district has no signal here (docs/import.md).
    const raw = JSON.parse(new TextDecoder().decode(eventsFile())) as GeoJSON.FeatureCollection<GeoJSON.Point>
    const baidu = raw.features.map((feature) => fromWgs84(feature.geometry.coordinates[0], feature.geometry.coordinates[1], 'bd09'))
    const sniff = sniffCrs(baidu, district(), 'wgs84')
    expect(sniff.shares).toEqual({ wgs84: 1, gcj02: 1, bd09: 1 })
    expect(sniff).toMatchObject({ likely: 'wgs84', warning: null })
    // Taken as WGS84 when they are not, about two thirds would fall outside: the shift is real.
    const asWgs = sniffCrs(raw.features.map((feature) => feature.geometry.coordinates as [number, number]), district(), 'bd09')
    expect(asWgs.likely).toBe('wgs84')
    expect(asWgs.shares.bd09).toBeLessThan(0.4)
    expect(asWgs.warning).toContain('看起来是 WGS84 坐标')
  })
})
