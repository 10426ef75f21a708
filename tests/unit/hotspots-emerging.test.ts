/**
 * Emerging hot spots: one hand-built series per ArcGIS category (hot, and its mirror image
 * cold), the edges of the "90 % of the time steps" rule, which category wins where ArcGIS's
 * definitions overlap, refusals, and one run end to end on per-step analyseHotspots results.
 * Definitions: docs/hotspots.md, "Emerging hot spots".
 */
import { describe, expect, it } from 'vitest'
import {
  analyseHotspots,
  classifyEmergingHotspots,
  EMERGING_CATEGORIES,
  EMERGING_CATEGORY_LABELS,
  EmergingHotspotError,
  emergingHotspotsFromSteps,
  neighbourListFromArrays,
  type EmergingCategory,
  type UnitSeries,
} from '../../src/domain/hotspots/index.ts'

/** z follows the bins unless given: ±(1.6 + 0.2·|bin|) when significant, −0.3, 0 or 0.3 when not. */
function unit(bins: number[], z?: number[]): UnitSeries {
  return { bin: bins, z: z ?? bins.map((bin, step) => (bin === 0 ? 0.3 * ((step % 3) - 1) : Math.sign(bin) * (1.6 + 0.2 * Math.abs(bin)))) }
}

function mirror(series: UnitSeries): UnitSeries {
  return { bin: Array.from(series.bin, (bin) => -bin), z: Array.from(series.z, (z) => -z) }
}

function categoryOf(series: UnitSeries): EmergingCategory {
  return classifyEmergingHotspots([series]).units[0].category
}

const ALL_HOT = [2, 3, 3, 2, 3, 3, 2, 3, 3, 3]
const RISING = [1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6]
const FALLING = [...RISING].reverse()
// up and down around 2.4: S = 1, no trend
const FLAT = [2.4, 2.0, 2.9, 2.2, 2.7, 2.1, 2.8, 2.3, 2.6, 2.5]

/** Ten steps, oldest first: the hot spot version of every category. */
const HOT_CASES: [EmergingCategory, UnitSeries][] = [
  ['new_hot', unit([0, 0, 0, 0, 0, 0, 0, 0, 0, 3])],
  ['consecutive_hot', unit([0, 0, 0, 0, 0, 0, 0, 1, 2, 3])],
  ['intensifying_hot', unit(ALL_HOT, RISING)],
  ['persistent_hot', unit(ALL_HOT, FLAT)],
  ['diminishing_hot', unit(ALL_HOT, FALLING)],
  ['sporadic_hot', unit([2, 0, 0, 2, 0, 1, 0, 0, 0, 3])],
  ['oscillating_hot', unit([-2, 0, 0, 1, 0, 0, 0, 0, 2, 2])],
  ['historical_hot', unit([3, 3, 3, 3, 3, 3, 3, 3, 3, 0])],
]

