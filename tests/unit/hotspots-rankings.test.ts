/**
 * Rankings of units: rates per km² / km, change and change in % (null on a zero base), shared
 * ranks for ties, unranked units without a rate, sparklines out of unitStepCounts, the unit of
 * each case read off its grid code, and refusals of mismatched input.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { competitionRanks, countPerUnit, HotspotError, rankUnits, timeSteps, unitIndexOfCases, unitStepCounts } from '../../src/domain/hotspots/index.ts'

describe('rankUnits', () => {
  it('gives count, rate, change, % change and shared ranks', () => {
    const rows = rankUnits({ current: [10, 30, 30, 0], previous: [5, 30, 0, 4], measures: [2, 0.5, null, 0] })
    expect(rows.map((row) => row.unit)).toEqual([1, 2, 0, 3])
    const byUnit = Object.fromEntries(rows.map((row) => [row.unit, row]))
    expect(byUnit[0]).toMatchObject({ count: 10, previous: 5, rate: 5, previousRate: 2.5, change: 5, changePercent: 100, rank: 3, previousRank: 2 })
    expect(byUnit[1]).toMatchObject({ rate: 60, change: 0, changePercent: 0, rank: 1, previousRank: 1 })
    expect(byUnit[2]).toMatchObject({ rate: null, change: 30, changePercent: null, rank: 1, previousRank: 4 })
    expect(byUnit[3]).toMatchObject({ rate: null, change: -4, changePercent: -100, rank: 4 })
    expect(byUnit[3].sparkline).toBeNull()
  })

  it('ranked by rate, units without a rate have no rank and come last', () => {
    const rows = rankUnits({ current: [10, 30, 30, 1], previous: [0, 0, 0, 0], measures: [2, 0.5, null, 0.1], rankBy: 'rate' })
    expect(rows.map((row) => [row.unit, row.rank])).toEqual([
      [1, 1],
      [3, 2],
      [0, 3],
      [2, null],
    ])
  })

  it('ranks agree with counting the units strictly above', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 40 }), (values) => {
        const ranks = competitionRanks(values)
        values.forEach((value, unit) => expect(ranks[unit]).toBe(values.filter((other) => other > value).length + 1))
      }),
    )
  })

  it('hands each unit its own sparkline', () => {
    const steps = timeSteps(0, 3 * 86_400_000, 'day', 0)
    const t = [0, 86_400_000, 86_400_000, 2 * 86_400_000 + 5]
    const units = Int32Array.of(0, 1, 1, 0)
    const counts = unitStepCounts(t, units, 2, steps)
    const rows = rankUnits({ current: countPerUnit(units, 2), previous: [0, 0], series: { counts, steps: 3 } })
    const byUnit = Object.fromEntries(rows.map((row) => [row.unit, row]))
    expect(Array.from(byUnit[0].sparkline!)).toEqual([1, 0, 1])
    expect(Array.from(byUnit[1].sparkline!)).toEqual([0, 2, 0])
  })

  it('refuses mismatched lengths, negative counts and measures', () => {
    expect(() => rankUnits({ current: [1, 2], previous: [1] })).toThrow(HotspotError)
    expect(() => rankUnits({ current: [1, -2], previous: [1, 1] })).toThrow(/本期第 2 个单元/)
    expect(() => rankUnits({ current: [1, 2], previous: [1, 1], measures: [1, -3] })).toThrow(/面积或长度/)
    expect(() => rankUnits({ current: [1, 2], previous: [1, 1], series: { counts: new Int32Array(3), steps: 2 } })).toThrow(HotspotError)
  })
})

describe('unit of each case from its grid code', () => {
  const grids = ['321202001001001', '321202001002003', '321202002001001', '', '3212020', '999999001001001']
  it('reads 街道 (9), 社区 (12) and grid (15) prefixes; unknown or missing is −1', () => {
    expect(Array.from(unitIndexOfCases(grids, ['321202002', '321202001'], 'street'))).toEqual([1, 1, 0, -1, -1, -1])
    expect(Array.from(unitIndexOfCases(grids, ['321202001002', '321202001001'], 'community'))).toEqual([1, 0, -1, -1, -1, -1])
    expect(Array.from(unitIndexOfCases(grids, ['321202002001001'], 'grid'))).toEqual([-1, -1, 0, -1, -1, -1])
    expect(Array.from(countPerUnit(unitIndexOfCases(grids, ['321202002', '321202001'], 'street'), 2))).toEqual([1, 2])
  })
  it('refuses a unit code of the wrong length', () => {
    expect(() => unitIndexOfCases(grids, ['3212020011'], 'street')).toThrow(/不是 9 位/)
  })
})
