/**
 * Standard reasons, dispatch to a person and people in the timeline
 * (20261208000400_case_reasons.sql), run unchanged on PGlite and native PostgreSQL 15.
 * Every write happens inside engine.asUser, which rolls back.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS, DEMO_USER_DEPARTMENTS } from '../../scripts/seed/reference-data.ts'
import { reasonKindFor, transitionAvailability, type CaseAction, type CaseSource } from '../../src/domain/cases/index.ts'
import { caseDetailSchema, caseHandlerListSchema, caseReasonListSchema, myCaseListSchema } from '../../src/data/schemas.ts'
import { failure, type Engine, type Query } from './engine.ts'

type DemoRole = (typeof DEMO_USERS)[number]['role']
const user = (role: DemoRole) => DEMO_USERS.find((candidate) => candidate.role === role)!.id
const handler = (name: string) => DEMO_USERS.find((candidate) => candidate.name === name)!.id

async function actAs(as: Query, id: string) {
  await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: id, role: 'authenticated' })])
}

async function step(as: Query, id: number, action: CaseAction, payload: object = {}) {
  const [row] = await as<{ detail: unknown }>(`select public.transition_case($1::bigint, $2, null, $3::jsonb) as detail`, [id, action, JSON.stringify(payload)])
  return caseDetailSchema.parse(row.detail)!
}

async function newCase(as: Query, source: CaseSource, categoryCode = '06010'): Promise<number> {
  const [point] = await as<{ lon: number; lat: number }>(`
    select extensions.st_x(label_point) as lon, extensions.st_y(label_point) as lat
    from public.grids where valid_to is null order by code limit 1 offset 23`)
  const [result] = await as<{ r: { ok: boolean; id: number; message?: string }[] }>(`select public.intake_incidents($1::json) as r`, [
    JSON.stringify([{ lon: point.lon, lat: point.lat, category_code: categoryCode, source, description: '原因测试案件' }]),
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

/** A patrol case taken to 已立案 (routed: 06010 → 区环境卫生管理处, id 2). */
async function registeredCase(as: Query) {
  const id = await newCase(as, 'patrol')
  await step(as, id, 'accept')
  await step(as, id, 'register')
  return id
}

