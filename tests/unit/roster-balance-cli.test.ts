/**
 * `npm run roster:balance`: the file reader's refusals, and the command end to end on a small grid
 * (zero-length lines are refused by balance() itself: roster-balance.test.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBalanceLines } from '../../src/domain/roster/balance/index.ts'
import { gridNetwork } from './roster-balance-support.ts'

const line = (coordinates: number[][], properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } })
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'FeatureCollection', ...extra, features })

describe('readBalanceLines', () => {
  it('reports every bad feature by index and field', () => {
    const read = readBalanceLines(
      collection([
        line([[116.3, 39.9], [116.31, 39.9]], { id: 'a', w: 3 }),
        { type: 'Feature', properties: { id: 'b', w: 1 }, geometry: { type: 'Point', coordinates: [116.3, 39.9] } },
        { type: 'Feature', properties: { id: 'c', w: 1 }, geometry: { type: 'MultiLineString', coordinates: [[[116.3, 39.9], [116.31, 39.9]], [[116.32, 39.9], [116.33, 39.9]]] } },
        line([[116.3, 39.9], [116.31, 39.9]], { id: 'a', w: 1 }),
        line([[116.3, 39.9], [116.31, 39.9]], { id: 'e', w: -2 }),
        line([[116.3, 39.9], [116.31, 39.9]], { id: 'f' }),
        { type: 'Feature', properties: { id: 'g', w: 1 }, geometry: { type: 'MultiLineString', coordinates: [[[116.3, 39.9], [116.31, 39.9]]] } },
      ]),
      { idField: 'id', weightField: 'w' },
    )
    expect(read.problems.map((problem) => [problem.index, problem.field])).toEqual([
      [1, 'geometry'],
      [2, 'geometry'],
      [3, 'id'],
      [4, 'w'],
      [5, 'w'],
    ])
    expect(read.problems[0].message).toBe('第 1 个要素是 Point，不是线（只接受 LineString）')
    expect(read.problems[2].message).toContain('与第 0 个要素重复')
    expect(read.lines.map((l) => l.id)).toEqual(['a', 'g'])
    expect(read.segments).toEqual(['a', 'g'])
  })
  it('refuses a file that declares GCJ-02 unless --crs gcj02 converts it', () => {
    const json = collection([line([[116.3, 39.9], [116.31, 39.9]])], { crs: { type: 'name', properties: { name: 'GCJ-02' } } })
    expect(readBalanceLines(json).problems[0].field).toBe('crs')
    const converted = readBalanceLines(json, { crs: 'gcj02' })
    expect(converted.problems).toEqual([])
    expect(converted.lines[0].coordinates[0][0]).not.toBe(116.3)
  })
})

describe('npm run roster:balance', () => {
  const directory = mkdtempSync(join(tmpdir(), 'roster-balance-'))
  const input = join(directory, 'grid.geojson')
  writeFileSync(input, JSON.stringify(collection(gridNetwork(4, 4).map((l) => line(l.coordinates as number[][], { code: `S-${l.id}` })))))
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/roster-balance.ts', ...args], { encoding: 'utf8' })

  it('writes one feature per piece, the pieces of each input line covering it exactly once', () => {
    const out = join(directory, 'result.geojson')
    const summary = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/roster-balance.ts', '--segments', input, '--beats', '5', '--id-field', 'code', '--out', out], { encoding: 'utf8' })
    expect(summary).toContain('片区：5 个')
    expect(summary).toContain('下界')
    const result = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { segment: string; from_m: number; to_m: number; beat: number; weight: number }; geometry: { type: string } }[] }
    const bySegment = new Map<string, { from_m: number; to_m: number }[]>()
    for (const feature of result.features) {
      expect(feature.geometry.type).toBe('LineString')
      expect(feature.properties.beat).toBeGreaterThanOrEqual(1)
      expect(feature.properties.beat).toBeLessThanOrEqual(5)
      bySegment.set(feature.properties.segment, [...(bySegment.get(feature.properties.segment) ?? []), feature.properties])
    }
    expect(bySegment.size).toBe(40)
    for (const pieces of bySegment.values()) {
      pieces.sort((p, q) => p.from_m - q.from_m)
      expect(pieces[0].from_m).toBe(0)
      for (let k = 1; k < pieces.length; k++) expect(pieces[k].from_m).toBe(pieces[k - 1].to_m)
      expect(pieces[pieces.length - 1].to_m).toBeCloseTo(100, 0)
    }
  }, 30_000)

  it('exit codes: 1 for usage, 2 for unusable input, nothing written', () => {
    expect(run('--segments', input).status).toBe(1)
    const tooMany = run('--segments', input, '--beats', '100000')
    expect(tooMany.status).toBe(2)
    expect(tooMany.stderr).toContain('片区数 100000 太多')
    const points = join(directory, 'points.geojson')
    writeFileSync(points, JSON.stringify(collection([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116.3, 39.9] } }])))
    const refused = run('--segments', points, '--beats', '1')
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('第 0 个要素是 Point')
  }, 60_000)
})
