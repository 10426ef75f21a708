/**
 * The case workflow's assertions (transition_case, list_cases, case_detail, case_history),
 * run unchanged on PGlite and on native PostgreSQL 15. Every write happens inside
 * engine.asUser, which rolls back, so the shared seeded database stays as it was.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import {
  CASE_SOURCES,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  WORKFLOW_ROLES,
  allowedActions,
  transitionAvailability,
  type CaseAction,
  type CaseSource,
  type CaseStatus,
  type WorkflowRole,
} from '../../src/domain/cases/index.ts'
import { RPC } from '../../src/data/rpc.ts'
import { caseDetailSchema, caseListSchema } from '../../src/data/schemas.ts'
import { failure, raceAfterCommit, type Engine, type Query } from './engine.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

interface TimelineEntry {
  id: number | null
  action: string
  from_status: string | null
  to_status: string
  at: string | null
  actor_id: string | null
  actor_role: string | null
  actor_name: string | null
  note: string
  details: Record<string, unknown>
  derived: boolean
}

interface Detail {
  id: number
  status: CaseStatus
  source: CaseSource
  department: { id: number; name: string } | null
  deadline_at: string | null
  overdue: boolean
  closure_type: string | null
  rework_count: number
  allowed_actions: CaseAction[]
  timeline: TimelineEntry[]
  grid: { code: string; community_name: string; street_name: string } | null
  segment: { id: number; back_street_name: string; distance_m: number } | null
  [key: string]: unknown
}

interface CaseRow {
  id: number
  status: string
  reported_at: string
  overdue: boolean
  grid_code: string | null
  department_id: number | null
  category_code: string
  source: string
  [key: string]: unknown
}

/** Switches the acting user inside the running transaction (the role stays `authenticated`). */
async function actAs(as: Query, role: (typeof DEMO_USERS)[number]['role']) {
  await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user(role), role: 'authenticated' })])
}

async function step(as: Query, id: number, action: CaseAction, payload: object = {}, expected: string | null = null): Promise<Detail> {
  const [row] = await as<{ detail: Detail }>(`select public.transition_case($1::bigint, $2, $3, $4::jsonb) as detail`, [
    id,
    action,
    expected,
    JSON.stringify(payload),
  ])
  // what the Repository would parse: a shape change fails here first
  caseDetailSchema.parse(row.detail)
  return row.detail
}

async function detail(as: Query, id: number): Promise<Detail> {
  const value = (await as<{ detail: Detail }>(`select public.case_detail($1::bigint) as detail`, [id]))[0].detail
  caseDetailSchema.parse(value)
  return value
}

/** A new case taken in by the dispatcher, at a point inside a grid. */
async function newCase(as: Query, source: CaseSource, options: { categoryCode?: string; reportedAt?: string } = {}): Promise<number> {
  const [point] = await as<{ lon: number; lat: number }>(`
    select extensions.st_x(label_point) as lon, extensions.st_y(label_point) as lat
    from public.grids where valid_to is null order by code limit 1 offset 17`)
  const [result] = await as<{ r: { ok: boolean; id: number; message?: string }[] }>(`select public.intake_incidents($1::json) as r`, [
    JSON.stringify([
      {
        lon: point.lon,
        lat: point.lat,
        category_code: options.categoryCode ?? '06010',
        source,
        description: '流程测试案件',
        ...(options.reportedAt ? { reported_at: options.reportedAt } : {}),
      },
    ]),
  ])
  expect(result.r[0].ok, result.r[0].message).toBe(true)
  return result.r[0].id
}

async function snapshotOf(as: Query, id: number) {
  const [row] = await as<{ state: string; history: number }>(
    `select (select to_jsonb(i) - 'updated_at' - 'geom' from public.incidents i where i.id = $1)::text as state,
            (select count(*)::int from public.case_history h where h.incident_id = $1) as history`,
    [id],
  )
  return row
}

/** The SQL types of list_cases' filters, as the Repository sends them. */
const FILTER_TYPES: Record<string, string> = RPC.listCases.args

