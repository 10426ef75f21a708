/**
 * The roster's imports, 专人包干 and 以克论净 (supabase/migrations/20261207000100_roster.sql) on
 * PGlite and native PostgreSQL 15: every bad row reported by row and field with nothing written,
 * good files applied whole; facility duties with their coverage, staleness and deputies;
 * inspections with the cleaner derived and monthly quality against a direct computation.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { failure, type Engine } from './engine.ts'
import { ROSTER_DAY, TEAM_SEGMENT_SQL, rpc, type Assignment } from './roster-suite.ts'

type DemoRole = (typeof DEMO_USERS)[number]['role']
const user = (role: DemoRole) => DEMO_USERS.find((candidate) => candidate.role === role)!.id

interface RowError {
  row: number
  field: string
  message: string
}
interface Duty {
  facility_id: number
  name: string
  kind: string
  cleaner_id: number | null
  deputy_id: number | null
  cleaner_name: string | null
  duty_id: number | null
  version: number | null
}

export function defineRosterImportsSuite(engine: () => Engine) {
  const one = async <T = Record<string, unknown>>(sql: string, params?: unknown[]) => (await engine().query<T>(sql, params))[0]

  it('imports cleaners all or nothing: every bad row named by row and field, then the good file upserts by employee number', async () => {
    const team = await one<{ name: string; other: string }>(`select (select name from public.teams where id = 1) as name, (select name from public.teams where id = 3) as other`)
    const existing = await one<{ employee_no: string; name: string }>(`select employee_no, name from public.cleaners where team_id = 1 order by id limit 1`)
    await engine().asUser(user('admin'), async (as) => {
      const count = async () => (await as<{ n: number }>(`select count(*)::int as n from public.cleaners`))[0].n
      const before = await count()
      const bad = await failure(
        as(`select public.roster_import_cleaners($1::jsonb)`, [
          JSON.stringify([
            { row: 2, employee_no: 'NEW0001', name: '新员工甲', team: team.name, shift: '晚班', phone: '13800000000' },
            { row: 3, employee_no: 'NEW0002', name: '', team: '不存在的队', shift: '夜班' },
            { row: 4, employee_no: 'NEW0001', name: '重复工号', team: team.name },
          ]),
        ]),
      )
      expect([bad.code, bad.column]).toEqual(['UG407', 'rows'])
      expect(bad.message).toContain('第 3 行 姓名：不能为空')
      expect(bad.message).toContain('第 3 行 保洁队：没有名为“不存在的队”的保洁队')
      expect(bad.message).toContain('第 3 行 班次：未知的班次“夜班”')
      expect(bad.message).toContain('第 4 行 工号：工号 NEW0001 在文件中出现了 2 次')
      expect(bad.message).not.toContain('第 2 行 姓名')
      const detail = JSON.parse((bad as unknown as { detail: string }).detail) as RowError[]
      expect(detail.map((error) => [error.row, error.field])).toContainEqual([3, 'team'])
      expect(await count()).toBe(before)

      const good = await rpc<{ inserted: number; updated: number }>(as, `public.roster_import_cleaners($1::jsonb)`, [
        JSON.stringify([
          { row: 2, employee_no: 'NEW0001', name: '新员工甲', team: team.name, shift: '晚班', phone: 13800000000 },
          { row: 3, employee_no: existing.employee_no, name: `${existing.name}（改）`, team: team.name, shift: 'early' },
        ]),
      ])
      expect(good).toEqual({ inserted: 1, updated: 1 })
      const [created] = await as<{ shift: string; phone: string; team_id: number }>(`select shift, phone, team_id::int from public.cleaners where employee_no = 'NEW0001'`)
      expect(created).toEqual({ shift: 'late', phone: '13800000000', team_id: 1 })

      // staff import only into their own team
      await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user('staff'), role: 'authenticated' })])
      const foreign = await failure(
        as(`select public.roster_import_cleaners($1::jsonb)`, [JSON.stringify([{ row: 5, employee_no: 'NEW0009', name: '乙', team: team.other }])]),
      )
      expect(foreign.code).toBe('UG407')
      expect(foreign.message).toContain('第 5 行 保洁队：只能导入本保洁队的保洁员')
    })
  })

  it('imports assignments all or nothing: unknown employees, streets, segments, inactive cleaners and overlapping rows by row and field', async () => {
    const segment = await one<{ segment_id: number; back_street: string; seq: number; length_m: number; cleaner_id: number; other_cleaner: number }>(
      TEAM_SEGMENT_SQL,
      [1, 'late'],
    )
    const people = await one<{ active_no: string; other_no: string }>(
      `select (select employee_no from public.cleaners where id = $1) as active_no, (select employee_no from public.cleaners where id = $2) as other_no`,
      [segment.cleaner_id, segment.other_cleaner],
    )
    await engine().asUser(user('admin'), async (as) => {
      await as(`select public.roster_set_cleaner_active((select id from public.cleaners where team_id = 1 and id not in ($1, $2) order by id limit 1), false, $3)`, [
        segment.cleaner_id,
        segment.other_cleaner,
        ROSTER_DAY,
      ])
      const inactive = (await as<{ employee_no: string }>(`select employee_no from public.cleaners where team_id = 1 and not active order by id limit 1`))[0].employee_no
      const assignmentsBefore = (await as<{ n: number }>(`select count(*)::int as n from public.segment_assignments`))[0].n
      const bad = await failure(
        as(`select public.roster_import_assignments($1, $2::jsonb)`, [
          ROSTER_DAY,
          JSON.stringify([
            { row: 2, employee_no: 'NOBODY', back_street: segment.back_street, seq: segment.seq, shift: '晚班' },
            { row: 3, employee_no: people.active_no, back_street: '不存在巷', seq: 1, shift: '晚班' },
            { row: 4, employee_no: people.active_no, back_street: segment.back_street, seq: 999, shift: '晚班' },
            { row: 5, employee_no: inactive, back_street: segment.back_street, seq: segment.seq, shift: '早班', from_m: 0, to_m: 10 },
            { row: 6, employee_no: people.active_no, back_street: segment.back_street, seq: segment.seq, shift: '晚班', from_m: 0, to_m: 30 },
            { row: 7, employee_no: people.other_no, back_street: segment.back_street, seq: segment.seq, shift: 'late', from_m: 20, to_m: 40 },
            { row: 8, employee_no: people.other_no, back_street: segment.back_street, seq: segment.seq, shift: '夜班' },
          ]),
        ]),
      )
      expect(bad.code).toBe('UG407')
      for (const expected of [
        '第 2 行 工号：没有工号为 NOBODY 的保洁员',
        '第 3 行 后街背巷：没有名为“不存在巷”的后街背巷',
        `第 4 行 段号：“${segment.back_street}”没有第 999 段`,
        `第 5 行 工号：保洁员 ${inactive} 已停用`,
        '第 6 行 起点：与第 7 行重叠',
        '第 7 行 起点：与第 6 行重叠',
        '第 8 行 班次：未知的班次“夜班”',
      ]) {
        expect(bad.message).toContain(expected)
      }
      expect((await as<{ n: number }>(`select count(*)::int as n from public.segment_assignments`))[0].n).toBe(assignmentsBefore)

      const done = await rpc<{ rows: number; changed_segments: number }>(as, `public.roster_import_assignments($1, $2::jsonb)`, [
        ROSTER_DAY,
        JSON.stringify([
          { row: 2, employee_no: people.other_no, back_street: segment.back_street, seq: segment.seq, shift: '晚班', from_m: 0, to_m: 20 },
          { row: 3, employee_no: people.other_no, back_street: segment.back_street, seq: segment.seq, shift: '早班' },
        ]),
      ])
      expect(done.rows).toBe(2)
      const now = await rpc<Assignment[]>(as, `public.roster_assignments($1, $2::bigint[])`, [ROSTER_DAY, [segment.segment_id]])
      const late = now.filter((a) => a.shift === 'late').sort((a, b) => a.from_m - b.from_m)
      expect(late.map((a) => [a.cleaner_id, a.from_m])).toEqual([
        [segment.other_cleaner, 0],
        [segment.cleaner_id, 20],
      ])
      expect(now.filter((a) => a.shift === 'early').map((a) => a.cleaner_id)).toEqual([segment.other_cleaner])
    })
  })

  it('facility duties: ~95 % covered, set with a base version, stale and bad rows refused, deputies, import by name', async () => {
    await engine().asUser(user('admin'), async (as) => {
      const duties = await rpc<Duty[]>(as, `public.facility_duties_read($1)`, [ROSTER_DAY])
      const kinds = new Set(duties.map((duty) => duty.kind))
      expect([...kinds].sort()).toEqual(['collection_point', 'compactor_station', 'public_toilet', 'transfer_station'])
      const nobody = duties.filter((duty) => duty.cleaner_id === null)
      expect(nobody.length / duties.length).toBeGreaterThan(0.01)
      expect(nobody.length / duties.length).toBeLessThan(0.1)
      const held = duties.find((duty) => duty.cleaner_id !== null && duty.deputy_id !== null)!
      const free = nobody[0]
      const team = (await as<{ team_id: number }>(`select team_id::int from public.cleaners where id = $1`, [held.cleaner_id]))[0].team_id
      const [a, b] = (await as<{ id: number }>(`select id::int from public.cleaners where team_id = $1 and active order by id limit 2`, [team])).map((row) => row.id)

      const set = await rpc<Duty[]>(as, `public.facility_duty_set($1, $2::jsonb)`, [
        ROSTER_DAY,
        JSON.stringify([
          { facility_id: held.facility_id, cleaner_id: a, deputy_id: b, base_version: held.version },
          { facility_id: free.facility_id, cleaner_id: b, deputy_id: null, base_version: null },
        ]),
      ])
      expect(set.map((duty) => [duty.facility_id, duty.cleaner_id, duty.deputy_id])).toEqual(
        [
          [held.facility_id, a, b],
          [free.facility_id, b, null],
        ].sort((x, y) => (x[0] as number) - (y[0] as number)),
      )
      const stale = await failure(
        as(`select public.facility_duty_set($1, $2::jsonb)`, [ROSTER_DAY, JSON.stringify([{ facility_id: held.facility_id, cleaner_id: b, deputy_id: null, base_version: (held.version ?? 0) + 100 }])]),
      )
      expect([stale.code, stale.column]).toEqual(['UG401', 'base_version'])
      expect(stale.message).toContain(held.name)
      const same = await failure(
        as(`select public.facility_duty_set($1, $2::jsonb)`, [ROSTER_DAY, JSON.stringify([{ facility_id: free.facility_id, cleaner_id: a, deputy_id: a }])]),
      )
      expect([same.code, same.column]).toEqual(['UG409', 'deputy_id'])
      expect(same.message).toContain('责任人和替岗人不能是同一人')

      // the deputy leaves: the responsible person stays, without a deputy
      await as(`select public.roster_set_cleaner_active($1, false, $2)`, [b, '2026-12-11'])
      const afterLeave = await rpc<Duty[]>(as, `public.facility_duties_read('2026-12-11')`)
      expect(afterLeave.find((duty) => duty.facility_id === held.facility_id)).toMatchObject({ cleaner_id: a, deputy_id: null })
      expect(afterLeave.find((duty) => duty.facility_id === free.facility_id)).toMatchObject({ cleaner_id: null })
      const inactive = await failure(
        as(`select public.facility_duty_set('2026-12-11', $1::jsonb)`, [JSON.stringify([{ facility_id: free.facility_id, cleaner_id: b }])]),
      )
      expect([inactive.code, inactive.column]).toEqual(['UG404', 'cleaner_id'])

      const employee = (await as<{ employee_no: string }>(`select employee_no from public.cleaners where id = $1`, [a]))[0].employee_no
      const badImport = await failure(
        as(`select public.facility_duty_import('2026-12-12', $1::jsonb)`, [
          JSON.stringify([
            { row: 2, facility: '不存在的装车点', employee_no: employee },
            { row: 3, facility: free.name, employee_no: 'NOBODY', deputy_employee_no: employee },
            { row: 4, facility: held.name, employee_no: employee, deputy_employee_no: employee },
          ]),
        ]),
      )
      expect(badImport.code).toBe('UG407')
      expect(badImport.message).toContain('第 2 行 设施：没有名为“不存在的装车点”的包干设施')
      expect(badImport.message).toContain('第 3 行 责任人工号：没有工号为 NOBODY 的保洁员')
      expect(badImport.message).toContain('第 4 行 替岗人工号：替岗人不能与责任人是同一人')
      const imported = await rpc<{ rows: number; duties: Duty[] }>(as, `public.facility_duty_import('2026-12-12', $1::jsonb)`, [
        JSON.stringify([{ row: 2, facility: free.name, employee_no: employee }]),
      ])
      expect(imported.duties).toMatchObject([{ facility_id: free.facility_id, cleaner_id: a, deputy_id: null }])
    })
  })

  it('records inspections with the cleaner of that time and shift, refuses bad ones, and scores quality by month', async () => {
    const segment = await one<{ segment_id: number; cleaner_id: number }>(TEAM_SEGMENT_SQL, [1, 'day'])
    await engine().asUser(user('staff'), async (as) => {
      const recorded = await rpc<{ cleaner_id: number; shift: string; passed: boolean; dust_limit: number; inspector: string }>(
        as,
        `public.roster_record_inspection($1::jsonb)`,
        [JSON.stringify({ segment_id: segment.segment_id, at: '2026-11-20T14:30:00+08:00', grams_per_m2: 3.5 })],
      )
      expect(recorded).toMatchObject({ cleaner_id: segment.cleaner_id, shift: 'day', passed: true, inspector: '环卫作业员' })
      const tooMuch = await rpc<{ passed: boolean }>(as, `public.roster_record_inspection($1::jsonb)`, [
        JSON.stringify({ segment_id: segment.segment_id, at: '2026-11-21T15:00:00+08:00', grams_per_m2: 99, inspector: '考核组', note: '积尘' }),
      ])
      expect(tooMuch.passed).toBe(false)
      for (const [body, field] of [
        [{ segment_id: segment.segment_id, at: '2099-01-01T10:00:00+08:00', grams_per_m2: 3 }, 'at'],
        [{ segment_id: segment.segment_id, at: '2026-11-20T10:00:00+08:00', grams_per_m2: -1 }, 'grams_per_m2'],
        [{ segment_id: segment.segment_id, at: '2026-11-20T10:00:00+08:00', grams_per_m2: 1000 }, 'grams_per_m2'],
        [{ segment_id: segment.segment_id, at: 'gestern', grams_per_m2: 3 }, 'at'],
        [{ segment_id: 99999999, at: '2026-11-20T10:00:00+08:00', grams_per_m2: 3 }, 'segment_id'],
      ] as const) {
        const refused = await failure(as(`select public.roster_record_inspection($1::jsonb)`, [JSON.stringify(body)]))
        expect([refused.code, refused.column], JSON.stringify(body)).toEqual(['UG410', field])
      }
      const month = await rpc<{ segments: { segment_id: number; samples: number; passed: number; score: number }[] }>(as, `public.roster_quality('2026-11-15')`)
      expect(month.segments.find((s) => s.segment_id === segment.segment_id)).toMatchObject({ samples: 2, passed: 1, score: 50 })
      const listed = await rpc<{ segment_id: number }[]>(as, `public.roster_inspections('2026-11-20', '2026-11-21')`)
      expect(listed.filter((row) => row.segment_id === segment.segment_id)).toHaveLength(2)
    })

    // the demo's inspections: quality against a direct count for every month that has any
    const months = await engine().query<{ month: string }>(
      `select distinct to_char((at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-01') as month from public.cleaning_inspections order by 1`,
    )
    expect(months.length).toBeGreaterThanOrEqual(3)
    for (const { month } of months) {
      const direct = await engine().query<{ cleaner_id: number; samples: number; passed: number }>(
        `select i.cleaner_id::int, count(*)::int as samples, count(*) filter (where i.grams_per_m2 <= g.dust_limit)::int as passed
         from public.cleaning_inspections i join public.street_segments s on s.id = i.segment_id join public.cleaning_grades g on g.grade = s.cleaning_grade
         where i.cleaner_id is not null and to_char((i.at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-01') = $1
         group by i.cleaner_id order by i.cleaner_id`,
        [month],
      )
      const quality = await engine().asUser(user('manager'), (as) =>
        rpc<{ cleaners: { cleaner_id: number; samples: number; passed: number; score: number }[] }>(as, `public.roster_quality($1)`, [month]),
      )
      expect(quality.cleaners.map((c) => [c.cleaner_id, c.samples, c.passed])).toEqual(direct.map((c) => [c.cleaner_id, c.samples, c.passed]))
      for (const c of quality.cleaners) expect(c.score).toBeCloseTo((100 * c.passed) / c.samples, 1)
      const passRate = direct.reduce((sum, c) => sum + c.passed, 0) / direct.reduce((sum, c) => sum + c.samples, 0)
      expect(passRate).toBeGreaterThan(0.7)
    }
  })
}
