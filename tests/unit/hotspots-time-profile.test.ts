/**
 * Time profiles: weekday × hour in 北京时间 checked against the platform's own time zone data
 * (Intl, Asia/Shanghai) on random times, day and ISO-week steps with their edges (local
 * midnight, Monday, the half-open end, empty steps), ISO week numbers at year ends, and the
 * per-unit series against a per-case recount.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  HotspotError,
  isoWeekOf,
  localHour,
  localWeekday,
  seriesOfUnit,
  stepIndexOf,
  timeSeries,
  timeSteps,
  unitStepCounts,
  weekHourIndex,
  weekHourMatrix,
} from '../../src/domain/hotspots/index.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** epoch ms of a 北京时间 wall-clock time */
const beijing = (text: string) => Date.parse(`${text}+08:00`)

const shanghai = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: 'numeric', hourCycle: 'h23' })
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function intlWeekdayHour(t: number): [number, number] {
  const parts = shanghai.formatToParts(new Date(t))
  const weekday = WEEKDAYS.indexOf(parts.find((part) => part.type === 'weekday')!.value)
  const hour = Number(parts.find((part) => part.type === 'hour')!.value)
  return [weekday, hour]
}

describe('weekday × hour', () => {
  it('puts a case in the 北京时间 cell, Monday first', () => {
    // 2026-12-07 is a Monday; 00:30 there is Sunday 16:30 UTC.
    const t = [beijing('2026-12-07T00:30:00'), beijing('2026-12-06T23:59:59'), beijing('2026-12-13T12:00:00'), NaN]
    const matrix = weekHourMatrix(t)
    expect(matrix).toHaveLength(168)
    expect(matrix[weekHourIndex(0, 0)]).toBe(1)
    expect(matrix[weekHourIndex(6, 23)]).toBe(1)
    expect(matrix[weekHourIndex(6, 12)]).toBe(1)
    expect(matrix.reduce((sum, count) => sum + count, 0)).toBe(3)
    expect(localWeekday(t[0])).toBe(0)
    expect(localHour(t[0])).toBe(0)
    // In UTC the first case is a Sunday afternoon.
    expect(weekHourMatrix([t[0]], { offsetHours: 0 })[weekHourIndex(6, 16)]).toBe(1)
  })

  it('agrees with Intl’s Asia/Shanghai on random times from 1995 to 2035', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2035, 0, 1) }), (t) => {
        const [weekday, hour] = intlWeekdayHour(t)
        const matrix = weekHourMatrix([t])
        expect(matrix[weekHourIndex(weekday, hour)]).toBe(1)
      }),
      { numRuns: 500 },
    )
  })

  it('counts only the subset it is given', () => {
    const t = [beijing('2026-12-07T08:10:00'), beijing('2026-12-07T08:50:00'), beijing('2026-12-08T09:00:00')]
    const matrix = weekHourMatrix(t, { cases: [1, 2] })
    expect(matrix[weekHourIndex(0, 8)]).toBe(1)
    expect(matrix[weekHourIndex(1, 9)]).toBe(1)
    expect(() => weekHourMatrix(t, { cases: [3] })).toThrow(HotspotError)
  })

  it('refuses an offset that is no time zone', () => {
    expect(() => weekHourMatrix([0], { offsetHours: 20 })).toThrow(/时区偏移/)
  })
})

