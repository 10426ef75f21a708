/**
 * p, Benjamini–Hochberg, bins, refusals and units without neighbours. The FDR example is
 * worked by hand below (and equals R's p.adjust(method = "BH")).
 */
import { describe, expect, it } from 'vitest'
import {
  analyseHotspots,
  benjaminiHochberg,
  erfc,
  giBin,
  gridNeighbours,
  gridParametersFor,
  HotspotError,
  makeGrid,
  neighbourListFromArrays,
  readUnitValues,
  twoSidedNormalP,
} from '../../src/domain/hotspots/index.ts'

describe('two-sided normal p', () => {
  it('gives the textbook critical values and the far tail without cancelling to 0', () => {
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 14)
    expect(twoSidedNormalP(-2.5758293035489004)).toBeCloseTo(0.01, 14)
    expect(twoSidedNormalP(1.6448536269514722)).toBeCloseTo(0.1, 14)
    expect(twoSidedNormalP(0)).toBe(1)
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15)
    // either side of the switch from series to continued fraction (values from CPython's math.erfc)
    expect(erfc(1.9999) / 0.004679802092970608).toBeCloseTo(1, 12)
    expect(erfc(2.0001) / 0.0046756686958033394).toBeCloseTo(1, 12)
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 12)
    expect(twoSidedNormalP(10) / 1.5239706048321186e-23).toBeCloseTo(1, 10)
  })
})

describe('Benjamini–Hochberg', () => {
  it('a hand-worked example: p = 0.01, 0.04, 0.03, 0.005, 0.5', () => {
    // ranks 1…5 of 0.005, 0.01, 0.03, 0.04, 0.5 → m·p/r = 0.025, 0.025, 0.05, 0.05, 0.5,
    // then the running minimum from the largest rank down.
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5])
    ;[0.025, 0.05, 0.05, 0.025, 0.5].forEach((expected, k) => expect(adjusted[k]).toBeCloseTo(expected, 15))
  })

  it('the step-up minimum: a larger p at a higher rank can pull lower ranks down', () => {
    // m·p/r = 0.04, 0.03, 0.0333… → cumulative minimum from the top: 0.03, 0.03, 0.0333…
    const adjusted = benjaminiHochberg([0.04 / 3, 0.02, 1 / 30])
    expect(adjusted[0]).toBeCloseTo(0.03, 15)
    expect(adjusted[1]).toBeCloseTo(0.03, 15)
    expect(adjusted[2]).toBeCloseTo(1 / 30, 15)
  })

  it('NaN entries are not tests: they stay NaN and do not count in m; capped at 1', () => {
    const adjusted = benjaminiHochberg([0.02, NaN, 0.9, 0.6])
    expect(adjusted[1]).toBeNaN()
    expect(adjusted[0]).toBeCloseTo(0.06, 15)
    expect(adjusted[2]).toBeCloseTo(0.9, 15)
    expect(adjusted[3]).toBeCloseTo(0.9, 15)
    expect(Array.from(benjaminiHochberg([0.9, 0.95]))).toEqual([0.95, 0.95])
  })
})

describe('bins (ArcGIS Gi_Bin)', () => {
  it('±3 / ±2 / ±1 at p ≤ 0.01 / 0.05 / 0.10, signed by z; never for a unit without neighbours', () => {
    expect(giBin(3.1, 0.002, true)).toBe(3)
    expect(giBin(-2.7, 0.01, true)).toBe(-3)
    expect(giBin(2.1, 0.04, true)).toBe(2)
    expect(giBin(-1.7, 0.09, true)).toBe(-1)
    expect(giBin(1.7, 0.11, true)).toBe(0)
    expect(giBin(5, 1e-6, false)).toBe(0)
    expect(giBin(NaN, NaN, true)).toBe(0)
  })
})

/** A 6 × 6 grid of 250 m cells (36 units) with queen weights. */
const parameters = gridParametersFor({ west: 119.9, south: 32.4, east: 119.9 + 5.5 * 0.00266, north: 32.4 + 5.5 * 0.00225 }, 250)
const grid = makeGrid(parameters)
const queen = gridNeighbours(grid, { kind: 'queen' })