export function defineCaseReasonsSuite(engine: () => Engine) {
  it('seeds a reason list for each kind, readable by every office role, in order', async () => {
    await engine().asUser(user('viewer'), async (as) => {
      const [{ list }] = await as<{ list: unknown }>(`select public.case_reason_options() as list`)
      const reasons = caseReasonListSchema.parse(list)
      for (const kind of ['reject', 'rework', 'redispatch', 'special', 'error'] as const) {
        const ofKind = reasons.filter((reason) => reason.kind === kind)
        expect(ofKind.length, kind).toBeGreaterThanOrEqual(3)
        expect(ofKind.map((reason) => reason.sort)).toEqual([...ofKind.map((reason) => reason.sort)].sort((a, b) => a - b))
        // each list ends in 其他原因, which asks for a note
        expect(ofKind.at(-1)).toMatchObject({ code: 'other', label: '其他原因', needs_note: true })
      }
      expect(reasons.filter((reason) => reason.kind === 'reject').map((reason) => reason.label)).toEqual(
        expect.arrayContaining(['不属于城管职责范围', '重复上报', '现场未发现问题']),
      )
      expect(reasons.filter((reason) => reason.kind === 'rework').map((reason) => reason.label)).toContain('处置不彻底')
      expect(reasons.filter((reason) => reason.kind === 'redispatch').map((reason) => reason.label)).toEqual(
        expect.arrayContaining(['非本部门职责', '地址有误']),
      )
    })
    await engine().asUser(null, async (as) => {
      expect((await failure(as(`select public.case_reason_options()`))).code).toBe('42501')
    })
  })

  it('lets only an admin edit the lists, through the function; an inactive reason leaves the lists', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const denied = await failure(as(`select public.admin_set_case_reason('reject', 'spam', '恶意上报')`))
      expect(denied.code).toBe('42501')
      expect(denied.message).toContain('系统管理员')
      expect((await failure(as(`insert into public.case_reasons (kind, code, label) values ('reject', 'x', 'x')`))).code).toBe('42501')
      expect((await failure(as(`update public.case_reasons set active = false where true`))).code).toBe('42501')
    })
    await engine().asUser(user('admin'), async (as) => {
      const [{ row }] = await as<{ row: { kind: string; code: string; sort: number; active: boolean } }>(
        `select public.admin_set_case_reason('reject', 'spam', '恶意或骚扰上报') as row`,
      )
      expect(row).toMatchObject({ kind: 'reject', code: 'spam', active: true })
      expect(row.sort).toBeGreaterThan(90)
      await as(`select public.admin_set_case_reason('reject', 'duplicate', '重复上报', p_active => false)`)
      const [{ list }] = await as<{ list: { kind: string; code: string }[] }>(`select public.case_reason_options() as list`)
      const codes = list.filter((reason) => reason.kind === 'reject').map((reason) => reason.code)
      expect(codes).toContain('spam')
      expect(codes).not.toContain('duplicate')
      const [{ all }] = await as<{ all: { kind: string; code: string; active: boolean }[] }>(`select public.case_reason_options(true) as all`)
      expect(all.find((reason) => reason.kind === 'reject' && reason.code === 'duplicate')?.active).toBe(false)

      const bad: [string, string][] = [
        [`select public.admin_set_case_reason('pause', 'x', '暂停')`, 'kind'],
        [`select public.admin_set_case_reason('reject', 'Bad Code', '大写')`, 'code'],
        [`select public.admin_set_case_reason('reject', 'blank', '  ')`, 'label'],
        [`select public.admin_set_case_reason('reject', 'again', '重复上报')`, 'label'],
      ]
      for (const [sql, column] of bad) {
        const error = await failure(as(sql))
        expect([error.code, error.column], sql).toEqual(['UG254', column])
      }

      // the inactive reason is refused from now on, with the list of what may be chosen
      const id = await newCase(as, 'patrol')
      const before = await snapshotOf(as, id)
      const inactive = await failure(step(as, id, 'reject', { reason_code: 'duplicate' }))
      expect([inactive.code, inactive.column]).toEqual(['UG253', 'reason_code'])
      expect(inactive.message).toContain('启用的原因列表')
      expect(inactive.message).toContain('恶意或骚扰上报')
      expect(await snapshotOf(as, id)).toEqual(before)
    })
  })

  it('takes a standard reason with an optional note, and records its code and label', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const rejected = await newCase(as, 'hotline_12319')
      let state = await step(as, rejected, 'reject', { reason_code: 'duplicate' })
      expect(state.status).toBe('rejected')
      expect(state.timeline.at(-1)).toMatchObject({ action: 'reject', note: '', details: { reason_code: 'duplicate', reason_label: '重复上报' } })

      const id = await registeredCase(as)
      await step(as, id, 'dispatch')
      await actAs(as, user('staff'))
      await step(as, id, 'handle')
      await actAs(as, user('dispatcher'))
      state = await step(as, id, 'check', { passed: false, reason_code: 'incomplete', note: '路面仍有垃圾' })
      expect(state.status).toBe('dispatched')
      expect(state.timeline.at(-1)).toMatchObject({
        note: '路面仍有垃圾',
        details: { passed: false, rework: 1, reason_code: 'incomplete', reason_label: '处置不彻底' },
      })
      state = await step(as, id, 'redispatch', { department_id: 8, reason_code: 'not_department_duty' })
      expect(state.timeline.at(-1)?.details).toMatchObject({ department_id: 8, department_name: '属地街道办事处', reason_label: '非本部门职责' })
      await actAs(as, user('staff'))
      await step(as, id, 'handle')
      await actAs(as, user('dispatcher'))
      await step(as, id, 'check', { passed: true })
      state = await step(as, id, 'close', { closure_type: 'special', reason_code: 'historical' })
      expect(state.closure_type).toBe('special')
      expect(state.timeline.at(-1)?.details).toMatchObject({ closure_type: 'special', reason_code: 'historical', reason_label: '历史遗留问题' })
    })
  })

  it('refuses a reason not in the list, of another kind, or for a step without one, and a step without any reason, writing nothing', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await newCase(as, 'patrol')
      const refusals: [CaseAction, object, string, string][] = [
        // not in the list: refused even with a note (a free reason is a note without a code)
        ['reject', { reason_code: 'made_up', note: '自拟原因' }, 'UG253', 'reason_code'],
        // a 返工 reason is not a 不予立案 reason
        ['reject', { reason_code: 'incomplete' }, 'UG253', 'reason_code'],
        ['reject', { reason_code: 42 }, 'UG253', 'reason_code'],
        ['reject', {}, 'UG209', 'note'],
        ['reject', { note: '   ' }, 'UG209', 'note'],
        // 其他原因 is a heading: it needs the note
        ['reject', { reason_code: 'other' }, 'UG255', 'note'],
        ['accept', { reason_code: 'duplicate' }, 'UG253', 'reason_code'],
        ['accept', { handler_id: handler('王建国') }, 'UG250', 'handler_id'],
      ]
      for (const [action, payload, code, column] of refusals) {
        const before = await snapshotOf(as, id)
        const error = await failure(step(as, id, action, payload))
        expect([error.code, error.column], JSON.stringify(payload)).toEqual([code, column])
        expect(await snapshotOf(as, id)).toEqual(before)
      }
      const unknown = await failure(step(as, id, 'reject', { reason_code: 'made_up' }))
      expect(unknown.message).toContain('不在「不予立案」的原因列表中')
      expect(unknown.message).toContain('重复上报')
      // a note alone is still a reason (what the list does not cover), as before
      const state = await step(as, id, 'reject', { note: '经电话回访，市民撤回' })
      expect(state.timeline.at(-1)?.details).toEqual({})

      // the TypeScript port says the same before the round trip
      const missing = transitionAvailability('reject', 'reported', 'patrol', 'dispatcher', { note: '' })
      const other = transitionAvailability('reject', 'reported', 'patrol', 'dispatcher', {
        note: '',
        reason: { code: 'other', label: '其他原因', needsNote: true },
      })
      const second = await newCase(as, 'patrol')
      const noReason = await failure(step(as, second, 'reject', {}))
      const otherError = await failure(step(as, second, 'reject', { reason_code: 'other' }))
      expect(missing).toMatchObject({ available: false, code: noReason.code, reason: noReason.message.replace(/^note: /, '') })
      expect(other).toMatchObject({ available: false, code: otherError.code, reason: otherError.message.replace(/^note: /, '') })
      expect(reasonKindFor('check', { passed: false })).toBe('rework')
    })
  })

  it('dispatches to a named handler of the department, refuses one outside it, and shows the handler', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const [{ list }] = await as<{ list: unknown }>(`select public.case_handlers(2) as list`)
      const handlers = caseHandlerListSchema.parse(list)
      expect(handlers.map((entry) => entry.name).sort()).toEqual(['李秀英', '王建国'])
      expect(handlers.every((entry) => entry.department_name === '区环境卫生管理处')).toBe(true)
      const [{ all }] = await as<{ all: { id: string; department_id: number }[] }>(`select public.case_handlers() as all`)
      expect(Object.fromEntries(all.map((entry) => [entry.id, entry.department_id]))).toEqual(DEMO_USER_DEPARTMENTS)

      const id = await registeredCase(as)
      const before = await snapshotOf(as, id)
      // 刘强 works for 区城市管理行政执法局 (1); the case is routed to 区环境卫生管理处 (2)
      const outside = await failure(step(as, id, 'dispatch', { handler_id: handler('刘强') }))
      expect([outside.code, outside.column]).toEqual(['UG252', 'handler_id'])
      expect(outside.message).toContain('「刘强」属于「区城市管理行政执法局」，不在承办部门「区环境卫生管理处」')
      const notStaff = await failure(step(as, id, 'dispatch', { handler_id: user('dispatcher') }))
      expect([notStaff.code, notStaff.column]).toEqual(['UG251', 'handler_id'])
      expect(notStaff.message).toContain('不是作业人员')
      const nobody = await failure(step(as, id, 'dispatch', { handler_id: '00000000-0000-4000-8000-0000000000ff' }))
      expect(nobody.code).toBe('UG251')
      const garbled = await failure(step(as, id, 'dispatch', { handler_id: '王建国' }))
      expect([garbled.code, garbled.column]).toEqual(['UG250', 'handler_id'])
      expect(await snapshotOf(as, id)).toEqual(before)

      // with the department named, the handler is checked against it
      let state = await step(as, id, 'dispatch', { department_id: 1, handler_id: handler('刘强') })
      expect(state.department?.id).toBe(1)
      expect(state.handler).toEqual({ id: handler('刘强'), name: '刘强', department_id: 1 })
      expect(state.timeline.at(-1)?.details).toMatchObject({ department_name: '区城市管理行政执法局', handler_id: handler('刘强'), handler_name: '刘强' })

      // 改派 within the department to another person is a redispatch; to the same person it is not
      const same = await failure(step(as, id, 'redispatch', { department_id: 1, handler_id: handler('刘强'), reason_code: 'handler_unavailable' }))
      expect(same.code).toBe('UG210')
      state = await step(as, id, 'redispatch', { department_id: 1, handler_id: handler('陈静'), reason_code: 'handler_unavailable' })
      expect(state.handler?.name).toBe('陈静')
      expect(state.timeline.at(-1)?.details).toMatchObject({ previous_handler_name: '刘强', handler_name: '陈静', reason_label: '处置人员不在岗' })
      // 改派 to another department without a person leaves it to that department
      state = await step(as, id, 'redispatch', { department_id: 2, note: '属环卫职责' })
      expect(state.handler).toBeNull()

      // the handler reads their own open cases; others' lists do not hold it
      state = await step(as, id, 'redispatch', { department_id: 2, handler_id: handler('王建国'), reason_code: 'wrong_category' })
      expect(state.handler?.name).toBe('王建国')
      await actAs(as, handler('王建国'))
      const [{ mine }] = await as<{ mine: unknown }>(`select public.my_cases() as mine`)
      expect(myCaseListSchema.parse(mine).map((row) => row.id)).toContain(id)
      expect((await as<{ detail: { handler: { name: string } } }>(`select public.case_detail($1::bigint) as detail`, [id]))[0].detail.handler.name).toBe('王建国')
      await step(as, id, 'handle', { note: '已清运' })
      await actAs(as, handler('李秀英'))
      const [{ theirs }] = await as<{ theirs: { id: number }[] }>(`select public.my_cases() as theirs`)
      expect(theirs.map((row) => row.id)).not.toContain(id)

      // nobody but the workflow writes the handler
      await actAs(as, user('dispatcher'))
      expect((await failure(as(`update public.incidents set handler_id = null where id = $1`, [id]))).code).toBe('42501')
    })
  })

  it('lets an admin put people into departments through a function only', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const error = await failure(as(`select public.admin_set_user_department($1::uuid, 1)`, [user('staff')]))
      expect(error.code).toBe('42501')
    })
    await engine().asUser(user('admin'), async (as) => {
      const [{ row }] = await as<{ row: { department_name: string } }>(`select public.admin_set_user_department($1::uuid, 2) as row`, [user('staff')])
      expect(row.department_name).toBe('区环境卫生管理处')
      const [{ list }] = await as<{ list: { name: string }[] }>(`select public.case_handlers(2) as list`)
      expect(list.map((entry) => entry.name)).toContain('环卫作业员')
      expect((await failure(as(`select public.admin_set_user_department($1::uuid, 999)`, [user('staff')]))).code).toBe('UG256')
      const missing = await failure(as(`select public.admin_set_user_department('00000000-0000-4000-8000-0000000000ff'::uuid, 1)`))
      expect([missing.code, missing.column]).toEqual(['UG256', 'user_id'])
    })
    // psql as the database owner (no API role) may do what an admin does, as with admin_set_user
    await engine().asOwner(async (as) => {
      const [{ row }] = await as<{ row: { department_id: number } }>(`select public.admin_set_user_department($1::uuid, 3) as row`, [user('staff')])
      expect(row.department_id).toBe(3)
      const [{ reason }] = await as<{ reason: { label: string } }>(`select public.admin_set_case_reason('rework', 'odour', '异味未消除') as reason`)
      expect(reason.label).toBe('异味未消除')
    })
  })

  it('names people with their roles in the timeline and in the message of a step that came too late', async () => {
    await engine().asUser(user('dispatcher'), async (as) => {
      const id = await registeredCase(as)
      await step(as, id, 'dispatch', { handler_id: handler('王建国') })
      await actAs(as, handler('王建国'))
      const state = await step(as, id, 'handle', { note: '已清运' })
      const recorded = state.timeline.filter((entry) => !entry.derived)
      expect(recorded.map((entry) => [entry.action, entry.actor_name, entry.actor_role])).toEqual([
        ['accept', '受理派遣员', 'dispatcher'],
        ['register', '受理派遣员', 'dispatcher'],
        ['dispatch', '受理派遣员', 'dispatcher'],
        ['handle', '王建国', 'staff'],
      ])
      await actAs(as, user('dispatcher'))
      const late = await failure(as(`select public.transition_case($1::bigint, 'redispatch', 'dispatched', '{"department_id": 1, "note": "x"}')`, [id]))
      expect(late.code).toBe('UG204')
      expect(late.message).toContain('王建国（作业人员）于')
    })
  })
}
