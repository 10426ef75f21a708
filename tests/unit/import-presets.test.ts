import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import {
  batches,
  BUILT_IN_PRESETS,
  checkMapping,
  errorReportCsv,
  FROM_GEOMETRY,
  HOTLINE_12319_PRESET,
  mappingForPreset,
  mergeIntakeResults,
  OPEN311_PRESET,
  parsePresets,
  serializePresets,
  suggestMapping,
  type ImportPreset,
  type IntakeRow,
} from '../../src/domain/import/index.ts'
import { OPEN311_FIELDS } from '../../src/domain/tabular/index.ts'

describe('presets', () => {
  it('the four built-in presets are valid data', () => {
    expect(BUILT_IN_PRESETS.map((preset) => preset.name)).toEqual(['12319 热线导出', 'Open311 GeoReport v2', 'GeoJSON 点要素', '巡查上报 (通用)'])
    const roundTrip = parsePresets(JSON.stringify({ version: 1, presets: BUILT_IN_PRESETS }))
    expect(roundTrip.errors).toEqual([])
    expect(roundTrip.presets.map((preset) => ({ ...preset, builtIn: true }))).toEqual(BUILT_IN_PRESETS)
  })

  it('user presets round-trip; built-ins are not stored; bad entries are reported and skipped', () => {
    const mine: ImportPreset = { ...HOTLINE_12319_PRESET, id: 'mine', name: '我的热线', crs: 'bd09', builtIn: false, categoryAliases: { 楼道堆物: '06036' } }
    const json = serializePresets([...BUILT_IN_PRESETS, mine])
    expect(JSON.parse(json).presets).toHaveLength(1)
    expect(parsePresets(json)).toEqual({ presets: [mine], errors: [] })

    const broken = JSON.stringify({ version: 1, presets: [mine, { ...mine, name: '坏的', crs: 'mercator' }, { ...mine, name: '坏别名', categoryAliases: { a: '6010' } }] })
    const parsed = parsePresets(broken)
    expect(parsed.presets).toEqual([mine])
    expect(parsed.errors).toHaveLength(2)
    expect(parsed.errors[0]).toMatch(/^导入预设“坏的”无效（crs：/)
    expect(parsed.errors[1]).toContain('应为 5 位事项代码')
    expect(parsePresets('{oops')).toEqual({ presets: [], errors: ['保存的导入预设不是有效的 JSON，已忽略'] })
    expect(parsePresets(null)).toEqual({ presets: [], errors: [] })
  })
})

describe('suggestMapping', () => {
  it('recognises a 12319 export', () => {
    const suggestion = suggestMapping(['工单编号', '经度', '纬度', '问题类别', '来源', '问题描述', '受理时间', '事发地址', '结案时间'])
    expect(suggestion.preset?.id).toBe('hotline-12319')
    expect(suggestion.mapping).toEqual(HOTLINE_12319_PRESET.mapping)
    expect(suggestion.missing).toEqual([])
  })

  it('recognises Open311 columns as read from requests.json', () => {
    const suggestion = suggestMapping([...OPEN311_FIELDS])
    expect(suggestion.preset?.id).toBe(OPEN311_PRESET.id)
    expect(suggestion.mapping).toEqual(OPEN311_PRESET.mapping)
  })

  it('GeoJSON without coordinate columns takes the geometry', () => {
    const suggestion = suggestMapping(['编号', '事项小类', '上报时间'], { hasGeometries: true })
    expect(suggestion.mapping).toEqual({ lon: FROM_GEOMETRY, lat: FROM_GEOMETRY, externalId: '编号', category: '事项小类', reportedAt: '上报时间' })
  })

  it('guesses from synonyms, never by substring, and says what is missing', () => {
    const suggestion = suggestMapping(['案件编号', 'LNG', 'LAT', '诉求内容', '结案时间', '渠道'])
    expect(suggestion.preset).toBeNull()
    expect(suggestion.mapping).toEqual({ externalId: '案件编号', lon: 'LNG', lat: 'LAT', description: '诉求内容', source: '渠道' })
    expect(suggestion.missing).toEqual(['category'])
  })

  it('a preset column the file names differently is filled by synonyms', () => {
    const columns = ['工单编号', '经度', '纬度', '事项小类', '问题描述', '受理时间']
    expect(mappingForPreset(HOTLINE_12319_PRESET, columns)).toEqual({
      externalId: '工单编号', lon: '经度', lat: '纬度', category: '事项小类', description: '问题描述', reportedAt: '受理时间',
    })
    expect(checkMapping(HOTLINE_12319_PRESET.mapping, columns, false).map((problem) => problem.field)).toEqual(['category', 'source', 'address'])
    expect(checkMapping({ lon: FROM_GEOMETRY, lat: FROM_GEOMETRY, category: '事项小类' }, columns, false)[0].reason).toContain('没有要素几何')
  })
})

