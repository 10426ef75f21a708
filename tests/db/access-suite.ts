/**
 * Integrity and access (issue 12), run unchanged on PGlite and on native PostgreSQL 15:
 * every direct write as every role is refused, every API write succeeds for the roles it
 * serves, reads are for the office only, history is append-only, cases enter only through
 * intake, one overdue rule, one cleaner per segment and shift at a time.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine, type Query } from './engine.ts'

type DemoRole = (typeof DEMO_USERS)[number]['role']
const user = (role: DemoRole) => DEMO_USERS.find((candidate) => candidate.role === role)!.id
/** signed in (a valid token), but nobody gave the account a profile */
const NO_PROFILE = '00000000-0000-4000-8000-0000000000ff'

const CALLERS: { label: string; id: string | null }[] = [
  { label: 'anon', id: null },
  { label: 'no profile', id: NO_PROFILE },
  ...DEMO_USERS.map((demo) => ({ label: demo.role, id: demo.id })),
]

export function defineAccessSuite(engine: () => Engine) {
  const query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => engine().query<T>(sql, params)
  const one = async <T = Record<string, unknown>>(sql: string, params?: unknown[]) => (await query<T>(sql, params))[0]
  const insidePoint = () =>
    one<{ lon: number; lat: number }>(`
      select extensions.st_x(label_point) as lon, extensions.st_y(label_point) as lat
      from public.grids where valid_to is null order by code limit 1`)

  it('refuses every direct write to every table, as every role (role × table × operation)', async () => {
    const tables = await query<{ name: string; column: string }>(`
      select t.tablename as name,
             (select a.attname from pg_attribute a where a.attrelid = ('public.' || quote_ident(t.tablename))::regclass
              and a.attnum > 0 and not a.attisdropped and a.attidentity = '' and a.attgenerated = ''
              order by a.attnum limit 1) as column
      from pg_tables t where t.schemaname = 'public' order by t.tablename`)
    expect(tables.length).toBeGreaterThanOrEqual(24)
    const allowed: string[] = []
    for (const caller of CALLERS) {
      await engine().asUser(caller.id, async (as) => {
        for (const table of tables) {
          for (const statement of [
            `insert into public.${table.name} default values`,
            `update public.${table.name} set ${table.column} = ${table.column}`,
            `delete from public.${table.name}`,
            `truncate public.${table.name}`,
          ]) {
            try {
              await as(statement)
              allowed.push(`${caller.label}: ${statement}`)
            } catch (error) {
              const code = (error as { code?: string }).code
              if (code !== '42501') allowed.push(`${caller.label}: ${statement} → ${code} (not a privilege refusal)`)
            }
          }
        }
      })
    }
    expect(allowed).toEqual([])
  })

  it('lets each API write through for the roles it serves, and refuses it with 42501 to the others', async () => {
    const point = await insidePoint()
    const code = (await one<{ code: string }>(`select code from public.grids where valid_to is null order by code desc limit 1`)).code
    const intake = JSON.stringify([{ lon: point.lon, lat: point.lat, category_code: '06010', source: 'patrol', description: '权限矩阵' }])
    const edit = JSON.stringify([{ code, responsible_person: '权限矩阵', base_version: 1 }])
    const outcomes: Record<string, { intake: string; edit: string }> = {}
    for (const caller of CALLERS) {
      const outcome = { intake: '', edit: '' }
      await engine().asUser(caller.id, async (as) => {
        outcome.intake = await as<{ r: { ok: boolean }[] }>(`select public.intake_incidents($1::json) as r`, [intake]).then(
          ([row]) => (row.r[0].ok ? 'ok' : 'row refused'),
          (error: { code: string }) => error.code,
        )
        outcome.edit = await as<{ r: { version: number }[] }>(`select public.edit_grids($1::jsonb) as r`, [edit]).then(
          ([row]) => (row.r[0].version === 2 ? 'ok' : 'wrong version'),
          (error: { code: string }) => error.code,
        )
      })
      outcomes[caller.label] = outcome
    }
    expect(outcomes).toEqual({
      anon: { intake: '42501', edit: '42501' },
      'no profile': { intake: '42501', edit: '42501' },
      admin: { intake: 'ok', edit: 'ok' },
      planner: { intake: '42501', edit: 'ok' },
      manager: { intake: '42501', edit: '42501' },
      dispatcher: { intake: 'ok', edit: '42501' },
      staff: { intake: '42501', edit: '42501' },
      viewer: { intake: '42501', edit: '42501' },
    })
  })

  it('shows a signed-in account without a profile nothing, through tables and through the API', async () => {
    await engine().asUser(NO_PROFILE, async (as) => {
      const tables = await as<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`)
      for (const table of tables) {
        const [row] = await as<{ n: number }>(`select count(*)::int as n from public.${table.name}`)
        expect(row.n, table.name).toBe(0)
      }
      const [api] = await as<{ grids: { features: unknown[] }; cases: { total: number }; summary: { incidents: number; grids: number }; profile: unknown }>(`
        select public.layer_grids('grid', null, 10) as grids, public.list_cases() as cases,
               public.district_summary() as summary, public.current_profile() as profile`)
      expect(api.grids.features).toEqual([])
      expect(api.cases.total).toBe(0)
      expect([api.summary.incidents, api.summary.grids]).toEqual([0, 0])
      expect(api.profile).toBeNull()
    })
  })

  it('keeps the audit trail for admins and a profile for its owner (and admins)', async () => {
    const point = await insidePoint()
    await engine().asUser(user('dispatcher'), async (as) => {
      await as(`select public.intake_incidents($1::json)`, [JSON.stringify([{ lon: point.lon, lat: point.lat, category_code: '06010', source: 'patrol' }])])
      expect((await as<{ n: number }>(`select count(*)::int as n from public.audit_log`))[0].n).toBe(0)
      expect(await as<{ user_id: string }>(`select user_id from public.profiles`)).toEqual([{ user_id: user('dispatcher') }])
    })
    await engine().asUser(user('admin'), async (as) => {
      const [intake] = await as<{ r: { id: number }[] }>(`select public.intake_incidents($1::json) as r`, [
        JSON.stringify([{ lon: point.lon, lat: point.lat, category_code: '06010', source: 'patrol' }]),
      ])
      const audit = await as<{ action: string; actor_role: string }>(
        `select action, actor_role from public.audit_log where table_name = 'incidents' and row_id = $1`,
        [String(intake.r[0].id)],
      )
      expect(audit).toEqual([{ action: 'insert', actor_role: 'admin' }])
      expect((await as<{ n: number }>(`select count(*)::int as n from public.profiles`))[0].n).toBe(DEMO_USERS.length)
    })
    await engine().asUser(user('viewer'), async (as) => {
      expect((await as<{ n: number }>(`select count(*)::int as n from public.audit_log`))[0].n).toBe(0)
      expect((await as<{ n: number }>(`select count(*)::int as n from public.profiles`))[0].n).toBe(1)
    })
  })

  it('audits every write but the bulk loader\'s, and no session setting switches the trail off', async () => {
    const point = await insidePoint()
    const row = JSON.stringify([{ lon: point.lon, lat: point.lat, category_code: '06010', source: 'patrol', description: '审计开关' }])
    await engine().asOwner(async (as) => {
      await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user('dispatcher'), role: 'authenticated' })])
      await as(`select set_config('urbangrid.bulk_load', 'on', true)`)
      await as(`set local role authenticated`)
      const [intake] = await as<{ r: { id: number }[] }>(`select public.intake_incidents($1::json) as r`, [row])
      await as(`reset role`)
      const audited = await as<{ n: number }>(`select count(*)::int as n from public.audit_log where table_name = 'incidents' and row_id = $1`, [
        String(intake.r[0].id),
      ])
      expect(audited[0].n).toBe(1)
      // the loader: the seed's role, which only the database owner can take
      await as(`set local role urbangrid_loader`)
      const [loaded] = await as<{ id: number }>(
        `insert into public.incidents (geom, category_code, source, status, accepted_at, registered_at)
         values (extensions.st_setsrid(extensions.st_makepoint($1, $2), 4326), '06010', 'patrol', 'registered', now(), now()) returning id`,
        [point.lon, point.lat],
      )
      await as(`reset role`)
      const loaderAudit = await as<{ n: number }>(`select count(*)::int as n from public.audit_log where table_name = 'incidents' and row_id = $1`, [
        String(loaded.id),
      ])
      expect(loaderAudit[0].n).toBe(0)
    })
  })

  it('keeps case history and the audit trail append-only, and cases undeletable, for the owner too', async () => {
    await engine().asOwner(async (as) => {
      await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user('dispatcher'), role: 'authenticated' })])
      await as(`set local role authenticated`)
      const [{ id }] = await as<{ id: number }>(`select id::int from public.incidents where status = 'reported' order by id limit 1`)
      await as(`select public.transition_case($1::bigint, 'accept')`, [id])
      await as(`reset role`)
      for (const [statement, code] of [
        [`update public.case_history set note = 'x' where incident_id = ${id}`, 'UG110'],
        [`delete from public.case_history where incident_id = ${id}`, 'UG110'],
        [`truncate public.case_history`, 'UG110'],
        [`update public.audit_log set actor_role = 'x'`, 'UG110'],
        [`delete from public.audit_log`, 'UG110'],
        [`truncate public.audit_log`, 'UG110'],
        [`delete from public.incidents where id = ${id}`, 'UG214'],
        [`truncate public.incidents cascade`, 'UG214'],
      ] as const) {
        const error = await failure(as(statement))
        expect([error.code, error.message.length > 5], statement).toEqual([code, true])
      }
      const [history] = await as<{ n: number }>(`select count(*)::int as n from public.case_history where incident_id = $1`, [id])
      expect(history.n).toBeGreaterThanOrEqual(2)
    })
  })

  it('lets a case enter only in its first status, and refuses a category or location change after dispatch', async () => {
    const point = await insidePoint()
    await engine().asOwner(async (as) => {
      const closed = await failure(
        as(`insert into public.incidents (geom, category_code, source, status, closed_at, closure_type)
            values (extensions.st_setsrid(extensions.st_makepoint($1, $2), 4326), '06010', 'patrol', 'closed', now(), 'normal')`, [
          point.lon,
          point.lat,
        ]),
      )
      expect([closed.code, closed.column]).toEqual(['UG212', 'status'])
      expect(closed.message).toContain('已上报')
      const [dispatched] = await as<{ id: number; department_id: number }>(
        `select id::int, department_id::int from public.incidents where status = 'dispatched' order by id limit 1`,
      )
      const category = await failure(as(`update public.incidents set category_code = '09006' where id = $1`, [dispatched.id]))
      expect([category.code, category.column]).toEqual(['UG213', 'category_code'])
      expect(category.message).toContain('改派')
      const moved = await failure(
        as(`update public.incidents set geom = extensions.st_setsrid(extensions.st_makepoint($2, $3), 4326) where id = $1`, [
          dispatched.id,
          point.lon,
          point.lat,
        ]),
      )
      expect([moved.code, moved.column]).toEqual(['UG213', 'geometry'])
    })
  })

  it('uses one overdue rule: the map layer and the case list agree on every demo case', async () => {
    const months = await query<{ from: string; to: string }>(`
      select to_char(m, 'YYYY-MM-DD"T"00:00:00+08:00') as from, to_char(m + interval '1 month', 'YYYY-MM-DD"T"00:00:00+08:00') as to
      from generate_series('2025-10-01'::date, '2026-12-01'::date, interval '1 month') m`)
    let total = 0
    let overdueTotal = 0
    await engine().asUser(user('viewer'), async (as: Query) => {
      for (const month of months) {
        const [row] = await as<{ layer: number; layer_overdue: number; list: number; list_overdue: number; rows_agree: boolean }>(
          `with layer as (
             select (f -> 'properties' ->> 'id')::bigint as id, (f -> 'properties' ->> 'overdue')::boolean as overdue
             from jsonb_array_elements(public.layer_incidents(null, $1::timestamptz, $2::timestamptz, null, null, 20000) -> 'features') f),
           page as (
             select (r ->> 'id')::bigint as id, (r ->> 'overdue')::boolean as overdue
             from jsonb_array_elements(public.list_cases(p_from => $1::timestamptz, p_to => $2::timestamptz, p_limit => 1000) -> 'rows') r)
           select (select count(*)::int from layer) as layer,
                  (select count(*)::int from layer where overdue) as layer_overdue,
                  (public.list_cases(p_from => $1::timestamptz, p_to => $2::timestamptz, p_limit => 1) ->> 'total')::int as list,
                  (public.list_cases(p_overdue => true, p_from => $1::timestamptz, p_to => $2::timestamptz, p_limit => 1) ->> 'total')::int as list_overdue,
                  not exists (select 1 from page p join layer l on l.id = p.id where p.overdue <> l.overdue) as rows_agree`,
          [month.from, month.to],
        )
        expect(row.layer, month.from).toBeLessThan(20000)
        expect([row.layer, row.layer_overdue, row.rows_agree], month.from).toEqual([row.list, row.list_overdue, true])
        total += row.layer
        overdueTotal += row.layer_overdue
      }
      // rejected cases past their deadline are where the two rules used to differ
      const [rejectedLate] = await as<{ n: number }>(
        `select count(*)::int as n from public.incidents where status = 'rejected' and deadline_at < now()`,
      )
      expect(rejectedLate.n).toBeGreaterThan(0)
    })
    // every case, including any a committed test on this database added
    expect(total).toBe((await one<{ n: number }>(`select count(*)::int as n from public.incidents`)).n)
    expect(total).toBeGreaterThanOrEqual(100_000)
    expect(overdueTotal).toBeGreaterThan(0)
  })

  it('assigns one cleaner per segment and shift at a time (an exclusion constraint, on every engine)', async () => {
    const [assigned] = await query<{ segment_id: number; shift: string; cleaner_id: number; other: number }>(`
      select a.segment_id::int, a.shift, a.cleaner_id::int,
             (select c.id::int from public.cleaners c where c.id <> a.cleaner_id order by c.id limit 1) as other
      from public.segment_assignments a where a.valid_to is null order by a.id limit 1`)
    await engine().asOwner(async (as) => {
      const overlap = await failure(
        as(`insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from) values ($1, $2, $3, '2026-12-01')`, [
          assigned.other,
          assigned.segment_id,
          assigned.shift,
        ]),
      )
      expect(overlap.code).toBe('23P01')
      // another shift, or a period after the current one ends, is fine
      const otherShift = assigned.shift === 'late' ? 'early' : 'late'
      await as(`delete from public.segment_assignments where segment_id = $1 and shift = $2`, [assigned.segment_id, otherShift])
      await as(`insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from) values ($1, $2, $3, '2026-12-01')`, [
        assigned.other,
        assigned.segment_id,
        otherShift,
      ])
      await as(`update public.segment_assignments set valid_to = '2026-11-30' where segment_id = $1 and shift = $2 and valid_to is null`, [
        assigned.segment_id,
        assigned.shift,
      ])
      await as(`insert into public.segment_assignments (cleaner_id, segment_id, shift, valid_from) values ($1, $2, $3, '2026-12-01')`, [
        assigned.other,
        assigned.segment_id,
        assigned.shift,
      ])
    })
  })
}
