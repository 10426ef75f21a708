/**
 * Cleaning teams, cleaners, their roster, 专人包干 duties and 以克论净 inspections.
 *
 * Two teams per 街道, each answering for about half of the street's back-street workload (a
 * contiguous-ish half: communities in order of their centroids along the street's longer axis, cut
 * where the workload halves). Cleaners are
 * shared out in proportion to back-street length, each with a home shift (about a third per
 * shift). On every shift each segment goes to a cleaner of that shift in the team whose area holds
 * it, walking the segments in back-street order and filling one cleaner's beat before the next, so
 * beats are runs of neighbouring segments; about 5 % per shift are left without anyone (the UI must
 * find gaps) and about a tenth of long segments are split at a point between two cleaners. A
 * segment belongs to the community holding its midpoint, the rule the database uses (grid_at).
 */
import type { DemoDistrict, Position } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Hierarchy } from './hierarchy.ts'
import type { BackStreets } from './backstreets.ts'
import { personName } from './names.ts'
import { lineLengthMetres, pointInRing, toMetres } from './geo.ts'

export const CLEANER_COUNT = 400
const TEAMS_PER_STREET = 2
const MIN_CLEANERS_PER_TEAM = 3
export const UNCOVERED_SHARE = 0.05
/** segments at least this long may be split between two cleaners */
export const LONG_SEGMENT_M = 90
const SPLIT_SHARE = 0.1
export const SHIFTS = ['early', 'day', 'late'] as const
export type Shift = (typeof SHIFTS)[number]
/** sweeps per shift by cleaning grade, as the database's cleaning_grades are seeded */
const FREQUENCY = { 1: 2, 2: 1.5, 3: 1 } as const
/** 以克论净 limits (g/m²) by grade, as seeded */
export const DUST_LIMIT = { 1: 5, 2: 10, 3: 15 } as const
/** the roster's and the duties' first day */
export const ROSTER_START = '2025-11-01'
export const DUTY_SHARE = 0.95
export const INSPECTION_COUNT = 300
/** inspections fall in the last three months of the demo year (2026-08-01 … 2026-10-31, +08:00) */
const INSPECTION_START_MS = Date.UTC(2026, 6, 31, 16, 0, 0)
const INSPECTION_DAYS = 92
/** sub-streams of the workforce stream: duties and inspections draw on their own */
const DUTY_STREAM = STREAM.workforce * 1000 + 1
const INSPECTION_STREAM = STREAM.workforce * 1000 + 2

export interface Workforce {
  teams: DemoDistrict['teams']
  cleaners: DemoDistrict['cleaners']
  assignments: DemoDistrict['assignments']
}

type Community = DemoDistrict['communities'][number]

/** The community whose polygon holds a point (outer ring, not in a hole); the lowest id wins on an edge. */
export function communityAt(communities: readonly Community[], point: Position): Community | null {
  for (const community of communities) {
    const [outer, ...holes] = community.geometry.coordinates
    if (pointInRing(point[0], point[1], outer) && !holes.some((hole) => pointInRing(point[0], point[1], hole))) return community
  }
  return null
}

/** The point halfway along a line by planar (degree) length, as ST_LineInterpolatePoint(geom, 0.5). */
export function lineMidpoint(coordinates: readonly Position[]): Position {
  const lengths: number[] = []
  let total = 0
  for (let k = 0; k < coordinates.length - 1; k++) {
    const d = Math.hypot(coordinates[k + 1][0] - coordinates[k][0], coordinates[k + 1][1] - coordinates[k][1])
    lengths.push(d)
    total += d
  }
  let remaining = total / 2
  for (let k = 0; k < lengths.length; k++) {
    if (remaining <= lengths[k] && lengths[k] > 0) {
      const t = remaining / lengths[k]
      return [coordinates[k][0] + t * (coordinates[k + 1][0] - coordinates[k][0]), coordinates[k][1] + t * (coordinates[k + 1][1] - coordinates[k][1])]
    }
    remaining -= lengths[k]
  }
  return coordinates[coordinates.length - 1]
}

function ringCentroid(ring: readonly Position[]): [number, number] {
  let x = 0
  let y = 0
  for (let k = 0; k < ring.length - 1; k++) {
    const [mx, my] = toMetres(ring[k])
    x += mx
    y += my
  }
  return [x / (ring.length - 1), y / (ring.length - 1)]
}

/**
 * A street's communities split into two halves along the longer axis of their centroids, at the
 * cut that shares their back streets' workload most evenly (back streets lie in each 街道's old
 * quarter, so a cut by count could leave one team's half without any).
 */
