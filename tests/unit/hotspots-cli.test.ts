/**
 * `npm run hotspots` end to end: the real command in a child process, on the reference
 * fixtures (its z must be the published one) and on bad input (a Chinese message and the
 * documented exit code, nothing written).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import gcoord from 'gcoord'
import Papa from 'papaparse'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

// Each case starts Node with tsx (about a second, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 })

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const fixture = (name: string) => path.join(REAL_FIXTURES ?? '', name)
const work = mkdtempSync(path.join(tmpdir(), 'hotspots-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function hotspots(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/hotspots.ts', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function file(name: string, content: string): string {
  const target = path.join(work, name)
  writeFileSync(target, content)
  return target
}

function readCsv(text: string): { fields: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
  return { fields: parsed.meta.fields ?? [], rows: parsed.data }
}

function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(stderr).not.toContain('Node.js v')
}

const COLUMNS = ['id', 'value', 'gi_star', 'z', 'p', 'p_fdr', 'bin', 'neighbours']

/** A 6 × 6 block of 0.01° squares with a value each (36 units: enough to be analysed). */
function blockOfSquares(value: (index: number) => unknown, count = 36, idOf = (index: number) => `G${index}`) {
  const features = Array.from({ length: count }, (_unused, index) => {
    const x = 119.9 + (index % 6) * 0.01
    const y = 32.4 + Math.floor(index / 6) * 0.01
    return {
      type: 'Feature',
      properties: { code: idOf(index), cases: value(index) },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] },
    }
  })
  return JSON.stringify({ type: 'FeatureCollection', features })
}

describeWithRealFixtures('npm run hotspots on the reference data', () => {
  it('Columbus CRIME, queen (default), CSV: z equals spdep Z_Gistar to 1e-6, with the published columns', () => {
    const out = path.join(work, 'columbus.csv')
    const run = hotspots('--polygons', fixture('columbus.geojson'), '--value-field', 'CRIME', '--id-field', 'POLYID', '--out', out)
    expect(run.status).toBe(0)
    expectNoStackTrace(run.stderr)
    const result = readCsv(readFileSync(out, 'utf8'))
    expect(result.fields).toEqual(COLUMNS)
    const expected = readCsv(readFileSync(fixture('getisord-expected-columbus-crime.spdep.csv'), 'utf8')).rows
    expect(result.rows).toHaveLength(49)
    result.rows.forEach((row, index) => {
      expect(Number(row.id)).toBe(Number(expected[index].POLYID))
      expect(Math.abs(Number(row.z) - Number(expected[index].Z_Gistar))).toBeLessThanOrEqual(1e-6)
      expect(Number(row.neighbours)).toBe(Number(expected[index].n_neighbors))
      expect(Number(row.p_fdr)).toBeGreaterThanOrEqual(Number(row.p))
    })
    // Every choice is said: the default weights, that FDR is on, the planar coordinates, no isolated units.
    expect(run.stderr).toContain('queen 邻接')
    expect(run.stderr).toContain('默认选择（未指定 --weights）')
    expect(run.stderr).toContain('Benjamini–Hochberg，已开启（默认）')
    expect(run.stderr).toContain('邻接容差 1e-7')
    expect(run.stderr).toContain('无邻居单元：0 个')
    expect(run.stderr).toMatch(/热点（高值聚集）：99% 置信 \d+ 个，95% 置信 \d+ 个，90% 置信 \d+ 个/)
  })

  it('Guerry Crm_prp, GeoJSON out: z equals spdep to 1e-6, the polygons come back with the result as properties', () => {
    const out = path.join(work, 'guerry.geojson')
    const run = hotspots('--polygons', fixture('guerry-85-departements.geojson'), '--value-field', 'Crm_prp', '--id-field', 'Dprtmnt', '--weights', 'rook', '--out', out)
    expect(run.status).toBe(0)
    const result = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: Record<string, number | string | null>; geometry: GeoJSON.Geometry }[] }
    const expected = readCsv(readFileSync(fixture('getisord-expected-guerry-crm_prp.spdep.csv'), 'utf8')).rows
    expect(result.features).toHaveLength(85)
    result.features.forEach((feature, index) => {
      expect(Object.keys(feature.properties)).toEqual(COLUMNS)
      expect(feature.properties.id).toBe(expected[index].Dprtmnt)
      expect(Math.abs((feature.properties.z as number) - Number(expected[index].Z_Gistar))).toBeLessThanOrEqual(1e-6)
      expect([-3, -2, -1, 0, 1, 2, 3]).toContain(feature.properties.bin)
      expect(feature.geometry.type).toMatch(/Polygon/)
    })
    // Puy-de-Dôme is the strongest property-crime hotspot with these weights.
    expect(run.stderr).toContain('rook 邻接')
    expect(run.stderr).toContain('Puy-de-Dome')
  })

  it('points: Xiacheng grid events on 250 m squares within the 街道 outline, to stdout as CSV (no BOM)', () => {
    const run = hotspots('--points', fixture('cn-hangzhou-xiacheng-grid-events.geojson'), '--cell', '250', '--bounds', fixture('cn-hangzhou-xiacheng-jiedao.geojson'))
    expect(run.status).toBe(0)
    expect(run.stdout.startsWith('id,value,')).toBe(true)
    const rows = readCsv(run.stdout).rows
    expect(rows.reduce((sum, row) => sum + Number(row.value), 0)).toBe(228)
    expect(rows.some((row) => row.bin === '3')).toBe(true)
    expect(rows.every((row) => /^r\d+c\d+$/.test(row.id))).toBe(true)
    expect(run.stderr).toContain('计入格子的点：228 个')
    expect(run.stderr).toContain('250 米正方形格子')
  })

  it('points in GCJ-02 (--crs gcj02), in a CSV with Chinese column names, are converted before binning', () => {
    const events = (JSON.parse(readFileSync(fixture('cn-hangzhou-xiacheng-grid-events.geojson'), 'utf8')) as { features: { geometry: { coordinates: [number, number] } }[] }).features
    const lines = ['序号,经度,纬度', ...events.map((event, index) => [index + 1, ...(gcoord.transform(event.geometry.coordinates, gcoord.WGS84, gcoord.GCJ02) as number[])].join(','))]
    const run = hotspots('--points', file('events-gcj02.csv', `${lines.join('\n')}\n`), '--crs', 'gcj02', '--cell', '250', '--bounds', fixture('cn-hangzhou-xiacheng-jiedao.geojson'))
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('坐标取自 经度 / 纬度 列，坐标系 GCJ02，已转换为 WGS84')
    expect(run.stderr).toContain('计入格子的点：228 个')
    // The same result as the original WGS84 events; read as WGS84, the ~500 m offset moves them to other cells.
    const original = hotspots('--points', fixture('cn-hangzhou-xiacheng-grid-events.geojson'), '--cell', '250', '--bounds', fixture('cn-hangzhou-xiacheng-jiedao.geojson'))
    expect(run.stdout).toBe(original.stdout)
    const unconverted = hotspots('--points', path.join(work, 'events-gcj02.csv'), '--cell', '250', '--bounds', fixture('cn-hangzhou-xiacheng-jiedao.geojson'))
    expect(unconverted.stdout).not.toBe(original.stdout)
  })

  it('points from a CSV with lon/lat columns, knn:8 and --no-fdr: p_fdr is empty and bins follow p', () => {
    const out = path.join(work, 'sf.csv')
    const run = hotspots('--points', fixture('us-sf311-cases-sample.csv'), '--cell', '500', '--weights', 'knn:8', '--no-fdr', '--out', out)
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('坐标取自 Long / Lat 列')
    expect(run.stderr).toContain('已关闭（--no-fdr）')
    const rows = readCsv(readFileSync(out, 'utf8')).rows
    expect(rows.every((row) => row.p_fdr === '' && row.neighbours === '8')).toBe(true)
    for (const row of rows) {
      const p = Number(row.p)
      const expectedBin = p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.1 ? 1 : 0
      expect(Math.abs(Number(row.bin))).toBe(expectedBin)
    }
  })
})

