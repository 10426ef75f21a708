/**
 * The dispatcher's import, end to end, on the embedded demo snapshot: the demo 12319 export
 * (GBK CSV, GCJ-02, ~1.5 % bad rows) → readTable → the "12319 热线导出" preset → validation →
 * public.intake_incidents in batches, as the demo dispatcher. The database is the oracle: every
 * good row must be inserted with a grid, at the WGS84 location the file's GCJ-02 stands for,
 * and importing the file again must insert nothing.
 */
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asCaller } from '../../src/data/embedded/embedded-calls.ts'
import {
  batches,
  createCategoryResolver,
  HOTLINE_12319_PRESET,
  mergeIntakeResults,
  suggestMapping,
  validateTable,
  type BatchOutcome,
  type DirectoryEntry,
  type IntakeOutcome,
  type ValidationResult,
} from '../../src/domain/import/index.ts'
import { readTable, type Table } from '../../src/domain/tabular/index.ts'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import { generateHotlineFile, hotlineCsvBytes, hotlineXlsxBytes, type HotlineFile } from '../../scripts/demo/hotline-file.ts'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { openDemoSnapshot } from './snapshot.ts'

const dispatcher = DEMO_USERS.find((user) => user.role === 'dispatcher')!
const claims = { sub: dispatcher.id, role: 'authenticated' as const }

let db: PGlite
let file: HotlineFile
let demoDistrict: ReturnType<typeof generateDemoDistrict>

beforeAll(async () => {
  db = await openDemoSnapshot()
  demoDistrict = generateDemoDistrict()
  file = generateHotlineFile({ rows: 2000, district: demoDistrict })
})

afterAll(async () => {
  await db?.close()
})

async function asDispatcher<T>(sql: string, params: unknown[] = []): Promise<T> {
  return asCaller(db, claims, async (tx) => (await tx.query<{ result: T }>(sql, params)).rows[0].result)
}

async function validate(table: Table): Promise<ValidationResult> {
  const directory = await asDispatcher<DirectoryEntry[]>('select public.category_directory() as result')
  const districtLayer = await asDispatcher<GeoJSON.FeatureCollection>(`select public.layer_grids('district') as result`)
  const suggestion = suggestMapping(table.columns)
  expect(suggestion.preset?.id).toBe(HOTLINE_12319_PRESET.id)
  return validateTable(table, {
    mapping: HOTLINE_12319_PRESET.mapping,
    crs: HOTLINE_12319_PRESET.crs,
    defaultSource: HOTLINE_12319_PRESET.defaultSource,
    categories: createCategoryResolver(directory),
    district: districtLayer.features[0].geometry as GeoJSON.Polygon,
    now: new Date('2026-11-22T00:00:00+08:00'),
  })
}

async function commit(result: ValidationResult) {
  const outcomes: BatchOutcome[] = []
  for (const batch of batches(result.ok, 500)) {
    const results = await asDispatcher<IntakeOutcome[]>('select public.intake_incidents($1::json) as result', [JSON.stringify(batch.rows)])
    outcomes.push({ start: batch.start, results })
  }
  return mergeIntakeResults(outcomes, result, HOTLINE_12319_PRESET.mapping)
}