describe('steps by day and by week', () => {
  it('days start at local midnight, the first may start before `from`, empty days are 0', () => {
    const from = beijing('2026-12-01T10:00:00')
    const to = beijing('2026-12-05T00:00:00')
    const steps = timeSteps(from, to, 'day')
    expect(steps.labels).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'])
    expect(steps.starts[0]).toBe(beijing('2026-12-01T00:00:00'))
    const t = [
      beijing('2026-12-01T09:59:59'), // before `from`: left out
      beijing('2026-12-01T10:00:00'),
      beijing('2026-12-02T23:59:59'),
      beijing('2026-12-04T23:59:59'),
      to, // the end is open
    ]
    expect(Array.from(timeSeries(t, steps))).toEqual([1, 1, 0, 1])
    expect(stepIndexOf(steps, to)).toBe(-1)
    expect(stepIndexOf(steps, NaN)).toBe(-1)
  })

  it('weeks start on Monday in local time', () => {
    // Sunday 2026-12-06 and Monday 2026-12-07 are in different weeks.
    const steps = timeSteps(beijing('2026-12-03T00:00:00'), beijing('2026-12-22T00:00:00'), 'week')
    expect(steps.labels).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21'])
    const t = [beijing('2026-12-06T23:59:00'), beijing('2026-12-07T00:01:00'), beijing('2026-12-21T12:00:00')]
    expect(Array.from(timeSeries(t, steps))).toEqual([1, 1, 0, 1])
    // 00:01 Monday in Beijing is still Sunday in UTC
    const utcSteps = timeSteps(Date.UTC(2026, 11, 3), Date.UTC(2026, 11, 22), 'week', 0)
    expect(Array.from(timeSeries(t, utcSteps))).toEqual([2, 0, 0, 1])
  })

  it('ISO week numbers at year ends', () => {
    expect(isoWeekOf(beijing('2021-01-03T12:00:00'))).toEqual({ year: 2020, week: 53 })
    expect(isoWeekOf(beijing('2024-12-30T12:00:00'))).toEqual({ year: 2025, week: 1 })
    expect(isoWeekOf(beijing('2026-01-01T00:10:00'))).toEqual({ year: 2026, week: 1 })
    expect(isoWeekOf(beijing('2026-12-31T23:00:00'))).toEqual({ year: 2026, week: 53 })
    // 2026-12-07 00:30 in Beijing is week 50; in UTC it is still Sunday of week 49.
    expect(isoWeekOf(beijing('2026-12-07T00:30:00'))).toEqual({ year: 2026, week: 50 })
    expect(isoWeekOf(beijing('2026-12-07T00:30:00'), 0)).toEqual({ year: 2026, week: 49 })
  })

  it('refuses an empty or reversed period', () => {
    expect(() => timeSteps(10, 10, 'day')).toThrow(HotspotError)
    expect(() => timeSteps(Date.UTC(1900, 0, 1), Date.UTC(2026, 0, 1), 'day')).toThrow(/上限/)
  })
})

describe('per unit and step', () => {
  it('equals a recount case by case, −1 counts nowhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: -2 * DAY, max: 30 * DAY })), { maxLength: 300 }),
        (cases) => {
          const origin = beijing('2026-11-02T00:00:00') // a Monday
          const steps = timeSteps(origin, origin + 28 * DAY, 'week')
          const t = cases.map(([, offset]) => origin + offset)
          const units = Int32Array.from(cases, ([unit]) => unit)
          const counts = unitStepCounts(t, units, 5, steps)
          expect(counts).toHaveLength(5 * 4)
          for (let unit = 0; unit < 5; unit++) {
            for (let step = 0; step < 4; step++) {
              const expected = cases.filter(([u, offset]) => u === unit && offset >= 0 && offset < 28 * DAY && Math.floor(offset / (7 * DAY)) === step).length
              expect(counts[unit * 4 + step]).toBe(expected)
            }
          }
          expect(seriesOfUnit(counts, 4, 2)).toEqual(counts.subarray(8, 12))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuses a unit index out of range and arrays of different lengths', () => {
    const steps = timeSteps(0, DAY, 'day', 0)
    expect(() => unitStepCounts([0], Int32Array.of(3), 3, steps)).toThrow(/第 0 个案件/)
    expect(() => unitStepCounts([0, 1], Int32Array.of(0), 3, steps)).toThrow(HotspotError)
  })

  it('handles 100,000 cases', () => {
    const count = 100_000
    const origin = beijing('2026-01-01T00:00:00')
    const steps = timeSteps(origin, origin + 365 * DAY, 'day')
    const t = Float64Array.from({ length: count }, (_unused, k) => origin + ((k * 7919) % 365) * DAY + (k % 24) * HOUR)
    const units = Int32Array.from({ length: count }, (_unused, k) => k % 50)
    const counts = unitStepCounts(t, units, 50, steps)
    expect(counts.reduce((sum, value) => sum + value, 0)).toBe(count)
  })
})
