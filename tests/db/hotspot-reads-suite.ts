/**
 * The 热点分析 read (supabase/migrations/20261206001200_hotspot_reads.sql), unchanged on PGlite
 * and native PostgreSQL 15: every case of the period as columns, in reported order, each
 * with its grid of today, checked against counts of its own from the raw rows; the filters;
 * refusals of a period it cannot serve; access.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine } from './engine.ts'

const VIEWER = DEMO_USERS.find((candidate) => candidate.role === 'viewer')!.id

interface Columns {
  id: number[]
  lon_e6: number[]
  lat_e6: number[]
  t: number[]
  category: string[]
  source: string[]
  grid: (string | null)[]
  segment: (number | null)[]
  h3: (string | null)[] | null
}

/**
 * The end of the tested windows: the middle demo case's time, so the cases other suites add
 * at "now" (a few, after the demo year) never leave a window without demo cases.
 */
const MIDDLE_CASE_TIME = `select (percentile_disc(0.5) within group (order by reported_at))::text as to from public.incidents`

export function defineHotspotReadsSuite(engine: () => Engine) {
  it('returns every case of the period as columns in reported order, with its grid of today', async () => {
    const [{ to }] = await engine().query<{ to: string }>(MIDDLE_CASE_TIME)
    const expected = await engine().query<{ n: number; by_grid: number }>(
      `select count(*)::int as n, count(distinct coalesce(c.grid_id, i.grid_id))::int as by_grid
       from public.incidents i left join public.incident_current_grids c on c.incident_id = i.id
       where i.reported_at >= $1::timestamptz - interval '30 days' and i.reported_at < $1::timestamptz`,
      [to],
    )
    await engine().asUser(VIEWER, async (as) => {
      const r = (await as<{ r: Columns }>(`select public.hotspot_cases($1::timestamptz - interval '30 days', $1::timestamptz, null, null) as r`, [to]))[0].r
      expect(r.id.length).toBe(expected[0].n)
      expect(r.id.length).toBeGreaterThan(1000)
      for (const column of ['lon_e6', 'lat_e6', 't', 'category', 'source', 'grid', 'segment'] as const) expect(r[column].length).toBe(r.id.length)
      for (let k = 1; k < r.t.length; k++) expect(r.t[k]).toBeGreaterThanOrEqual(r.t[k - 1])
      expect(new Set(r.grid).size).toBe(expected[0].by_grid)
      // One case checked field by field against its row.
      const probe = r.id[Math.floor(r.id.length / 2)]
      const k = r.id.indexOf(probe)
      const [row] = await as<{ lon: number; lat: number; t: number; category_code: string; source: string; code: string }>(
        `select extensions.st_x(i.geom) as lon, extensions.st_y(i.geom) as lat, floor(extract(epoch from i.reported_at))::int as t,
                i.category_code, i.source, g.code
         from public.incidents i left join public.incident_current_grids c on c.incident_id = i.id
         join public.grids g on g.id = coalesce(c.grid_id, i.grid_id) where i.id = $1`,
        [probe],
      )
      expect(r.lon_e6[k]).toBe(Math.round(row.lon * 1e6))
      expect(r.lat_e6[k]).toBe(Math.round(row.lat * 1e6))
      expect(r.t[k]).toBe(row.t)
      expect(r.category[k]).toBe(row.category_code)
      expect(r.source[k]).toBe(row.source)
      expect(r.grid[k]).toBe(row.code)
    })
  })

  it('filters by 大类 or 小类 and by source, as the other period reads do', async () => {
    const [{ to }] = await engine().query<{ to: string }>(MIDDLE_CASE_TIME)
    const [expected] = await engine().query<{ n: number }>(
      `select count(*)::int as n from public.incidents
       where reported_at >= $1::timestamptz - interval '90 days' and reported_at < $1::timestamptz
         and left(category_code, 2) = '01' and source in ('hotline_12319', 'video')`,
      [to],
    )
    await engine().asUser(VIEWER, async (as) => {
      const r = (await as<{ r: Columns }>(`select public.hotspot_cases($1::timestamptz - interval '90 days', $1::timestamptz, array['01'], array['hotline_12319', 'video']) as r`, [to]))[0].r
      expect(r.id.length).toBe(expected.n)
      expect(r.id.length).toBeGreaterThan(0)
      expect(r.category.every((code) => code.startsWith('01'))).toBe(true)
      expect(new Set(r.source)).toEqual(new Set(['hotline_12319', 'video']))
      const one = r.category[0]
      const narrow = (await as<{ r: Columns }>(`select public.hotspot_cases($1::timestamptz - interval '90 days', $1::timestamptz, array[$2], null) as r`, [to, one]))[0].r
      expect(narrow.category.every((code) => code === one)).toBe(true)
    })
  })

  it('returns each case’s H3 cell as h3-js writes it only when asked', async () => {
    const [{ to }] = await engine().query<{ to: string }>(MIDDLE_CASE_TIME)
    await engine().asUser(VIEWER, async (as) => {
      const plain = (await as<{ r: Columns }>(`select public.hotspot_cases($1::timestamptz - interval '7 days', $1::timestamptz, null, null) as r`, [to]))[0].r
      expect(plain.h3).toBeNull()
      const r = (await as<{ r: Columns }>(`select public.hotspot_cases($1::timestamptz - interval '7 days', $1::timestamptz, null, null, true) as r`, [to]))[0].r
      expect(r.h3).toHaveLength(r.id.length)
      expect(r.h3!.every((cell) => cell !== null && /^89[0-9a-f]{13}$/.test(cell))).toBe(true)
      const probe = r.id[0]
      const [row] = await as<{ cell: string }>(`select to_hex(h3_r9) as cell from public.incidents where id = $1`, [probe])
      expect(r.h3![0]).toBe(row.cell)
    })
  })

  it('answers an empty period with empty columns and refuses a period it cannot serve, naming it', async () => {
    await engine().asUser(VIEWER, async (as) => {
      const empty = (await as<{ r: Columns }>(`select public.hotspot_cases('1990-01-01', '1990-02-01', null, null) as r`))[0].r
      expect(empty.id).toEqual([])
      expect(empty.grid).toEqual([])
      const backwards = await failure(as(`select public.hotspot_cases('2026-02-01', '2026-01-01', null, null) as r`))
      expect(backwards.code).toBe('UG009')
      expect(backwards.message).toContain('结束时间应晚于开始时间')
      const tooLong = await failure(as(`select public.hotspot_cases('2020-01-01', '2026-01-01', null, null) as r`))
      expect(tooLong.code).toBe('UG009')
      expect(tooLong.message).toContain('时段最长两年')
      expect((await failure(as(`select public.hotspot_cases(null, '2026-01-01', null, null) as r`))).code).toBe('UG009')
    })
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select public.hotspot_cases('2026-01-01', '2026-02-01', null, null) as r`))).code).toBe('42501')
    })
  })
}
