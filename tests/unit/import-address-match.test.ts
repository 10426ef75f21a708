/**
 * Placing rows by address against the district's own names (address-match.ts).
 */
import { describe, expect, it } from 'vitest'
import { buildAddressGazetteer, parseSegmentNumber, type GazetteerEntry } from '../../src/domain/import/address-match.ts'
import {
  checkMapping,
  FROM_ADDRESS,
  HOTLINE_12319_PRESET,
  suggestMapping,
  validateTable,
  type ValidationOptions,
} from '../../src/domain/import/index.ts'
import type { Table } from '../../src/domain/tabular/index.ts'
import { categories } from './fixtures/import/directory.ts'

const entry = (kind: GazetteerEntry['kind'], id: number, name: string, lon: number, extra: Partial<GazetteerEntry> = {}): GazetteerEntry => ({
  kind,
  id,
  name,
  lon,
  lat: 32.45,
  community_code: '329001001001',
  ...extra,
})

const ENTRIES: GazetteerEntry[] = [
  entry('back_street', 1, '瑞丰东巷', 119.9),
  entry('segment', 11, '瑞丰东巷', 119.901, { seq: 1 }),
  entry('segment', 12, '瑞丰东巷', 119.902, { seq: 2 }),
  entry('segment', 13, '瑞丰东巷', 119.903, { seq: 3 }),
  entry('segment', 112, '瑞丰东巷', 119.912, { seq: 12 }),
  entry('back_street', 2, '瑞丰巷', 119.95),
  entry('market', 3, '育才农贸市场', 119.96),
  entry('facility', 4, '迎春垃圾压缩站', 119.97),
  entry('road', 5, '春晖路', 119.98),
  entry('grid', 10, '丁香社区第30网格', 119.85),
  entry('grid', 14, '丁香社区第3网格', 119.86),
  entry('community', 6, '丁香社区', 119.99, { community_code: '329001001001' }),
  entry('community', 7, '石桥社区', 119.99, { community_code: '329001001002' }),
  // two back streets of one name, in different communities
  entry('back_street', 8, '南门巷', 119.81, { community_code: '329001001001' }),
  entry('back_street', 9, '南门巷', 119.82, { community_code: '329001001002' }),
]

describe('matching addresses against the district gazetteer', () => {
  const gazetteer = buildAddressGazetteer(ENTRIES)

  it('places a back street with its segment at the segment, in every way the number is written', () => {
    for (const address of ['瑞丰东巷第3段', '瑞丰东巷 第３段', '市民反映瑞丰东巷三段路面不洁', '瑞丰东巷第三段']) {
      const match = gazetteer.match(address)
      expect(match, address).toMatchObject({ placed: true, confidence: 'high', lon: 119.903, matched: '瑞丰东巷第3段' })
    }
    expect(gazetteer.match('瑞丰东巷第十二段')).toMatchObject({ placed: true, lon: 119.912 })
  })

  it('prefers the longer name, and places a back street without a segment at its middle, with less confidence', () => {
    expect(gazetteer.match('瑞丰东巷口')).toMatchObject({ placed: true, confidence: 'medium', lon: 119.9 })
    expect(gazetteer.match('瑞丰巷12号')).toMatchObject({ placed: true, confidence: 'medium', lon: 119.95 })
  })

  it('places a grid named in the address at the point inside it, not at a grid whose name it contains', () => {
    expect(gazetteer.match('丁香社区第30网格内')).toMatchObject({ placed: true, confidence: 'high', lon: 119.85 })
    expect(gazetteer.match('丁香社区第3网格')).toMatchObject({ placed: true, lon: 119.86 })
  })

  it('places at markets and facilities', () => {
    expect(gazetteer.match('育才农贸市场门口占道经营')).toMatchObject({ placed: true, confidence: 'high', lon: 119.96 })
    expect(gazetteer.match('迎春垃圾压缩站满溢')).toMatchObject({ placed: true, confidence: 'high', lon: 119.97 })
  })

  it('does not place what names only a road or a community, and says why', () => {
    const road = gazetteer.match('春晖路与海陵路交叉口')
    expect(road).toMatchObject({ placed: false, reason: 'too_coarse' })
    expect(road.placed === false && road.candidates.map((candidate) => candidate.name)).toEqual(['春晖路'])
    expect(gazetteer.match('丁香社区内')).toMatchObject({ placed: false, reason: 'too_coarse' })
    expect(gazetteer.match('火星基地')).toMatchObject({ placed: false, reason: 'unknown' })
    expect(gazetteer.match('  ')).toMatchObject({ placed: false, reason: 'empty' })
    expect(gazetteer.match('瑞丰东巷第9段')).toMatchObject({ placed: false, reason: 'no_such_segment' })
  })

  it('settles a shared name by the community named beside it, and otherwise refuses to guess', () => {
    expect(gazetteer.match('石桥社区南门巷')).toMatchObject({ placed: true, lon: 119.82 })
    expect(gazetteer.match('丁香社区南门巷')).toMatchObject({ placed: true, lon: 119.81 })
    expect(gazetteer.match('南门巷')).toMatchObject({ placed: false, reason: 'ambiguous' })
  })

  it('reads segment numbers written in figures or Chinese numerals', () => {
    expect(['3', '12', '三', '十', '十二', '二十', '二十一', '两'].map(parseSegmentNumber)).toEqual([3, 12, 3, 10, 12, 20, 21, 2])
    expect(['', '三十二十', 'x', '1234'].map(parseSegmentNumber)).toEqual([null, null, null, null])
  })
})