function halves(communities: readonly Community[], workload: (id: number) => number): [number[], number[]] {
  if (communities.length === 1) return [[communities[0].id], [communities[0].id]]
  const centroids = communities.map((community) => ({ id: community.id, at: ringCentroid(community.geometry.coordinates[0]) }))
  const spread = (axis: 0 | 1) => Math.max(...centroids.map((c) => c.at[axis])) - Math.min(...centroids.map((c) => c.at[axis]))
  const axis: 0 | 1 = spread(0) >= spread(1) ? 0 : 1
  centroids.sort((a, b) => a.at[axis] - b.at[axis] || a.id - b.id)
  const weights = centroids.map((c) => workload(c.id))
  const total = weights.reduce((a, v) => a + v, 0)
  let cut = Math.ceil(centroids.length / 2)
  if (total > 0) {
    let best = Infinity
    for (let k = 1, before = weights[0]; k < centroids.length; before += weights[k], k++) {
      if (Math.abs(before - total / 2) < best) [best, cut] = [Math.abs(before - total / 2), k]
    }
  }
  return [centroids.slice(0, cut).map((c) => c.id).sort((a, b) => a - b), centroids.slice(cut).map((c) => c.id).sort((a, b) => a - b)]
}

const phoneNumber = (rng: Rng) => `1${rng.pick(['35', '38', '39', '58', '59', '86', '87', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`

