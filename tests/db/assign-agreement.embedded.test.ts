/**
 * The assignment engine against the database on the demo snapshot: for all 100,000 demo cases
 * the grid (ST_Covers, smallest code on shared edges) and the back-street segment (spherical
 * ST_Distance within segment_match_distance_m, nearest then smallest id) stored by the
 * database's trigger must be exactly what src/domain/assign computes. Then ST_MakeValid on
 * the real self-intersecting polygons, probed point by point.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPolygonIndex } from '../../src/domain/assign/polygon-index.ts'
import { buildSegmentIndex } from '../../src/domain/assign/segment-index.ts'
import { coversPoint } from '../../src/domain/assign/covers-point.ts'
import { findPolygonProblems } from '../../src/domain/assign/polygon-validity.ts'
import type { PolygonInput } from '../../src/domain/assign/polygon-input.ts'
import { Rng } from '../../scripts/demo/prng.ts'
import { openDemoSnapshot } from './snapshot.ts'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

const realFixtures = REAL_FIXTURES ?? ''

let db: PGlite

beforeAll(async () => {
  db = await openDemoSnapshot()
})
afterAll(async () => {
  await db?.close()
})

/** Exact vertices (ST_X/ST_Y print shortest round-trip doubles; GeoJSON output would round). */
async function polygonsFromQuery(sql: string): Promise<PolygonInput[]> {
  const rows = (await db.query<{ key: string; ring: number; x: number; y: number }>(sql)).rows
  const byKey = new Map<string, number[][][]>()
  for (const row of rows) {
    let rings = byKey.get(row.key)
    if (!rings) byKey.set(row.key, (rings = []))
    ;(rings[row.ring - 1] ??= []).push([row.x, row.y])
  }
  return [...byKey].map(([id, rings]) => ({ id, geometry: { type: 'Polygon', coordinates: rings } }))
}

describe('assignment engine = database on the 100,000 demo cases', () => {
  it('grid of every case', async () => {
    const grids = await polygonsFromQuery(`
      select g.code as key, (d.path)[1] as ring, extensions.st_x(d.geom) as x, extensions.st_y(d.geom) as y
      from public.grids g, extensions.st_dumppoints(g.geom) d
      where g.valid_to is null
      order by g.code, (d.path)[1], (d.path)[2]`)
    expect(grids.length).toBeGreaterThan(2000)
    const incidents = (
      await db.query<{ x: number; y: number; code: string | null }>(`
        select extensions.st_x(i.geom) as x, extensions.st_y(i.geom) as y, g.code
        from public.incidents i left join public.grids g on g.id = i.grid_id order by i.id`)
    ).rows
    expect(incidents.length).toBe(100_000)
    const index = buildPolygonIndex(grids)
    const coordinates = new Float64Array(incidents.length * 2)
    incidents.forEach((incident, k) => {
      coordinates[2 * k] = incident.x
      coordinates[2 * k + 1] = incident.y
    })
    const located = index.locateAll(coordinates)
    const disagreements: string[] = []
    let onSharedBoundary = 0
    incidents.forEach((incident, k) => {
      const code = located[k] >= 0 ? grids[located[k]].id : null
      if (code !== incident.code) disagreements.push(`case ${k}: engine ${code}, database ${incident.code}`)
      if (index.coverCount(incident.x, incident.y) > 1) onSharedBoundary += 1
    })
    expect(disagreements.slice(0, 10)).toEqual([])
    // The demo places 40 cases exactly on shared edges and corners.
    expect(onSharedBoundary).toBeGreaterThanOrEqual(40)
  })

  it('back-street segment of every case', async () => {
    const setting = (await db.query<{ value: number | null }>(`select (value #>> '{}')::float8 as value from public.app_settings where key = 'segment_match_distance_m'`)).rows[0]
    const maxDistanceM = setting?.value ?? 30
    const vertexRows = (
      await db.query<{ id: number; x: number; y: number }>(`
        select s.id::int as id, extensions.st_x(d.geom) as x, extensions.st_y(d.geom) as y
        from public.street_segments s, extensions.st_dumppoints(s.geom) d order by s.id, (d.path)[1]`)
    ).rows
    const segments = new Map<number, [number, number][]>()
    for (const row of vertexRows) {
      if (!segments.has(row.id)) segments.set(row.id, [])
      segments.get(row.id)!.push([row.x, row.y])
    }
    const index = buildSegmentIndex([...segments].map(([id, coordinates]) => ({ id, coordinates })))
    const incidents = (
      await db.query<{ x: number; y: number; segment_id: number | null }>(`
        select extensions.st_x(geom) as x, extensions.st_y(geom) as y, segment_id::int as segment_id from public.incidents order by id`)
    ).rows
    let matched = 0
    const disagreements: string[] = []
    incidents.forEach((incident, k) => {
      const nearest = index.nearest(incident.x, incident.y, maxDistanceM)
      if ((nearest?.id ?? null) !== incident.segment_id) disagreements.push(`case ${k}: engine ${JSON.stringify(nearest)}, database ${incident.segment_id}`)
      if (nearest) matched += 1
    })
    expect(disagreements.slice(0, 10)).toEqual([])
    expect(matched).toBeGreaterThan(1000)
  })
})

