import { describe, expect, it } from 'vitest'
import {
  fromWgs84,
  GEOJSON_POINTS_PRESET,
  HOTLINE_12319_PRESET,
  RowValidator,
  validateTable,
  type ValidationOptions,
} from '../../src/domain/import/index.ts'
import type { Table } from '../../src/domain/tabular/index.ts'
import { categories } from './fixtures/import/directory.ts'

// A 0.1° square around the demo district's centre, as a polygon with a hole in its north-east corner.
const district: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [[119.85, 32.42], [119.95, 32.42], [119.95, 32.52], [119.85, 32.52], [119.85, 32.42]],
    [[119.93, 32.5], [119.93, 32.51], [119.94, 32.51], [119.94, 32.5], [119.93, 32.5]],
  ],
}

const options: ValidationOptions = {
  mapping: HOTLINE_12319_PRESET.mapping,
  crs: 'gcj02',
  defaultSource: 'hotline_12319',
  categories,
  district,
  now: new Date('2026-06-01T00:00:00+08:00'),
}

const HEADER = ['工单编号', '经度', '纬度', '问题类别', '来源', '问题描述', '受理时间', '事发地址']

/** [id, WGS84 lon, lat, …]: the cell values are written in GCJ-02 like a hotline export. */
function hotlineRow(id: string, lon: number | string, lat: number | string, category: string, source: string, description: string, time: string, address = ''): Record<string, string> {
  let lonText = String(lon)
  let latText = String(lat)
  if (typeof lon === 'number' && typeof lat === 'number') {
    const [gcjLon, gcjLat] = fromWgs84(lon, lat, 'gcj02')
    lonText = gcjLon.toFixed(7)
    latText = gcjLat.toFixed(7)
  }
  return Object.fromEntries(HEADER.map((column, index) => [column, [id, lonText, latText, category, source, description, time, address][index]]))
}

function table(rows: Record<string, string>[]): Table {
  return { columns: HEADER, rows, format: 'csv', rowNumbers: rows.map((_row, index) => index + 2) }
}

