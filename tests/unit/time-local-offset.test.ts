/**
 * Issue 14: the UI's calendar days are local days at the database's timezone_offset_hours,
 * no longer at a hard-coded UTC+8; with the default offset nothing changes.
 */
import { describe, expect, test } from 'vitest'
import { overviewReads } from '../../src/data/overview-reads.ts'
import { dayRangeToInstants } from '../../src/domain/time/day-range-to-instants.ts'
import { localDayOf, localDayStart } from '../../src/domain/time/local-time.ts'

describe('local days at an offset', () => {
  test('at the default offset they are the China days the UI always used', () => {
    expect(localDayStart('2026-03-05', 8)).toBe('2026-03-05T00:00:00+08:00')
    expect(localDayOf('2026-03-04T16:00:00.000Z', 8)).toBe('2026-03-05')
    expect(localDayOf('2026-03-04T15:59:59.000Z', 8)).toBe('2026-03-04')
    expect(dayRangeToInstants('2026-03-01', '2026-03-31', 8)).toEqual(dayRangeToInstants('2026-03-01', '2026-03-31'))
  })

  test('follow another offset when the database has one', () => {
    expect(localDayStart('2026-03-05', 0)).toBe('2026-03-05T00:00:00+00:00')
    expect(localDayStart('2026-03-05', -5)).toBe('2026-03-05T00:00:00-05:00')
    expect(localDayOf('2026-03-04T16:00:00.000Z', 0)).toBe('2026-03-04')
    expect(dayRangeToInstants('2026-03-01', '2026-03-31', 0)).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })
    const reads = overviewReads({ gridLevel: 'auto', from: '2026-03-01', to: null }, null, null, null, 9)
    expect(reads.incidentFilter.from).toBe('2026-02-28T15:00:00.000Z')
  })
})
