/**
 * 视频监控点 (supabase/migrations/20261206000600_cameras.sql), run unchanged on PGlite and on
 * native PostgreSQL 15: the layer read, the fetch by id with the video cases within 100 m
 * (checked against a computation of its own from the raw rows, without the index prefilter),
 * search by name and by device code, and access (office only; no direct writes).
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine } from './engine.ts'

const VIEWER = DEMO_USERS.find((candidate) => candidate.role === 'viewer')!.id

interface Collection {
  features: { id: number; geometry: { type: string; coordinates: [number, number] }; properties: { code: string; name: string; direction: number; watches: string } }[]
  truncated: boolean
}

interface Detail {
  id: number
  properties: { code: string; grid_code: string | null; video_case_count: number; video_cases: { id: number; case_number: string; distance_m: number; reported_at: string }[] }
}

export function defineCamerasSuite(engine: () => Engine) {
  it('draws the demo district’s ~300 cameras, each with a 20-digit GB/T 28181 code, and filters by bbox', async () => {
    await engine().asUser(VIEWER, async (as) => {
      const all = (await as<{ r: Collection }>(`select public.layer_cameras(null, 2000) as r`))[0].r
      expect(all.features.length).toBeGreaterThanOrEqual(250)
      expect(all.features.length).toBeLessThanOrEqual(350)
      expect(all.truncated).toBe(false)
      for (const feature of all.features) {
        expect(feature.properties.code).toMatch(/^\d{20}$/)
        expect(feature.geometry.type).toBe('Point')
        expect(['junction', 'market', 'site', 'street']).toContain(feature.properties.watches)
      }
      expect(new Set(all.features.map((feature) => feature.properties.name)).size).toBe(all.features.length)
      const [lon, lat] = all.features[0].geometry.coordinates
      const box = [lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001]
      const near = (await as<{ r: Collection }>(`select public.layer_cameras($1::double precision[], 2000) as r`, [box]))[0].r
      expect(near.features.map((feature) => feature.id)).toContain(all.features[0].id)
      expect(near.features.length).toBeLessThan(all.features.length)
    })
  })

  it('a camera by id counts exactly the video cases within 100 m in the period, newest first', async () => {
    // An independent count: every video case's geodesic distance to every camera, no index prefilter.
    const expected = await engine().query<{ id: number; n: number }>(`
      select c.id::int as id, count(i.id)::int as n
      from public.cameras c
      left join public.incidents i on i.source = 'video'
        and extensions.st_distance(i.geom::extensions.geography, c.geom::extensions.geography) <= 100
      group by c.id order by n desc, c.id limit 3`)
    expect(expected[0].n).toBeGreaterThan(0)
    await engine().asUser(VIEWER, async (as) => {
      for (const { id, n } of expected) {
        const detail = (await as<{ r: Detail }>(`select public.camera_detail($1, null, null) as r`, [id]))[0].r
        expect(detail.id).toBe(id)
        expect(detail.properties.video_case_count).toBe(n)
        expect(detail.properties.video_cases.length).toBe(Math.min(n, 50))
        expect(detail.properties.grid_code).toMatch(/^\d{15}$/)
        const times = detail.properties.video_cases.map((row) => Date.parse(row.reported_at))
        expect([...times].sort((a, b) => b - a)).toEqual(times)
        for (const row of detail.properties.video_cases) expect(row.distance_m).toBeLessThanOrEqual(100)
      }
      // The period bounds it: from the newest listed case on, only that case and later ones.
      const { id } = expected[0]
      const whole = (await as<{ r: Detail }>(`select public.camera_detail($1, null, null) as r`, [id]))[0].r
      const newest = whole.properties.video_cases[0]
      const later = (await as<{ r: Detail }>(`select public.camera_detail($1, $2::timestamptz, null) as r`, [id, newest.reported_at]))[0].r
      expect(later.properties.video_cases.map((row) => row.id)).toContain(newest.id)
      expect(later.properties.video_case_count).toBeLessThan(whole.properties.video_case_count + 1)
      const before = (await as<{ r: Detail }>(`select public.camera_detail($1, null, $2::timestamptz) as r`, [id, newest.reported_at]))[0].r
      expect(before.properties.video_case_count + later.properties.video_case_count).toBe(whole.properties.video_case_count)
      // No such camera: null, not an error.
      expect((await as<{ r: Detail | null }>(`select public.camera_detail(-1, null, null) as r`))[0].r).toBeNull()
    })
  })

  it('search finds a camera by its name and by the start of its device code', async () => {
    await engine().asUser(VIEWER, async (as) => {
      const camera = (await as<{ r: Collection }>(`select public.layer_cameras(null, 1) as r`))[0].r.features[0]
      const byName = (await as<{ r: { layer: string; id: number }[] }>(`select public.search_features($1, 20) as r`, [camera.properties.name]))[0].r
      expect(byName).toContainEqual(expect.objectContaining({ layer: 'camera', id: camera.id }))
      const byCode = (await as<{ r: { layer: string; id: number; code: string }[] }>(`select public.search_features($1, 20) as r`, [camera.properties.code]))[0].r
      expect(byCode[0]).toMatchObject({ layer: 'camera', id: camera.id, code: camera.properties.code })
    })
  })

  it('is the office’s only: anon may not read it, and nobody writes the table directly', async () => {
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select public.layer_cameras(null, 10) as r`))).code).toBe('42501')
      expect((await failure(as(`select public.camera_detail(1, null, null) as r`))).code).toBe('42501')
    })
    await engine().asUser(VIEWER, async (as) => {
      expect((await failure(as(`update public.cameras set name = 'x' where id = 1`))).code).toBe('42501')
    })
  })
}
