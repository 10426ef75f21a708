/** Property test: random small networks (a jittered grid with streets removed, random weights, K). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { balance } from '../../src/domain/roster/balance/index.ts'
import { coverageProblems, gridNetwork } from './roster-balance-support.ts'

describe('balance on random small networks', () => {
  it('covers every line exactly once, numbers beats 1..K, bound ≤ spread, deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        (columns, rows, keep, weights, beats, seed) => {
          let lines = gridNetwork(columns, rows, 80).filter((_line, k) => keep[k % keep.length] || k === 0)
          lines = lines.map((line, k) => ({ ...line, weight: weights[k % weights.length] === 0 && k > 0 ? 0 : 10 * (weights[k % weights.length] || 1) }))
          const result = balance({ lines, beats, seed })
          expect(coverageProblems(lines, result)).toEqual([])
          expect(result.beats.map((beat) => beat.beat)).toEqual(Array.from({ length: beats }, (_unused, k) => k + 1))
          for (const piece of result.pieces) expect(piece.beat).toBeGreaterThanOrEqual(1)
          expect(result.stats.spread).toBeGreaterThanOrEqual(result.stats.lowerBound - 1e-9)
          const total = lines.reduce((sum, line) => sum + (line.weight ?? 0), 0)
          expect(result.beats.reduce((sum, beat) => sum + beat.weight, 0)).toBeCloseTo(total, 6)
          expect(JSON.stringify(balance({ lines, beats, seed }).pieces)).toBe(JSON.stringify(result.pieces))
        },
      ),
      { numRuns: 60, seed: 18 },
    )
  })
})
