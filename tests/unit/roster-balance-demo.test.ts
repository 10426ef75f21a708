/**
 * The quality target on the demo district: its ~2,078 back-street segments (built by the
 * generator in-process) into 400 beats, every beat connected within the default 30 m gap and
 * within ±10 % of the mean. This needs the generator's back streets to be a continuous network
 * (issue 18 item 9). On today's network one junction makes ±10 % impossible for three beats (a
 * bound proven below, 15.1 %): the target stands for every other beat, and those three must come
 * within 2 points of the bound. The demo network needs a loop there to meet the target fully.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import { balance, type BalanceLine, type BalanceResult } from '../../src/domain/roster/balance/index.ts'
import { buildNetwork } from '../../src/domain/roster/balance/graph.ts'
import { prepareInput } from '../../src/domain/roster/balance/prepare.ts'
import { coverageProblems, worstDeviation } from './roster-balance-support.ts'

let lines: BalanceLine[]
let result: BalanceResult

beforeAll(() => {
  const demo = generateDemoDistrict()
  lines = demo.segments.map((segment) => ({ id: String(segment.id), coordinates: segment.geometry.coordinates as [number, number][] }))
  result = balance({ lines, beats: 400, seed: 1 })
}, 120_000)

describe('balance on the demo district', () => {
  it('covers every segment exactly once', () => {
    expect(lines.length).toBeGreaterThan(1_900)
    expect(coverageProblems(lines, result)).toEqual([])
  })
  it('400 beats, every one connected and within ±10 % of the mean but for the three a pendant lump forces further (within 2 points of its bound)', () => {
    const disconnected = result.beats.filter((beat) => !beat.connected).length
    expect({ components: result.stats.components, disconnected }).toEqual({ components: result.stats.components, disconnected: 0 })
    // The target is ±10 % for every beat. The next test proves no connected partition of
    // this network can keep the three beats around one junction within 15.1 %: those three are
    // allowed up to that bound + 2 points; every other beat must be within ±10 %.
    const mean = result.stats.mean
    const outside = result.beats.filter((beat) => Math.abs(beat.weight - mean) / mean > 0.1)
    expect(outside.length).toBeLessThanOrEqual(3)
    expect(worstDeviation(result)).toBeLessThanOrEqual(0.151 + 0.02)
  })
  it('has a pendant lump that keeps any connected partition ≥ 15 % off: why ±10 % fails (docs/roster-balance.md)', () => {
    // where segment 1867 ends and 1868 and 1870 begin, two pendant trees hang off one junction
    const prepared = prepareInput({ lines, beats: 400 })
    const mean = prepared.totalWeight / 400
    const network = buildNetwork(prepared.lines, prepared.gapM, new Map(), () => Math.max(5, prepared.totalLength / 400 / 30))
    const firstUnit = (id: string) => network.units[network.lineFirstUnit[prepared.lineIndex.get(id)!]]
    const [a, b] = [firstUnit('1868'), firstUnit('1870')]
    const junction = [a.a, a.b].find((node) => node === b.a || node === b.b)!
    expect(junction).toBeDefined()
    // the branches at the junction: units reached from each incident unit without crossing it
    const branches = (within: Set<number> | null, at: number): { units: number[]; weight: number }[] => {
      const seen = new Set<number>()
      const found: { units: number[]; weight: number }[] = []
      for (let k = network.nodeStart[at]; k < network.nodeStart[at + 1]; k++) {
        const start = network.nodeUnits[k]
        if (seen.has(start) || (within && !within.has(start))) continue
        const branch = { units: [] as number[], weight: 0 }
        const stack = [start]
        seen.add(start)
        while (stack.length > 0) {
          const u = stack.pop()!
          branch.units.push(u)
          branch.weight += network.units[u].weight / mean
          for (const node of [network.units[u].a, network.units[u].b]) {
            if (node === at) continue
            for (let q = network.nodeStart[node]; q < network.nodeStart[node + 1]; q++) {
              const v = network.nodeUnits[q]
              if (seen.has(v) || (within && !within.has(v))) continue
              seen.add(v)
              stack.push(v)
            }
          }
        }
        found.push(branch)
      }
      return found
    }
    const arms = branches(null, junction).sort((p, q) => p.weight - q.weight)
    expect(arms.length).toBe(3)
    const [armA, armB] = arms
    expect(armA.weight).toBeCloseTo(1.624, 2)
    expect(armB.weight).toBeCloseTo(1.828, 2)
    // arm B is a tree; every connected two-way split of it takes whole branches at one node
    const inB = new Set(armB.units)
    const nodes = new Set(armB.units.flatMap((u) => [network.units[u].a, network.units[u].b]))
    expect(nodes.size).toBe(armB.units.length + 1)
    let evenest = 0
    for (const node of nodes) {
      const parts = branches(inB, node).map((branch) => branch.weight)
      for (let mask = 1; mask < (1 << parts.length) - 1; mask++) {
        const side = parts.reduce((sum, w, i) => sum + (mask & (1 << i) ? w : 0), 0)
        evenest = Math.max(evenest, Math.min(side, armB.weight - side))
      }
    }
    expect(evenest).toBeCloseTo(0.773, 2)
    // so one beat holds both arms' junction pieces, the lump takes three beats, and the worst is
    // at least (A + B − 3) / 3 off the mean — more than the ±10 % the test above asks
    expect((armA.weight + armB.weight - 3) / 3).toBeGreaterThan(0.15)
    expect(worstDeviation(result)).toBeGreaterThanOrEqual((armA.weight + armB.weight - 3) / 3)
  })
})
