/**
 * The fixed colour domain: quantile limits on a hand-counted set, the zero class, merged equal
 * limits, nice steps, the class sizes quantiles promise (random distinct values), and that the
 * domain depends on the reference set only (not on the order of the periods).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { colourDomain, HotspotError } from '../../src/domain/hotspots/index.ts'

describe('colourDomain', () => {
  it('quantiles of the positive values over both periods, 0 in a class of its own', () => {
    const current = [0, 1, 2, 3, 4, 5]
    const previous = [0, 6, 7, 8, 9, 10, null]
    const domain = colourDomain([current, previous])
    expect(domain.limits).toEqual([0, 2, 4, 6, 8, 10])
    expect(domain.classCount).toBe(6)
    expect(domain.hasZeroClass).toBe(true)
    expect([0, 1, 2, 3, 4, 10, 11, null, NaN].map(domain.classOf)).toEqual([0, 1, 1, 2, 2, 5, 5, -1, -1])
    expect(domain.ranges[0]).toEqual({ lower: null, upper: 0 })
    expect(domain.ranges[2]).toEqual({ lower: 2, upper: 4 })
    expect(colourDomain([previous, current]).limits).toEqual(domain.limits)
  })

  it('without a zero class 0 falls in the first quantile', () => {
    const domain = colourDomain([[0, 1, 2, 3, 4, 5]], { classes: 3, zeroClass: false })
    expect(domain.limits).toEqual([1, 3, 5])
    expect(domain.classOf(0)).toBe(0)
  })

  it('merges equal limits, so a set of mostly 1s gives fewer classes', () => {
    const domain = colourDomain([[1, 1, 1, 1, 1, 1, 1, 1, 2, 9]])
    expect(domain.limits).toEqual([1, 2, 9])
    expect(domain.hasZeroClass).toBe(false)
  })

  it('nice steps of 1, 2 or 5 × 10ᵉ up to the maximum', () => {
    expect(colourDomain([[0, 3, 37]], { method: 'nice' }).limits).toEqual([0, 10, 20, 30, 37])
    expect(colourDomain([[0.1, 0.42]], { method: 'nice', classes: 3, zeroClass: false }).limits).toEqual([0.2, 0.4, 0.42])
  })

  it('each quantile class holds ⌊n/k⌋ or ⌈n/k⌉ of distinct reference values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 2, max: 12 }), (values, classes) => {
        const domain = colourDomain([values], { classes })
        const sizes = new Array(domain.classCount).fill(0)
        values.forEach((value) => (sizes[domain.classOf(value)] += 1))
        const k = Math.min(classes, values.length)
        expect(domain.classCount).toBe(k)
        sizes.forEach((size) => {
          expect(size).toBeGreaterThanOrEqual(Math.floor(values.length / classes))
          expect(size).toBeLessThanOrEqual(Math.ceil(values.length / classes))
        })
        // classes go up with the value
        const sorted = [...values].sort((a, b) => a - b)
        sorted.forEach((value, k) => k > 0 && expect(domain.classOf(value)).toBeGreaterThanOrEqual(domain.classOf(sorted[k - 1])))
      }),
    )
  })

  it('an empty reference gives no classes; bad input is refused', () => {
    expect(colourDomain([[null, null]]).classOf(3)).toBe(-1)
    expect(colourDomain([[0, 0]]).limits).toEqual([0])
    expect(() => colourDomain([[1, -2]])).toThrow(/第 1 组第 2 个值/)
    expect(() => colourDomain([[1]], { classes: 1 })).toThrow(HotspotError)
  })
})