describe('errorReportCsv', () => {
  it('UTF-8 BOM, 行号,字段,值,原因, CRLF, quoting as Excel expects, formulas neutralised', () => {
    const csv = errorReportCsv([
      { row: 3, field: '纬度', value: '三十二度', reason: '纬度“三十二度”不是数字', code: 'not_a_number', target: 'lat' },
      { row: 7, field: '问题描述', value: '含,逗号和"引号"', reason: '原因', code: 'too_long', target: 'description' },
      { row: 9, field: '工单编号', value: '=HYPERLINK("x")', reason: '原因', code: 'missing', target: 'external_id' },
      { row: 10, field: '经度', value: '-0.5', reason: '原因', code: 'outside_china', target: 'lon' },
    ])
    expect(csv.startsWith('\uFEFF行号,字段,值,原因\r\n')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { header: false }).data
    expect(parsed).toEqual([
      ['行号', '字段', '值', '原因'],
      ['3', '纬度', '三十二度', '纬度“三十二度”不是数字'],
      ['7', '问题描述', '含,逗号和"引号"', '原因'],
      ['9', '工单编号', '\'=HYPERLINK("x")', '原因'],
      ['10', '经度', '-0.5', '原因'],
    ])
  })
})

describe('batches and mergeIntakeResults', () => {
  const row = (id: string): IntakeRow => ({ external_id: id, lon: 119.9, lat: 32.47, category_code: '06010', source: 'hotline_12319', description: '', reported_at: '2026-03-05T08:05:00+08:00' })
  const ok = ['A', 'B', 'C', 'D', 'E'].map(row)
  const rowNumbers = [2, 3, 5, 8, 9]

  it('batches keep order and start offsets', () => {
    expect(batches(ok, 2).map((batch) => [batch.start, batch.rows.map((intake) => intake.external_id).join('')])).toEqual([[0, 'AB'], [2, 'CD'], [4, 'E']])
    expect(() => batches(ok, 0)).toThrow(RangeError)
  })

  it('database answers go back to the file rows and the user\'s column names', () => {
    const summary = mergeIntakeResults(
      [
        { start: 0, results: [
          { index: 0, ok: true, duplicate: false, id: 101, grid_code: '329001001001001', department_id: 2, deadline_at: '2026-03-05T17:30:00+08:00' },
          { index: 1, ok: false, code: 'UG011', field: 'category_code', message: 'category_code: 未知的事项类别代码 "06010"' },
        ] },
        { start: 2, results: [
          { index: 0, ok: true, duplicate: true, id: 55 },
          { index: 1, ok: true, duplicate: false, id: 102, grid_code: null },
        ] },
        { start: 4, count: 1, error: { message: '无法连接数据库服务' } },
      ],
      { ok, rowNumbers },
      HOTLINE_12319_PRESET.mapping,
    )
    expect(summary.inserted).toBe(2)
    expect(summary.duplicates).toBe(1)
    expect(summary.withoutGrid).toBe(1)
    expect(summary.placed.map((placed) => [placed.row, placed.id, placed.gridCode, placed.duplicate])).toEqual([
      [2, 101, '329001001001001', false], [5, 55, null, true], [8, 102, null, false],
    ])
    expect(summary.refused).toEqual([
      { row: 3, field: '问题类别', value: '06010', reason: '数据库拒绝：category_code: 未知的事项类别代码 "06010"', code: 'database', target: 'category_code' },
      { row: 9, field: '整行', value: 'E', reason: '本批未写入数据库：无法连接数据库服务', code: 'database', target: 'row' },
    ])
  })
})
