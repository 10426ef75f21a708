/**
 * The 热点分析 workspace's periods and time steps: presets and the period each is compared
 * with, the anchor when the data stop before today, and steps of days, ISO weeks and months
 * in local time that hold every case of the period exactly once.
 */
import { describe, expect, it } from 'vitest'
import { analysisPeriod, daysIn, presetAnchor, precedingRange } from '../../src/domain/hotspots/analysis-period.ts'
import { periodSteps, stepOfInstants } from '../../src/domain/hotspots/time-steps.ts'

describe('analysis periods', () => {
  it('ends the last N days on the anchor and compares with the N days before', () => {
    expect(analysisPeriod('last7', '2026-10-31')).toEqual({ current: { first: '2026-10-25', last: '2026-10-31' }, previous: { first: '2026-10-18', last: '2026-10-24' } })
    const ninety = analysisPeriod('last90', '2026-10-31')
    expect(daysIn(ninety.current)).toBe(90)
    expect(daysIn(ninety.previous)).toBe(90)
    expect(ninety.previous.last).toBe('2026-08-02')
  })

  it('takes calendar months and quarters, the current one to date, compared with the whole one before', () => {
    expect(analysisPeriod('month', '2026-03-15')).toEqual({ current: { first: '2026-03-01', last: '2026-03-15' }, previous: { first: '2026-02-01', last: '2026-02-28' } })
    expect(analysisPeriod('previousMonth', '2026-01-10')).toEqual({ current: { first: '2025-12-01', last: '2025-12-31' }, previous: { first: '2025-11-01', last: '2025-11-30' } })
    expect(analysisPeriod('quarter', '2026-05-20')).toEqual({ current: { first: '2026-04-01', last: '2026-05-20' }, previous: { first: '2026-01-01', last: '2026-03-31' } })
    expect(analysisPeriod('previousQuarter', '2026-02-03')).toEqual({ current: { first: '2025-10-01', last: '2025-12-31' }, previous: { first: '2025-07-01', last: '2025-09-30' } })
  })

  it('takes custom days, refuses them backwards, and compares with as many days before', () => {
    expect(analysisPeriod('custom', '2026-10-31', { first: '2026-03-01', last: '2026-03-10' }).previous).toEqual({ first: '2026-02-19', last: '2026-02-28' })
    expect(() => analysisPeriod('custom', '2026-10-31', { first: '2026-03-10', last: '2026-03-01' })).toThrow(/早于开始日期/)
    expect(() => analysisPeriod('custom', '2026-10-31', null)).toThrow(/起止日期/)
    expect(precedingRange({ first: '2024-03-01', last: '2024-03-01' })).toEqual({ first: '2024-02-29', last: '2024-02-29' })
  })

  it('anchors on today unless the data stop earlier', () => {
    expect(presetAnchor('2026-12-06', '2026-10-31')).toEqual({ anchor: '2026-10-31', limitedByData: true })
    expect(presetAnchor('2026-12-06', '2026-12-06')).toEqual({ anchor: '2026-12-06', limitedByData: false })
    expect(presetAnchor('2026-12-06', null)).toEqual({ anchor: '2026-12-06', limitedByData: false })
  })
})

describe('time steps', () => {
  it('cuts a quarter into ISO weeks (Monday first), the ends cut at the period and marked partial', () => {
    const steps = periodSteps({ first: '2026-07-01', last: '2026-09-30' }, 'week', 8)
    expect(steps[0]).toMatchObject({ first: '2026-07-01', last: '2026-07-05', partial: true }) // a Wednesday to Sunday
    expect(steps[1]).toMatchObject({ first: '2026-07-06', last: '2026-07-12', partial: false })
    expect(steps.at(-1)).toMatchObject({ first: '2026-09-28', last: '2026-09-30', partial: true })
    expect(steps).toHaveLength(14)
    for (let k = 1; k < steps.length; k++) expect(steps[k].startMs).toBe(steps[k - 1].endMs)
    expect(steps[0].startMs).toBe(Date.parse('2026-06-30T16:00:00Z'))
  })

  it('cuts months at calendar months and days at local midnight', () => {
    const months = periodSteps({ first: '2026-01-15', last: '2026-04-10' }, 'month', 8)
    expect(months.map((step) => [step.first, step.last, step.partial])).toEqual([
      ['2026-01-15', '2026-01-31', true],
      ['2026-02-01', '2026-02-28', false],
      ['2026-03-01', '2026-03-31', false],
      ['2026-04-01', '2026-04-10', true],
    ])
    const days = periodSteps({ first: '2026-01-01', last: '2026-01-03' }, 'day', 8)
    expect(days).toHaveLength(3)
    expect(days.every((step) => !step.partial && step.endMs - step.startMs === 86_400_000)).toBe(true)
  })

  it('puts every instant in exactly the step that holds it, −1 outside', () => {
    const steps = periodSteps({ first: '2026-07-01', last: '2026-09-30' }, 'week', 8)
    const times = [steps[0].startMs - 1, steps[0].startMs, steps[3].endMs - 1, steps[3].endMs, steps.at(-1)!.endMs - 1, steps.at(-1)!.endMs]
    expect([...stepOfInstants(times, steps)]).toEqual([-1, 0, 3, 4, steps.length - 1, -1])
  })
})
