import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addWorkTime, isWorkdayOn, WorkTimeError, workCalendarFrom, type TimeLimitUnit } from '../../src/domain/cases/index.ts'
import { DEMO_RULES, local, localText } from './cases-support.ts'

const add = (start: string, amount: number, unit: TimeLimitUnit) => localText(addWorkTime(local(start), amount, unit, DEMO_RULES.calendar))

describe('the 2026 work calendar', () => {
  test('holidays are off, 调休 weekends are on, other days follow Monday–Friday', () => {
    expect(isWorkdayOn('2026-10-01', DEMO_RULES.calendar)).toBe(false) // 国庆, Thursday
    expect(isWorkdayOn('2026-10-10', DEMO_RULES.calendar)).toBe(true) // 调休, Saturday
    expect(isWorkdayOn('2026-01-04', DEMO_RULES.calendar)).toBe(true) // 元旦调休, Sunday
    expect(isWorkdayOn('2026-03-14', DEMO_RULES.calendar)).toBe(false) // ordinary Saturday
    expect(isWorkdayOn('2026-03-16', DEMO_RULES.calendar)).toBe(true) // ordinary Monday
  })
})

describe('work hours', () => {
  test('count only inside office periods: Friday 16:30 + 4 h ends Monday 11:30', () => {
    expect(add('2026-03-13 16:30', 4, 'work_hours')).toBe('2026-03-16 11:30')
  })

  test('period boundaries: ending exactly at noon stays at noon, the next minute is after lunch', () => {
    expect(add('2026-03-16 08:30', 3.5, 'work_hours')).toBe('2026-03-16 12:00')
    expect(add('2026-03-16 11:00', 1, 'work_hours')).toBe('2026-03-16 12:00')
    expect(add('2026-03-16 12:00', 1, 'work_hours')).toBe('2026-03-16 14:30')
    expect(add('2026-03-16 11:00', 1.5, 'work_hours')).toBe('2026-03-16 14:00')
    expect(add('2026-03-16 12:45', 0.5, 'work_hours')).toBe('2026-03-16 14:00')
  })

  test('before opening, after closing and overnight', () => {
    expect(add('2026-03-16 06:00', 1, 'work_hours')).toBe('2026-03-16 09:30')
    expect(add('2026-03-16 17:00', 1, 'work_hours')).toBe('2026-03-17 09:00')
    expect(add('2026-03-16 17:30', 1, 'work_hours')).toBe('2026-03-17 09:30')
    expect(add('2026-03-16 23:59', 1, 'work_hours')).toBe('2026-03-17 09:30')
    // zero hours at 07:00 is the moment the office opens
    expect(add('2026-03-16 07:00', 0, 'work_hours')).toBe('2026-03-16 08:30')
  })

  test('the local day, not the UTC day: Monday 01:00 in Beijing is Sunday in UTC', () => {
    expect(add('2026-03-16 01:00', 1, 'work_hours')).toBe('2026-03-16 09:30')
  })

  test('weekends, holidays and make-up working days', () => {
    expect(add('2026-03-14 10:00', 1, 'work_hours')).toBe('2026-03-16 09:30')
    expect(add('2026-10-10 09:00', 2, 'work_hours')).toBe('2026-10-10 11:00') // Saturday 调休
    expect(add('2026-09-30 17:00', 1, 'work_hours')).toBe('2026-10-08 09:00') // 国庆 to 10-07
    expect(add('2026-02-13 17:00', 2, 'work_hours')).toBe('2026-02-14 10:00') // 春节调休 Saturday
    expect(add('2026-02-14 17:00', 1, 'work_hours')).toBe('2026-02-24 09:00') // 春节 02-15 … 02-23
  })

  test('across the year end: 12-31 16:00 + 4 h → the 元旦 holiday → Sunday 01-04, a make-up day', () => {
    expect(add('2025-12-31 16:00', 4, 'work_hours')).toBe('2026-01-04 11:00')
  })

  test('other office hours and offsets', () => {
    const single = [['09:00', '17:00']] as const
    expect(localText(addWorkTime(local('2026-03-16 16:00'), 2, 'work_hours', DEMO_RULES.calendar, single))).toBe('2026-03-17 10:00')
    // UTC clock: 2026-03-16 16:00 local is 08:00Z, inside a 08:30–17:30 day only from 08:30Z
    const utc = addWorkTime(local('2026-03-16 16:00'), 1, 'work_hours', DEMO_RULES.calendar, [['08:30', '17:30']], 0)
    expect(utc.toISOString()).toBe('2026-03-16T09:30:00.000Z')
  })

  // The second step is at least a minute: adding nothing moves a moment outside office hours
  // (or exactly at a period's close) to the next working moment, as the SQL does — a split at
  // 12:00 then "+0" gives 13:30. Time limits are positive by the table's constraint.
  test('adding in two steps gives the same deadline as adding at once', () => {
    const start = Date.parse('2025-11-01T00:00:00+08:00')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 24 * 60 }),
        fc.integer({ min: 0, max: 40 * 60 }),
        fc.integer({ min: 1, max: 40 * 60 }),
        (startMinute, firstMinutes, secondMinutes) => {
          const from = new Date(start + startMinute * 60_000)
          const once = addWorkTime(from, (firstMinutes + secondMinutes) / 60, 'work_hours', DEMO_RULES.calendar)
          const middle = addWorkTime(from, firstMinutes / 60, 'work_hours', DEMO_RULES.calendar)
          const twice = addWorkTime(middle, secondMinutes / 60, 'work_hours', DEMO_RULES.calendar)
          return once.getTime() === twice.getTime()
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('work days and natural hours', () => {
  test('N work days end at the close of the N-th working day after the arrival day, whatever the hour', () => {
    expect(add('2026-03-16 08:00', 1, 'work_days')).toBe('2026-03-17 17:30')
    expect(add('2026-03-16 23:00', 1, 'work_days')).toBe('2026-03-17 17:30')
    expect(add('2026-03-13 10:00', 1, 'work_days')).toBe('2026-03-16 17:30')
    expect(add('2026-03-13 10:00', 3, 'work_days')).toBe('2026-03-18 17:30')
    expect(add('2026-09-30 17:00', 1, 'work_days')).toBe('2026-10-08 17:30')
    expect(add('2026-10-09 10:00', 1, 'work_days')).toBe('2026-10-10 17:30') // Saturday 调休
    expect(add('2025-12-31 10:00', 1, 'work_days')).toBe('2026-01-04 17:30')
    // a fraction of a day is a whole day
    expect(add('2026-03-16 08:00', 0.5, 'work_days')).toBe('2026-03-17 17:30')
  })

  test('natural hours ignore the calendar', () => {
    expect(add('2026-10-10 09:00', 24, 'natural_hours')).toBe('2026-10-11 09:00')
    expect(add('2026-09-30 22:00', 4.5, 'natural_hours')).toBe('2026-10-01 02:30')
  })
})

describe('bad configuration', () => {
  test('a calendar without working days is refused, with a reason', () => {
    const days: { day: string; isWorkday: boolean }[] = []
    for (let time = Date.parse('2026-01-01T00:00:00Z'); time < Date.parse('2037-01-01T00:00:00Z'); time += 86_400_000) {
      days.push({ day: new Date(time).toISOString().slice(0, 10), isWorkday: false })
    }
    const closed = workCalendarFrom(days)
    expect(() => addWorkTime(local('2026-03-16 09:00'), 1, 'work_hours', closed)).toThrow(WorkTimeError)
    expect(() => addWorkTime(local('2026-03-16 09:00'), 1, 'work_days', closed)).toThrow(/没有可用的工作日/)
  })

  test('malformed office hours and unknown units name the problem', () => {
    expect(() => addWorkTime(local('2026-03-16 09:00'), 1, 'work_hours', DEMO_RULES.calendar, [['8.30', '12:00']])).toThrow(/工作时段格式错误/)
    expect(() => addWorkTime(local('2026-03-16 09:00'), 1, 'fortnights' as TimeLimitUnit, DEMO_RULES.calendar)).toThrow(/未知的时限单位/)
  })
})
