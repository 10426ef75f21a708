/**
 * The case table's order (list_cases p_sort / p_descending, 20261208000200_case_list.sql),
 * run unchanged on PGlite and native PostgreSQL 15: every sort key orders the whole filtered
 * list as docs/workflow.md states — checked against an order computed here in TypeScript
 * from the rows' own fields — ties fall to the id in the same direction, and pages read one
 * after another give exactly the whole list (no row twice, none lost). An unknown key is
 * refused with UG230 and a Chinese message.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { CASE_SORT_KEYS, type CaseSortKey } from '../../src/data/repository.ts'
import { INCIDENT_STATUSES, caseListSchema, type CaseList, type CaseListRow } from '../../src/data/schemas.ts'
import { failure, type Engine, type Query } from './engine.ts'
import { registeredCase } from './case-at.ts'

const viewer = DEMO_USERS.find((candidate) => candidate.role === 'viewer')!.id

/** Missing values last in both directions; otherwise the key's own order, reversed for descending. */
function compareBy(key: CaseSortKey, descending: boolean) {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const value = (row: CaseListRow): number | string | null => {
    switch (key) {
      case 'reported_at':
        return Date.parse(row.reported_at)
      case 'deadline_at':
        return row.deadline_at ? Date.parse(row.deadline_at) : null
      case 'status':
        return INCIDENT_STATUSES.indexOf(row.status)
      case 'category':
        return row.category_code
      case 'grid':
        return row.grid_code
      // byte order of UTF-8 = code point order; JavaScript's < on these BMP names is the same
      case 'department':
        return row.department_name
      // the number's day: the text before the dash; the id follows as the tie-break
      case 'number':
        return row.case_number.split('-')[0]
    }
  }
  const sign = descending ? -1 : 1
  return (a: CaseListRow, b: CaseListRow) => {
    const left = value(a)
    const right = value(b)
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1
    } else {
      const order = typeof left === 'number' ? left - (right as number) : text(left, right as string)
      if (order !== 0) return sign * order
    }
    return sign * (a.id - b.id)
  }
}

async function list(as: Query, args: Record<string, unknown>): Promise<CaseList> {
  const names = Object.keys(args)
  const types: Record<string, string> = { p_sort: 'text', p_descending: 'boolean', p_limit: 'integer', p_offset: 'integer', p_from: 'timestamptz', p_to: 'timestamptz', p_statuses: 'text[]' }
  const [{ page }] = await as<{ page: CaseList }>(
    `select public.list_cases(${names.map((name, index) => `${name} => $${index + 1}::${types[name]}`).join(', ')}) as page`,
    names.map((name) => args[name]),
  )
  return caseListSchema.parse(page)
}

export function defineCaseListSuite(engine: () => Engine) {
  it('orders the whole filtered list by each key, both ways, ties by id; pages add up to it', async () => {
    // Two days of the demo's cases: enough rows for ties in every key, few enough to read
    // whole. The demo's own last days (cases other suites commit are reported now).
    const [{ from, to }] = await engine().query<{ from: string; to: string }>(
      `select (max(reported_at) - interval '2 days')::text as from, max(reported_at)::text as to from public.incidents
       where reported_at < '2026-11-01T00:00:00+08'`,
    )
    await engine().asUser(viewer, async (as) => {
      const period = { p_from: from, p_to: to }
      const whole = await list(as, { ...period, p_limit: 5000 })
      expect(whole.total).toBeGreaterThan(50)
      expect(whole.total).toBeLessThanOrEqual(5000)
      const rows = whole.rows
      // the data has what makes an order worth testing: ties, and missing values
      expect(new Set(rows.map((row) => row.category_code)).size).toBeLessThan(rows.length)
      expect(new Set(rows.map((row) => row.status)).size).toBeGreaterThan(2)
      expect(new Set(rows.map((row) => row.department_name)).size).toBeGreaterThan(2)
      expect(new Set(rows.map((row) => row.case_number.slice(0, 8))).size).toBeGreaterThanOrEqual(2)

      // the default is exactly the old order: newest first, then the higher id
      expect(rows.map((row) => row.id)).toEqual([...rows].sort(compareBy('reported_at', true)).map((row) => row.id))

      for (const key of CASE_SORT_KEYS) {
        for (const descending of [false, true]) {
          const label = `${key} ${descending ? 'desc' : 'asc'}`
          const sorted = await list(as, { ...period, p_sort: key, p_descending: descending, p_limit: 5000 })
          expect(sorted.total, label).toBe(whole.total)
          const expected = [...rows].sort(compareBy(key, descending)).map((row) => row.id)
          expect(sorted.rows.map((row) => row.id), label).toEqual(expected)
          // pages of an odd size, one after another, are the same list: a tie never straddles
          // a page boundary twice or not at all
          const paged: number[] = []
          for (let offset = 0; offset < sorted.total; offset += 61) {
            const page = await list(as, { ...period, p_sort: key, p_descending: descending, p_limit: 61, p_offset: offset })
            paged.push(...page.rows.map((row) => row.id))
          }
          expect(paged, label).toEqual(expected)
        }
      }

      // missing values come last both ways (cases without a deadline, without a grid)
      const [{ undated, ungridded }] = await as<{ undated: number; ungridded: number }>(
        `select count(*) filter (where deadline_at is null)::int as undated, count(*) filter (where grid_id is null)::int as ungridded
         from public.incidents where reported_at >= $1::timestamptz and reported_at <= $2::timestamptz`,
        [from, to],
      )
      for (const descending of [false, true]) {
        const byDeadline = await list(as, { ...period, p_sort: 'deadline_at', p_descending: descending, p_limit: 5000 })
        if (undated > 0) expect(byDeadline.rows.slice(-undated).every((row) => row.deadline_at === null)).toBe(true)
        const byGrid = await list(as, { ...period, p_sort: 'grid', p_descending: descending, p_limit: 5000 })
        if (ungridded > 0) expect(byGrid.rows.slice(-ungridded).every((row) => row.grid_code === null)).toBe(true)
      }
    })
  })

  it('sorts with the other filters, and reads up to 5,000 rows a call for the export', async () => {
    await engine().asUser(viewer, async (as) => {
      await registeredCase(as)
      const open = await list(as, { p_statuses: ['dispatched', 'registered'], p_sort: 'status', p_descending: false, p_limit: 5000 })
      expect(open.rows).toHaveLength(open.total)
      const statuses = open.rows.map((row) => row.status)
      expect(new Set(statuses)).toEqual(new Set(['registered', 'dispatched']))
      // 已立案 comes before 处置中 in the workflow, whatever the alphabet says
      expect(statuses.indexOf('dispatched')).toBeGreaterThan(statuses.lastIndexOf('registered'))
      const big = await list(as, { p_limit: 50_000 })
      expect(big.limit).toBe(5000)
      expect(big.rows).toHaveLength(Math.min(5000, big.total))
      const handled = big.rows.find((row) => row.status === 'closed')
      expect(handled?.handled_at ?? null).not.toBeUndefined()
    })
  })

  it('refuses an unknown sort key with a Chinese message naming the keys', async () => {
    await engine().asUser(viewer, async (as) => {
      for (const key of ['id', 'reported_at desc', 'deadline_at; drop table public.incidents', '']) {
        const error = await failure(as(`select public.list_cases(p_sort => $1::text)`, [key]))
        expect(error.code, key).toBe('UG230')
        expect(error.message).toContain('不能按')
        expect(error.message).toContain('deadline_at')
      }
      // null is the default order, not an error
      expect((await list(as, { p_sort: null, p_descending: null, p_limit: 1 })).rows).toHaveLength(1)
    })
  })
}
