/**
 * Recurring problems: hand-built places at the edges of the definition (50 m, 30 days, N, one
 * 小类), and random sets against a brute-force reading of the definition in docs/hotspots.md
 * (every pair of cases, every window start), which must give the same candidates.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findRecurringProblems, haversineMetres, HotspotError, METRES_PER_DEGREE, type RecurringCases } from '../../src/domain/hotspots/index.ts'

const DAY = 86_400_000
const LON0 = 119.9
const LAT0 = 32.45
const COS = Math.cos((LAT0 * Math.PI) / 180)

interface Case {
  east: number
  north: number
  day: number
  category: string
}

function columns(cases: Case[]): RecurringCases {
  return {
    lon: cases.map((c) => LON0 + c.east / (METRES_PER_DEGREE * COS)),
    lat: cases.map((c) => LAT0 + c.north / METRES_PER_DEGREE),
    t: cases.map((c) => Date.UTC(2026, 0, 1) + c.day * DAY),
    category: cases.map((c) => c.category),
    id: cases.map((_c, k) => 1000 + k),
  }
}

/** The definition read literally: O(n²) pairs, every window start, merge by shared cases. */
function bruteForce(input: RecurringCases, radius: number, windowDays: number, minimum: number) {
  const n = input.lon.length
  const anchors: { cases: Set<number>; best: number; category: string }[] = []
  for (let i = 0; i < n; i++) {
    const near = []
    for (let j = 0; j < n; j++) if (input.category[j] === input.category[i] && haversineMetres(input.lon[i], input.lat[i], input.lon[j], input.lat[j]) <= radius) near.push(j)
    const cases = new Set<number>()
    let best = 0
    for (const start of near) {
      const inWindow = near.filter((k) => input.t[k] >= input.t[start] && input.t[k] < input.t[start] + windowDays * DAY)
      if (inWindow.length >= minimum) {
        inWindow.forEach((k) => cases.add(k))
        best = Math.max(best, inWindow.length)
      }
    }
    if (best > 0) anchors.push({ cases, best, category: input.category[i] })
  }
  // merge anchors whose cases overlap until nothing changes
  let merged = true
  while (merged) {
    merged = false
    outer: for (let a = 0; a < anchors.length; a++) {
      for (let b = a + 1; b < anchors.length; b++) {
        if ([...anchors[b].cases].some((k) => anchors[a].cases.has(k))) {
          anchors[b].cases.forEach((k) => anchors[a].cases.add(k))
          anchors[a].best = Math.max(anchors[a].best, anchors[b].best)
          anchors.splice(b, 1)
          merged = true
          break outer
        }
      }
    }
  }
  return anchors.map((anchor) => `${anchor.category}:${anchor.best}:${[...anchor.cases].sort((x, y) => x - y).join(',')}`).sort()
}

function summary(input: RecurringCases, options: { radiusMetres?: number; windowDays?: number; minimumCount?: number } = {}) {
  return findRecurringProblems(input, options)
    .problems.map((problem) => `${problem.category}:${problem.maximumWindowCount}:${Array.from(problem.caseIndices).sort((x, y) => x - y).join(',')}`)
    .sort()
}

