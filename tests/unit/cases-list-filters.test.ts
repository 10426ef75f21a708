/**
 * The case list's period and page order (src/features/cases): the days a dispatcher picks
 * reach list_cases as [from, to) at the database's offset and read back as the same days;
 * a column sort orders the rows of a page as the column means (status in workflow order).
 */
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { periodDays, periodQuery } from '../../src/features/cases/case-list-period.ts'
import { CASE_ORDER } from '../../src/features/cases/case-list-order.ts'
import { INCIDENT_STATUSES, type CaseListRow } from '../../src/data/schemas.ts'

describe('reporting period', () => {
  test('both days are included: to is the start of the day after the last, at the offset', () => {
    expect(periodQuery('2026-03-01', '2026-03-31', 8)).toEqual({ from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' })
    expect(periodQuery('2025-12-31', '2025-12-31', 8)).toEqual({ from: '2025-12-31T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' })
    expect(periodQuery(null, '2026-02-28', 8)).toEqual({ from: null, to: '2026-03-01T00:00:00+08:00' })
    expect(periodQuery(null, null, 8)).toEqual({ from: null, to: null })
  })

  test('the days read back from the query are the days picked, at any offset', () => {
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))
    fc.assert(
      fc.property(fc.option(day, { nil: null }), fc.option(day, { nil: null }), fc.integer({ min: -12, max: 14 }), (first, last, offset) => {
        const { from, to } = periodQuery(first, last, offset)
        expect(periodDays(from, to)).toEqual([first, last])
        if (from) expect(Date.parse(from)).toBe(Date.parse(`${first}T00:00:00Z`) - offset * 3_600_000)
      }),
    )
  })
})

describe('page order', () => {
  const row = (id: number, patch: Partial<CaseListRow>): CaseListRow =>
    ({ id, category_code: '01001', status: 'reported', grid_code: null, reported_at: '2026-03-01T08:00:00+08:00', deadline_at: null, ...patch }) as CaseListRow
  const order = (rows: CaseListRow[], key: keyof typeof CASE_ORDER) => [...rows].sort(CASE_ORDER[key]).map((entry) => entry.id)

  test('status follows the workflow, not the alphabet', () => {
    const rows = [...INCIDENT_STATUSES].reverse().map((status, index) => row(index, { status }))
    expect([...rows].sort(CASE_ORDER.status).map((entry) => entry.status)).toEqual([...INCIDENT_STATUSES])
  })

  test('times compare as instants whatever their offset; ties and missing deadlines are stable', () => {
    const rows = [
      row(1, { reported_at: '2026-03-01T09:00:00+08:00', deadline_at: '2026-03-02T00:00:00Z' }),
      row(2, { reported_at: '2026-03-01T00:30:00Z', deadline_at: null }),
      row(3, { reported_at: '2026-03-01T01:00:00Z', deadline_at: '2026-03-01T12:00:00+08:00' }),
    ]
    // 09:00+08 = 01:00Z ties with row 3 and falls back to the id; 00:30Z is first.
    expect(order(rows, 'reported_at')).toEqual([2, 1, 3])
    expect(order(rows, 'deadline_at')).toEqual([2, 3, 1])
  })
})