describe('validating rows without coordinates by their address', () => {
  const HEADER = ['工单编号', '经度', '纬度', '问题类别', '来源', '问题描述', '受理时间', '事发地址']
  const row = (id: string, lon: string, lat: string, address: string) =>
    Object.fromEntries(HEADER.map((column, index) => [column, [id, lon, lat, '06012', '12319', '道路不洁', '2026-03-05 09:00', address][index]]))
  const table = (rows: Record<string, string>[]): Table => ({ columns: HEADER, rows, format: 'csv', rowNumbers: rows.map((_row, index) => index + 2) })
  const options: ValidationOptions = {
    mapping: HOTLINE_12319_PRESET.mapping,
    crs: 'gcj02',
    defaultSource: 'hotline_12319',
    categories,
    now: new Date('2026-06-01T00:00:00+08:00'),
  }

  it('places a row by its address (WGS84, no conversion), says so, and refuses what it cannot place with the reason', async () => {
    const rows = [
      row('A-1', '', '', '瑞丰东巷第3段'),
      row('A-2', '', '', '春晖路'),
      row('A-3', '', '32.45', '瑞丰东巷第3段'), // only one coordinate blank: a missing 经度, as before
    ]
    const result = await validateTable(table(rows), { ...options, addresses: buildAddressGazetteer(ENTRIES) })
    expect(result.ok.map((ok) => [ok.external_id, ok.lon, ok.lat])).toEqual([['A-1', 119.903, 32.45]])
    expect(result.warnings.map((warning) => [warning.row, warning.code])).toEqual([[2, 'placed_by_address']])
    expect(result.warnings[0].message).toContain('瑞丰东巷第3段')
    expect(result.errors.map((error) => [error.row, error.code])).toEqual([
      [3, 'address_not_placed'],
      [4, 'missing'],
    ])
    expect(result.errors[0].reason).toContain('无法确定网格')
    expect(result.errors[0].reason).toContain('春晖路')
  })

  it('refuses blank coordinates as before when no gazetteer is given', async () => {
    const result = await validateTable(table([row('A-1', '', '', '瑞丰东巷第3段')]), options)
    expect(result.ok).toEqual([])
    expect(result.errors.map((error) => error.code)).toEqual(['missing', 'missing'])
  })

  it('places rows of a file with no coordinate columns by address, and a row chosen on the map where it was clicked', async () => {
    const columns = ['工单编号', '问题类别', '来源', '问题描述', '受理时间', '事发地址']
    const cells = (id: string, address: string) => [id, '06012', '12319', '道路不洁', '2026-03-05 09:00', address]
    const records = [cells('B-1', '瑞丰东巷第3段'), cells('B-2', '春晖路'), cells('B-3', ''), cells('B-4', '春晖路')].map((values) =>
      Object.fromEntries(columns.map((column, index) => [column, values[index]])),
    )
    const file: Table = { columns, rows: records, format: 'csv', rowNumbers: [2, 3, 4, 5] }
    const mapping = { ...HOTLINE_12319_PRESET.mapping, lon: FROM_ADDRESS, lat: FROM_ADDRESS }
    // Still the 12319 export, only without coordinate columns.
    const suggested = suggestMapping(columns)
    expect(suggested.preset?.id).toBe(HOTLINE_12319_PRESET.id)
    expect(suggested.mapping).toMatchObject({ lon: FROM_ADDRESS, lat: FROM_ADDRESS, address: '事发地址', category: '问题类别' })
    expect(checkMapping(mapping, columns, false)).toEqual([])
    const district = { type: 'Polygon' as const, coordinates: [[[119.7, 32.3], [120.1, 32.3], [120.1, 32.6], [119.7, 32.6], [119.7, 32.3]]] }
    const addresses = buildAddressGazetteer(ENTRIES)

    const first = await validateTable(file, { ...options, mapping, district, addresses })
    expect(first.ok.map((ok) => [ok.external_id, ok.lon, ok.lat])).toEqual([['B-1', 119.903, 32.45]])
    expect(first.errors.map((error) => [error.row, error.code, error.target])).toEqual([
      [3, 'address_not_placed', 'lon'],
      [4, 'address_not_placed', 'lon'],
      [5, 'address_not_placed', 'lon'],
    ])
    expect(first.errors[1].reason).toContain('经纬度和地址都为空')

    // Rows 3 and 4 placed on the map (WGS84, not converted from the declared GCJ-02); 5 outside the district.
    const manualPoints = new Map<number, readonly [number, number]>([
      [3, [119.912345678, 32.451234567]],
      [4, [119.8, 32.4]],
      [5, [121.5, 31.2]],
    ])
    const second = await validateTable(file, { ...options, mapping, district, addresses, manualPoints })
    expect(second.ok.map((ok) => [ok.external_id, ok.lon, ok.lat])).toEqual([
      ['B-1', 119.903, 32.45],
      ['B-2', 119.9123457, 32.4512346],
      ['B-3', 119.8, 32.4],
    ])
    expect(second.warnings.filter((warning) => warning.code === 'placed_on_map').map((warning) => warning.row)).toEqual([3, 4])
    expect(second.errors.map((error) => [error.row, error.code])).toEqual([[5, 'outside_district']])
    expect(second.errors[0].reason).toContain('地图上选定的位置')
    expect(second.rowsRead).toBe(4)
  })

  it('refuses a mapping with coordinates from the address but no address column, or on one axis only', () => {
    const columns = ['问题类别', '经度']
    expect(checkMapping({ lon: FROM_ADDRESS, lat: FROM_ADDRESS, category: '问题类别' }, columns, false).map((problem) => problem.field)).toEqual(['lon'])
    expect(checkMapping({ lon: '经度', lat: FROM_ADDRESS, category: '问题类别', address: '问题类别' }, columns, false).map((problem) => problem.field)).toEqual(['lat'])
  })
})
