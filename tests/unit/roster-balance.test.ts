import { describe, expect, it } from 'vitest'
import { allocateBeats, balance, BalanceError, hungarian, type BalanceInput } from '../../src/domain/roster/balance/index.ts'
import { beatIsConnected, coverageProblems, gridNetwork, piecesByBeat, worstDeviation } from './roster-balance-support.ts'

function errorOf(input: BalanceInput): BalanceError {
  try {
    balance(input)
  } catch (error) {
    if (error instanceof BalanceError) return error
    throw error
  }
  throw new Error('no error')
}

describe('balance on synthetic street grids', () => {
  const lines = gridNetwork(10, 10)

  for (const beats of [1, 7, 12, 40]) {
    it(`${beats} beats: exact coverage, connected beats, every beat within ±10 %`, () => {
      const result = balance({ lines, beats, seed: 3 })
      expect(coverageProblems(lines, result)).toEqual([])
      expect(result.beats).toHaveLength(beats)
      expect(result.beats.map((beat) => beat.beat)).toEqual(Array.from({ length: beats }, (_unused, k) => k + 1))
      for (const [beat, pieces] of piecesByBeat(result)) {
        expect(beatIsConnected(pieces, 30), `beat ${beat}`).toBe(true)
        expect(result.beats[beat - 1].connected).toBe(true)
      }
      expect(worstDeviation(result)).toBeLessThanOrEqual(0.1)
      expect(result.stats.spread).toBeGreaterThanOrEqual(result.stats.lowerBound - 1e-9)
      expect(result.stats.components).toBe(1)
      const total = result.beats.reduce((sum, beat) => sum + beat.weight, 0)
      expect(total).toBeCloseTo(lines.length * 100, -1)
    })
  }

  it('splits long lines where that is what it takes', () => {
    // four 1 km lines in a row: 6 beats cannot be whole lines
    const long = [0, 1, 2, 3].map((k) => ({ id: `l${k}`, coordinates: [[116.3 + k * 0.0117, 39.9], [116.3 + (k + 1) * 0.0117, 39.9]] as [number, number][] }))
    const result = balance({ lines: long, beats: 6 })
    expect(coverageProblems(long, result)).toEqual([])
    expect(result.pieces.length).toBeGreaterThan(4)
    expect(worstDeviation(result)).toBeLessThanOrEqual(0.1)
  })

  it('is deterministic given a seed', () => {
    const first = balance({ lines, beats: 12, seed: 7 })
    const second = balance({ lines, beats: 12, seed: 7 })
    expect(JSON.stringify(second.pieces)).toBe(JSON.stringify(first.pieces))
  })

  it('weights: a heavy street counts for more', () => {
    const weighted = lines.map((line, k) => ({ ...line, weight: k % 5 === 0 ? 500 : 100 }))
    const result = balance({ lines: weighted, beats: 10 })
    expect(worstDeviation(result)).toBeLessThanOrEqual(0.1)
    expect(result.stats.mean).toBeCloseTo(weighted.reduce((sum, line) => sum + line.weight, 0) / 10, 6)
  })

  it('components cannot share a beat: the lower bound says what that costs', () => {
    // a 10 × 10 grid and a 2 × 1 grid 2 km away: 4 beats
    const far = gridNetwork(2, 1, 100, [116.33, 39.9]).map((line) => ({ ...line, id: `far-${line.id}` }))
    const result = balance({ lines: [...lines, ...far], beats: 4, isolated: 'own' })
    expect(result.stats.components).toBe(2)
    // 22 000 m + 700 m: the small grid gets a beat of its own (700 m), the big one 3 (7 333 m)
    expect(result.stats.lowerBound).toBeCloseTo((22_000 / 3 - 700) / (22_700 / 4), 2)
    expect(result.stats.spread).toBeGreaterThanOrEqual(result.stats.lowerBound - 1e-9)
    expect(result.beats.every((beat) => beat.connected)).toBe(true)
    // by default the small grid joins its neighbour's beat, reported not connected
    const joined = balance({ lines: [...lines, ...far], beats: 4 })
    expect(joined.stats.joinedComponents).toBe(1)
    expect(joined.beats.filter((beat) => !beat.connected)).toHaveLength(1)
    expect(worstDeviation(joined)).toBeLessThanOrEqual(0.1)
  })

  it('fewer beats than components: beats span components and say so', () => {
    const islands = [0, 1, 2, 3, 4].flatMap((k) => gridNetwork(2, 2, 100, [116.3 + k * 0.02, 39.9]).map((line) => ({ ...line, id: `${k}-${line.id}` })))
    const result = balance({ lines: islands, beats: 3 })
    expect(result.stats.components).toBe(5)
    expect(result.stats.beatsSpanComponents).toBe(true)
    expect(result.stats.lowerBound).toBe(0)
    expect(result.beats.some((beat) => !beat.connected)).toBe(true)
    expect(coverageProblems(islands, result)).toEqual([])
  })
})

