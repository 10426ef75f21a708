/**
 * `npm run assign` end to end: the real command in a child process, on real files.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import gcoord from 'gcoord'
import Papa from 'papaparse'
import { afterAll, expect, it, vi } from 'vitest'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

// Each test starts the command one to three times (about a second each, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 })

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const realFixtures = REAL_FIXTURES ?? ''
const work = mkdtempSync(path.join(tmpdir(), 'assign-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const SF_TRACTS = path.join(realFixtures, 'us-sf-census-tracts-2010-nhood.geojson')
const SF_CASES = path.join(realFixtures, 'us-sf311-cases-sample.csv')
const XIACHENG_GRIDS = path.join(realFixtures, 'cn-hangzhou-xiacheng-grids.geojson')
const XIACHENG_EVENTS = path.join(realFixtures, 'cn-hangzhou-xiacheng-grid-events.geojson')

function assign(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/assign.ts', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function readCsv(file: string): { fields: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true })
  return { fields: parsed.meta.fields ?? [], rows: parsed.data }
}

// Read at collection time, so only when the fixtures are there (the suite is skipped otherwise).
const sfInput = REAL_FIXTURES ? readCsv(SF_CASES) : { fields: [], rows: [] }
const events = REAL_FIXTURES
  ? (JSON.parse(readFileSync(XIACHENG_EVENTS, 'utf8')) as { features: { properties: Record<string, string>; geometry: { coordinates: [number, number] } }[] }).features
  : []

describeWithRealFixtures('npm run assign', () => {
  it('San Francisco: every case gets its Census.Tract, rows and columns kept in order', () => {
    const out = path.join(work, 'sf.csv')
    const run = assign('--polygons', SF_TRACTS, '--points', SF_CASES, '--id-field', 'geoid', '--out', out)
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('已分配：4984')
    const result = readCsv(out)
    expect(result.fields).toEqual([...sfInput.fields, 'lon', 'lat', 'polygon_id'])
    expect(result.rows.map((row) => row.CaseID)).toEqual(sfInput.rows.map((row) => row.CaseID))
    const matches = result.rows.filter((row) => row.polygon_id === row['Census.Tract'].padStart(11, '0')).length
    expect(matches).toBe(4984)
    expect(result.rows[0].Lat).toBe(sfInput.rows[0].Lat)
    expect(Number(result.rows[0].lon)).toBe(Number(sfInput.rows[0].Long))
  })

  it('Hangzhou Xiacheng: GeoJSON events in, GeoJSON out, duplicate grid ids and the invalid grid reported', () => {
    const out = path.join(work, 'xiacheng.geojson')
    const run = assign('--polygons', XIACHENG_GRIDS, '--points', XIACHENG_EVENTS, '--id-field', '网格编号', '--out', out)
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('SQ-1-6')
    expect(run.stderr).toContain('边界自相交')
    expect(run.stderr).toContain('编号重复 23 个')
    const result = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: Record<string, string>; geometry: { coordinates: number[] } }[] }
    expect(result.features.map((feature) => Number(feature.properties.seq))).toEqual(events.map((event) => Number(event.properties.seq)))
    expect(result.features.every((feature) => feature.properties.polygon_id !== '')).toBe(true)
    const yanzhi = result.features.filter((feature) => feature.properties['上报部门'] === '胭脂新村网格2').map((feature) => feature.properties.polygon_id)
    expect(yanzhi).toContain('TS-3-4')
    expect(result.features[0].geometry.coordinates).toEqual(events[0].geometry.coordinates)
  })

  it('GCJ-02 input gives the same answers once converted to WGS84', () => {
    // Xiacheng events moved into GCJ-02 (about 500 m), written as a CSV with Chinese column names.
    const gcjCsv = path.join(work, 'events-gcj02.csv')
    const rows = events.map((event) => {
      const [lon, lat] = gcoord.transform(event.geometry.coordinates, gcoord.WGS84, gcoord.GCJ02) as [number, number]
      return { 序号: event.properties.seq, 经度: lon, 纬度: lat }
    })
    writeFileSync(gcjCsv, Papa.unparse(rows))
    const wgsOut = path.join(work, 'events-wgs.geojson')
    const gcjOut = path.join(work, 'events-gcj.csv')
    expect(assign('--polygons', XIACHENG_GRIDS, '--points', XIACHENG_EVENTS, '--id-field', '网格编号', '--out', wgsOut).status).toBe(0)
    const run = assign('--polygons', XIACHENG_GRIDS, '--points', gcjCsv, '--id-field', '网格编号', '--crs', 'gcj02', '--out', gcjOut)
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('经度 / 纬度')
    const expected = (JSON.parse(readFileSync(wgsOut, 'utf8')) as { features: { properties: Record<string, string> }[] }).features.map((feature) => feature.properties.polygon_id)
    const converted = readCsv(gcjOut).rows
    expect(converted.map((row) => row.polygon_id)).toEqual(expected)
    converted.forEach((row, k) => {
      expect(Math.abs(Number(row.lon) - events[k].geometry.coordinates[0])).toBeLessThan(1e-6)
      expect(Math.abs(Number(row.lat) - events[k].geometry.coordinates[1])).toBeLessThan(1e-6)
    })
    // The SF cases through the same path (gcoord leaves points outside China unshifted).
    const sfGcj = path.join(work, 'sf-gcj02.csv')
    writeFileSync(
      sfGcj,
      Papa.unparse(
        sfInput.rows.map((row) => {
          const [lon, lat] = gcoord.transform([Number(row.Long), Number(row.Lat)], gcoord.WGS84, gcoord.GCJ02) as [number, number]
          return { CaseID: row.CaseID, lon, lat, tract: row['Census.Tract'] }
        }),
      ),
    )
    const sfOut = path.join(work, 'sf-gcj-out.csv')
    expect(assign('--polygons', SF_TRACTS, '--points', sfGcj, '--id-field', 'geoid', '--crs', 'gcj02', '--out', sfOut).status).toBe(0)
    const sfRows = readCsv(sfOut)
    expect(sfRows.fields).toEqual(['CaseID', 'lon', 'lat', 'tract', 'lon_gcj02', 'lat_gcj02', 'polygon_id'])
    expect(sfRows.rows.filter((row) => row.polygon_id === row.tract.padStart(11, '0')).length).toBe(4984)
  })

  it('a file without coordinate columns is refused with a Chinese message', () => {
    const file = path.join(work, 'no-coordinates.csv')
    writeFileSync(file, '编号,地址\n1,下城区\n')
    const run = assign('--polygons', XIACHENG_GRIDS, '--points', file)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('找不到经纬度列')
    expect(run.stdout).toBe('')
  })

  it('a named column that does not exist, or a missing file, is refused', () => {
    const missingColumn = assign('--polygons', SF_TRACTS, '--points', SF_CASES, '--lon-field', 'x', '--lat-field', 'Lat')
    expect(missingColumn.status).toBe(2)
    expect(missingColumn.stderr).toContain('“x”')
    const missingFile = assign('--polygons', SF_TRACTS, '--points', path.join(work, 'nope.csv'))
    expect(missingFile.status).toBe(2)
    expect(missingFile.stderr).toContain('文件不存在')
  })

  it('a row with text in the latitude is reported by row number; the other rows are kept', () => {
    const file = path.join(work, 'one-bad-row.csv')
    const lines = ['CaseID,Lat,Long', ...sfInput.rows.slice(0, 4).map((row, k) => `${row.CaseID},${k === 1 ? '三十七度' : row.Lat},${row.Long}`)]
    writeFileSync(file, `${lines.join('\n')}\n`)
    const run = assign('--polygons', SF_TRACTS, '--points', file, '--id-field', 'geoid')
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('无效行：1')
    expect(run.stderr).toContain('第 3 行（Lat）：纬度不是数字：“三十七度”')
    const output = Papa.parse<Record<string, string>>(run.stdout.trim(), { header: true }).data
    expect(output.map((row) => row.CaseID)).toEqual(sfInput.rows.slice(0, 4).map((row) => row.CaseID))
    expect(output.map((row) => row.polygon_id === '')).toEqual([false, true, false, false])
    expect(output[1].Lat).toBe('三十七度')
  })
})
