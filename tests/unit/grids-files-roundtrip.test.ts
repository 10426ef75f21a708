/**
 * Grid files out and back in (src/domain/grids/files): every writer's output read back with
 * readGridFile and turned into editor grids gives the same codes, attributes (Chinese intact)
 * and coordinates; the Shapefile zip holds .shp/.shx/.dbf/.prj/.cpg.
 */
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { EditableGrid } from '../../src/domain/grids/editing/types.ts'
import { featuresToEditableGrids, readGridFile, writeGridsGeoJson, writeGridsKml, writeGridsShapefileZip, WGS84_PRJ } from '../../src/domain/grids/files/index.ts'
import { at, rectangle } from './grids-validation-support.ts'

const COMMUNITY = '330106001001'
const community = { code: COMMUNITY, name: '西溪社区', geometry: rectangle(0, 0, 300, 100) }

/** Three grids side by side; the middle one has a hole; odd coordinates so precision is tested. */
function grids(): EditableGrid[] {
  const base = (index: number, geometry: GeoJSON.Polygon, extra: Partial<EditableGrid> = {}): EditableGrid => ({
    code: `${COMMUNITY}00${index}`,
    version: index === 3 ? null : index + 4,
    communityCode: COMMUNITY,
    name: `西溪第${index}网格（“测试” & <样例>）`,
    landUse: (['residential', 'commercial', 'green'] as const)[index - 1],
    managementLevel: ([1, 2, 3] as const)[index - 1],
    responsiblePerson: ['张三', '李四', ''][index - 1],
    responsibleBody: '西溪社区居民委员会',
    geometry,
    ...extra,
  })
  const middle = rectangle(100, 0, 200, 100)
  const hole = [at(130, 30), at(130, 70), at(170, 70), at(170, 30), at(130, 30)]
  return [
    base(1, rectangle(0, 0, 100, 100)),
    base(2, { type: 'Polygon', coordinates: [middle.coordinates[0], hole] }),
    base(3, rectangle(200, 0, 300, 100)),
  ]
}

function expectSameGrids(actual: EditableGrid[], expected: EditableGrid[]): void {
  expect(actual.map((grid) => grid.code)).toEqual(expected.map((grid) => grid.code))
  actual.forEach((grid, index) => {
    const { geometry, ...attributes } = grid
    const { geometry: expectedGeometry, ...expectedAttributes } = expected[index]
    expect(attributes).toEqual(expectedAttributes)
    expect(geometry.coordinates.length).toBe(expectedGeometry.coordinates.length)
    geometry.coordinates.forEach((ring, r) => {
      const expectedRing = expectedGeometry.coordinates[r]
      expect(ring.length).toBe(expectedRing.length)
      // Same ring, possibly from another start vertex (a Shapefile reader may rotate it).
      const start = ring.findIndex((position) => Math.abs(position[0] - expectedRing[0][0]) < 1e-9 && Math.abs(position[1] - expectedRing[0][1]) < 1e-9)
      expect(start).toBeGreaterThanOrEqual(0)
      for (let k = 0; k < ring.length - 1; k++) {
        const position = ring[(start + k) % (ring.length - 1)]
        expect(Math.abs(position[0] - expectedRing[k][0])).toBeLessThan(1e-9)
        expect(Math.abs(position[1] - expectedRing[k][1])).toBeLessThan(1e-9)
      }
    })
  })
}

async function roundTrip(name: string, bytes: Uint8Array): Promise<EditableGrid[]> {
  const file = await readGridFile(name, bytes)
  expect(file.features).toHaveLength(3)
  const converted = featuresToEditableGrids(file.features, { codeField: 'code', communities: [community] })
  expect(converted.issues).toEqual([])
  return converted.grids
}

describe('grid files round trip', () => {
  it('GeoJSON: a FeatureCollection with the documented properties, read back the same', async () => {
    const text = writeGridsGeoJson(grids())
    const collection = JSON.parse(text) as GeoJSON.FeatureCollection
    expect(Object.keys(collection.features[0].properties!)).toEqual(['code', 'name', 'land_use', 'management_level', 'responsible_person', 'responsible_body', 'version', 'area_m2'])
    expect(collection.features[0].properties!.area_m2).toBeCloseTo(10_000, -1)
    expectSameGrids(await roundTrip('grids.geojson', new TextEncoder().encode(text)), grids())
  })

  it('Shapefile zip: .shp .shx .dbf .prj .cpg, UTF-8 Chinese attributes, read back the same', async () => {
    const bytes = await writeGridsShapefileZip(grids())
    const zip = await JSZip.loadAsync(bytes)
    expect(Object.keys(zip.files).sort()).toEqual(['grids.cpg', 'grids.dbf', 'grids.prj', 'grids.shp', 'grids.shx'])
    expect(await zip.file('grids.cpg')!.async('string')).toBe('UTF-8')
    expect(await zip.file('grids.prj')!.async('string')).toBe(WGS84_PRJ)
    // The .dbf holds the UTF-8 bytes of the Chinese text, not their low bytes.
    const dbf = await zip.file('grids.dbf')!.async('uint8array')
    const needle = new TextEncoder().encode('西溪第1网格')
    const found = dbf.findIndex((_, start) => needle.every((byte, k) => dbf[start + k] === byte))
    expect(found).toBeGreaterThan(0)
    const file = await readGridFile('grids.zip', bytes)
    expect(file.warnings).toEqual([])
    expect(file.features[1].properties.mgmt_level).toBe(2)
    expectSameGrids(await roundTrip('grids.zip', bytes), grids())
  })

  it('KML: read back the same', async () => {
    const text = writeGridsKml(grids())
    expect(text).toContain('<kml')
    expectSameGrids(await roundTrip('grids.kml', new TextEncoder().encode(text)), grids())
  })

  it('an empty selection: GeoJSON and KML say so with no features, the Shapefile writer refuses in Chinese', async () => {
    expect(JSON.parse(writeGridsGeoJson([]))).toEqual({ type: 'FeatureCollection', features: [] })
    expect(writeGridsKml([])).not.toContain('<Placemark')
    await expect(writeGridsShapefileZip([])).rejects.toThrow('没有可导出的网格')
  })

  it('a long Chinese value is cut at a whole character within the 254 bytes of a dBase field', async () => {
    const long = { ...grids()[0], name: '网'.repeat(100) }
    const file = await readGridFile('long.zip', await writeGridsShapefileZip([long]))
    expect(file.features[0].properties.name).toBe('网'.repeat(84))
  })
})