export function defineWorkflowSuite(engine: () => Engine) {
  const query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => engine().query<T>(sql, params)

  it('has the same transition table in SQL and in TypeScript, for every status × source × role', async () => {
    const rows = await query<{ action: string; from_status: string; to_status: string; sources: string[] | null; roles: string[] }>(
      `select * from private.case_transitions()`,
    )
    const normalise = (list: { action: string; from: string; to: string; sources: readonly string[] | null; roles: readonly string[] }[]) =>
      list
        .map((row) => JSON.stringify([row.action, row.from, row.to, row.sources ? [...row.sources].sort() : null, [...row.roles].sort()]))
        .sort()
    expect(normalise(rows.map((row) => ({ ...row, from: row.from_status, to: row.to_status })))).toEqual(normalise([...CASE_TRANSITIONS]))
    const combinations = await query<{ status: CaseStatus; source: CaseSource; role: WorkflowRole; actions: CaseAction[] }>(
      `select s as status, src as source, r as role, private.case_allowed_actions(s, src, r) as actions
       from unnest($1::text[]) s, unnest($2::text[]) src, unnest($3::text[]) r`,
      [CASE_STATUSES, CASE_SOURCES, WORKFLOW_ROLES],
    )
    expect(combinations).toHaveLength(CASE_STATUSES.length * CASE_SOURCES.length * WORKFLOW_ROLES.length)
    for (const row of combinations) {
      expect(row.actions, `${row.status} ${row.source} ${row.role}`).toEqual(allowedActions(row.status, row.source, row.role))
    }
  })

  it('takes a patrol case from 上报 to 结案, stamping times, actors, history and the deadline', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await newCase(as, 'patrol')
      let state = await detail(as, id)
      expect(state.status).toBe('reported')
      expect(state.allowed_actions).toEqual(['accept', 'reject'])
      expect(state.timeline.map((entry) => entry.action)).toEqual(['report'])

      state = await step(as, id, 'accept', {}, 'reported')
      expect(state.status).toBe('accepted')
      // patrol cases skip 核实
      expect(state.allowed_actions).toEqual(['register', 'reject'])
      state = await step(as, id, 'register')
      expect(state.status).toBe('registered')
      state = await step(as, id, 'dispatch', { note: '请尽快处理' })
      expect(state.status).toBe('dispatched')
      // routed: 06010 暴露垃圾 → 区环境卫生管理处 (id 2)
      expect(state.department?.id).toBe(2)
      const [clock] = await as<{ expected: string; deadline_at: string }>(
        `select (select private.add_work_time(i.dispatched_at, t.amount, t.unit)
                 from private.time_limit_for(i.category_code, g.management_level) t)::text as expected,
                i.deadline_at::text as deadline_at
         from public.incidents i join public.grids g on g.id = i.grid_id where i.id = $1`,
        [id],
      )
      expect(clock.deadline_at).toBe(clock.expected)

      await actAs(as, 'staff')
      expect((await detail(as, id)).allowed_actions).toEqual(['handle'])
      state = await step(as, id, 'handle', { note: '已清运' })
      expect(state.status).toBe('handled')
      await actAs(as, 'dispatcher')
      state = await step(as, id, 'check', { passed: true })
      expect(state.status).toBe('checked')
      state = await step(as, id, 'close')
      expect(state.status).toBe('closed')
      expect(state.closure_type).toBe('normal')
      expect(state.overdue).toBe(false)
      expect(state.allowed_actions).toEqual([])

      const [stamps] = await as<Record<string, string | null>>(`select * from public.incidents where id = $1`, [id])
      for (const column of ['accepted_at', 'registered_at', 'dispatched_at', 'handled_at', 'checked_at', 'closed_at']) {
        expect(stamps[column], column).not.toBeNull()
      }
      expect(stamps.verified_at).toBeNull()

      expect(state.timeline.map((entry) => [entry.action, entry.from_status, entry.to_status, entry.derived])).toEqual([
        ['report', null, 'reported', true],
        ['accept', 'reported', 'accepted', false],
        ['register', 'accepted', 'registered', false],
        ['dispatch', 'registered', 'dispatched', false],
        ['handle', 'dispatched', 'handled', false],
        ['check', 'handled', 'checked', false],
        ['close', 'checked', 'closed', false],
      ])
      const handle = state.timeline[4]
      expect([handle.actor_id, handle.actor_role, handle.actor_name, handle.note]).toEqual([user('staff'), 'staff', '环卫作业员', '已清运'])
      expect(state.timeline[1].actor_id).toBe(user('dispatcher'))
      expect(state.timeline[3].details).toEqual({ department_id: 2, department_name: '区环境卫生管理处' })
      expect(state.timeline[6].details).toEqual({ closure_type: 'normal' })
    })
  })

  it('takes a hotline case through 核实, 改派 and one 返工 loop to a special closure', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await newCase(as, 'hotline_12319', { categoryCode: '09006' })
      await step(as, id, 'accept')
      const before = await snapshotOf(as, id)
      const unverified = await failure(step(as, id, 'register'))
      expect([unverified.code, unverified.column]).toEqual(['UG205', 'status'])
      expect(unverified.message).toContain('核实')
      expect(await snapshotOf(as, id)).toEqual(before)

      expect((await detail(as, id)).allowed_actions).toEqual(['verify', 'reject'])
      await step(as, id, 'verify', { note: '监督员现场核实属实' })
      await step(as, id, 'register')
      let state = await step(as, id, 'dispatch', { department_id: 1 })
      expect(state.department?.id).toBe(1)
      const firstDeadline = state.deadline_at
      state = await step(as, id, 'redispatch', { department_id: 8, note: '属地处理' }, 'dispatched')
      expect(state.department?.id).toBe(8)
      expect(state.status).toBe('dispatched')
      expect(state.deadline_at).toBe(firstDeadline) // same transaction time: the clock restarted at the same instant
      expect(state.timeline.at(-1)?.details).toMatchObject({ department_id: 8, previous_department_id: 1 })

      await actAs(as, 'staff')
      await step(as, id, 'handle')
      await actAs(as, 'dispatcher')
      const noReason = await failure(step(as, id, 'check', { passed: false }))
      expect([noReason.code, noReason.column]).toEqual(['UG209', 'note'])
      state = await step(as, id, 'check', { passed: false, note: '现场仍有占道摊位' })
      expect(state.status).toBe('dispatched')
      expect(state.rework_count).toBe(1)
      const [afterRework] = await as<{ handled_at: string | null; checked_at: string | null }>(
        `select handled_at, checked_at from public.incidents where id = $1`,
        [id],
      )
      expect(afterRework).toEqual({ handled_at: null, checked_at: null })
      expect(state.timeline.at(-1)).toMatchObject({ action: 'check', from_status: 'handled', to_status: 'dispatched', note: '现场仍有占道摊位' })
      expect(state.timeline.at(-1)?.details).toMatchObject({ passed: false, rework: 1 })

      await actAs(as, 'staff')
      await step(as, id, 'handle')
      await actAs(as, 'dispatcher')
      await step(as, id, 'check', { passed: true })
      const special = await failure(step(as, id, 'close', { closure_type: 'special' }))
      expect([special.code, special.column]).toEqual(['UG209', 'note'])
      state = await step(as, id, 'close', { closure_type: 'special', note: '涉及历史遗留问题，经批准特殊结案' })
      expect(state.status).toBe('closed')
      expect(state.closure_type).toBe('special')
      expect(state.rework_count).toBe(1)
      expect(state.timeline.map((entry) => entry.action)).toEqual([
        'report', 'accept', 'verify', 'register', 'dispatch', 'redispatch', 'handle', 'check', 'handle', 'check', 'close',
      ])
    })
  })

  it('refuses every illegal step with its code and reason, and changes nothing', async () => {
    await engine().asUser(user('admin'), async (as) => {
      const id = await newCase(as, 'patrol')
      const refusals: [CaseAction | string, object, string | null, string, string][] = [
        ['handle', {}, null, 'UG203', 'status'],
        ['dispatch', {}, null, 'UG203', 'status'],
        ['check', { passed: true }, null, 'UG203', 'status'],
        ['close', {}, null, 'UG203', 'status'],
        ['verify', {}, null, 'UG203', 'status'],
        ['fly', {}, null, 'UG202', 'action'],
        ['reject', {}, null, 'UG209', 'note'],
        ['accept', {}, 'registered', 'UG204', 'status'],
      ]
      for (const [action, payload, expected, code, column] of refusals) {
        const before = await snapshotOf(as, id)
        const error = await failure(step(as, id, action as CaseAction, payload, expected))
        expect([error.code, error.column], `${action}`).toEqual([code, column])
        expect(await snapshotOf(as, id)).toEqual(before)
      }
      const wrongState = await failure(step(as, id, 'close'))
      expect(wrongState.message).toContain('已上报（待受理）')
      expect(wrongState.message).toContain('受理、不予立案')
      expect((await failure(step(as, 999_999_999, 'accept'))).code).toBe('UG201')

      await step(as, id, 'accept')
      await step(as, id, 'register')
      expect((await failure(step(as, id, 'dispatch', { department_id: 999 }))).code).toBe('UG206')
      expect((await failure(step(as, id, 'dispatch', { department_id: '区环卫处' }))).code).toBe('UG206')
      await step(as, id, 'dispatch')
      expect((await failure(step(as, id, 'dispatch'))).code).toBe('UG203')
      expect((await failure(step(as, id, 'redispatch', {}))).code).toBe('UG206')
      expect((await failure(step(as, id, 'redispatch', { department_id: 2 }))).code).toBe('UG210')
      await step(as, id, 'handle')
      expect((await failure(step(as, id, 'check', {}))).code).toBe('UG208')
      expect((await failure(step(as, id, 'check', { passed: 'yes' }))).code).toBe('UG208')
      await step(as, id, 'check', { passed: true })
      const normal = await failure(step(as, id, 'close', { closure_type: 'normal' }))
      expect([normal.code, normal.column]).toEqual(['UG207', 'closure_type'])
      await step(as, id, 'close')
      const closed = await failure(step(as, id, 'reject', { note: 'x' }))
      expect(closed.code).toBe('UG203')
      expect(closed.message).toContain('当前没有可执行的操作')
    })
  })

  it('refuses direct changes of status, stamps and department outside the workflow functions', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await newCase(as, 'video')
      // No API role writes the table at all (42501); the trigger underneath refuses the
      // same changes to anyone acting as an API role through some other grant (UG211).
      for (const change of [`status = 'closed'`, `closed_at = now()`, `department_id = 1`, `closure_type = 'special'`, `description = '补充描述'`]) {
        const error = await failure(as(`update public.incidents set ${change} where id = $1`, [id]))
        expect(error.code, change).toBe('42501')
      }
      expect((await failure(as(`insert into public.case_history (incident_id, action, to_status) values ($1, 'accept', 'accepted')`, [id]))).code).toBe(
        '42501',
      )
    })
    await engine().asOwner(async (as) => {
      await as(`grant update on public.incidents to authenticated`)
      await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user('dispatcher'), role: 'authenticated' })])
      await as(`create policy test_update on public.incidents for update to authenticated using (true)`)
      await as(`set local role authenticated`)
      const [{ id }] = await as<{ id: number }>(`select id::int from public.incidents where status = 'reported' order by id limit 1`)
      for (const change of [`status = 'closed'`, `closed_at = now()`, `department_id = department_id + 1000`, `closure_type = 'special'`]) {
        const error = await failure(as(`update public.incidents set ${change} where id = $1`, [id]))
        expect([error.code, error.column], change).toEqual(['UG211', 'status'])
      }
    })
  })

  it('refuses steps to roles that may not take them, with the role named, and changes nothing', async () => {
    const refusals: [(typeof DEMO_USERS)[number]['role'], CaseAction][] = [
      ['viewer', 'accept'],
      ['planner', 'accept'],
      ['manager', 'reject'],
      ['staff', 'accept'],
    ]
    for (const [role, action] of refusals) {
      await engine().asUser(user('dispatcher'), async (as) => {
        const id = await newCase(as, 'patrol')
        const before = await snapshotOf(as, id)
        await actAs(as, role)
        const error = await failure(step(as, id, action, { note: '测试' }))
        expect(error.code, role).toBe('42501')
        expect(error.message).toContain('无权执行')
        expect(error.message).toContain('受理派遣员或系统管理员')
        expect(await snapshotOf(as, id)).toEqual(before)
        expect((await detail(as, id)).allowed_actions).toEqual([])
      })
    }
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await newCase(as, 'patrol')
      await step(as, id, 'accept')
      await step(as, id, 'register')
      await step(as, id, 'dispatch')
      const error = await failure(step(as, id, 'handle'))
      expect(error.code).toBe('42501')
      expect(error.message).toContain('作业人员或系统管理员')
    })
  })

  it('offers each role exactly the actions the TypeScript table gives it, in case_detail', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const hotline = await newCase(as, 'hotline_12319')
      const patrol = await newCase(as, 'patrol')
      await step(as, patrol, 'accept')
      await step(as, patrol, 'register')
      await step(as, patrol, 'dispatch')
      for (const role of WORKFLOW_ROLES) {
        await actAs(as, role)
        for (const id of [hotline, patrol]) {
          const state = await detail(as, id)
          expect(state.allowed_actions, `${role} ${state.status}`).toEqual(allowedActions(state.status, state.source, role))
        }
      }
      await actAs(as, 'staff')
      expect((await detail(as, patrol)).allowed_actions).toEqual(['handle'])
      await actAs(as, 'dispatcher')
      expect((await detail(as, patrol)).allowed_actions).toEqual(['redispatch'])
      expect((await detail(as, hotline)).allowed_actions).toEqual(['accept', 'reject'])
      // the explanation the UI shows for a disabled button is the database's reason
      await step(as, hotline, 'accept')
      const reason = transitionAvailability('register', 'accepted', 'hotline_12319', 'dispatcher')
      const error = await failure(step(as, hotline, 'register'))
      expect(reason).toMatchObject({ available: false, code: error.code })
      const wrong = transitionAvailability('close', 'accepted', 'hotline_12319', 'dispatcher')
      const closeError = await failure(step(as, hotline, 'close'))
      expect(wrong.available ? null : wrong.reason).toBe(closeError.message.replace(/^status: /, ''))
    })
  })

  it('keeps the history readable to those who read the case, and to nobody anonymous', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await newCase(as, 'drone')
      await step(as, id, 'accept')
      await actAs(as, 'viewer')
      const rows = await as<{ action: string; actor_role: string }>(
        `select action, actor_role from public.case_history where incident_id = $1 and not derived`,
        [id],
      )
      expect(rows).toEqual([{ action: 'accept', actor_role: 'dispatcher' }])
    })
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select count(*) from public.case_history`))).code).toBe('42501')
      expect((await failure(as(`select public.transition_case(1, 'accept')`))).code).toBe('42501')
      expect((await failure(as(`select public.list_cases()`))).code).toBe('42501')
    })
    const published = await query<{ tablename: string }>(
      `select tablename from pg_publication_tables where pubname = 'supabase_realtime' and tablename in ('incidents', 'case_history') order by 1`,
    )
    expect(published.map((row) => row.tablename)).toEqual(['case_history', 'incidents'])
  })

  it('shows seeded cases their timeline from the stamped columns, and keeps it when they move on', async () => {
    const [closedCase] = await query<{ id: number }>(
      `select id from public.incidents where status = 'closed' and source = 'hotline_12319' order by id limit 1`,
    )
    const [rejectedCase] = await query<{ id: number }>(`select id from public.incidents where status = 'rejected' order by id limit 1`)
    const [dispatchedCase] = await query<{ id: number; dispatched_at: string }>(
      `select id, dispatched_at::text from public.incidents where status = 'dispatched' and source = 'patrol' order by id limit 1`,
    )
    await engine().asUser(user('staff'), async (as) => {
      const closed = await detail(as, closedCase.id)
      expect(closed.timeline.map((entry) => [entry.action, entry.derived, entry.id])).toEqual([
        ['report', true, null],
        ['accept', true, null],
        ['verify', true, null],
        ['register', true, null],
        ['dispatch', true, null],
        ['handle', true, null],
        ['check', true, null],
        ['close', true, null],
      ])
      const stamps = closed.timeline.map((entry) => Date.parse(entry.at!))
      expect([...stamps].sort((a, b) => a - b)).toEqual(stamps)
      const rejected = await detail(as, rejectedCase.id)
      expect(rejected.timeline.at(-1)).toMatchObject({ action: 'reject', to_status: 'rejected', at: null })
      expect(rejected.overdue).toBe(false)

      const moved = await step(as, dispatchedCase.id, 'handle', { note: '已处理' })
      expect(moved.timeline.map((entry) => [entry.action, entry.derived])).toEqual([
        ['report', true],
        ['accept', true],
        ['register', true],
        ['dispatch', true],
        ['handle', false],
      ])
      expect(Date.parse(moved.timeline[3].at!)).toBe(Date.parse(dispatchedCase.dispatched_at))
    })
  })

  it('lists cases newest first with filters that agree with plain SQL counts', async () => {
    const [grid] = await query<{ code: string }>(`select g.code from public.incidents i join public.grids g on g.id = i.grid_id group by g.code order by count(*) desc limit 1`)
    const street = grid.code.slice(0, 9)
    const filters: [Record<string, unknown>, string][] = [
      [{}, `true`],
      [{ p_statuses: ['dispatched', 'handled'] }, `i.status in ('dispatched', 'handled')`],
      [{ p_department_id: 6 }, `i.department_id = 6`],
      [{ p_category: '09' }, `i.category_code like '09%'`],
      [{ p_category: '09020' }, `i.category_code = '09020'`],
      [{ p_grid_code: street }, `g.code like '${street}%'`],
      [{ p_grid_code: grid.code }, `g.code = '${grid.code}'`],
      [{ p_sources: ['hotline_12319'] }, `i.source = 'hotline_12319'`],
      [{ p_from: '2026-05-01T00:00:00+08:00', p_to: '2026-05-08T00:00:00+08:00' }, `i.reported_at >= '2026-05-01T00:00:00+08:00' and i.reported_at < '2026-05-08T00:00:00+08:00'`],
      [{ p_overdue: true }, `i.status <> 'rejected' and coalesce(i.handled_at, i.closed_at, now()) > i.deadline_at`],
      [{ p_overdue: false, p_statuses: ['closed'] }, `i.status = 'closed' and coalesce(i.handled_at, i.closed_at) <= i.deadline_at`],
      [{ p_overdue: true, p_statuses: ['closed'] }, `i.status = 'closed' and i.closure_type = 'overdue'`],
      [{ p_category: '06', p_sources: ['patrol', 'video'], p_grid_code: street, p_overdue: false }, `i.category_code like '06%' and i.source in ('patrol', 'video') and g.code like '${street}%'
        and not coalesce(i.status <> 'rejected' and coalesce(i.handled_at, i.closed_at, now()) > i.deadline_at, false)`],
    ]
    await engine().asUser(user('viewer'), async (as) => {
      for (const [filter, where] of filters) {
        const [oracle] = await as<{ n: number }>(
          `select count(*)::int as n from public.incidents i left join public.grids g on g.id = i.grid_id where ${where}`,
        )
        const names = Object.keys(filter)
        const [{ page }] = await as<{ page: { total: number; limit: number; rows: CaseRow[] } }>(
          `select public.list_cases(${[...names.map((name, index) => `${name} => $${index + 1}::${FILTER_TYPES[name]}`), `p_limit => 20`].join(', ')}) as page`,
          names.map((name) => filter[name]),
        )
        caseListSchema.parse(page)
        expect(page.total, JSON.stringify(filter)).toBe(oracle.n)
        expect(oracle.n, JSON.stringify(filter)).toBeGreaterThan(0)
        expect(page.rows.length).toBe(Math.min(20, oracle.n))
        const times = page.rows.map((row) => Date.parse(row.reported_at))
        expect([...times].sort((a, b) => b - a)).toEqual(times)
        for (const row of page.rows) {
          if (filter.p_overdue !== undefined) expect(row.overdue).toBe(filter.p_overdue)
          if (filter.p_grid_code) expect(row.grid_code?.startsWith(String(filter.p_grid_code))).toBe(true)
        }
      }
      const [{ first, second, big }] = await as<{ first: { rows: CaseRow[] }; second: { rows: CaseRow[]; offset: number }; big: { rows: CaseRow[]; limit: number } }>(
        `select public.list_cases(p_limit => 10) as first, public.list_cases(p_limit => 5, p_offset => 5) as second,
                public.list_cases(p_limit => 50000) as big`,
      )
      expect(second.rows.map((row) => row.id)).toEqual(first.rows.slice(5).map((row) => row.id))
      // 5,000 a call since 20261208000200 (the case export reads pages that large)
      expect(big.limit).toBe(5000)
      expect(big.rows).toHaveLength(5000)
      const [numbered] = await as<{ page: { total: number; rows: { id: number; case_number: string }[] } }>(
        `select public.list_cases(p_search => (public.case_detail(123) ->> 'case_number')) as page`,
      )
      expect(numbered.page.rows.map((row) => row.id)).toEqual([123])
      expect((await failure(as(`select public.list_cases(p_grid_code => '32A')`))).code).toBe('UG009')
      expect((await failure(as(`select public.list_cases(p_category => '06%')`))).code).toBe('UG009')
    })
  })

  it('flags late cases by the work-calendar clock, and closes them as 超时', async () => {
    const [stuck] = await query<{ id: number }>(
      `select id from public.incidents where status = 'dispatched' and deadline_at < now() order by id limit 1`,
    )
    await engine().asUser(user('dispatcher'), async (as) => {
      // Reported on Friday 2026-03-13 16:30; 09006 店外经营 has 4 work hours: late since Monday 11:30.
      const id = await newCase(as, 'video', { categoryCode: '09006', reportedAt: '2026-03-13T16:30:00+08:00' })
      const state = await detail(as, id)
      expect(state.overdue).toBe(true)
      const [{ page }] = await as<{ page: { total: number; rows: CaseRow[] } }>(
        `select public.list_cases(p_overdue => true, p_search => $1::text) as page`,
        [String(id)],
      )
      expect(page.rows.map((row) => [row.id, row.overdue])).toEqual([[id, true]])
      await step(as, id, 'accept')
      await step(as, id, 'register')
      const dispatched = await step(as, id, 'dispatch')
      // dispatch restarts the 处置 clock at now(): no longer late
      expect(dispatched.overdue).toBe(false)
      expect(Date.parse(dispatched.deadline_at!)).toBeGreaterThan(Date.now() - 60_000)

      // A seeded case stuck in 处置 past its deadline is handled late and closes as 超时.
      expect((await detail(as, stuck.id)).overdue).toBe(true)
      await actAs(as, 'staff')
      await step(as, stuck.id, 'handle')
      await actAs(as, 'dispatcher')
      await step(as, stuck.id, 'check', { passed: true })
      const closed = await step(as, stuck.id, 'close')
      expect([closed.status, closed.closure_type, closed.overdue]).toEqual(['closed', 'overdue', true])
    })
  })
}

/** Two dispatchers on one case at once (native PostgreSQL only: it takes two connections). */
export function defineWorkflowConcurrencyCheck(engine: () => Engine, connect: () => Promise<{ query: Query; close(): Promise<void> }>) {
  it('locks the case: the second of two dispatchers acting at once is told the state changed', async () => {
    const first = await connect()
    const second = await connect()
    try {
      // Only the bulk loader may put a case straight into 已立案; the throwaway test database
      // keeps it (cases are never deleted).
      await engine().query('begin')
      await engine().query('set local role urbangrid_loader')
      const [created] = await engine().query<{ id: number }>(
        `insert into public.incidents (geom, category_code, source, status, accepted_at, registered_at, description)
         select label_point, '06010', 'patrol', 'registered', now(), now(), '并发测试案件'
         from public.grids where valid_to is null order by code limit 1 returning id`,
      )
      await engine().query('commit')
      const id = created.id
      const begin = async (connection: { query: Query }) => {
        await connection.query('begin')
        await connection.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify({ sub: user('dispatcher'), role: 'authenticated' }),
        ])
        await connection.query('set local role authenticated')
      }
      await begin(first)
      await begin(second)
      await first.query(`select public.transition_case($1::bigint, 'dispatch', 'registered', '{"department_id": 1}')`, [id])
      // The second dispatcher saw the same 已立案 case; its call waits for the first one's lock.
      const { waited, error } = await raceAfterCommit(first, second, () =>
        second.query(`select public.transition_case($1::bigint, 'dispatch', 'registered', '{"department_id": 2}')`, [id]),
      )
      expect(waited).toBe(true)
      expect([error.code, error.column]).toEqual(['UG204', 'status'])
      expect(error.message).toContain('案件状态已变更')
      expect(error.message).toContain('受理派遣员')
      const [row] = await engine().query<{ department_id: number; history: number }>(
        `select department_id::int, (select count(*)::int from public.case_history where incident_id = $1 and not derived) as history
         from public.incidents where id = $1`,
        [id],
      )
      expect(row).toEqual({ department_id: 1, history: 1 })
    } finally {
      await first.close()
      await second.close()
    }
  })
}
