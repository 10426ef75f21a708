/**
 * public.existing_incidents (supabase/migrations/20261206000400_intake_preview.sql), run
 * unchanged on PGlite and on native PostgreSQL 15: which rows of an import the database
 * already has, by external id or by content (same matter code, reported within 60 s, within
 * 5 m), before anything is written. Needs the seed's cases; cases the tests add are
 * written through intake_incidents in transactions that are rolled back.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine, type Query } from './engine.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id
const DISPATCHER = user('dispatcher')
const VIEWER = user('viewer')
const NO_PROFILE = '00000000-0000-4000-8000-0000000000ff'

interface Answer {
  index: number
  match: 'external_id' | 'content' | null
  id: number | null
  case_number: string | null
  external_id: string | null
  status: string | null
  reported_at: string | null
  distance_m: number | null
  seconds_apart: number | null
}

interface SeedCase {
  id: number
  external_id: string | null
  lon: number
  lat: number
  category_code: string
  reported_at: string
  case_number: string
  status: string
}

const EXISTING = `select public.existing_incidents($1::jsonb) as r`
const ask = async (as: Query, rows: unknown): Promise<Answer[]> =>
  (await as<{ r: Answer[] }>(EXISTING, [typeof rows === 'string' ? rows : JSON.stringify(rows)]))[0].r

/** Metres → degrees near the demo district (32.45° N), on PostGIS's sphere. */
const EARTH_RADIUS_M = 6_371_008.8
const eastBy = (metres: number, lat: number) => (metres / (EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180))) * (180 / Math.PI)
const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString()

