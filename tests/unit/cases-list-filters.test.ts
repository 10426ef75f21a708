/**
 * The case list's period (src/features/cases): the days a dispatcher picks reach list_cases
 * as [from, to) at the database's offset and read back as the same days. (The order is the
 * server's now: tests/db/case-list-suite.ts.)
 */
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { periodDays, periodQuery } from '../../src/features/cases/case-list-period.ts'

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