describe('validateTable', () => {
  const rows = [
    hotlineRow('RX-1', 119.9, 32.47, '暴露垃圾', '12319热线', '小区门口垃圾堆放', '2026/3/5 8:05', '海陵路 1 号'), // 2 ok
    hotlineRow('RX-2', '119.9', '三十二度', '06012', '巡查', '道路不洁', '2026-03-05 09:00'), // 3 text in 纬度
    hotlineRow('RX-3', '', '', '小广告', '', '电线杆上贴满小广告', '2026年3月5日 10时20分'), // 4 swapped (filled below)
    hotlineRow('RX-4', 119.91, 32.48, '邻里纠纷', '群众来电', '楼上漏水', '2026-03-05 11:00'), // 5 unknown category
    hotlineRow('RX-5', 119.91, 32.48, '占道经营', '12319', '早市占道', '昨天上午'), // 6 bad date
    hotlineRow('RX-1', 119.92, 32.49, '暴露垃圾', '12319', '重复编号', '2026-03-05 12:00'), // 7 duplicate id of row 2
    hotlineRow('RX-7', 120.3, 32.47, '暴露垃圾', '12319', '外区', '2026-03-05 12:00'), // 8 outside the district
    hotlineRow('RX-8', '', '32.47', '暴露垃圾', '12319', '无经度', '2026-03-05 12:00'), // 9 blank 经度
    hotlineRow('RX-9', '119.9', '95', '暴露垃圾', '12319', '纬度越界', '2026-03-05 12:00'), // 10 out of range
    hotlineRow('', 119.905, 32.455, '乱堆物料', '巡查', '同一内容', '2026-03-06 09:00'), // 11 no id → hash
    hotlineRow('', 119.905, 32.455, '乱堆物料', '巡查', '同一内容', '2026-03-06 09:00'), // 12 same content as 11
    hotlineRow('RX-13', 119.9, 32.47, '暴露垃圾', '12319', '未来时间', '2062-03-05 12:00'), // 13 future
    hotlineRow('RX-14', 119.9, 32.47, '暴露垃圾', '邮寄信件', '来源不明', '2026-03-05 12:00'), // 14 unknown source
    hotlineRow('RX-15', 119.935, 32.505, '暴露垃圾', '', '在洞里', '2026-03-05 12:00'), // 15 inside the hole → outside
    hotlineRow('RX-16', 119.88, 32.44, '道路不洁', '', '默认来源', '2026-03-05 12:00'), // 16 ok, default source
  ]
  const [swappedLon, swappedLat] = fromWgs84(119.89, 32.46, 'gcj02')
  rows[2]['经度'] = swappedLat.toFixed(7)
  rows[2]['纬度'] = swappedLon.toFixed(7)

  it('keeps every valid row, converted to WGS84, and reports each bad one by row, column and reason', async () => {
    const result = await validateTable(table(rows), options)
    expect(result.rowsRead).toBe(15)
    expect(result.rowNumbers).toEqual([2, 4, 11, 16])
    const [first, swapped, hashed, defaulted] = result.ok
    expect(first).toMatchObject({ external_id: 'RX-1', category_code: '06010', source: 'hotline_12319',
      description: '小区门口垃圾堆放（地址：海陵路 1 号）', reported_at: '2026-03-05T08:05:00+08:00' })
    expect(first.lon).toBeCloseTo(119.9, 6)
    expect(first.lat).toBeCloseTo(32.47, 6)
    expect(swapped).toMatchObject({ external_id: 'RX-3', category_code: '07001', reported_at: '2026-03-05T10:20:00+08:00' })
    expect(swapped.lon).toBeCloseTo(119.89, 6)
    expect(swapped.lat).toBeCloseTo(32.46, 6)
    expect(hashed.external_id).toMatch(/^sha256:[0-9a-f]{40}$/)
    expect(hashed.category_code).toBe('06036')
    expect(defaulted.source).toBe('hotline_12319')

    expect(result.errors.map((error) => [error.row, error.field, error.code])).toEqual([
      [3, '纬度', 'not_a_number'],
      [5, '问题类别', 'unknown_category'],
      [6, '受理时间', 'bad_date'],
      [7, '工单编号', 'duplicate_id'],
      [8, '经度/纬度', 'outside_district'],
      [9, '经度', 'missing'],
      [10, '纬度', 'out_of_range'],
      [12, '工单编号', 'duplicate_id'],
      [13, '受理时间', 'future_date'],
      [14, '来源', 'unknown_source'],
      [15, '经度/纬度', 'outside_district'],
    ])
    const byRow = new Map(result.errors.map((error) => [error.row, error]))
    expect(byRow.get(3)).toMatchObject({ value: '三十二度', reason: '纬度“三十二度”不是数字', target: 'lat' })
    expect(byRow.get(7)?.reason).toBe('工单编号“RX-1”与第 2 行重复')
    expect(byRow.get(12)?.reason).toContain('与第 11 行内容完全相同')
    expect(byRow.get(8)?.reason).toContain('不在本区范围内')
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 4, code: 'swapped_coordinates', field: '经度/纬度' }),
    ])
    expect(result.warnings[0].message).toContain('经纬度可能颠倒')
    expect(result.unknownCategories).toEqual([{ text: '邻里纠纷', count: 1, rows: [5] }])
    expect(result.notes.map((note) => [note.code, note.count])).toEqual([['generated_ids', 1], ['default_source', 2]])
  })

  it('the generated id depends on content only, so a re-import dedupes', async () => {
    const once = await validateTable(table(rows), options)
    const reordered = await validateTable(table([...rows].reverse()), options)
    const hashed = (result: typeof once) => result.ok.filter((row) => row.external_id.startsWith('sha256:')).map((row) => row.external_id)
    expect(hashed(reordered)).toEqual(hashed(once))
    const changed = await validateTable(table([{ ...rows[9], 问题描述: '同一内容。' }]), options)
    expect(changed.ok[0].external_id).not.toBe(hashed(once)[0])
  })

  it("outsideDistrict: 'keep' lets points outside through; without a district nothing is refused for its location", async () => {
    const keep = await validateTable(table(rows), { ...options, outsideDistrict: 'keep' })
    expect(keep.rowNumbers).toEqual([2, 4, 8, 11, 15, 16])
    const noDistrict = await validateTable(table(rows), { ...options, district: null })
    expect(noDistrict.rowNumbers).toEqual([2, 4, 8, 11, 15, 16])
    expect(noDistrict.crsCheck).toBeNull()
  })

  it('declaring WGS84 for GCJ-02 points spread over the district: "looks like GCJ-02"', async () => {
    const spread: Record<string, string>[] = []
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 40; j++) {
        spread.push(hotlineRow(`S-${i}-${j}`, 119.8505 + i * 0.0025, 32.4205 + j * 0.0025, '暴露垃圾', '12319', '', '2026-03-05 12:00'))
      }
    }
    const declaredWgs = await validateTable(table(spread), { ...options, crs: 'wgs84' })
    expect(declaredWgs.crsCheck?.likely).toBe('gcj02')
    expect(declaredWgs.crsCheck?.warning).toContain('看起来是 GCJ-02 坐标')
    expect(declaredWgs.notes.some((note) => note.code === 'crs')).toBe(true)
    const declaredGcj = await validateTable(table(spread), options)
    expect(declaredGcj.crsCheck?.likely).toBe('gcj02')
    expect(declaredGcj.crsCheck?.warning).toBeNull()
    expect(declaredGcj.errors.filter((error) => error.code === 'outside_district').length).toBeLessThan(declaredWgs.errors.length)
  })

  it('a long file is sampled across its whole length, with bounded memory', async () => {
    // 9,000 rows: the first half lies in the district, the second half 3 km west of it.
    // The sample must cover both halves, not just the start of the file.
    const long: Record<string, string>[] = []
    for (let index = 0; index < 9000; index++) {
      const lon = index < 4500 ? 119.86 + (index % 90) * 0.001 : 119.80 - (index % 90) * 0.0001
      long.push(hotlineRow(`L-${index}`, lon, 32.43 + Math.floor((index % 4500) / 90) * 0.001, '暴露垃圾', '', '', '2026-03-05 12:00'))
    }
    const result = await validateTable(table(long), { ...options, outsideDistrict: 'keep' })
    expect(result.crsCheck?.sampled).toBeGreaterThan(1000)
    expect(result.crsCheck?.sampled).toBeLessThanOrEqual(2000)
    expect(result.crsCheck?.shares.gcj02).toBeGreaterThan(0.45)
    expect(result.crsCheck?.shares.gcj02).toBeLessThan(0.55)
  })

  it('most points far away: says so even when no other system helps', async () => {
    const far = Array.from({ length: 10 }, (_unused, index) => hotlineRow(`F-${index}`, 121 + index * 0.01, 31.2, '暴露垃圾', '', '', '2026-03-05 12:00'))
    const result = await validateTable(table(far), options)
    expect(result.ok).toEqual([])
    expect(result.crsCheck?.warning).toContain('100% 的点落在本区范围外')
  })
})