describe('every category, hot and cold', () => {
  it.each(HOT_CASES)('%s', (category, series) => {
    expect(categoryOf(series)).toBe(category)
    expect(categoryOf(mirror(series))).toBe(category.replace('_hot', '_cold'))
  })

  it('no pattern: the final step is not significant and fewer than 90 % of the steps were hot or cold', () => {
    expect(categoryOf(unit([0, 1, 0, -1, 0, 0, 0, 0, 0, 0]))).toBe('no_pattern')
    expect(categoryOf(unit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('no_pattern')
    expect(categoryOf(unit([0, 3, 3, 3, 3, 3, 3, 3, 3, 0]))).toBe('no_pattern')
  })

  it('the trend is on z: intensifying cold spots grow colder (z falls), diminishing ones warm (z rises)', () => {
    const colder = classifyEmergingHotspots([mirror(unit(ALL_HOT, RISING))]).units[0]
    expect(colder.category).toBe('intensifying_cold')
    expect(colder.trend.direction).toBe('decreasing')
    expect(colder.trend.s).toBe(-45)
    expect(colder.trend.tau).toBe(-1)
    const warming = classifyEmergingHotspots([mirror(unit(ALL_HOT, FALLING))]).units[0]
    expect(warming.category).toBe('diminishing_cold')
    expect(warming.trend.direction).toBe('increasing')
  })

  it('reports the trend, the hot and cold step counts and the final bin', () => {
    const [result] = classifyEmergingHotspots([unit([-2, 0, 0, 1, 0, 0, 0, 0, 2, 3], RISING)]).units
    expect(result).toMatchObject({ category: 'oscillating_hot', hotSteps: 3, coldSteps: 1, finalBin: 3 })
    expect(result.trend).toMatchObject({ n: 10, s: 45, tau: 1, direction: 'increasing' })
    expect(result.trend.z).toBeCloseTo(44 / Math.sqrt(125), 12)
    expect(result.trend.p).toBeLessThan(0.001)
    const flat = classifyEmergingHotspots([unit(ALL_HOT, FLAT)]).units[0]
    expect(flat.trend.direction).toBe('none')
    expect(flat.trend.p).toBeGreaterThan(0.05)
  })

  it('has a Chinese label for every category and counts them in the summary', () => {
    for (const category of EMERGING_CATEGORIES) expect(EMERGING_CATEGORY_LABELS[category]).toMatch(/[热冷]点|模式/)
    const { summary } = classifyEmergingHotspots(HOT_CASES.flatMap(([, series]) => [series, mirror(series)]))
    for (const category of EMERGING_CATEGORIES) expect(summary.categoryCounts[category]).toBe(category === 'no_pattern' ? 0 : 1)
    expect(summary).toMatchObject({ steps: 10, units: 16, trendAlpha: 0.05, shortSeries: false, notes: [] })
  })
})

describe('the 90 % rule', () => {
  it('9 of 10 steps hot is 90 %: persistent (the one cold-free gap does not matter); 8 of 10 is not', () => {
    // z: 0.5 then nine equal values — S = 9, ties 9: Var = (2250 − 9·8·23)/18 = 33, z = 8/√33, p = 0.16
    const nine = classifyEmergingHotspots([unit([0, 2, 2, 2, 2, 2, 2, 2, 2, 2], [0.5, 2, 2, 2, 2, 2, 2, 2, 2, 2])]).units[0]
    expect(nine.trend.varianceS).toBe(33)
    expect(nine.category).toBe('persistent_hot')
    expect(categoryOf(unit([0, 0, 2, 2, 2, 2, 2, 2, 2, 2]))).toBe('consecutive_hot')
    expect(categoryOf(unit([0, 2, 2, 2, 2, 0, 2, 2, 2, 2]))).toBe('sporadic_hot')
  })

  it('18 of 20 is enough, 17 of 20 is not; with 11 steps 10 are needed (9.9 rounds up)', () => {
    // 20 steps: z −0.3, 0, then 18 × 2.0 — S = 37, Var = (20·19·45 − 18·17·41)/18 = 253, p = 0.024: a rising trend
    const twenty = (hot: number) => unit(Array.from({ length: 20 }, (_, step) => (step < 20 - hot ? 0 : 2)))
    expect(categoryOf(twenty(18))).toBe('intensifying_hot')
    expect(categoryOf(twenty(17))).toBe('consecutive_hot')
    // 11 steps: z −0.3 then 10 × 2.0 — S = 10, Var = (11·10·27 − 10·9·25)/18 = 40, p = 0.16: no trend
    const eleven = (hot: number) => unit(Array.from({ length: 11 }, (_, step) => (step < 11 - hot ? 0 : 2)))
    expect(categoryOf(eleven(10))).toBe('persistent_hot')
    expect(categoryOf(eleven(9))).toBe('consecutive_hot')
  })

  it('historical: 9 of 10 hot and the final step not significant; 8 of 10 is no pattern', () => {
    expect(categoryOf(unit([3, 3, 3, 3, 3, 3, 3, 3, 3, 0]))).toBe('historical_hot')
    expect(categoryOf(unit([0, 3, 3, 3, 3, 3, 3, 3, 3, 0]))).toBe('no_pattern')
    expect(categoryOf(mirror(unit([3, 3, 3, 3, 3, 3, 3, 3, 3, 0])))).toBe('historical_cold')
  })

  it('with fewer than 10 steps 90 % means every step, and the summary says the series is short', () => {
    const result = classifyEmergingHotspots([unit([2, 2, 2, 2, 2]), unit([0, 2, 2, 2, 2]), unit([0, 0, 0, 0, -1])])
    expect(result.units.map((u) => u.category)).toEqual(['persistent_hot', 'consecutive_hot', 'new_cold'])
    expect(result.summary.shortSeries).toBe(true)
    // two steps, the least there is: S = ±1, Var = 1, z = 0 — never a trend
    const two = classifyEmergingHotspots([unit([2, 3])])
    expect(two.units[0]).toMatchObject({ category: 'persistent_hot', trend: { s: 1, varianceS: 1, z: 0, p: 1 } })
    expect(result.summary.notes[0]).toMatch(/只有 5 个时间步（建议至少 10 个）/)
  })
})

describe('where ArcGIS definitions overlap (our choices, documented)', () => {
  it('a final significant step wins over "historical": 9 steps hot then a cold spot is an oscillating cold spot', () => {
    expect(categoryOf(unit([3, 3, 3, 3, 3, 3, 3, 3, 3, -1]))).toBe('oscillating_cold')
    expect(categoryOf(mirror(unit([3, 3, 3, 3, 3, 3, 3, 3, 3, -1])))).toBe('oscillating_hot')
  })

  it('a cold spot earlier makes a new or consecutive hot spot oscillating', () => {
    expect(categoryOf(unit([-1, 0, 0, 0, 0, 0, 0, 0, 0, 2]))).toBe('oscillating_hot')
    expect(categoryOf(unit([-1, 0, 0, 0, 0, 0, 0, 0, 2, 2]))).toBe('oscillating_hot')
  })

  it('a z series with a gap (non-finite z) has no trend: mostly-hot units are persistent', () => {
    const z = [...FALLING]
    z[4] = Number.NaN
    const [result] = classifyEmergingHotspots([unit(ALL_HOT, z)]).units
    expect(result.category).toBe('persistent_hot')
    expect(result.trend.direction).toBe('none')
    expect(result.trend.p).toBeNaN()
  })

  it('the trend level is an option', () => {
    // 1 2 3 4 as z: p = 0.089 — a trend at 0.10, not at the default 0.05
    const series = unit([2, 2, 2, 2], [1, 2, 3, 4])
    expect(categoryOf(series)).toBe('persistent_hot')
    expect(classifyEmergingHotspots([series], { trendAlpha: 0.1 }).units[0].category).toBe('intensifying_hot')
  })
})

describe('refusals', () => {
  function refusal(run: () => unknown): EmergingHotspotError {
    try {
      run()
    } catch (error) {
      expect(error).toBeInstanceOf(EmergingHotspotError)
      return error as EmergingHotspotError
    }
    throw new Error('expected a refusal')
  }

  it('fewer than 2 time steps', () => {
    const error = refusal(() => classifyEmergingHotspots([unit([3])]))
    expect(error.code).toBe('too_few_steps')
    expect(error.message).toBe('时间步不足 2 个，无法判断热点随时间的变化，拒绝计算：只有 1 个时间步')
    expect(refusal(() => emergingHotspotsFromSteps([{ z: [1, 2], bin: [0, 0] }])).code).toBe('too_few_steps')
  })

  it('series of unequal length, between units and between z and bins', () => {
    const units = refusal(() => classifyEmergingHotspots([unit([0, 1, 2]), unit([0, 1])]))
    expect(units.code).toBe('unequal_series')
    expect(units.message).toMatch(/第 1 个单元有 3 个时间步，第 2 个单元有 2 个/)
    const inner = refusal(() => classifyEmergingHotspots([{ z: [1, 2, 3], bin: [0, 1] }]))
    expect(inner.message).toMatch(/第 1 个单元有 3 个 z、2 个分级/)
    const steps = refusal(() => emergingHotspotsFromSteps([{ z: [1, 2], bin: [0, 0] }, { z: [1], bin: [0] }]))
    expect(steps.code).toBe('unequal_series')
    expect(steps.message).toMatch(/第 2 个时间步有 1 个 z/)
  })

  it('bins that are not −3…3 integers', () => {
    expect(refusal(() => classifyEmergingHotspots([unit([0, 4])])).message).toMatch(/第 1 个单元第 2 个时间步的分级是 4/)
    expect(refusal(() => classifyEmergingHotspots([unit([0, 1.5])])).code).toBe('bad_bin')
  })

  it('no units is no result, not an error', () => {
    expect(classifyEmergingHotspots([]).units).toEqual([])
  })
})

describe('end to end on per-step Gi* results', () => {
  it('a cluster that appears in the last three of ten months is a consecutive hot spot, the rest no pattern', () => {
    // 6 × 6 grid, queen weights; counts 1 everywhere, alternating 0/2 in column 5 so every step
    // varies; from month 8 on, the 3 × 3 block in the lower-left corner has 12 cases per cell.
    const size = 6
    const lists: number[][] = []
    for (let row = 0; row < size; row++)
      for (let column = 0; column < size; column++) {
        const around: number[] = []
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const r = row + dy
            const c = column + dx
            if ((dx !== 0 || dy !== 0) && r >= 0 && r < size && c >= 0 && c < size) around.push(r * size + c)
          }
        lists.push(around)
      }
    const queen = neighbourListFromArrays(lists)
    const inBlock = (cell: number) => Math.floor(cell / size) < 3 && cell % size < 3
    const steps = Array.from({ length: 10 }, (_, month) => {
      const counts = Float64Array.from({ length: size * size }, (_, cell) => {
        if (month >= 7 && inBlock(cell)) return 12
        return cell % size === 5 ? (cell + month) % 2 === 0 ? 0 : 2 : 1
      })
      return analyseHotspots(counts, queen)
    })
    const { units } = emergingHotspotsFromSteps(steps)
    const centre = 1 * size + 1
    expect(units[centre]).toMatchObject({ category: 'consecutive_hot', hotSteps: 3, coldSteps: 0 })
    expect(units[centre].finalBin).toBeGreaterThan(0)
    const far = 5 * size + 4
    expect(units[far].category).toBe('no_pattern')
  })
})