export function defineIntakePreviewSuite(engine: () => Engine) {
  const seedCase = async (where: string) => {
    const [row] = await engine().query<SeedCase & { reported_at: Date | string }>(`
      select i.id::int as id, i.external_id, extensions.st_x(i.geom) as lon, extensions.st_y(i.geom) as lat, i.category_code,
             i.reported_at, private.case_number(i.id, i.reported_at) as case_number, i.status
      from public.incidents i where ${where}
        -- alone in its minute and category, so a content match can only be this case
        and not exists (select 1 from public.incidents o where o.id <> i.id and o.category_code = i.category_code
                        and o.reported_at between i.reported_at - interval '3 minutes' and i.reported_at + interval '3 minutes')
      order by i.id limit 1`)
    return { ...row, reported_at: new Date(row.reported_at).toISOString() } as SeedCase
  }
  const asDispatcher = <T>(work: (as: Query) => Promise<T>) => engine().asUser(DISPATCHER, work)

  it('is a stable, security-invoker read with a pinned search path, for signed-in accounts only', async () => {
    const [fn] = await engine().query<{ volatile: string; definer: boolean; config: string[]; anon: boolean; authenticated: boolean; public: boolean }>(`
      select p.provolatile as volatile, p.prosecdef as definer, p.proconfig as config,
             has_function_privilege('anon', p.oid, 'execute') as anon,
             has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
             exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public
      from pg_proc p where p.oid = 'public.existing_incidents(jsonb)'::regprocedure`)
    expect(fn).toEqual({ volatile: 's', definer: false, config: ['search_path=""'], anon: false, authenticated: true, public: false })
    expect((await failure(engine().asUser(null, (as) => ask(as, [])))).code).toBe('42501')
    const noProfile = await failure(engine().asUser(NO_PROFILE, (as) => ask(as, [])))
    expect(noProfile).toMatchObject({ code: '42501', message: '当前账号没有用户资料，不能读取案件' })
    // Checking a file is for every role (the viewer may check but not commit).
    expect(await engine().asUser(VIEWER, (as) => ask(as, []))).toEqual([])
  })

  it('finds a case by external id, and names it', async () => {
    const known = await seedCase(`i.external_id is not null`)
    const answers = await asDispatcher((as) => ask(as, [{ external_id: known.external_id }, { external_id: `${known.external_id}-不存在` }, {}]))
    expect(answers).toHaveLength(3)
    expect(answers[0]).toMatchObject({ index: 0, match: 'external_id', id: known.id, case_number: known.case_number, external_id: known.external_id, status: known.status })
    expect(Date.parse(answers[0].reported_at!)).toBe(Date.parse(known.reported_at))
    for (const [index, answer] of answers.slice(1).entries()) {
      expect(answer).toEqual({ index: index + 1, match: null, id: null, case_number: null, external_id: null, status: null, reported_at: null, distance_m: null, seconds_apart: null })
    }
  })

  it('finds a case by content: same matter code, within 60 s and 5 m — and not beyond', async () => {
    const patrol = await seedCase(`i.external_id is null`)
    const row = (metres: number, seconds: number, category = patrol.category_code) => ({
      external_id: `预览-${metres}-${seconds}-${category}`,
      lon: patrol.lon + eastBy(metres, patrol.lat),
      lat: patrol.lat,
      category_code: category,
      reported_at: later(patrol.reported_at, seconds),
    })
    const otherCategory = patrol.category_code === '06010' ? '06012' : '06010'
    const answers = await asDispatcher((as) =>
      ask(as, [row(0, 0), row(4.5, 59), row(4.5, -59), row(5.5, 0), row(0, 61), row(0, -61), row(0, 0, otherCategory)]),
    )
    expect(answers.map((answer) => answer.match)).toEqual(['content', 'content', 'content', null, null, null, null])
    expect(answers[0]).toMatchObject({ id: patrol.id, case_number: patrol.case_number, external_id: null, distance_m: 0, seconds_apart: 0 })
    expect(answers[1]).toMatchObject({ id: patrol.id, seconds_apart: 59 })
    expect(answers[1].distance_m).toBeCloseTo(4.5, 1)
    // The row's time as written with an offset, and without seconds (as Excel saves it), is the same instant.
    const local = new Date(Date.parse(patrol.reported_at) + 8 * 3_600_000).toISOString().slice(0, 16)
    const [minuteOnly] = await asDispatcher((as) => ask(as, [{ ...row(0, 0), reported_at: `${local}+08:00` }]))
    expect(minuteOnly).toMatchObject({ match: 'content', id: patrol.id })
  })

  it('prefers the external id, then the nearest case, then the closest in time, then the smallest id', async () => {
    const known = await seedCase(`i.external_id is not null`)
    const base = { lon: known.lon, lat: known.lat, category_code: known.category_code, reported_at: known.reported_at }
    await asDispatcher(async (as) => {
      // Its own id wins over content, even when the content matches another case better.
      const [byId] = await ask(as, [{ external_id: known.external_id, ...base }])
      expect(byId).toMatchObject({ match: 'external_id', id: known.id })

      // New cases near a point: 3 m away at the same second; 1 m away 50 s later; at that same
      // spot 20 s earlier, twice. Distance beats time, time breaks a tie, then the smaller id.
      const point = { lon: known.lon + eastBy(200, known.lat), lat: known.lat }
      const oneMetre = point.lon + eastBy(1, point.lat)
      const intake = [
        { external_id: 'PREVIEW-3m-now', lon: point.lon + eastBy(3, point.lat), lat: point.lat, reported_at: known.reported_at },
        { external_id: 'PREVIEW-1m-late', lon: oneMetre, lat: point.lat, reported_at: later(known.reported_at, 50) },
        { external_id: 'PREVIEW-1m-early', lon: oneMetre, lat: point.lat, reported_at: later(known.reported_at, -20) },
        { external_id: 'PREVIEW-1m-early-again', lon: oneMetre, lat: point.lat, reported_at: later(known.reported_at, -20) },
      ].map((row) => ({ ...row, category_code: known.category_code, source: 'patrol' }))
      const [{ r: written }] = await as<{ r: { ok: boolean; id: number }[] }>(`select public.intake_incidents($1::json) as r`, [JSON.stringify(intake)])
      expect(written.every((result) => result.ok)).toBe(true)
      const [nearest] = await ask(as, [{ external_id: 'PREVIEW-new', ...point, category_code: known.category_code, reported_at: known.reported_at }])
      expect(nearest).toMatchObject({ match: 'content', id: written[2].id, external_id: 'PREVIEW-1m-early', seconds_apart: 20 })
      expect(written[2].id).toBeLessThan(written[3].id)
      expect(nearest.distance_m).toBeCloseTo(1, 1)
      // What was just taken in is there by id.
      const again = await ask(as, intake.map(({ external_id }) => ({ external_id })))
      expect(again.map((answer) => [answer.match, answer.id])).toEqual(written.map((result) => ['external_id', result.id]))
    })
  })

  it('checks a row without location, category or time by external id only, and answers every row in order', async () => {
    const patrol = await seedCase(`i.external_id is null`)
    const full = { lon: patrol.lon, lat: patrol.lat, category_code: patrol.category_code, reported_at: patrol.reported_at }
    const rows = [
      { ...full, external_id: 'X-0' },
      { ...full, external_id: 'X-1', lon: null, lat: null },
      { ...full, external_id: 'X-2', category_code: null },
      { ...full, external_id: 'X-3', reported_at: null },
      { ...full, external_id: '' },
      { ...full, external_id: 'X-5', unknown_key: '忽略' },
    ]
    const answers = await asDispatcher((as) => ask(as, rows))
    expect(answers.map((answer) => [answer.index, answer.match])).toEqual([
      [0, 'content'],
      [1, null],
      [2, null],
      [3, null],
      [4, 'content'],
      [5, 'content'],
    ])
  })

  it('answers 1000 rows in one call, and refuses more', async () => {
    const rows = Array.from({ length: 1000 }, (_, index) => ({ external_id: `BULK-${index}`, lon: 119.9, lat: 32.45, category_code: '06010', reported_at: '2026-01-05T09:00:00+08:00' }))
    const answers = await asDispatcher((as) => ask(as, rows))
    expect(answers).toHaveLength(1000)
    expect(answers.map((answer) => answer.index)).toEqual(rows.map((_, index) => index))
    const tooMany = await failure(asDispatcher((as) => ask(as, [...rows, rows[0]])))
    expect(tooMany).toMatchObject({ code: 'UG009', message: 'rows: 每次最多核对 1000 行，收到 1001 行' })
  })

  it('refuses malformed input naming the row and the field', async () => {
    const refused = async (rows: unknown) => {
      const error = await failure(asDispatcher((as) => ask(as, rows)))
      return { code: error.code, column: error.column, message: error.message }
    }
    const ok = { external_id: 'OK', lon: 119.9, lat: 32.45, category_code: '06010', reported_at: '2026-01-05T09:00:00+08:00' }
    expect(await refused('{"rows": []}')).toEqual({ code: 'UG009', column: 'rows', message: 'rows: 应为 JSON 数组' })
    expect(await refused([ok, 5])).toEqual({ code: 'UG009', column: 'row', message: 'rows[1]: 每一行应为 JSON 对象' })
    expect(await refused([ok, { ...ok, external_id: 7 }])).toEqual({ code: 'UG009', column: 'external_id', message: 'rows[1].external_id: 应为文本' })
    expect(await refused([{ ...ok, category_code: ['06010'] }])).toMatchObject({ code: 'UG009', column: 'category_code' })
    expect(await refused([{ ...ok, lon: '119.9' }])).toEqual({ code: 'UG010', column: 'lon', message: 'rows[0].lon: 经纬度应为范围内的数字，收到 "119.9"' })
    expect(await refused([{ ...ok, lat: 91 }])).toMatchObject({ code: 'UG010', column: 'lat' })
    // A JSON number no double holds is refused, not an overflow error.
    expect(await refused(`[{"lon": 1e400, "lat": 32.45}]`)).toMatchObject({ code: 'UG010', column: 'lon' })
    for (const time of ['epoch', 'infinity', 'today', '2026-01-05 morning']) {
      expect(await refused([ok, { ...ok, reported_at: time }])).toEqual({ code: 'UG013', column: 'reported_at', message: `rows[1].reported_at: 无法识别的时间 "${time}"` })
    }
    // Well-formed but impossible, on a row that would otherwise be checked by id only.
    expect(await refused([ok, { external_id: 'Y', reported_at: '2026-02-30T10:00:00+08:00' }])).toEqual({
      code: 'UG013',
      column: 'reported_at',
      message: 'rows[1].reported_at: 无法识别的时间 "2026-02-30T10:00:00+08:00"',
    })
    expect(await refused([{ ...ok, reported_at: 20260105 }])).toMatchObject({ code: 'UG013', column: 'reported_at' })
  })

  it('writes nothing', async () => {
    const [before] = await engine().query<{ n: number }>(`select count(*)::int as n from public.incidents`)
    await asDispatcher(async (as) => {
      await ask(as, [{ external_id: 'NOTHING-WRITTEN', lon: 119.9, lat: 32.45, category_code: '06010', reported_at: '2026-01-05T09:00:00+08:00' }])
      const [inside] = await as<{ n: number }>(`select count(*)::int as n from public.incidents`)
      expect(inside.n).toBe(before.n)
    })
  })
}
