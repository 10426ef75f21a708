/**
 * The same accounting in the GeoJSON, Open311 and XLSX readers: an item that is not a record is
 * refused by number, a malformed geometry is one row's warning (not a TypeError later), sheets
 * not read are told, and control characters are removed with a warning.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { geometryProblem, readTable, rowsReadOf } from '../../src/domain/tabular/index.ts'
import { utf8 } from './fixtures/tabular/encodings.ts'

const json = (value: unknown) => utf8(JSON.stringify(value))

describe('GeoJSON', () => {
  const point = (coordinates: unknown) => ({ type: 'Feature', properties: { id: 'G' }, geometry: { type: 'Point', coordinates } })

  it('a point with null, missing or short coordinates is read without geometry, with a warning', async () => {
    const table = await readTable(json({
      type: 'FeatureCollection',
      features: [
        point([119.9, 32.45]),
        point(null),
        { type: 'Feature', properties: { id: 'G3' }, geometry: { type: 'Point' } },
        point([119.9]),
        { type: 'Feature', properties: { id: 'G5' }, geometry: { type: 'Polygon', coordinates: [119.9, 32.4, 119.95, 32.4] } },
        { type: 'Feature', properties: { id: 'G6\u0000' }, geometry: null },
      ],
    }), 'cases.geojson')
    expect(table.rows).toHaveLength(6)
    expect(table.geometries).toEqual([{ type: 'Point', coordinates: [119.9, 32.45] }, null, null, null, null, null])
    expect(table.issues?.map((issue) => [issue.code, issue.row, issue.refused])).toEqual([
      ['bad_geometry', 2, false],
      ['bad_geometry', 3, false],
      ['bad_geometry', 4, false],
      ['bad_geometry', 5, false],
      ['control_characters', 6, false],
    ])
    expect(table.issues?.[0].message).toBe('几何无效（Point 的 coordinates 应为 [经度, 纬度]，收到 null），按没有几何处理')
    expect(table.issues?.[3].message).toContain('Polygon 的 coordinates 应为 2 层嵌套的 [经度, 纬度] 数组')
    expect(table.rows[5].id).toBe('G6')
  })

  it('a feature that is not an object is refused by its number; the others are kept', async () => {
    const table = await readTable(json({ type: 'FeatureCollection', features: [point([119.9, 32.45]), 42, null, point([119.91, 32.46])] }), 'a.geojson')
    expect(table.rowNumbers).toEqual([1, 4])
    expect(table.issues?.filter((issue) => issue.refused).map((issue) => issue.row)).toEqual([2, 3])
    expect(rowsReadOf(table.rows.length, table.issues ?? [])).toBe(4)
  })

  it('geometryProblem accepts well-formed geometries of every type', () => {
    expect(geometryProblem({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] })).toBeNull()
    expect(geometryProblem({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2, 3] }] })).toBeNull()
    expect(geometryProblem({ type: 'Point', coordinates: [1, Number.NaN] })).not.toBeNull()
    expect(geometryProblem({ type: 'Circle', coordinates: [1, 2] })).toBe('未知的几何类型“Circle”')
  })
})

describe('Open311', () => {
  it('an item that is not an object is refused by its number', async () => {
    const table = await readTable(json([{ service_request_id: '1', lat: 32.4, long: 119.9 }, 'oops', { service_request_id: '3', description: 'a\u0007b' }]), 'requests.json')
    expect(table.rowNumbers).toEqual([1, 3])
    expect(table.rows[1].description).toBe('ab')
    expect(table.issues?.map((issue) => [issue.code, issue.row, issue.refused])).toEqual([
      ['not_a_record', 2, true],
      ['control_characters', 3, false],
    ])
    expect(table.issues?.[0].message).toBe('不是 JSON 对象，无法读取：本请求未导入')
  })
})

describe('XLSX', () => {
  it('tells which sheets were not read, and reports cells beyond the header', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('工单')
    sheet.addRow(['工单编号', '问题描述'])
    sheet.addRow(['RX-1', '门口垃圾', '多出来的', '另一格'])
    sheet.addRow(['RX-2', '道路不洁'])
    const second = workbook.addWorksheet('二月')
    second.addRow(['工单编号', '问题描述'])
    second.addRow(['RX-3', '占道经营'])
    workbook.addWorksheet('空表')
    const table = await readTable(new Uint8Array(await workbook.xlsx.writeBuffer()), 'a.xlsx')
    expect(table.rows).toEqual([{ 工单编号: 'RX-1', 问题描述: '门口垃圾' }, { 工单编号: 'RX-2', 问题描述: '道路不洁' }])
    expect(table.issues).toEqual([expect.objectContaining({ code: 'extra_cells', row: 2, value: '多出来的 | 另一格' })])
    expect(table.notices).toEqual([{
      code: 'other_sheets', count: 2,
      message: '只读取了第一个工作表“工单”；工作簿中还有“二月”（2 行）未读取，如需导入请另存为单独的文件',
    }])
  })
})
