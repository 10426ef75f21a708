/**
 * Real data with known answers (../shared/fixtures/real, see PROVENANCE.md): San Francisco 311
 * cases against 2010 census tracts, and Hangzhou Xiacheng grid events against the real grids.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { expect, it } from 'vitest'
import { buildPolygonIndex } from '../../src/domain/assign/polygon-index.ts'
import type { PolygonInput } from '../../src/domain/assign/polygon-input.ts'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

const realFixtures = REAL_FIXTURES ?? ''

interface Feature<G> {
  properties: Record<string, string>
  geometry: G
}

function features<G>(file: string): Feature<G>[] {
  // Also called at collection time, where a skipped suite must not touch missing files.
  if (!REAL_FIXTURES) return []
  return (JSON.parse(readFileSync(path.join(realFixtures, file), 'utf8')) as { features: Feature<G>[] }).features
}

describeWithRealFixtures('San Francisco 311 cases → census tracts', () => {
  it('reproduces Census.Tract for 4984 of 4984 cases', () => {
    const tracts = features<PolygonInput['geometry']>('us-sf-census-tracts-2010-nhood.geojson')
    const index = buildPolygonIndex(tracts.map((tract) => ({ id: tract.properties.geoid, geometry: tract.geometry })))
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(realFixtures, 'us-sf311-cases-sample.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data
    expect(rows.length).toBe(4984)
    let matches = 0
    let single = 0
    for (const row of rows) {
      const found = index.locate(Number(row.Long), Number(row.Lat))
      // Census.Tract lost its leading zero on the way through R.
      if (found >= 0 && tracts[found].properties.geoid === row['Census.Tract'].padStart(11, '0')) matches += 1
      if (index.coverCount(Number(row.Long), Number(row.Lat)) === 1) single += 1
    }
    expect(matches).toBe(4984)
    expect(single).toBe(4984)
  })
})

describeWithRealFixtures('Hangzhou Xiacheng grid events → grids', () => {
  const grids = features<GeoJSON.Polygon>('cn-hangzhou-xiacheng-grids.geojson')
  const events = features<GeoJSON.Point>('cn-hangzhou-xiacheng-grid-events.geojson')
  // 网格编号 repeats (multi-part grids are split into features): index by position.
  const index = buildPolygonIndex(grids.map((grid, position) => ({ id: String(position).padStart(4, '0'), geometry: grid.geometry })))

  it('puts every one of the 228 events in exactly one grid', () => {
    expect(events.length).toBe(228)
    const counts = events.map((event) => index.coverCount(event.geometry.coordinates[0], event.geometry.coordinates[1]))
    expect(counts.every((count) => count === 1)).toBe(true)
  })

  it('matches the reporting grid for 226 of 228; the two exceptions are the known ones', () => {
    const exceptions: string[] = []
    let matches = 0
    for (const event of events) {
      const grid = grids[index.locate(event.geometry.coordinates[0], event.geometry.coordinates[1])]
      // 上报部门 "灯芯巷网格4" ↔ 所属组织 "…灯芯巷社区灯芯巷社区网格4"
      const expectedSuffix = event.properties['上报部门'].replace(/网格(\d+)$/, '社区网格$1')
      if (grid.properties['所属组织'].endsWith(expectedSuffix)) matches += 1
      else exceptions.push(`${event.properties['上报部门']} → ${grid.properties['网格编号']}`)
    }
    expect(matches).toBe(226)
    expect(exceptions).toEqual(['胭脂新村网格2 → TS-3-4', '胭脂新村网格2 → TS-3-4'])
  })
})
