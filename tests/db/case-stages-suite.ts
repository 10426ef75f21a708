/**
 * Stage time limits (supabase/migrations/20261208000100_case_stages.sql) on both engines:
 * the SQL's stage deadlines against the cases computed by hand (tests/unit/case-stages-fixtures.ts,
 * which also hold the TypeScript port), late stages recorded for good, the list filter and
 * the administration function's refusals. Every write is rolled back.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { caseDetailSchema, caseListSchema } from '../../src/data/schemas.ts'
import { local, localText } from '../unit/cases-support.ts'
import { EXTRA_STAGE_RULE, HAND_CASES, type HandCase } from '../unit/case-stages-fixtures.ts'
import { failure, type Engine, type Query } from './engine.ts'

const user = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

interface Stage {
  key: string
  state: string
  started_at: string | null
  deadline_at: string | null
  done_at: string | null
  met: boolean | null
  late: boolean
  overdue: boolean
}

const STAMP_COLUMNS = ['reported', 'accepted', 'verified', 'registered', 'dispatched', 'handled', 'checked', 'closed'] as const
const iso = (text: string | undefined) => (text ? local(text).toISOString() : null)
const shown = (value: string | null) => (value === null ? null : localText(new Date(value)))

async function insertHandCase(as: Query, hand: HandCase): Promise<{ id: number; late: string[]; open: string | null }> {
  const [row] = await as<{ id: number; late: string[]; open: string | null }>(
    `insert into public.incidents (geom, category_code, source, status, description,
       ${STAMP_COLUMNS.map((name) => `${name}_at`).join(', ')})
     select g.label_point, $1, $2, $3, '环节时限测试', ${STAMP_COLUMNS.map((_, k) => `$${k + 4}::timestamptz`).join(', ')}
     from public.grids g where g.valid_to is null and g.management_level = 2 order by g.code limit 1
     returning id::int, private.late_stage_keys(late_stages) as late, stage_deadline_at::text as open`,
    [hand.categoryCode, hand.source, hand.status, ...STAMP_COLUMNS.map((name) => iso(hand.stamps[name]))],
  )
  return row
}

async function detail(as: Query, id: number) {
  const [{ detail: value }] = await as<{ detail: { stages: Stage[]; late_stages: string[]; [key: string]: unknown } }>(
    `select public.case_detail($1::bigint) as detail`,
    [id],
  )
  caseDetailSchema.parse(value)
  return value
}

export function defineCaseStagesSuite(engine: () => Engine) {
  it('computes every stage deadline on the work calendar as computed by hand (holiday, 调休, overnight, work days)', async () => {
    await engine().asOwner(async (as) => {
      await as(`insert into public.stage_time_limits (stage, category_pattern, management_level, amount, unit) values ($1, $2, null, $3, $4)`, [
        EXTRA_STAGE_RULE.stage,
        EXTRA_STAGE_RULE.categoryPattern,
        EXTRA_STAGE_RULE.amount,
        EXTRA_STAGE_RULE.unit,
      ])
      await as(`set local role urbangrid_loader`)
      const inserted = []
      for (const hand of HAND_CASES) inserted.push({ hand, ...(await insertHandCase(as, hand)) })
      await as(`reset role`)
      for (const { hand, id, late, open } of inserted) {
        expect(late, hand.name).toEqual(hand.late)
        expect(shown(open), hand.name).toBe(hand.openDeadline)
        const { stages } = await detail(as, id)
        expect(stages.map((stage) => stage.key)).toEqual(['accept', 'verify', 'register', 'dispatch', 'handle', 'check'])
        for (const stage of stages) {
          if (stage.key in hand.deadlines) expect(shown(stage.deadline_at), `${hand.name}: ${stage.key}`).toBe(hand.deadlines[stage.key as 'accept'])
          if (stage.state === 'done') expect(stage.met, `${hand.name}: ${stage.key}`).toBe(!hand.late.includes(stage.key as 'accept'))
        }
      }
      // the open 核查 of the third case was due 2026-11-04 08:50: overdue by the clock
      const third = await detail(as, inserted[2].id)
      const check = third.stages.find((stage) => stage.key === 'check')!
      expect([check.state, check.overdue, check.met]).toEqual(['open', true, null])
      expect(third.late_stages).toEqual(['check'])
    })
  })

  it('keeps a late 受理 late after 立案 and later steps, stamped or through the workflow', async () => {
    await engine().asOwner(async (as) => {
      await as(`set local role urbangrid_loader`)
      const { id } = await insertHandCase(as, {
        ...HAND_CASES[2],
        status: 'reported',
        stamps: { reported: '2026-11-03 07:00' },
      })
      const bits = async () => (await as<{ late: string[] }>(`select private.late_stage_keys(late_stages) as late from public.incidents where id = $1`, [id]))[0].late
      expect(await bits()).toEqual([])
      // accepted at 10:00, due 09:30
      await as(`update public.incidents set status = 'accepted', accepted_at = $2 where id = $1`, [id, iso('2026-11-03 10:00')])
      expect(await bits()).toEqual(['accept'])
      await as(`update public.incidents set status = 'registered', registered_at = $2 where id = $1`, [id, iso('2026-11-03 10:30')])
      expect(await bits()).toEqual(['accept'])
      // a writer cannot clear the record
      await as(`update public.incidents set late_stages = null where id = $1`, [id])
      expect(await bits()).toEqual(['accept'])
      await as(`update public.incidents set status = 'dispatched', dispatched_at = $2 where id = $1`, [id, iso('2026-11-03 12:00')])
      expect(await bits()).toEqual(['accept', 'dispatch']) // due 11:30
    })

    await engine().asUser(user('dispatcher'), async (as) => {
      // reported three days ago and taken in only now: 受理 is late; 立案 right after is not
      const [point] = await as<{ lon: number; lat: number }>(
        `select extensions.st_x(label_point) as lon, extensions.st_y(label_point) as lat from public.grids where valid_to is null order by code limit 1 offset 17`,
      )
      const reportedAt = new Date(Date.now() - 3 * 86_400_000).toISOString()
      const [{ r }] = await as<{ r: { ok: boolean; id: number }[] }>(`select public.intake_incidents($1::json) as r`, [
        JSON.stringify([{ lon: point.lon, lat: point.lat, category_code: '06010', source: 'patrol', description: '环节时限测试', reported_at: reportedAt }]),
      ])
      const id = r[0].id
      const step = (action: string, payload: object = {}) =>
        as(`select public.transition_case($1::bigint, $2, null, $3::jsonb)`, [id, action, JSON.stringify(payload)])
      await step('accept')
      await step('register')
      await step('dispatch')
      const after = await detail(as, id)
      const byKey = Object.fromEntries(after.stages.map((stage) => [stage.key, stage]))
      expect([byKey.accept.state, byKey.accept.met]).toEqual(['done', false])
      expect([byKey.register.state, byKey.register.met]).toEqual(['done', true])
      expect([byKey.dispatch.state, byKey.dispatch.met]).toEqual(['done', true])
      expect(byKey.handle.state).toBe('open')
      expect(after.late_stages).toContain('accept')
      expect(after.late_stages).not.toContain('register')

      const list = async (stage: string) => {
        const [{ result }] = await as<{ result: unknown }>(`select public.list_cases(p_ids => $1::bigint[], p_late_stage => $2) as result`, [[id], stage])
        return caseListSchema.parse(result)
      }
      const accept = await list('accept')
      expect(accept.total).toBe(1)
      expect(accept.rows[0].late_stages).toContain('accept')
      expect((await list('any')).total).toBe(1)
      expect((await list('register')).total).toBe(0)
      const error = await failure(list('late'))
      expect([error.code, error.column]).toEqual(['UG220', 'late_stage'])
      expect(error.message).toContain('未知的环节')
    })
  })

  it('filters the seeded cases by late stage, each row saying which stages are late', async () => {
    await engine().asUser(user('viewer'), async (as) => {
      for (const stage of ['accept', 'verify', 'check', 'any']) {
        const [{ result }] = await as<{ result: unknown }>(`select public.list_cases(p_late_stage => $1, p_limit => 20) as result`, [stage])
        const page = caseListSchema.parse(result)
        expect(page.total, stage).toBeGreaterThan(0)
        for (const row of page.rows) {
          if (stage === 'any') expect(row.late_stages.length).toBeGreaterThan(0)
          else expect(row.late_stages, stage).toContain(stage)
        }
      }
      // a live office: a late stage is the exception, not the rule
      const [share] = await as<{ late: number; total: number }>(
        `select count(*) filter (where late_stages is not null)::int as late, count(*)::int as total from public.incidents`,
      )
      expect(share.late / share.total).toBeGreaterThan(0.01)
      expect(share.late / share.total).toBeLessThan(0.25)
    })
  })

  it('lets an administrator set stage limits through the function only, refusing bad input in Chinese', async () => {
    await engine().asUser(user('admin'), async (as) => {
      const set = (stage: string | null, pattern: string | null, level: number | null, amount: number | null, unit: string | null) =>
        as<{ list: { stage: string; category_pattern: string | null; amount: number; unit: string }[] }>(
          `select public.set_stage_time_limit($1, $2, $3::smallint, $4::numeric, $5) as list`,
          [stage, pattern, level, amount, unit],
        )
      const refusals: [Parameters<typeof set>, string, string, string][] = [
        [['accept', null, null, 0, 'work_hours'], 'UG222', 'amount', '时限须为正数'],
        [['accept', null, null, -1, 'work_hours'], 'UG222', 'amount', '时限须为正数'],
        [['accept', null, null, null, 'work_hours'], 'UG222', 'amount', '时限须为正数'],
        [['close', null, null, 1, 'work_hours'], 'UG221', 'stage', '未知的环节'],
        [['accept', null, null, 1, 'minutes'], 'UG223', 'unit', '未知的时限单位'],
        [['accept', '6', null, 1, 'work_hours'], 'UG224', 'category_pattern', '类别应为'],
        [['accept', '99', null, 1, 'work_hours'], 'UG224', 'category_pattern', '没有代码为 99'],
        [['accept', '06', 4, 1, 'work_hours'], 'UG225', 'management_level', '管理等级'],
        [['accept', '06', null, 1.5, 'work_days'], 'UG222', 'amount', '整数天'],
      ]
      for (const [args, code, column, text] of refusals) {
        const error = await failure(set(...args))
        expect([error.code, error.column], JSON.stringify(args)).toEqual([code, column])
        expect(error.message).toContain(text)
      }
      const [{ list }] = await set('accept', '06', null, 2, 'work_hours')
      expect(list).toContainEqual(expect.objectContaining({ stage: 'accept', category_pattern: '06', amount: 2, unit: 'work_hours' }))
      expect(list.filter((row) => row.stage === 'handle').length).toBeGreaterThan(0)
      // the new limit times a new case's 受理
      const [{ deadline }] = await as<{ deadline: string }>(
        `select private.stage_deadline('accept', $1::timestamptz, '06010', 2::smallint)::text as deadline`,
        [iso('2026-11-03 09:00')],
      )
      expect(shown(deadline)).toBe('2026-11-03 11:00')
      const general = await failure(as(`select public.delete_stage_time_limit('accept', null, null)`))
      expect(general.code).toBe('UG226')
      await as(`select public.delete_stage_time_limit('accept', '06', null)`)
      expect((await failure(as(`select public.delete_stage_time_limit('accept', '06', null)`))).code).toBe('UG227')
      // no direct writes
      expect((await failure(as(`insert into public.stage_time_limits (stage, amount, unit) values ('accept', 1, 'work_hours')`))).code).toBe('42501')
    })
    await engine().asUser(user('dispatcher'), async (as) => {
      const error = await failure(as(`select public.set_stage_time_limit('accept', null, null, 2, 'work_hours')`))
      expect(error.code).toBe('42501')
      expect(error.message).toContain('无权修改环节时限')
    })
  })
}
