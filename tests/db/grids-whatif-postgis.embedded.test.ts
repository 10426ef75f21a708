/**
 * The what-if placement against PostGIS (DESIGN §5), on the demo district: every segment's
 * midpoint equals ST_LineInterpolatePoint(geom, 0.5), and the per-grid counts of gridWhatIf —
 * cases, segment metres, facilities — equal the database rule of private.grid_at
 * (ST_Covers, order by code, limit 1) computed by PostGIS on the same grids.
 */
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import type { EditableGrid } from '../../src/domain/grids/editing/types.ts'
import { gridWhatIf, lineMidpoint } from '../../src/domain/grids/what-if.ts'

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 })

let db: PGlite
let demo: ReturnType<typeof generateDemoDistrict>
let grids: EditableGrid[]

beforeAll(async () => {
  demo = generateDemoDistrict()
  grids = demo.grids.map((grid) => ({
    code: grid.code,
    version: 1,
    communityCode: grid.code.slice(0, 12),
    name: grid.name,
    landUse: grid.landUse,
    managementLevel: grid.managementLevel,
    responsiblePerson: grid.responsiblePerson,
    responsibleBody: grid.responsibleBody,
    geometry: grid.geometry,
  }))
  db = new PGlite({ extensions: { postgis } })
  await db.exec('create schema extensions; create extension postgis schema extensions; set search_path = public, extensions')
  await db.exec('create table grids (code text, geom geometry); create table segments (id int, geom geometry); create table points (kind text, id int, geom geometry)')
  await db.query(`insert into grids select g->>'code', st_setsrid(st_geomfromgeojson(g->'geometry'), 4326) from json_array_elements($1::json) g`, [JSON.stringify(grids.map((grid) => ({ code: grid.code, geometry: grid.geometry })))])
  await db.query(`insert into segments select (s->>'id')::int, st_setsrid(st_geomfromgeojson(s->'geometry'), 4326) from json_array_elements($1::json) s`, [JSON.stringify(demo.segments.map((segment) => ({ id: segment.id, geometry: segment.geometry })))])
  const points = [
    ...demo.incidents.slice(0, 20_000).map((incident) => ({ kind: 'case', id: incident.id, lon: incident.lon, lat: incident.lat })),
    ...demo.facilities.map((facility) => ({ kind: facility.kind, id: facility.id, lon: facility.geometry.coordinates[0], lat: facility.geometry.coordinates[1] })),
  ]
  await db.query(`insert into points select p->>'kind', (p->>'id')::int, st_setsrid(st_makepoint((p->>'lon')::float8, (p->>'lat')::float8), 4326) from json_array_elements($1::json) p`, [JSON.stringify(points)])
  await db.exec('create index on grids using gist (geom)')
})

afterAll(async () => {
  await db?.close()
})

/** private.grid_at's rule, on these tables. */
const GRID_AT = (point: string) => `(select g.code from grids g where g.geom && ${point} and st_covers(g.geom, ${point}) order by g.code limit 1)`

describe('gridWhatIf agrees with PostGIS on the demo district', () => {
  it('segment midpoints are ST_LineInterpolatePoint(geom, 0.5)', async () => {
    const { rows } = await db.query<{ id: number; x: number; y: number }>('select id, st_x(m) as x, st_y(m) as y from (select id, st_lineinterpolatepoint(geom, 0.5) m from segments) s order by id')
    const byId = new Map(demo.segments.map((segment) => [segment.id, segment]))
    expect(rows).toHaveLength(demo.segments.length)
    let worst = 0
    for (const row of rows) {
      const [x, y] = lineMidpoint(byId.get(row.id)!.geometry.coordinates)!
      worst = Math.max(worst, Math.abs(x - row.x), Math.abs(y - row.y))
    }
    expect(worst).toBeLessThan(1e-12)
  })

  it('cases, segment metres and facilities per grid are those of private.grid_at', async () => {
    const lengths = new Map(demo.segments.map((segment) => [segment.id, segment.id * 1.5]))
    const result = gridWhatIf({
      before: grids,
      after: grids,
      incidents: demo.incidents.slice(0, 20_000).map((incident) => ({ id: incident.id, lon: incident.lon, lat: incident.lat })),
      segments: demo.segments.map((segment) => ({ id: segment.id, length_m: lengths.get(segment.id)!, coordinates: segment.geometry.coordinates })),
      facilities: demo.facilities.map((facility) => ({ id: facility.id, kind: facility.kind, lon: facility.geometry.coordinates[0], lat: facility.geometry.coordinates[1] })),
    })
    expect(result.cases_changing_grid).toBe(0)
    const points = await db.query<{ kind: string; code: string | null; n: number }>(`select kind, ${GRID_AT('p.geom')} as code, count(*)::int as n from points p group by 1, 2`)
    const cases = new Map<string, number>()
    const facilities = new Map<string, Record<string, number>>()
    let outside = 0
    for (const row of points.rows) {
      if (row.kind === 'case') {
        if (row.code === null) outside += row.n
        else cases.set(row.code, row.n)
      } else if (row.code !== null) {
        facilities.set(row.code, { ...facilities.get(row.code), [row.kind]: row.n })
      }
    }
    const segments = await db.query<{ id: number; code: string | null }>(`select id, ${GRID_AT('st_lineinterpolatepoint(s.geom, 0.5)')} as code from segments s`)
    const metres = new Map<string, number>()
    for (const row of segments.rows) if (row.code !== null) metres.set(row.code, (metres.get(row.code) ?? 0) + lengths.get(row.id)!)
    expect(result.totals.cases_outside_before).toBe(outside)
    for (const row of result.grids) {
      expect([row.code, row.cases_before]).toEqual([row.code, cases.get(row.code) ?? 0])
      expect([row.code, row.segment_m_before]).toEqual([row.code, metres.get(row.code) ?? 0])
      expect([row.code, row.facilities_before]).toEqual([row.code, facilities.get(row.code) ?? {}])
    }
    expect(result.totals.cases_before).toBeGreaterThan(19_000)
    expect(result.totals.segment_m_before).toBeGreaterThan(0)
  })
})
