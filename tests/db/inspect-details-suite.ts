/**
 * The inspect panel's fetch-by-id reads (supabase/migrations/20261206000700_inspect_details.sql),
 * run unchanged on PGlite and native PostgreSQL 15, each figure checked against a query of the
 * test's own written another way (communities by id rather than by code prefix, and so on).
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine } from './engine.ts'

const VIEWER = DEMO_USERS.find((candidate) => candidate.role === 'viewer')!.id

type Detail = { id: number; properties: Record<string, unknown> } | null

export function defineInspectDetailsSuite(engine: () => Engine) {
  it('a 社区 and a 街道 come with their figures, counted as the raw rows say', async () => {
    const [community] = await engine().query<{ id: number; street_id: number; grids: number; incidents: number; open: number; segments: number; unassigned: number }>(`
      select c.id::int, c.street_id::int,
        (select count(*)::int from public.grids g where g.community_id = c.id and g.valid_to is null) as grids,
        (select count(*)::int from public.incidents i join public.grids g on g.id = i.grid_id where g.community_id = c.id
           and i.reported_at >= '2026-06-01T00:00:00+08:00' and i.reported_at < '2026-07-01T00:00:00+08:00') as incidents,
        (select count(*)::int from public.incidents i join public.grids g on g.id = i.grid_id where g.community_id = c.id
           and i.reported_at >= '2026-06-01T00:00:00+08:00' and i.reported_at < '2026-07-01T00:00:00+08:00'
           and i.closed_at is null and i.status <> 'rejected') as open,
        (select count(*)::int from public.street_segments x join public.grids g on g.id = x.grid_id where g.community_id = c.id) as segments,
        (select count(*)::int from public.street_segments x join public.grids g on g.id = x.grid_id where g.community_id = c.id
           and x.id not in (select a.segment_id from public.segment_assignments a where a.valid_to is null)) as unassigned
      from public.communities c order by c.id limit 1`)
    await engine().asUser(VIEWER, async (as) => {
      const detail = (await as<{ r: Detail }>(`select public.area_detail('community', $1, '2026-06-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00') as r`, [community.id]))[0].r!
      expect(detail.id).toBe(community.id)
      expect(detail.properties).toMatchObject({
        level: 'community',
        grid_count: community.grids,
        incident_count: community.incidents,
        open_count: community.open,
        segment_count: community.segments,
        unassigned_segment_count: community.unassigned,
      })
      expect(community.incidents).toBeGreaterThan(0)
      expect(Number(detail.properties.area_m2)).toBeGreaterThan(10_000)
      const street = (await as<{ r: Detail }>(`select public.area_detail('street', $1, null, null) as r`, [community.street_id]))[0].r!
      const [expected] = await as<{ communities: number; grids: number }>(`
        select (select count(*)::int from public.communities where street_id = $1) as communities,
               (select count(*)::int from public.grids g join public.communities c on c.id = g.community_id
                 where c.street_id = $1 and g.valid_to is null) as grids`, [community.street_id])
      expect(street.properties).toMatchObject({ level: 'street', community_count: expected.communities, grid_count: expected.grids })
      expect((await as<{ r: Detail }>(`select public.area_detail('community', -1, null, null) as r`))[0].r).toBeNull()
      expect((await failure(as(`select public.area_detail('grid', 1, null, null) as r`))).code).toBe('UG009')
    })
  })

  it('a facility says its grid, community and street, and the nearest named way within 300 m', async () => {
    const rows = await engine().query<{ id: number; grid_code: string; community: string }>(`
      select f.id::int, g.code as grid_code, c.name as community
      from public.facilities f
      join public.grids g on g.valid_to is null and extensions.st_intersects(g.geom, f.geom)
      join public.communities c on c.id = g.community_id
      order by f.id limit 5`)
    await engine().asUser(VIEWER, async (as) => {
      let named = 0
      for (const expected of rows) {
        const detail = (await as<{ r: Detail }>(`select public.facility_detail($1) as r`, [expected.id]))[0].r!
        expect(detail.properties.grid_code).toBe(expected.grid_code)
        expect(detail.properties.community_name).toBe(expected.community)
        expect(detail.properties.component_name).toBeTruthy()
        if (detail.properties.near_name) {
          named += 1
          expect(Number(detail.properties.near_m)).toBeLessThanOrEqual(300)
        }
      }
      expect(named).toBeGreaterThan(0)
    })
  })

  it('a segment says its grid by name and who cleans it on which shift', async () => {
    const [segment] = await engine().query<{ id: number; grid_name: string; shifts: number }>(`
      select x.id::int, g.name as grid_name,
        (select count(*)::int from public.segment_assignments a where a.segment_id = x.id and a.valid_to is null) as shifts
      from public.street_segments x join public.grids g on g.id = x.grid_id
      where exists (select 1 from public.segment_assignments a where a.segment_id = x.id and a.valid_to is null)
      order by x.id limit 1`)
    await engine().asUser(VIEWER, async (as) => {
      const detail = (await as<{ r: Detail }>(`select public.segment_detail($1) as r`, [segment.id]))[0].r!
      expect(detail.properties.grid_name).toBe(segment.grid_name)
      expect((detail.properties.shifts as unknown[]).length).toBe(segment.shifts)
      expect(detail.properties.assigned).toBe(true)
    })
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select public.segment_detail(1) as r`))).code).toBe('42501')
      expect((await failure(as(`select public.facility_detail(1) as r`))).code).toBe('42501')
      expect((await failure(as(`select public.area_detail('street', 1, null, null) as r`))).code).toBe('42501')
    })
  })
}
