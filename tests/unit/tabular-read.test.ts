import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  decodeText,
  detectCoordinateColumns,
  encodeGbk,
  readCsv,
  readTable,
  rowNumberOf,
  TableError,
} from '../../src/domain/tabular/index.ts'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/import/${name}`, import.meta.url)))

async function tableError(promise: Promise<unknown>): Promise<TableError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(TableError)
    return error as TableError
  }
  throw new Error('expected a TableError')
}

describe('decodeText', () => {
  it('reads GBK bytes written by Excel (经度,纬度 = be ad b6 c8 2c ce b3 b6 c8)', () => {
    const bytes = Uint8Array.from([0xbe, 0xad, 0xb6, 0xc8, 0x2c, 0xce, 0xb3, 0xb6, 0xc8, 0x0d, 0x0a])
    expect(decodeText(bytes)).toMatchObject({ text: '经度,纬度\r\n', encoding: 'gb18030' })
  })

  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    const utf8 = new TextEncoder().encode('经度,纬度')
    expect(decodeText(utf8)).toMatchObject({ text: '经度,纬度', encoding: 'utf-8' })
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ text: '经度,纬度', encoding: 'utf-8' })
  })

  it('encodeGbk writes the bytes Python\'s gbk codec writes', () => {
    // python3 -c "print('工单编号'.encode('gbk').hex())"
    expect(Buffer.from(encodeGbk('工单编号,A')).toString('hex')).toBe('b9a4b5a5b1e0bac52c41')
  })
})

describe('readCsv', () => {
  it('decodes a GBK hotline export, keeps row order and the Excel row numbers', () => {
    const table = readCsv(fixture('hotline-gbk.csv'))
    expect(table.encoding).toBe('gb18030')
    expect(table.format).toBe('csv')
    expect(table.columns).toEqual(['工单编号', '经度', '纬度', '问题类别', '来源', '问题描述', '受理时间'])
    expect(table.rows.map((row) => row['工单编号'])).toEqual(['RX-001', 'RX-002', 'RX-003'])
    // Row 3 of the sheet is blank; the quoted line break keeps RX-002 on one spreadsheet row.
    expect(table.rowNumbers).toEqual([2, 4, 5])
    expect(table.rows[1]['问题描述']).toBe('道路不洁\r\n多处有油污')
    expect(table.rows[2]['问题描述']).toBe('摊贩占用人行道，"早市"时段')
    expect(table.rows[2]['经度']).toBe('abc')
    expect(rowNumberOf(table, 2)).toBe(5)
  })

  it('reads the same table from UTF-8 with a BOM', () => {
    const gbk = readCsv(fixture('hotline-gbk.csv'))
    const utf8 = readCsv(fixture('hotline-utf8-bom.csv'))
    expect(utf8.encoding).toBe('utf-8')
    expect(utf8.rows).toEqual(gbk.rows)
    expect(utf8.columns).toEqual(gbk.columns)
  })

  it('names blank and repeated headers instead of overwriting values', () => {
    const table = readCsv(new TextEncoder().encode('名称,,名称\nA,B,C\n'))
    expect(table.columns).toEqual(['名称', '列2', '名称 (2)'])
    expect(table.rows[0]).toEqual({ 名称: 'A', 列2: 'B', '名称 (2)': 'C' })
  })

  it('reads missing trailing cells as empty and semicolon-separated files', () => {
    const table = readCsv(new TextEncoder().encode('a;b;c\n1;2\n'))
    expect(table.rows).toEqual([{ a: '1', b: '2', c: '' }])
  })
})

describe('readTable errors', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)

  it('empty file, BOM only, whitespace only', async () => {
    expect((await tableError(readTable(new Uint8Array(), 'a.csv'))).code).toBe('empty_file')
    expect((await tableError(readTable(Uint8Array.from([0xef, 0xbb, 0xbf]), 'a.csv'))).code).toBe('empty_file')
    expect((await tableError(readTable(bytes(' \r\n\r\n'), 'a.csv'))).code).toBe('empty_file')
  })

  it('header without rows, numbers where the header should be', async () => {
    const noRows = await tableError(readTable(bytes('经度,纬度\r\n\r\n'), 'a.csv'))
    expect(noRows.code).toBe('no_rows')
    expect(noRows.message).toBe('文件只有表头，没有数据行')
    const noHeader = await tableError(readTable(bytes('119.9,32.4\n120.0,32.5\n'), 'a.csv'))
    expect(noHeader.code).toBe('no_header')
    expect(noHeader.message).toContain('第 1 行')
  })

  it('unparseable JSON, JSON of another shape, legacy .xls, a text file named .xlsx', async () => {
    const invalid = await tableError(readTable(bytes('{"type": "FeatureCollection", '), 'a.geojson'))
    expect(invalid.code).toBe('invalid_json')
    expect(invalid.message).toMatch(/^文件不是有效的 JSON/)
    expect((await tableError(readTable(bytes('{"hello": 1}'), 'a.json'))).code).toBe('unknown_json')
    expect((await tableError(readTable(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls'))).code).toBe('legacy_xls')
    expect((await tableError(readTable(bytes('a,b\n1,2'), 'a.xlsx'))).code).toBe('unreadable_xlsx')
    expect((await tableError(readTable(bytes('a,b\n1,2'), 'a.pdf'))).code).toBe('unsupported_format')
  })
})

describe('readTable GeoJSON and Open311', () => {
  it('GeoJSON: properties as columns in first-seen order, geometry per row', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 编号: 'G1', 类别: '暴露垃圾' }, geometry: { type: 'Point', coordinates: [119.9, 32.45] } },
        { type: 'Feature', properties: { 编号: 'G2', 数量: 3, 标签: { a: 1 } }, geometry: null },
      ],
    }
    const table = await readTable(new TextEncoder().encode(JSON.stringify(collection)), 'cases.json')
    expect(table.format).toBe('geojson')
    expect(table.columns).toEqual(['编号', '类别', '数量', '标签'])
    expect(table.rows).toEqual([
      { 编号: 'G1', 类别: '暴露垃圾', 数量: '', 标签: '' },
      { 编号: 'G2', 类别: '', 数量: '3', 标签: '{"a":1}' },
    ])
    expect(table.geometries).toEqual([{ type: 'Point', coordinates: [119.9, 32.45] }, null])
    expect(table.rowNumbers).toEqual([1, 2])
  })

  it('Open311 GeoReport v2: standard fields in specification order, numbers as text', async () => {
    const requests = [
      { long: 119.91, lat: 32.44, service_code: '06010', service_request_id: '638344', status: 'open', extra_field: 'x',
        requested_datetime: '2026-03-05T08:05:00+08:00', description: '垃圾', agency_responsible: '环卫所', address: '海陵路1号' },
      { service_request_id: '638345', service_code: '09006', status: 'closed', lat: 32.5, long: 119.95 },
    ]
    for (const payload of [requests, { service_requests: requests }]) {
      const table = await readTable(new TextEncoder().encode(JSON.stringify(payload)), 'requests.json')
      expect(table.format).toBe('open311')
      expect(table.columns).toEqual(['service_request_id', 'status', 'service_code', 'description', 'agency_responsible',
        'requested_datetime', 'address', 'lat', 'long', 'extra_field'])
      expect(table.rows[0].long).toBe('119.91')
      expect(table.rows[1].description).toBe('')
    }
  })

  it('sniffs content when the file name has no useful extension', async () => {
    const csv = await readTable(encodeGbk('经度,纬度\r\n119.9,32.4\r\n'), 'export')
    expect(csv).toMatchObject({ format: 'csv', encoding: 'gb18030', columns: ['经度', '纬度'] })
    const open311 = await readTable(new TextEncoder().encode('[{"service_request_id":"1","lat":32,"long":119}]'), 'download.dat')
    expect(open311.format).toBe('open311')
  })
})

describe('detectCoordinateColumns', () => {
  it.each([
    [['工单编号', '经度', '纬度'], { lon: '经度', lat: '纬度' }],
    [['ID', 'Longitude', 'LATITUDE'], { lon: 'Longitude', lat: 'LATITUDE' }],
    [['id', 'lng', 'lat'], { lon: 'lng', lat: 'lat' }],
    [['long', 'lat', 'service_code'], { lon: 'long', lat: 'lat' }],
    [['X', 'Y'], { lon: 'X', lat: 'Y' }],
    [['事发经度(GCJ02)', '事发纬度(GCJ02)'], { lon: '事发经度(GCJ02)', lat: '事发纬度(GCJ02)' }],
    [['pointLng', 'pointLat'], { lon: 'pointLng', lat: 'pointLat' }],
    // The exact name wins over a longer name that contains it.
    [['经度(百度)', '经度', '纬度(百度)', '纬度'], { lon: '经度', lat: '纬度' }],
    [['platform', 'along_road', '描述'], {}],
  ])('%j → %j', (columns, expected) => {
    expect(detectCoordinateColumns(columns)).toEqual(expected)
  })
})
