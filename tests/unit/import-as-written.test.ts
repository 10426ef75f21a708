/**
 * From file to intake rows: text is stored as written (folding is for matching only), a NUL
 * never reaches a batch, the reader's refusals are counted so rows read = valid + refused, and
 * coordinates are numbers only in decimal notation.
 */
import { describe, expect, it } from 'vitest'
import { assignTable } from '../../src/domain/assign/assign-table.ts'
import { HOTLINE_12319_PRESET, parseCoordinate, validateTable, type ValidationOptions } from '../../src/domain/import/index.ts'
import { parseStrictNumber, readCsv, readTable } from '../../src/domain/tabular/index.ts'
import { categories } from './fixtures/import/directory.ts'
import { utf8 } from './fixtures/tabular/encodings.ts'

const options: ValidationOptions = {
  mapping: HOTLINE_12319_PRESET.mapping,
  crs: 'wgs84',
  defaultSource: 'hotline_12319',
  categories,
  now: new Date('2026-06-01T00:00:00+08:00'),
}

const HEADER = '工单编号,经度,纬度,问题类别,来源,问题描述,受理时间,事发地址'
const line = (id: string, description: string, address = '海陵路1号') => `${id},119.9,32.47,暴露垃圾,12319热线,${description},2026-03-05 08:05,${address}`

describe('text is stored as written', () => {
  it('full-width punctuation, spacing and line breaks of a description are kept', async () => {
    const description = '热线转办：市民来电反映，小区门口垃圾堆放（约 3 袋）。\r\n  第二行：已联系物业，ＡＢＣ１２３'
    const table = readCsv(utf8(`${HEADER}\r\n${line('RX-1', `"${description}"`)}\r\n`))
    const result = await validateTable(table, options)
    expect(result.ok[0].description).toBe(`${description}（地址：海陵路1号）`)
  })

  it('an id keeps its full-width form; a duplicate is still found folded', async () => {
    const table = readCsv(utf8(`${HEADER}\n${line(' ＲＸ－１ ', 'a')}\n${line('RX-1', 'b')}\n`))
    const result = await validateTable(table, options)
    expect(result.ok.map((row) => row.external_id)).toEqual(['ＲＸ－１'])
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, code: 'duplicate_id' })])
  })
})

describe('a NUL in one description of 1,500 rows', () => {
  it('is removed with a warning for that row; every row is valid and no batch can carry it', async () => {
    const lines = Array.from({ length: 1500 }, (_unused, index) => line(`RX-${index}`, index === 700 ? '门口\u0000垃圾' : `门口垃圾${index}`))
    const table = readCsv(utf8([HEADER, ...lines].join('\r\n')))
    const result = await validateTable(table, options)
    expect(result.ok).toHaveLength(1500)
    expect(result.rowsRead).toBe(1500)
    expect(result.rowsRefused).toBe(0)
    expect(result.warnings).toEqual([expect.objectContaining({ row: 702, field: '问题描述', code: 'control_characters' })])
    expect(result.ok[700].description).toBe('门口垃圾（地址：海陵路1号）')
    expect(JSON.stringify(result.ok)).not.toContain('\\u0000')
  })

  it('in a table built without a reader, the last gate refuses the row instead', async () => {
    const table = readCsv(utf8(`${HEADER}\n${line('RX-1', 'ok')}\n`))
    table.rows[0]['问题描述'] = 'a\u0000b'
    const result = await validateTable(table, options)
    expect(result.ok).toEqual([])
    expect(result.errors[0].reason).toContain('NUL')
  })
})

describe('rows read = valid + refused', () => {
  it('counts the reader\'s refusals (an unclosed quote, undecodable bytes) and passes its warnings and notices on', async () => {
    const lines = Array.from({ length: 20 }, (_unused, index) => line(`RX-${index}`, `门口垃圾${index}`))
    lines[4] = line('RX-4', '"门口垃圾')
    lines[9] = line('RX-9', '门口垃圾', '海陵路,3单元')
    lines[12] = line('RX-12', '门口垃圾', '三十二度').replace('119.9', '一百一十九')
    const table = await readTable(utf8([HEADER, ...lines].join('\n')), 'export.csv')
    const result = await validateTable(table, options)
    expect(result.rowsRead).toBe(20)
    expect(result.ok.length + result.rowsRefused).toBe(20)
    expect(result.rowsRefused).toBe(2)
    expect(result.errors.map((error) => [error.row, error.code])).toEqual([[6, 'unclosed_quote'], [14, 'not_a_number']])
    expect(result.errors[0]).toMatchObject({ field: '问题描述', target: 'row' })
    expect(result.warnings).toEqual([expect.objectContaining({ row: 11, code: 'extra_cells' })])
  })

  it('a GeoJSON point with null coordinates is one refused row, not a crash', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'P-1', category: '暴露垃圾', reported_at: '2026-03-05T08:05:00+08:00' }, geometry: { type: 'Point', coordinates: [119.9, 32.47] } },
        { type: 'Feature', properties: { id: 'P-2', category: '暴露垃圾', reported_at: '2026-03-05T08:05:00+08:00' }, geometry: { type: 'Point', coordinates: null } },
      ],
    }
    const table = await readTable(utf8(JSON.stringify(collection)), 'points.geojson')
    const result = await validateTable(table, { ...options, mapping: { externalId: 'id', lon: '@geometry', lat: '@geometry', category: 'category', reportedAt: 'reported_at' } })
    expect(result.ok.map((row) => row.external_id)).toEqual(['P-1'])
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, code: 'no_point_geometry' })])
    expect(result.warnings).toEqual([expect.objectContaining({ row: 2, code: 'bad_geometry' })])
    const assigned = assignTable(table, [])
    expect(assigned.summary.invalidRows).toEqual([{ row: 2, field: 'geometry', reason: '几何无效（Point 的 coordinates 应为 [经度, 纬度]，收到 null），按没有几何处理' }])
  })
})

describe('numbers in decimal notation only', () => {
  it.each(['0x75', '0b1', '0o7', 'Infinity', '', '1_000', '１１９.９'])('parseStrictNumber(%j) is not a number', (text) => {
    expect(parseStrictNumber(text)).toBeNull()
  })

  it.each([['119.9', 119.9], [' -32.5 ', -32.5], ['.5', 0.5], ['1.199e2', 119.9]])('parseStrictNumber(%j) = %d', (text, value) => {
    expect(parseStrictNumber(text)).toBe(value)
  })

  it('0x75 is not a longitude for the import or for assign', async () => {
    expect(parseCoordinate('0x75')).toEqual({ ok: false, missing: false })
    const table = readCsv(utf8('id,lon,lat\n1,0x75,32.4\n2,119.9,32.4\n'))
    const assigned = assignTable(table, [])
    expect(assigned.summary.invalidRows).toEqual([{ row: 2, field: 'lon', reason: '经度不是数字：“0x75”' }])
    expect(assigned.points[1]).toEqual([119.9, 32.4])
  })

  it('assign names the rows the reader refused', () => {
    const table = readCsv(utf8('id,lon,lat,note\n1,119.9,32.4,"open\n2,119.9,32.4,ok\n'))
    const assigned = assignTable(table, [])
    expect(assigned.summary.points).toBe(2)
    expect(assigned.summary.invalidRows).toEqual([expect.objectContaining({ row: 2, field: 'note' })])
    expect(assigned.summary.outside).toBe(1)
  })
})