export function buildWorkforce(seed: number, h: Hierarchy, b: BackStreets): Workforce {
  const rng = new Rng(seed, STREAM.workforce)
  const communityOfSegment = b.segments.map((segment) => communityAt(h.communities, lineMidpoint(segment.geometry.coordinates)))
  const streetOfSegment = b.segments.map((segment, k) => communityOfSegment[k]?.streetId ?? b.backStreets[segment.backStreetId - 1].streetId)
  const lengthOf = (k: number) => b.segmentLength[k] ?? lineLengthMetres(b.segments[k].geometry.coordinates)
  const workloadOf = (k: number) => lengthOf(k) * FREQUENCY[b.segments[k].cleaningGrade]

  const workloadOfCommunity = new Map<number, number>()
  communityOfSegment.forEach((community, k) => community && workloadOfCommunity.set(community.id, (workloadOfCommunity.get(community.id) ?? 0) + workloadOf(k)))

  // teams and their areas
  const teams: DemoDistrict['teams'] = []
  const teamOfCommunity = new Map<number, number>()
  h.streets.forEach((street) => {
    const own = h.communities.filter((community) => community.streetId === street.id)
    const [first, second] = own.length > 0 ? halves(own, (id) => workloadOfCommunity.get(id) ?? 0) : [[], []]
    ;[first, second].forEach((area, t) => {
      const id = teams.length + 1
      teams.push({ id, name: `${street.name}环卫保洁${['一', '二', '三'][t]}队`, streetId: street.id, areaCommunityIds: area })
      for (const communityId of area) if (!teamOfCommunity.has(communityId)) teamOfCommunity.set(communityId, id)
    })
  })
  const firstTeamOfStreet = (streetId: number) => (streetId - 1) * TEAMS_PER_STREET + 1
  const teamOfSegment = b.segments.map((_segment, k) => {
    const community = communityOfSegment[k]
    return (community && teamOfCommunity.get(community.id)) ?? firstTeamOfStreet(streetOfSegment[k])
  })

  // cleaners: largest-remainder share of the district's cleaners per team by workload
  const teamWorkload = teams.map((team) => b.segments.reduce((sum, _segment, k) => sum + (teamOfSegment[k] === team.id ? workloadOf(k) : 0), 0))
  const totalWorkload = teamWorkload.reduce((a, v) => a + v, 0)
  const exact = teamWorkload.map((w) => (CLEANER_COUNT * w) / totalWorkload)
  const share = exact.map((x) => Math.max(MIN_CLEANERS_PER_TEAM, Math.floor(x)))
  const order = exact.map((x, k) => ({ k, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.k - q.k)
  for (let m = 0; share.reduce((a, v) => a + v, 0) < CLEANER_COUNT; m++) share[order[m % order.length].k]++

  const cleaners: DemoDistrict['cleaners'] = []
  const cleanersOf = new Map<string, number[]>() // `${team}:${shift}` → cleaner ids
  teams.forEach((team, t) => {
    for (let m = 0; m < share[t]; m++) {
      const id = cleaners.length + 1
      const shift = SHIFTS[m % SHIFTS.length]
      cleaners.push({ id, teamId: team.id, name: personName(rng), employeeNo: `BJ${String(id).padStart(4, '0')}`, phone: phoneNumber(rng), shift })
      const key = `${team.id}:${shift}`
      cleanersOf.set(key, [...(cleanersOf.get(key) ?? []), id])
    }
  })

  // the roster: per team and shift, segments in back-street order fill one beat after another
  const assignments: DemoDistrict['assignments'] = []
  const segmentsOfTeam = teams.map((team) =>
    b.segments
      .map((segment, k) => ({ segment, k }))
      .filter(({ k }) => teamOfSegment[k] === team.id)
      .sort((p, q) => p.segment.backStreetId - q.segment.backStreetId || p.segment.seq - q.segment.seq),
  )
  for (const shift of SHIFTS) {
    teams.forEach((team, t) => {
      const crew = cleanersOf.get(`${team.id}:${shift}`) ?? []
      if (crew.length === 0) return
      const target = teamWorkload[t] / crew.length
      let beat = 0
      let load = 0
      for (const { segment, k } of segmentsOfTeam[t]) {
        if (rng.chance(UNCOVERED_SHARE)) continue
        if (load > 0 && load + workloadOf(k) / 2 > target && beat < crew.length - 1) {
          beat++
          load = 0
        }
        load += workloadOf(k)
        const length = lengthOf(k)
        if (length >= LONG_SEGMENT_M && crew.length > 1 && rng.chance(SPLIT_SHARE)) {
          const at = Math.round(length * rng.range(0.3, 0.7) * 10) / 10
          const other = crew[beat + 1 < crew.length ? beat + 1 : beat - 1]
          assignments.push({ cleanerId: crew[beat], segmentId: segment.id, shift, fromM: 0, toM: at })
          assignments.push({ cleanerId: other, segmentId: segment.id, shift, fromM: at, toM: null })
        } else {
          assignments.push({ cleanerId: crew[beat], segmentId: segment.id, shift, fromM: 0, toM: null })
        }
      }
    })
  }
  assignments.sort((p, q) => p.segmentId - q.segmentId || SHIFTS.indexOf(p.shift) - SHIFTS.indexOf(q.shift) || p.fromM - q.fromM)
  return { teams, cleaners, assignments }
}

export interface FacilityDuty {
  facilityId: number
  cleanerId: number
  deputyId: number | null
}

/**
 * 专人包干: about 95 % of facilities get a responsible cleaner and a deputy from the team whose area
 * holds them, each cleaner taking as few duties as possible (the fewest so far, then the lowest id).
 */
export function buildFacilityDuties(district: DemoDistrict): FacilityDuty[] {
  const rng = new Rng(district.seed, DUTY_STREAM)
  const teamOfCommunity = new Map<number, number>()
  for (const team of district.teams) for (const id of team.areaCommunityIds) if (!teamOfCommunity.has(id)) teamOfCommunity.set(id, team.id)
  const crewOf = new Map<number, number[]>()
  for (const cleaner of district.cleaners) crewOf.set(cleaner.teamId, [...(crewOf.get(cleaner.teamId) ?? []), cleaner.id])
  const duties = new Map<number, number>()
  const leastBusy = (crew: number[], except: number | null) =>
    crew.filter((id) => id !== except).sort((a, b) => (duties.get(a) ?? 0) - (duties.get(b) ?? 0) || a - b)[0] ?? null
  const out: FacilityDuty[] = []
  for (const facility of district.facilities) {
    if (!rng.chance(DUTY_SHARE)) continue
    const community = communityAt(district.communities, facility.geometry.coordinates)
    const teamId = community ? teamOfCommunity.get(community.id) : undefined
    const crew = teamId ? (crewOf.get(teamId) ?? []) : []
    const cleanerId = leastBusy(crew, null)
    if (cleanerId === null) continue
    duties.set(cleanerId, (duties.get(cleanerId) ?? 0) + 1)
    const deputyId = leastBusy(crew, cleanerId)
    out.push({ facilityId: facility.id, cleanerId, deputyId })
  }
  return out
}

export interface Inspection {
  segmentId: number
  /** ISO-8601 with +08:00 */
  at: string
  gramsPerM2: number
  inspector: string
  note: string
}

/** Hours (local) when inspectors weigh samples, inside the early, day and late shifts. */
const SAMPLE_HOURS: [number, number][] = [
  [6, 11.5],
  [13, 17.5],
  [18.5, 22],
]

/**
 * 以克论净: ~300 sample weighings over the last three months of the demo year, most under the
 * segment grade's limit (about one in eight over it, worse on segments nobody holds).
 */
export function buildInspections(district: DemoDistrict): Inspection[] {
  const rng = new Rng(district.seed, INSPECTION_STREAM)
  const inspectors = Array.from({ length: 6 }, () => `区环卫处考核组 ${personName(rng)}`)
  const held = new Set(district.assignments.map((assignment) => assignment.segmentId))
  const out: Inspection[] = []
  for (let n = 0; n < INSPECTION_COUNT; n++) {
    const segment = district.segments[rng.int(0, district.segments.length - 1)]
    const day = rng.int(0, INSPECTION_DAYS - 1)
    const [from, to] = rng.pick(SAMPLE_HOURS)
    const minutes = Math.floor(rng.range(from, to) * 60)
    const ms = INSPECTION_START_MS + day * 86_400_000 + minutes * 60_000 + 8 * 3_600_000
    const at = new Date(ms).toISOString().slice(0, 19) + '+08:00'
    const limit = DUST_LIMIT[segment.cleaningGrade]
    const fails = rng.chance(held.has(segment.id) ? 0.12 : 0.45)
    const grams = fails ? limit * rng.range(1.05, 2.2) : limit * rng.range(0.15, 0.95)
    out.push({
      segmentId: segment.id,
      at,
      gramsPerM2: Math.round(grams * 10) / 10,
      inspector: rng.pick(inspectors),
      note: fails ? rng.pick(['路面浮尘明显', '边角有积尘', '有落叶和纸屑', '路沿石积土']) : '',
    })
  }
  out.sort((p, q) => (p.at < q.at ? -1 : p.at > q.at ? 1 : p.segmentId - q.segmentId))
  return out
}
