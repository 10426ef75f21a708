/**
 * `npm run import:cases` end to end (issue 13): the real command in a child process, against a
 * throwaway copy of the embedded demo database. Exit codes, messages instead of stack traces,
 * one poisoned row costing no other, and a summary that adds up. (The checks made before the
 * database is opened are in tests/unit/import-cli.test.ts.)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { afterAll, describe, expect, it } from 'vitest'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const work = mkdtempSync(path.join(tmpdir(), 'import-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const HOTLINE_FILE = path.join(repoRoot, 'public/demo/12319-hotline-demo.csv')
const VIEWER = '00000000-0000-4000-8000-000000000006'

function importCases(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-cases.ts', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, all: `${run.stdout}\n${run.stderr}` }
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(text).not.toContain('Node.js v')
}

/** The "合计" line: read = inserted + present + refused + invalid (+ not written). */
function account(stdout: string): Record<string, number> {
  const line = /合计：读取 (\d+) 行 = 新增 (\d+) \+ 已存在 (\d+) \+ 数据库拒绝 (\d+) \+ 校验未通过 (\d+)(?: \+ 未写入 (\d+))?/.exec(stdout)
  expect(line, stdout).not.toBeNull()
  const [read, inserted, present, refused, invalid, notWritten] = line!.slice(1).map((value) => Number(value ?? 0))
  return { read, inserted, present, refused, invalid, notWritten }
}

/** The demo hotline export (GBK) as UTF-8 rows, the first `rows` of them. */
function hotlineRows(rows: number): string[][] {
  const text = new TextDecoder('gbk').decode(readFileSync(HOTLINE_FILE))
  return Papa.parse<string[]>(text.trim(), { header: false }).data.slice(0, rows + 1)
}

describe.skipIf(!existsSync(HOTLINE_FILE))('npm run import:cases', () => {
  it('one NUL byte in one description of 1,500 rows: removed with a warning naming row and column, every row written (exit 0)', () => {
    // The reader removes control characters before anything reaches the database (a NUL made
    // PostgreSQL refuse the whole batch); commitBatch's split-and-retry stays the safety net
    // for what the reader cannot foresee (tests/unit/import-batches.test.ts).
    const rows = hotlineRows(1500)
    const description = rows[0].indexOf('问题描述')
    rows[5][description] = `${rows[5][description]}\u0000（转办）`
    const file = path.join(work, 'nul.csv')
    writeFileSync(file, Papa.unparse(rows, { newline: '\r\n' }))
    const run = importCases('--file', file, '--preset', '12319 热线导出')
    expectNoStackTrace(run.all)
    expect(run.status).toBe(0)
    // rows[0] is the header, row 1 of the sheet: rows[5] is row 6.
    expect(run.stdout).toContain('第 6 行：“问题描述”含有控制字符')
    const totals = account(run.stdout)
    expect(totals.read).toBe(1500)
    expect([totals.refused, totals.notWritten]).toEqual([0, 0])
    expect(totals.inserted + totals.present + totals.invalid).toBe(totals.read)
    expect(totals.inserted).toBe(1500 - totals.invalid)
  })

  it('GeoJSON features with missing or null coordinates are refused row by row (exit 0)', () => {
    const feature = (id: string, geometry: unknown) => ({ type: 'Feature', properties: { id, category: '06010', reported_at: '2026-03-05 08:00' }, geometry })
    const file = path.join(work, 'points.geojson')
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('G1', { type: 'Point', coordinates: [119.92, 32.47] }),
        feature('G2', { type: 'Point' }),
        feature('G3', { type: 'Point', coordinates: null }),
        feature('G4', { type: 'MultiPoint', coordinates: null }),
        feature('G5', { type: 'Point', coordinates: [119.93] }),
      ],
    }))
    const run = importCases('--file', file, '--dry-run')
    expectNoStackTrace(run.all)
    expect(run.status).toBe(0)
    // the reader reads each as no geometry (saying why, as a warning); the row is then refused
    for (const row of [2, 3, 4, 5]) expect(run.stdout).toContain(`第 ${row} 行 [几何] 要素没有几何（geometry 为空或无效）`)
    expect(run.stdout).toContain('合计：读取 5 行 = 校验通过 1 + 校验未通过 4')
  })

  it('a user who may not import: nothing written, exit 2, said in Chinese', () => {
    const file = path.join(work, 'few.csv')
    writeFileSync(file, Papa.unparse(hotlineRows(20), { newline: '\r\n' }))
    const run = importCases('--file', file, '--user-id', VIEWER)
    expectNoStackTrace(run.all)
    expect(run.status).toBe(2)
    expect(run.stdout).toMatch(/导入中止：数据库拒绝导入/)
    const totals = account(run.stdout)
    expect(totals.inserted).toBe(0)
    expect(totals.inserted + totals.present + totals.refused + totals.invalid + totals.notWritten).toBe(totals.read)
  })

  it('a file without location or category columns: exit 2 before anything is written', () => {
    const file = path.join(work, 'no-location.csv')
    writeFileSync(file, '编号,备注\r\n1,下城区\r\n')
    const run = importCases('--file', file)
    expectNoStackTrace(run.all)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('无法确定经度、纬度、问题类别列')
    // With an address column the rows are placed by address: only the category is missing.
    const withAddress = path.join(work, 'address-only.csv')
    writeFileSync(withAddress, '编号,地址\r\n1,下城区\r\n')
    const second = importCases('--file', withAddress)
    expectNoStackTrace(second.all)
    expect(second.status).toBe(2)
    expect(second.stderr).toContain('无法确定问题类别列')
  })
})