interface RealFeature {
  properties: Record<string, unknown>
  geometry: PolygonInput['geometry']
}

function readFeatures(file: string): RealFeature[] {
  // Also called at collection time, where a skipped suite must not touch missing files.
  if (!REAL_FIXTURES) return []
  return (JSON.parse(readFileSync(path.join(realFixtures, file), 'utf8')) as { features: RealFeature[] }).features
}

describeWithRealFixtures('invalid real polygons: even-odd = ST_Covers(ST_MakeValid(geom), point)', () => {
  const cases: { label: string; geometry: PolygonInput['geometry'] }[] = [
    ...readFeatures('cn-nanjing-320100-districts.datav.geojson')
      .filter((feature) => feature.properties.name === '雨花台区' || feature.properties.name === '高淳区')
      .map((feature) => ({ label: String(feature.properties.name), geometry: feature.geometry })),
    // 网格编号 is not unique: multi-part grids are split into several features.
    ...readFeatures('cn-hangzhou-xiacheng-grids.geojson')
      .map((feature, index) => ({ label: `${String(feature.properties['网格编号'])} #${index}`, geometry: feature.geometry }))
      .filter((entry) => entry.label.startsWith('SQ-1-6 ') || entry.label.startsWith('ZH-7-5 ')),
  ]

  it('covers the four real defects', () => {
    expect(cases.map((entry) => entry.label.split(' ')[0]).sort()).toEqual(['SQ-1-6', 'SQ-1-6', 'ZH-7-5', 'ZH-7-5', '雨花台区', '高淳区'])
  })

  // A pentagram winds twice round its centre: odd parity says the centre is outside, a
  // non-zero winding rule would say inside. This is where the two rules part.
  const pentagram: [number, number][] = [0, 2, 4, 1, 3, 0].map((k) => [
    120 + 0.01 * Math.cos((Math.PI * 2 * k) / 5 + Math.PI / 2),
    30 + 0.01 * Math.sin((Math.PI * 2 * k) / 5 + Math.PI / 2),
  ])
  const probed = [...cases, { label: 'pentagram', geometry: { type: 'Polygon', coordinates: [pentagram] } as PolygonInput['geometry'] }]

  it.each(probed.map((entry) => [entry.label, entry] as const))('%s', async (_label, entry) => {
    const problems = findPolygonProblems([{ id: entry.label, geometry: entry.geometry }])
    const geometryJson = JSON.stringify(entry.geometry)
    const validity = (
      await db.query<{ valid: boolean }>(`select extensions.st_isvalid(extensions.st_setsrid(extensions.st_geomfromgeojson($1), 4326)) as valid`, [geometryJson])
    ).rows[0]
    expect(problems.length === 0).toBe(validity.valid)
    // Probes: every vertex, points next to every self-intersection, and random points in the box.
    const probes: [number, number][] = []
    const rings = entry.geometry.type === 'Polygon' ? entry.geometry.coordinates : entry.geometry.coordinates.flat()
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (const ring of rings) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x)
        maxX = Math.max(maxX, x)
        minY = Math.min(minY, y)
        maxY = Math.max(maxY, y)
      }
    }
    const rng = new Rng(4, 4)
    for (const problem of problems) {
      const [x, y] = problem.location
      const step = Math.max(maxX - minX, maxY - minY) * 1e-5
      for (let k = 0; k < 60; k++) probes.push([x + (rng.next() * 2 - 1) * step, y + (rng.next() * 2 - 1) * step])
    }
    probes.push([(minX + maxX) / 2, (minY + maxY) / 2])
    for (let k = 0; k < 400; k++) probes.push([minX + rng.next() * (maxX - minX), minY + rng.next() * (maxY - minY)])
    const vertices = rings.flat()
    for (let k = 0; k < vertices.length; k += Math.max(1, Math.floor(vertices.length / 200))) probes.push([vertices[k][0], vertices[k][1]])

    const answers = (
      await db.query<{ covered: boolean }>(
        `select extensions.st_covers(extensions.st_makevalid(extensions.st_setsrid(extensions.st_geomfromgeojson($1), 4326)),
                extensions.st_setsrid(extensions.st_makepoint(p.x, p.y), 4326)) as covered
         from unnest($2::float8[], $3::float8[]) with ordinality as p(x, y, n) order by p.n`,
        [geometryJson, probes.map((probe) => probe[0]), probes.map((probe) => probe[1])],
      )
    ).rows
    const index = buildPolygonIndex([{ id: entry.label, geometry: entry.geometry }])
    const mismatches = probes.filter((probe, k) => (index.locate(probe[0], probe[1]) === 0) !== answers[k].covered)
    expect(mismatches).toEqual([])
    const bruteMismatches = probes.filter((probe, k) => coversPoint(entry.geometry, probe[0], probe[1]) !== answers[k].covered)
    expect(bruteMismatches).toEqual([])
    expect(answers.some((answer) => answer.covered)).toBe(true)
  })
})
