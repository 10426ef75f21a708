/**
 * The workspace's real use of the balancer (保洁排班 → 自动均衡): one team's segments on one shift
 * with that shift's cleaners, repairing the current assignments. Built in-process from the demo
 * generator: team 1's area (its communities; a segment belongs to the team whose area holds its
 * midpoint, else to the first team of its back street's 街道, as scripts/demo/workforce.ts deals
 * them), its late-shift cleaners as owners and their late-shift assignments as `current`, the
 * workload length × the cleaning grade's sweeps per shift (as the app weighs it).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import { communityAt, lineMidpoint } from '../../scripts/demo/workforce.ts'
import { balance, cumulativeMeasures, type BalanceCurrentPiece, type BalanceInput, type BalanceLine, type BalanceResult } from '../../src/domain/roster/balance/index.ts'
import { coverageProblems, worstDeviation } from './roster-balance-support.ts'

/** sweeps per shift by cleaning grade, as the demo and the database's cleaning_grades have them */
const SWEEPS = { 1: 2, 2: 1.5, 3: 1 } as const
const TEAMS_PER_STREET = 2
const TOLERANCE = 0.1

function teamCase(teamId: number, shift: 'early' | 'day' | 'late'): BalanceInput {
  const demo = generateDemoDistrict()
  const team = demo.teams.find((candidate) => candidate.id === teamId)!
  const area = new Set(team.areaCommunityIds)
  const segments = demo.segments.filter((segment) => {
    const community = communityAt(demo.communities, lineMidpoint(segment.geometry.coordinates))
    if (community) return area.has(community.id)
    return (demo.backStreets[segment.backStreetId - 1].streetId - 1) * TEAMS_PER_STREET + 1 === teamId
  })
  const owners = demo.cleaners.filter((cleaner) => cleaner.teamId === teamId && cleaner.shift === shift).map((cleaner) => String(cleaner.id))
  const lengthOf = new Map<string, number>()
  const lines: BalanceLine[] = segments.map((segment) => {
    const coordinates = segment.geometry.coordinates as [number, number][]
    const measures = cumulativeMeasures(coordinates)
    const length = measures[measures.length - 1]
    lengthOf.set(String(segment.id), length)
    return { id: String(segment.id), coordinates, weight: length * SWEEPS[segment.cleaningGrade] }
  })
  const current: BalanceCurrentPiece[] = demo.assignments
    .filter((assignment) => assignment.shift === shift && owners.includes(String(assignment.cleanerId)) && lengthOf.has(String(assignment.segmentId)))
    .map((assignment) => {
      const length = lengthOf.get(String(assignment.segmentId))!
      return { lineId: String(assignment.segmentId), fromM: Math.min(assignment.fromM, length), toM: assignment.toM === null ? length : Math.min(assignment.toM, length), owner: String(assignment.cleanerId) }
    })
    .filter((piece) => piece.toM > piece.fromM)
  return { lines, beats: owners.length, owners, current, seed: 1, tolerance: TOLERANCE }
}

let input: BalanceInput
let repaired: BalanceResult
let fresh: BalanceResult

beforeAll(() => {
  input = teamCase(1, 'late')
  repaired = balance({ ...input, mode: 'repair' })
  fresh = balance({ ...input, mode: 'fresh' })
}, 120_000)

describe('balance for one team on one shift (team 1, late shift, repairing the current beats)', () => {
  it('is the case the app meets: ~50 segments, 3 cleaners or more, their current pieces', () => {
    expect(input.lines.length).toBeGreaterThan(40)
    expect(input.beats).toBeGreaterThanOrEqual(3)
    expect(new Set(input.current!.map((piece) => piece.owner)).size).toBe(input.beats)
  })

  it('covers every segment exactly once, in both modes', () => {
    expect(coverageProblems(input.lines, repaired)).toEqual([])
    expect(coverageProblems(input.lines, fresh)).toEqual([])
  })

  it('every beat within ±10 % of the mean (or the spread within the lower bound + 0.05)', () => {
    for (const result of [repaired, fresh]) {
      if (result.stats.lowerBound > 2 * TOLERANCE) expect(result.stats.spread).toBeLessThanOrEqual(result.stats.lowerBound + 0.05)
      else expect(worstDeviation(result)).toBeLessThanOrEqual(TOLERANCE)
      expect(result.stats.lowerBound).toBeLessThanOrEqual(result.stats.spread + 1e-9)
    }
  })

  it('says which result came back, keeps every cleaner as an owner, and moves no more than fresh', () => {
    expect(['repair', 'fresh']).toContain(repaired.stats.method)
    if (repaired.stats.method === 'fresh') expect(repaired.stats.fallback).not.toBeNull()
    expect(fresh.stats.method).toBe('fresh')
    expect(new Set(repaired.beats.map((beat) => beat.owner))).toEqual(new Set(input.owners))
    if (worstDeviation(repaired) <= TOLERANCE && worstDeviation(fresh) <= TOLERANCE) expect(repaired.stats.movedLengthM).toBeLessThanOrEqual(fresh.stats.movedLengthM + 1e-6)
    expect(repaired.beats.filter((beat) => !beat.connected).length).toBeLessThanOrEqual(fresh.beats.filter((beat) => !beat.connected).length)
  })

  it('a beat is reported disconnected only for a component joined because it was too light', () => {
    const disconnected = repaired.beats.filter((beat) => !beat.connected).length
    expect(disconnected).toBeLessThanOrEqual(repaired.stats.joinedComponents)
  })
})
