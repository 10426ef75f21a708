/** readGridFile (src/domain/grids/files/read-grid-file.ts): formats, ids, coordinate systems, per-feature warnings, unusable files. */
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { GridFileError, readGridFile, writeGridsShapefileZip } from '../../src/domain/grids/files/index.ts'
import { fromWgs84 } from '../../src/domain/import/coordinate-system.ts'
import { rectangle } from './grids-validation-support.ts'

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry })

describe('readGridFile', () => {
  it('keeps polygons as read (3D, unclosed), names skipped and duplicate features, reads ids from the named field', async () => {
    const square = rectangle(0, 0, 100, 100)
    const threeD = { type: 'Polygon', coordinates: [square.coordinates[0].map(([x, y]) => [x, y, 12.5])] }
    const unclosed = { type: 'Polygon', coordinates: [square.coordinates[0].slice(0, 4)] }
    const file = await readGridFile('grids.geojson', encode({
      type: 'FeatureCollection',
      features: [
        feature({ 网格编码: '330106001001001', 名称: '一号' }, threeD),
        feature({ 网格编码: '330106001001002' }, { type: 'Point', coordinates: [120, 30] }),
        feature({ 网格编码: '330106001001003' }, unclosed),
        feature({ 网格编码: '330106001001001' }, square),
        feature({ 网格编码: '' }, square),
      ],
    }), { idField: '网格编码' })
    expect(file.idField).toBe('网格编码')
    expect(file.crs).toBe('wgs84')
    expect(file.features.map((f) => [f.id, f.featureNumber])).toEqual([['330106001001001', 1], ['330106001001003', 3], ['330106001001001', 4]])
    expect(file.features[0].geometry).toEqual(threeD)
    expect(file.features[0].properties).toEqual({ 网格编码: '330106001001001', 名称: '一号' })
    expect(file.features[1].geometry).toEqual(unclosed)
    expect(file.warnings).toEqual([
      { featureNumber: 2, field: 'geometry', reason: '已跳过：几何类型为 Point，不是面' },
      { featureNumber: 5, field: '网格编码', reason: '已跳过：编号字段“网格编码”为空' },
      { featureNumber: 4, field: '网格编码', reason: '编号“330106001001001”重复（第 1、4 个要素）' },
    ])
  })

  it('converts a declared GCJ-02 file to WGS84, keeping Z', async () => {
    const wgs84 = rectangle(0, 0, 100, 100).coordinates[0]
    const gcj02 = wgs84.map(([x, y]) => [...fromWgs84(x, y, 'gcj02'), 7])
    const file = await readGridFile('gcj.json', encode(feature({ code: 'A' }, { type: 'Polygon', coordinates: [gcj02] })), { crs: 'gcj02' })
    expect(file.crs).toBe('gcj02')
    const ring = (file.features[0].geometry as GeoJSON.Polygon).coordinates[0]
    ring.forEach((position, k) => {
      expect(Math.abs(position[0] - wgs84[k][0])).toBeLessThan(1e-6)
      expect(Math.abs(position[1] - wgs84[k][1])).toBeLessThan(1e-6)
      expect(position[2]).toBe(7)
    })
  })

  it('warns when a Shapefile zip has no .prj', async () => {
    const zip = await JSZip.loadAsync(await writeGridsShapefileZip([{ code: '330106001001001', version: 1, communityCode: '330106001001', name: '一号', landUse: 'mixed', managementLevel: 2, responsiblePerson: '', responsibleBody: '', geometry: rectangle(0, 0, 100, 100) }]))
    zip.remove('grids.prj')
    const file = await readGridFile('grids.zip', await zip.generateAsync({ type: 'arraybuffer' }))
    expect(file.features).toHaveLength(1)
    expect(file.warnings).toEqual([{ reason: 'Shapefile 压缩包中没有 .prj 文件：坐标按经纬度读取，请确认不是投影坐标' }])
  })

  it('reads KML', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>一号</name>
<ExtendedData><Data name="code"><value>330106001001001</value></Data></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>120,30 120.001,30 120.001,30.001 120,30</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`
    const file = await readGridFile('grids.kml', encode(kml))
    expect(file.idField).toBe('code')
    expect(file.features[0].properties).toEqual({ name: '一号', code: '330106001001001' })
  })

  it('refuses an unusable file with a Chinese message', async () => {
    const refusal = async (name: string, bytes: Uint8Array, idField?: string) => {
      const error = await readGridFile(name, bytes, { idField }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(GridFileError)
      return (error as Error).message
    }
    expect(await refusal('a.json', encode('{not json'))).toMatch(/^“a\.json”不是有效的 JSON/)
    expect(await refusal('b.json', encode({ type: 'FeatureCollection', features: [feature({}, { type: 'Point', coordinates: [1, 2] })] }))).toContain('没有面要素')
    expect(await refusal('c.json', encode(feature({ id: 1 }, rectangle(0, 0, 1, 1))), '编码')).toBe('“c.json”：文件中没有指定的编号字段：“编码”')
    expect(await refusal('d.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toContain('是 ZIP 文件，但读不出 Shapefile')
    expect(await refusal('e.json', new Uint8Array())).toBe('“e.json”是空文件')
  })
})
