/**
 * `npm run grids:validate` end to end: the real command in a child process, on a small layer
 * written as GeoJSON, KML and a zipped Shapefile, and on a real set (JSON output parsed).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { fromWgs84 } from '../../src/domain/import/coordinate-system.ts'
import type { GridIssue } from '../../src/domain/grids/validation/index.ts'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'
import { geojsonText, kmlText, shapefileZip, type TestGrid } from './grids-validation-files.ts'
import { at } from './grids-validation-support.ts'

// Each test starts the command once or twice (about a second each, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 })

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const work = mkdtempSync(path.join(tmpdir(), 'grids-validate-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function validate(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/grids-validate.ts', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

const square = (x0: number, y0: number, size = 100): [number, number][] => [at(x0, y0), at(x0 + size, y0), at(x0 + size, y0 + size), at(x0, y0 + size), at(x0, y0)]
/** Three 100 m grids: A and B overlap by 20 m × 100 m, C repeats A's id. */
const GRIDS: TestGrid[] = [
  { id: '320102001001001', ring: square(0, 0) },
  { id: '320102001001002', ring: square(80, 0) },
  { id: '320102001001001', ring: square(300, 0) },
]

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(work, name)
  writeFileSync(file, content)
  return file
}

function json(run: { stdout: string }): { grids: number; issues: GridIssue[] } {
  return JSON.parse(run.stdout) as { grids: number; issues: GridIssue[] }
}

describe('npm run grids:validate', () => {
  it('GeoJSON, KML and Shapefile give the same issues (JSON format)', () => {
    // DBF field names hold at most 10 bytes: the pinyin abbreviation of 网格编码, as exports have it.
    const inputs = [write('grids.geojson', geojsonText(GRIDS, 'WGBM')), write('grids.kml', kmlText(GRIDS, 'WGBM')), write('grids.zip', shapefileZip(GRIDS, 'WGBM'))]
    const results = inputs.map((input) => validate('--grids', input, '--id-field', 'WGBM', '--format', 'json'))
    for (const run of results) {
      expect(run.status).toBe(0)
      const document = json(run)
      expect(document.grids).toBe(3)
      expect(document.issues.map((issue) => `${issue.type}:${issue.ids.join('+')}`)).toEqual(['duplicate-id:320102001001001', 'overlap:320102001001001+320102001001002'])
      const overlap = document.issues.find((issue) => issue.type === 'overlap')!
      expect(overlap.area_m2! / 2000).toBeCloseTo(1, 2)
      expect(overlap.location[0]).toBeGreaterThan(at(80, 0)[0])
      expect(overlap.location[0]).toBeLessThan(at(100, 0)[0])
    }
  })

  it('prints a Chinese report by default, and converts GCJ-02 input to WGS84', () => {
    const shifted = GRIDS.map((grid) => ({ ...grid, ring: grid.ring.map(([lon, lat]) => fromWgs84(lon, lat, 'gcj02')) }))
    const input = write('grids-gcj02.geojson', geojsonText(shifted, 'code'))
    const text = validate('--grids', input, '--crs', 'gcj02')
    expect(text.status).toBe(0)
    expect(text.stdout).toContain('网格：3 个（编号取自：code，坐标系 GCJ-02，已转换为 WGS84）')
    expect(text.stdout).toMatch(/【网格重叠】overlap：1 个/)
    const converted = json(validate('--grids', input, '--crs', 'gcj02', '--format', 'json'))
    const overlap = converted.issues.find((issue) => issue.type === 'overlap')!
    expect(overlap.location[0]).toBeGreaterThan(at(80, 0)[0])
    expect(overlap.location[0]).toBeLessThan(at(100, 0)[0])
  })

  it('exits 1 on wrong usage and 2 on unusable input, with a Chinese message', () => {
    const noGrids = validate('--format', 'json')
    expect(noGrids.status).toBe(1)
    expect(noGrids.stderr).toContain('缺少 --grids')
    expect(validate('--grids', 'x.geojson', '--format', 'xml').status).toBe(1)
    expect(validate('--grids', 'x.geojson', '--min-area', '-1').status).toBe(1)
    const missing = validate('--grids', path.join(work, 'missing.geojson'))
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('文件不存在')
    const notJson = validate('--grids', write('bad.geojson', '{"type": "FeatureCollection", '))
    expect(notJson.status).toBe(2)
    expect(notJson.stderr).toContain('不是有效的 JSON')
    const points = validate('--grids', write('points.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120, 30] } }] })))
    expect(points.status).toBe(2)
    expect(points.stderr).toContain('没有面要素')
    const field = validate('--grids', path.join(work, 'grids.geojson'), '--id-field', '编号')
    expect(field.status).toBe(2)
    expect(field.stderr).toContain('--id-field')
  })
})

describeWithRealFixtures('npm run grids:validate on a real set', () => {
  it('Shenzhen districts: the one gap, as JSON', () => {
    const run = validate('--grids', path.join(REAL_FIXTURES ?? '', 'cn-shenzhen-districts.transbigdata.geojson'), '--id-field', 'qh', '--target-area', '0', '--format', 'json')
    expect(run.status).toBe(0)
    const document = json(run)
    expect(document.grids).toBe(10)
    expect(document.issues.map((issue) => issue.type)).toEqual(['gap'])
    expect(Math.abs(document.issues[0].area_m2! / 69_000 - 1)).toBeLessThan(0.005)
  })

  it('Hangzhou grids with their 社区 as parents: the report names SQ-1-6 and ZH-7-5', () => {
    const real = REAL_FIXTURES ?? ''
    const run = validate(
      '--grids', path.join(real, 'cn-hangzhou-xiacheng-grids.geojson'), '--id-field', '网格编号',
      '--parents', path.join(real, 'cn-hangzhou-xiacheng-shequ.geojson'), '--parent-id-field', '社区', '--parent-code-field', '社区编码',
    )
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('上级区域：90 个')
    expect(run.stdout).toMatch(/网格 SQ-1-6（第 233 个要素）边界自相交，位置约 \(120\.168628, 30\.330763\)/)
    expect(run.stdout).toMatch(/网格 ZH-7-5（第 138 个要素）面积只有 8\.17e-4 平方米/)
    expect(run.stdout).toContain('【编号重复】duplicate-id：23 个')
    expect(run.stdout).not.toContain('code-prefix')
  })
})
