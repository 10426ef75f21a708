/**
 * Cleaning teams, cleaners and their shifts. Two teams per 街道; cleaners are shared out in
 * proportion to the street's back-street length. About 5% of segments are deliberately left without
 * any assignment so coverage gaps exist for the UI to find. Each (segment, shift) goes to the
 * street's least-loaded cleaner, which keeps workloads roughly balanced.
 */
import type { DemoDistrict } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Hierarchy } from './hierarchy.ts'
import type { BackStreets } from './backstreets.ts'
import { personName } from './names.ts'

export const CLEANER_COUNT = 400
const TEAMS_PER_STREET = 2
const UNCOVERED_SHARE = 0.055
const SHIFTS = ['early', 'day', 'late'] as const

export interface Workforce {
  teams: DemoDistrict['teams']
  cleaners: DemoDistrict['cleaners']
  assignments: DemoDistrict['assignments']
}

export function buildWorkforce(seed: number, h: Hierarchy, b: BackStreets): Workforce {
  const rng = new Rng(seed, STREAM.workforce)
  const streetOfSegment = b.segments.map((s) => b.backStreets[s.backStreetId - 1].streetId)
  const lengthByStreet = h.streets.map((street) => b.segments.reduce((sum, _segment, k) => sum + (streetOfSegment[k] === street.id ? b.segmentLength[k] : 0), 0))
  const totalLength = lengthByStreet.reduce((a, v) => a + v, 0)

  // largest-remainder share of the cleaners per street, at least 4 per team
  const exact = lengthByStreet.map((l) => (CLEANER_COUNT * l) / totalLength)
  const share = exact.map((x) => Math.max(2 * TEAMS_PER_STREET, Math.floor(x)))
  const order = exact.map((x, k) => ({ k, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.k - q.k)
  for (let m = 0; share.reduce((a, v) => a + v, 0) < CLEANER_COUNT; m++) share[order[m % order.length].k]++

  const teams: DemoDistrict['teams'] = []
  const cleaners: DemoDistrict['cleaners'] = []
  const cleanersOfStreet: number[][] = h.streets.map(() => [])
  h.streets.forEach((street, k) => {
    const firstTeam = teams.length + 1
    for (let t = 0; t < TEAMS_PER_STREET; t++) teams.push({ id: teams.length + 1, name: `${street.name}环卫保洁${['一', '二', '三'][t]}队`, streetId: street.id })
    for (let m = 0; m < share[k]; m++) {
      const id = cleaners.length + 1
      cleaners.push({ id, teamId: firstTeam + (m % TEAMS_PER_STREET), name: personName(rng), employeeNo: `BJ${String(id).padStart(4, '0')}` })
      cleanersOfStreet[k].push(id)
    }
  })

  const load = new Float64Array(cleaners.length + 1)
  const assignments: DemoDistrict['assignments'] = []
  b.segments.forEach((segment, k) => {
    if (rng.chance(UNCOVERED_SHARE)) return
    // 一级 streets are swept twice a day; others once, lower grades later in the day
    const shifts: (typeof SHIFTS)[number][] =
      segment.cleaningGrade === 1 ? ['early', 'day'] : segment.cleaningGrade === 2 ? [rng.chance(0.5) ? 'early' : 'day'] : [rng.chance(0.5) ? 'day' : 'late']
    for (const shift of shifts) {
      let best = -1
      for (const c of cleanersOfStreet[streetOfSegment[k] - 1]) if (best < 0 || load[c] < load[best]) best = c
      load[best] += b.segmentLength[k]
      assignments.push({ cleanerId: best, segmentId: segment.id, shift })
    }
  })
  assignments.sort((p, q) => p.segmentId - q.segmentId || SHIFTS.indexOf(p.shift) - SHIFTS.indexOf(q.shift) || p.cleanerId - q.cleanerId)
  return { teams, cleaners, assignments }
}