describe('npm run hotspots on bad input', () => {
  const good = file('good.geojson', blockOfSquares((index) => (index < 8 ? 30 : index % 4)))

  it('isolated units: a distance band that leaves units alone lists them by id; they are never a hotspot', () => {
    // 36 squares of 0.01° (about 940 m wide, 1110 m tall): a 1000 m band reaches only east and west.
    const far = JSON.parse(blockOfSquares((index) => (index < 8 ? 30 : index % 4))) as { features: { properties: { code: string }; geometry: { coordinates: number[][][] } }[] }
    far.features[35].geometry.coordinates[0] = far.features[35].geometry.coordinates[0].map(([x, y]) => [x + 1, y])
    far.features[35].properties.code = 'FAR'
    const input = file('far.geojson', JSON.stringify(far))
    const out = path.join(work, 'far.csv')
    const run = hotspots('--polygons', input, '--value-field', 'cases', '--id-field', 'code', '--weights', 'distance:1000', '--out', out)
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/无邻居单元：1 个/)
    expect(run.stderr).toContain('FAR')
    const row = readCsv(readFileSync(out, 'utf8')).rows.find((candidate) => candidate.id === 'FAR')!
    expect(row.neighbours).toBe('0')
    expect(row.bin).toBe('0')
    expect(row.p_fdr).toBe('')
  })

  it.each([
    ['no input', [], /请给出 --polygons（面数据）或 --points（点数据）之一/],
    ['both inputs', ['--polygons', 'a.geojson', '--points', 'b.csv', '--value-field', 'x'], /只能给一个/],
    ['no value field', ['--polygons', 'a.geojson'], /--polygons 需要 --value-field/],
    ['no cell', ['--points', 'b.csv'], /--points 需要 --cell/],
    ['a bad cell', ['--points', 'b.csv', '--cell=-250'], /--cell 必须是大于 0 的米数/],
    ['a cell without its value', ['--points', 'b.csv', '--cell', '-250'], /选项 --cell 的值缺失或无效/],
    ['a bad weights spec', ['--polygons', 'a.geojson', '--value-field', 'x', '--weights', 'knn:zero'], /空间权重设置无效.*近邻个数必须是正整数/],
    ['an unknown weights kind', ['--polygons', 'a.geojson', '--value-field', 'x', '--weights', 'inverse'], /应为 queen、rook、knn:K/],
    ['an unknown option', ['--polygons', 'a.geojson', '--value-field', 'x', '--fdr-off'], /错误：未知选项 --fdr-off/],
    ['an output directory that does not exist', ['--polygons', 'a.geojson', '--value-field', 'x', '--out', '/no/such/dir/out.csv'], /所在的目录.*不存在/],
    ['an output of another type', ['--polygons', 'a.geojson', '--value-field', 'x', '--out', path.join(tmpdir(), 'out.xlsx')], /--out 只支持 .csv 或 .geojson/],
  ])('usage: %s → exit 1 with the usage', (_name, args, message) => {
    const run = hotspots(...(args as string[]))
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(message as RegExp)
    expectNoStackTrace(run.stderr)
  })

  it.each([
    ['a missing polygon file', () => ['--polygons', path.join(work, 'missing.geojson'), '--value-field', 'cases'], /无法读取面数据文件.*文件不存在/],
    ['a file that is not JSON', () => ['--polygons', file('broken.geojson', '{"type":'), '--value-field', 'cases'], /不是有效的 JSON/],
    ['a value field the file does not have', () => ['--polygons', good, '--value-field', '案件数'], /没有数值字段“案件数”（现有字段：code、cases）/],
    [
      'non-numeric, missing and negative values',
      () => ['--polygons', file('bad-values.geojson', blockOfSquares((index) => (index === 3 ? 'n/a' : index === 7 ? null : index === 9 ? -4 : 1))), '--value-field', 'cases', '--id-field', 'code'],
      /第 4 个要素（编号 G3）字段“cases”不是数字：“n\/a”；第 8 个要素（编号 G7）字段“cases”缺失（为空）；第 10 个要素（编号 G9）字段“cases”为负数：-4/,
    ],
    ['fewer than 30 units', () => ['--polygons', file('small.geojson', blockOfSquares((index) => index, 20)), '--value-field', 'cases'], /分析单元不足 30 个.*只有 20 个单元/],
    ['no variation', () => ['--polygons', file('flat.geojson', blockOfSquares(() => 5)), '--value-field', 'cases'], /所有单元的数值相同.*36 个单元的值都是 5/],
    ['duplicate ids', () => ['--polygons', file('dupes.geojson', blockOfSquares((index) => index, 36, (index) => `G${index % 30}`)), '--value-field', 'cases', '--id-field', 'code'], /编号重复 6 个.*G0（第 1、31 个要素）/],
    ['a points file without coordinates', () => ['--points', file('nocoords.csv', '编号,地址\n1,海陵路\n'), '--cell', '250'], /找不到经纬度列（现有列：编号、地址）/],
    ['a period with no cases (no usable points)', () => ['--points', file('empty.csv', 'lon,lat\n,\nabc,32.4\n'), '--cell', '250'], /没有坐标可用的点.*没有案件/],
  ])('unusable: %s → exit 2, a Chinese reason, nothing written', (_name, args, message) => {
    const out = path.join(work, `never-${Math.random().toString(36).slice(2)}.csv`)
    const run = hotspots(...(args as () => string[])(), '--out', out)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message as RegExp)
    expectNoStackTrace(run.stderr)
    expect(existsSync(out)).toBe(false)
    expect(existsSync(`${out}.partial`)).toBe(false)
  })

  it('bad point rows are named and left out; the rest are analysed (exit 0)', () => {
    const lines = ['lon,lat']
    for (let k = 0; k < 400; k++) lines.push(`${119.9 + (k % 20) * 0.002},${32.4 + Math.floor(k / 20) * 0.002 + (k % 7 === 0 ? 0.0005 : 0)}`)
    lines.push('abc,32.41', '119.91,')
    const run = hotspots('--points', file('some-bad.csv', `${lines.join('\n')}\n`), '--cell', '250')
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('无效行 2 行（未计入）')
    expect(run.stderr).toContain('第 402 行（lon）：经度不是数字：“abc”')
    expect(run.stderr).toContain('第 403 行（lat）：纬度为空')
    expect(readCsv(run.stdout).rows.reduce((sum, row) => sum + Number(row.value), 0)).toBe(400)
  })
})