describe('RowValidator across slices', () => {
  it('a file streamed in slices gives the same answer as the whole file, duplicates included', async () => {
    const rows = Array.from({ length: 30 }, (_unused, index) =>
      hotlineRow(`RX-${index % 25}`, 119.86 + index * 0.002, 32.43 + index * 0.002, '暴露垃圾', '12319', '', '2026-03-05 12:00'))
    const whole = await validateTable(table(rows), options)
    const validator = new RowValidator({ ...options, format: 'csv' })
    const first = await validator.validate({ rows: rows.slice(0, 20), rowNumbers: rows.slice(0, 20).map((_row, index) => index + 2) })
    const second = await validator.validate({ rows: rows.slice(20), rowNumbers: rows.slice(20).map((_row, index) => index + 22) })
    expect([...first.ok, ...second.ok]).toEqual(whole.ok)
    expect([...first.errors, ...second.errors]).toEqual(whole.errors)
    expect(second.errors.map((error) => error.reason)).toContain('工单编号“RX-0”与第 2 行重复')
    expect(validator.summary().rowsRead).toBe(30)
  })
})

describe('GeoJSON point features', () => {
  it('takes the location from the geometry and refuses other geometry types', async () => {
    const geojson: Table = {
      columns: ['id', 'category', 'description', 'reported_at'],
      format: 'geojson',
      rows: [
        { id: 'P-1', category: '暴露垃圾', description: '', reported_at: '2026-03-05T08:05:00+08:00' },
        { id: 'P-2', category: '暴露垃圾', description: '', reported_at: '2026-03-05T08:05:00+08:00' },
        { id: 'P-3', category: '暴露垃圾', description: '', reported_at: '2026-03-05T08:05:00+08:00' },
      ],
      geometries: [
        { type: 'Point', coordinates: [119.9, 32.47] },
        { type: 'LineString', coordinates: [[119.9, 32.47], [119.91, 32.47]] },
        null,
      ],
      rowNumbers: [1, 2, 3],
    }
    const result = await validateTable(geojson, { ...options, mapping: GEOJSON_POINTS_PRESET.mapping, crs: 'wgs84', defaultSource: 'patrol' })
    expect(result.ok).toEqual([{ external_id: 'P-1', lon: 119.9, lat: 32.47, category_code: '06010', source: 'patrol', description: '', reported_at: '2026-03-05T08:05:00+08:00' }])
    expect(result.errors.map((error) => [error.row, error.code, error.reason])).toEqual([
      [2, 'no_point_geometry', '要素几何是 LineString，只能导入点（Point）要素'],
      [3, 'no_point_geometry', '要素没有几何（geometry 为空或无效）'],
    ])
  })
})