describe('the analysis', () => {
  it('the grid for these tests has 36 units', () => {
    expect(grid.columns * grid.rows).toBe(36)
  })

  it('a hot corner comes out hot at 99 %, bins use p_fdr when FDR is on and p when off', () => {
    const values = new Float64Array(36).fill(1)
    for (const cell of [0, 1, 6, 7]) values[cell] = 20
    const withFdr = analyseHotspots(values, queen)
    expect(withFdr.summary.fdr).toBe(true)
    expect(withFdr.bin[0]).toBe(3)
    expect(withFdr.z[0]).toBeGreaterThan(withFdr.z[35])
    for (let unit = 0; unit < 36; unit++) {
      expect(withFdr.pFdr[unit]).toBeGreaterThanOrEqual(withFdr.p[unit])
      expect(withFdr.bin[unit]).toBe(giBin(withFdr.z[unit], withFdr.pFdr[unit], true))
    }
    const withoutFdr = analyseHotspots(values, queen, { fdr: false })
    expect(Array.from(withoutFdr.pFdr).every(Number.isNaN)).toBe(true)
    for (let unit = 0; unit < 36; unit++) expect(withoutFdr.bin[unit]).toBe(giBin(withoutFdr.z[unit], withoutFdr.p[unit], true))
    // FDR can only take significance away.
    const significant = (bins: Int8Array) => bins.filter((bin) => bin !== 0).length
    expect(significant(withFdr.bin)).toBeLessThanOrEqual(significant(withoutFdr.bin))
    expect(Object.values(withFdr.summary.binCounts).reduce((sum, count) => sum + count, 0)).toBe(36)
  })

  it('a unit without neighbours is listed, keeps its z and p, is no FDR test and never gets a bin', () => {
    const lists = Array.from({ length: 36 }, (_unit, unit) => Array.from(queen.neighbours.subarray(queen.offsets[unit], queen.offsets[unit + 1])))
    // Unit 36 stands alone, far away, with by far the largest value.
    lists.push([])
    const values = Float64Array.from({ length: 37 }, (_unit, unit) => (unit === 36 ? 500 : unit % 5))
    const result = analyseHotspots(values, neighbourListFromArrays(lists))
    expect(result.summary.isolated).toEqual([36])
    expect(result.neighbourCounts[36]).toBe(0)
    expect(result.z[36]).toBeCloseTo((500 - result.summary.mean) / result.summary.standardDeviation, 12)
    expect(result.p[36]).toBeLessThan(1e-6)
    expect(result.pFdr[36]).toBeNaN()
    expect(result.bin[36]).toBe(0)
  })

  it('refuses fewer than 30 units, with the count', () => {
    const small = makeGrid(gridParametersFor({ west: 119.9, south: 32.4, east: 119.9 + 4.5 * 0.00266, north: 32.4 + 4.5 * 0.00225 }, 250))
    expect(small.cellOfUnit.length).toBe(25)
    const values = Float64Array.from({ length: 25 }, (_unit, unit) => unit)
    expect(() => analyseHotspots(values, gridNeighbours(small, { kind: 'queen' }))).toThrow(/分析单元不足 30 个.*只有 25 个单元/)
  })

  it('refuses values without variation (all zero: a period with no cases)', () => {
    const error = (() => {
      try {
        analyseHotspots(new Float64Array(36), queen)
      } catch (caught) {
        return caught as HotspotError
      }
    })()
    expect(error).toBeInstanceOf(HotspotError)
    expect(error?.code).toBe('no_variation')
    expect(error?.message).toMatch(/所有单元的数值相同.*36 个单元的值都是 0/)
  })

  it('refuses missing, non-numeric and negative values, naming each unit, its position and the field', () => {
    const units = [
      { id: 'A', where: '第 1 个要素', raw: 3 },
      { id: 'B', where: '第 2 个要素', raw: null },
      { id: 'C', where: '第 3 个要素', raw: '十二' },
      { id: 'D', where: '第 4 个要素', raw: -2 },
      { id: 'E', where: '第 5 个要素', raw: ' 7.5 ' },
      { id: 'F', where: '第 6 个要素', raw: '' },
      { id: 'G', where: '第 7 个要素', raw: '0x10' },
    ]
    let message = ''
    try {
      readUnitValues(units, 'cases')
    } catch (error) {
      expect((error as HotspotError).code).toBe('bad_values')
      message = (error as Error).message
    }
    expect(message).toContain('第 2 个要素（编号 B）字段“cases”缺失')
    expect(message).toContain('第 3 个要素（编号 C）字段“cases”不是数字：“十二”')
    expect(message).toContain('第 4 个要素（编号 D）字段“cases”为负数：-2')
    expect(message).toContain('第 6 个要素（编号 F）字段“cases”缺失')
    expect(message).toContain('第 7 个要素（编号 G）字段“cases”不是数字：“0x10”')
    expect(message).not.toContain('编号 A')
    expect(message).not.toContain('编号 E')
    expect(Array.from(readUnitValues([units[0], units[4]], 'cases'))).toEqual([3, 7.5])
  })
})