describe('findRecurringProblems', () => {
  it('three 暴露垃圾 within 50 m in 30 days is one candidate, with its window, centre and ids', () => {
    const input = columns([
      { east: 0, north: 0, day: 0, category: '06010' },
      { east: 30, north: 0, day: 10, category: '06010' },
      { east: 0, north: 40, day: 29.9, category: '06010' },
      { east: 5, north: 5, day: 12, category: '09006' }, // another 小类
      { east: 400, north: 0, day: 5, category: '06010' }, // another place
    ])
    const result = findRecurringProblems(input)
    expect(result.problems).toHaveLength(1)
    const [problem] = result.problems
    expect(problem.category).toBe('06010')
    expect(problem.caseIds).toEqual([1000, 1001, 1002])
    expect(problem.maximumWindowCount).toBe(3)
    expect(problem.windowStart).toBe(input.t[0])
    expect(problem.windowEnd).toBe(input.t[0] + 30 * DAY)
    expect(problem.first).toBe(input.t[0])
    expect(problem.last).toBe(input.t[2])
    expect(haversineMetres(problem.lon, problem.lat, LON0 + 10 / (METRES_PER_DEGREE * COS), LAT0 + 40 / 3 / METRES_PER_DEGREE)).toBeLessThan(0.01)
    expect(problem.extentMetres).toBeGreaterThan(20)
    expect(problem.extentMetres).toBeLessThan(30)
  })

  it('not when the three span 30 days or more, or one is beyond 50 m, or N is 4', () => {
    const base = [
      { east: 0, north: 0, day: 0, category: '06010' },
      { east: 30, north: 0, day: 10, category: '06010' },
    ]
    expect(findRecurringProblems(columns([...base, { east: 0, north: 40, day: 30, category: '06010' }])).problems).toHaveLength(0)
    expect(findRecurringProblems(columns([...base, { east: 0, north: 51, day: 20, category: '06010' }])).problems).toHaveLength(0)
    expect(findRecurringProblems(columns([...base, { east: 0, north: 40, day: 20, category: '06010' }]), { minimumCount: 4 }).problems).toHaveLength(0)
    expect(findRecurringProblems(columns([...base, { east: 0, north: 40, day: 20, category: '06010' }]), { minimumCount: 2 }).problems[0].caseIds).toHaveLength(3)
  })

  it('the anchor need not be in the window: cases up to 2r apart around a middle case', () => {
    // A (day 0) at −45 m and B, C (days 1, 2) at +45 m: 90 m apart, both within 50 m of M (day 200).
    const input = columns([
      { east: -45, north: 0, day: 0, category: '07001' },
      { east: 45, north: 0, day: 1, category: '07001' },
      { east: 45, north: 1, day: 2, category: '07001' },
      { east: 0, north: 0, day: 200, category: '07001' },
    ])
    const [problem] = findRecurringProblems(input).problems
    expect(problem.caseIds).toEqual([1000, 1001, 1002])
  })

  it('overlapping places of one 小类 are merged; the window count is the largest', () => {
    // Four cases at −30…0 m, one at 45 m, three at 90…110 m, all in one week: the circle around
    // 0 m holds 5, around 90 m 4 (45 m shared), around 45 m 3. One candidate of 8, best window 5.
    const input = columns([-30, -20, -10, 0, 45, 90, 100, 110].map((east, day) => ({ east, north: 0, day, category: '06012' })))
    const { problems } = findRecurringProblems(input)
    expect(problems).toHaveLength(1)
    expect(problems[0].caseIds).toHaveLength(8)
    expect(problems[0].maximumWindowCount).toBe(5)
    expect(problems[0].extentMetres).toBeGreaterThan(70)
  })

  it('agrees with the brute-force definition on random sets', () => {
    const aCase = fc.record({
      east: fc.integer({ min: 0, max: 200 }),
      north: fc.integer({ min: 0, max: 200 }),
      day: fc.double({ min: 0, max: 90, noNaN: true }),
      category: fc.constantFrom('06010', '06012', '09006'),
    })
    fc.assert(
      fc.property(fc.array(aCase, { maxLength: 60 }), fc.integer({ min: 2, max: 4 }), fc.constantFrom(30, 50, 80), fc.constantFrom(7, 30), (cases, minimum, radius, windowDays) => {
        const input = columns(cases)
        expect(summary(input, { minimumCount: minimum, radiusMetres: radius, windowDays })).toEqual(bruteForce(input, radius, windowDays, minimum))
      }),
      { numRuns: 150 },
    )
  })

  it('skips cases without position, time or 小类 and looks only at the subset given', () => {
    const cases = columns([
      { east: 0, north: 0, day: 0, category: '06010' },
      { east: 1, north: 0, day: 1, category: '06010' },
      { east: 2, north: 0, day: 2, category: '06010' },
      { east: 3, north: 0, day: 3, category: '' },
    ])
    ;(cases.t as number[])[2] = NaN
    const result = findRecurringProblems(cases)
    expect(result.skipped).toBe(2)
    expect(result.problems).toHaveLength(0)
    expect(findRecurringProblems(cases, { cases: [0, 1], minimumCount: 2 }).problems[0].caseIds).toEqual([1000, 1001])
  })

  it('refuses bad options and columns of different lengths', () => {
    const input = columns([{ east: 0, north: 0, day: 0, category: '06010' }])
    expect(() => findRecurringProblems(input, { minimumCount: 1 })).toThrow(HotspotError)
    expect(() => findRecurringProblems(input, { radiusMetres: -5 })).toThrow(HotspotError)
    expect(() => findRecurringProblems({ ...input, id: [] })).toThrow(/编号 0 个/)
  })
})