describe('keeping existing assignments', () => {
  const lines = gridNetwork(8, 8)
  const owners = Array.from({ length: 8 }, (_unused, k) => `cleaner-${k + 1}`)
  const before = balance({ lines, beats: 8, owners })
  const current = before.pieces.map((piece) => ({ lineId: piece.lineId, fromM: piece.fromM, toM: piece.toM, owner: piece.owner! }))

  it('nothing changes when nothing needs to', () => {
    const again = balance({ lines, beats: 8, owners, current })
    expect(again.stats.movedLengthM).toBeCloseTo(0, 6)
    expect(again.stats.movedPieces).toBe(0)
  })

  it('one cleaner leaves: the neighbours absorb the beat, little else moves', () => {
    const departed = 'cleaner-3'
    const departedLength = before.beats.find((beat) => beat.owner === departed)!.lengthM
    const remaining = owners.filter((owner) => owner !== departed)
    const after = balance({ lines, beats: 7, owners: remaining, current })
    expect(coverageProblems(lines, after)).toEqual([])
    expect(after.pieces.some((piece) => piece.owner === departed)).toBe(false)
    // the departed beat must move; the rest only as far as the tolerance needs
    expect(after.stats.movedLengthM).toBeGreaterThanOrEqual(departedLength - 1e-6)
    expect(after.stats.movedLengthM).toBeLessThanOrEqual(2 * departedLength)
    expect(worstDeviation(after)).toBeLessThanOrEqual(0.1)
    expect(after.beats.every((beat) => beat.connected)).toBe(true)
    // beat ↔ owner pairs stay: beat i is remaining[i - 1]
    after.beats.forEach((beat, k) => expect(beat.owner).toBe(remaining[k]))
  })

  it('fresh mode pairs the new beats with the owners who overlap most (Hungarian)', () => {
    const shuffled = [...owners].reverse()
    const fresh = balance({ lines, beats: 8, owners: shuffled, current, mode: 'fresh' })
    // the same partition is found again, so every owner gets back exactly their own beat
    expect(fresh.stats.movedLengthM).toBeLessThan(0.05 * lines.length * 100)
  })
})

describe('hungarian', () => {
  function brute(cost: number[][]): number {
    const n = cost.length
    let best = Infinity
    const permute = (row: number, used: boolean[], sum: number) => {
      if (row === n) {
        best = Math.min(best, sum)
        return
      }
      for (let j = 0; j < cost[0].length; j++) {
        if (used[j]) continue
        used[j] = true
        permute(row + 1, used, sum + cost[row][j])
        used[j] = false
      }
    }
    permute(0, new Array(cost[0].length).fill(false), 0)
    return best
  }
  it('matches brute force on small matrices', () => {
    let state = 12345
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + (trial % 6)
      const m = n + (trial % 3)
      const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.round(random() * 100) - 50))
      const assignment = hungarian(cost)
      expect(new Set(assignment).size).toBe(n)
      expect(assignment.reduce((sum, j, i) => sum + cost[i][j], 0)).toBe(brute(cost))
    }
  })
})

describe('allocateBeats and its lower bound', () => {
  it('is exact against brute force over allocations', () => {
    const cases: [number[], number][] = [
      [[10, 10], 2],
      [[10, 1], 2],
      [[10, 1], 5],
      [[30, 20, 7], 6],
      [[5, 5, 5, 1], 9],
      [[100, 33, 12, 9], 13],
    ]
    for (const [weights, beats] of cases) {
      const mean = weights.reduce((s, w) => s + w, 0) / beats
      let best = Infinity
      const walk = (c: number, left: number, ks: number[]) => {
        if (c === weights.length - 1) {
          const all = [...ks, left]
          if (left < 1) return
          const ratios = all.map((k, i) => weights[i] / k)
          best = Math.min(best, (Math.max(...ratios) - Math.min(...ratios)) / mean)
          return
        }
        for (let k = 1; k <= left - (weights.length - 1 - c); k++) walk(c + 1, left - k, [...ks, k])
      }
      walk(0, beats, [])
      const allocation = allocateBeats(weights, beats)
      expect(allocation.lowerBound, `${weights} into ${beats}`).toBeCloseTo(best, 9)
      expect(allocation.beats.reduce((s, k) => s + k, 0)).toBe(beats)
      const ratios = allocation.beats.map((k, i) => weights[i] / k)
      expect((Math.max(...ratios) - Math.min(...ratios)) / mean).toBeCloseTo(best, 9)
    }
  })
})

describe('bad input', () => {
  const lines = gridNetwork(2, 2)
  it('refuses each with a Chinese message naming the line and field', () => {
    expect(errorOf({ lines: [], beats: 1 }).code).toBe('empty')
    expect(errorOf({ lines, beats: 0 }).code).toBe('bad_beats')
    expect(errorOf({ lines, beats: 2.5 }).code).toBe('bad_beats')
    const tooMany = errorOf({ lines, beats: 1000 })
    expect(tooMany.code).toBe('too_many_beats')
    expect(tooMany.messageZh).toMatch(/片区数 1000 太多/)
    const zero = errorOf({ lines: [...lines, { id: 'z', coordinates: [[116.3, 39.9], [116.3, 39.9]] }], beats: 2 })
    expect(zero.code).toBe('zero_length')
    expect(zero.lineIndex).toBe(lines.length)
    expect(zero.messageZh).toContain(`第 ${lines.length} 条线`)
    const duplicate = errorOf({ lines: [...lines, { ...lines[0] }], beats: 2 })
    expect(duplicate.code).toBe('duplicate_id')
    expect(duplicate.field).toBe('id')
    expect(errorOf({ lines: [{ ...lines[0], weight: -1 }, ...lines.slice(1)], beats: 2 }).code).toBe('bad_weight')
    expect(errorOf({ lines: [{ id: 'p', coordinates: [[116.3, 39.9]] }], beats: 1 }).code).toBe('bad_coordinates')
    expect(errorOf({ lines: [{ id: 'p', coordinates: [[116.3, 39.9], [200, 39.9]] }], beats: 1 }).code).toBe('bad_coordinates')
    expect(errorOf({ lines, beats: 2, owners: ['a'] }).code).toBe('bad_owners')
    expect(errorOf({ lines, beats: 2, current: [{ lineId: 'nope', fromM: 0, toM: 1, owner: 'a' }] }).code).toBe('bad_current')
    expect(errorOf({ lines, beats: 2, current: [{ lineId: lines[0].id, fromM: 0, toM: 500, owner: 'a' }] }).code).toBe('bad_current')
  })
})