describe('demo hotline file → intake_incidents', () => {
  it('is GBK, CRLF, has the preset columns and about 1.5 % bad rows of every kind', async () => {
    const bytes = hotlineCsvBytes(file)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const text = new TextDecoder('gbk').decode(bytes)
    expect(text.split('\r\n')[0]).toBe('工单编号,受理时间,来源,问题类别,问题描述,事发地址,经度,纬度')
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false)
    expect(file.bad.length).toBe(30)
    expect(new Set(file.bad.map((bad) => bad.kind)).size).toBe(7)
    // Deterministic: the same seed gives the same bytes.
    expect(Buffer.from(hotlineCsvBytes(generateHotlineFile({ rows: 2000, district: demoDistrict }))).equals(Buffer.from(bytes))).toBe(true)
  })

  it('validation reports exactly the deliberately bad rows, by row and column', async () => {
    const table = await readTable(hotlineCsvBytes(file), '12319-hotline-demo.csv')
    expect(table.encoding).toBe('gb18030')
    const result = await validate(table)
    const expectedErrors = file.bad.filter((bad) => bad.kind !== 'swapped_coordinates')
    expect(result.errors.map((error) => [error.row, error.field])).toEqual(expectedErrors.map((bad) => [bad.row, bad.field]))
    const codeOf = { text_in_latitude: 'not_a_number', unknown_category: 'unknown_category', bad_date: 'bad_date', duplicate_id: 'duplicate_id',
      outside_district: 'outside_district', blank_coordinate: 'missing' } as const
    expect(result.errors.map((error) => error.code)).toEqual(expectedErrors.map((bad) => codeOf[bad.kind as keyof typeof codeOf]))
    for (const bad of expectedErrors.filter((entry) => entry.kind === 'duplicate_id')) {
      expect(result.errors.find((error) => error.row === bad.row)?.reason).toContain(`与第 ${bad.duplicateOf} 行重复`)
    }
    expect(result.warnings.map((warning) => warning.row)).toEqual(file.bad.filter((bad) => bad.kind === 'swapped_coordinates').map((bad) => bad.row))
    expect(result.ok).toHaveLength(2000 - expectedErrors.length)
    expect(result.crsCheck).toMatchObject({ declared: 'gcj02', likely: 'gcj02', warning: null })
  })

  it('declared as WGS84 by mistake, the check says it looks like GCJ-02', async () => {
    const directory = await asDispatcher<DirectoryEntry[]>('select public.category_directory() as result')
    const districtLayer = await asDispatcher<GeoJSON.FeatureCollection>(`select public.layer_grids('district') as result`)
    const table = await readTable(hotlineCsvBytes(file), 'export.csv')
    const result = await validateTable(table, {
      mapping: HOTLINE_12319_PRESET.mapping, crs: 'wgs84', defaultSource: 'hotline_12319',
      categories: createCategoryResolver(directory), district: districtLayer.features[0].geometry as GeoJSON.Polygon,
      now: new Date('2026-11-22T00:00:00+08:00'),
    })
    expect(result.crsCheck?.likely).toBe('gcj02')
    expect(result.crsCheck?.warning).toContain('看起来是 GCJ-02 坐标')
  })

  it('every good row is inserted with a grid at its WGS84 location; a re-import (as XLSX) inserts nothing', async () => {
    const before = await asDispatcher<number>('select count(*)::int as result from public.incidents')
    const result = await validate(await readTable(hotlineCsvBytes(file), '12319-hotline-demo.csv'))
    const first = await commit(result)
    expect(first.refused).toEqual([])
    expect(first.inserted).toBe(result.ok.length)
    expect(first.duplicates).toBe(0)
    expect(first.withoutGrid).toBe(0)
    expect(first.placed.every((placed) => /^\d{15}$/.test(placed.gridCode ?? ''))).toBe(true)
    expect(await asDispatcher<number>('select count(*)::int as result from public.incidents')).toBe(before + result.ok.length)

    // The oracle is the demo case each row was made from: its WGS84 location (the file holds it
    // in GCJ-02 with 6 decimals, ≈ 0.1 m) and the grid the snapshot placed it in.
    const demoIdOf = new Map(result.rowNumbers.map((row, index) => [result.ok[index].external_id, file.incidentIds[row - 2]]))
    const compared = await asDispatcher<{ external_id: string; metres: number; same_grid: boolean; metres_to_demo_grid_edge: number }[]>(
      `select jsonb_agg(jsonb_build_object(
                'external_id', i.external_id,
                'metres', extensions.st_distance(i.geom::extensions.geography, d.geom::extensions.geography, false),
                'same_grid', i.grid_id = d.grid_id,
                'metres_to_demo_grid_edge', extensions.st_distance(extensions.st_boundary(g.geom)::extensions.geography, i.geom::extensions.geography, false))) as result
       from jsonb_each_text($1::jsonb) pair
       join public.incidents i on i.external_id = pair.key
       join public.incidents d on d.external_id = 'DEMO-' || lpad(pair.value, 6, '0')
       join public.grids g on g.id = d.grid_id`,
      [JSON.stringify(Object.fromEntries(demoIdOf))],
    )
    expect(compared).toHaveLength(result.ok.length)
    expect(Math.max(...compared.map((row) => row.metres))).toBeLessThan(0.2)
    // Only the demo's deliberate on-vertex cases may tip into a neighbouring grid.
    const moved = compared.filter((row) => !row.same_grid)
    expect(moved.length).toBeLessThanOrEqual(40)
    expect(moved.every((row) => row.metres_to_demo_grid_edge < 0.2)).toBe(true)

    const again = await validate(await readTable(await hotlineXlsxBytes(file), '12319-hotline-demo.xlsx'))
    expect(again.ok.map((row) => row.external_id)).toEqual(result.ok.map((row) => row.external_id))
    const second = await commit(again)
    expect(second.inserted).toBe(0)
    expect(second.duplicates).toBe(result.ok.length)
    expect(await asDispatcher<number>('select count(*)::int as result from public.incidents')).toBe(before + result.ok.length)
  })
})
