/**
 * Recurring problems (issue 17 item 6): the same 小类 at the same place at least N times in
 * 30 days, listed as root-cause candidates. Definition (docs/hotspots.md, "Recurring
 * problems"):
 *
 *   - a place is a circle of radius r (50 m) around a case of that 小类, its anchor;
 *   - the anchor recurs when some window of 30 days, [s, s + 30 d), holds at least N (3) cases
 *     of that 小类 inside its circle (the anchor itself need not be one of them);
 *   - the cases of such windows are the anchor's recurring cases; anchors of one 小类 whose
 *     recurring cases overlap are merged, so one place is listed once per 小类, with the union
 *     of their cases and the largest window count any of them reached.
 *
 * Distances are haversine metres; the search goes through a spatial hash of r-sized cells per
 * 小类, so the work is the pairs of same-小类 cases within r, not n².
 */
import { HotspotError } from './hotspot-error.ts'
import { haversineMetres } from './haversine.ts'
import { buildPointBuckets, pointsWithin } from './point-buckets.ts'

export const RECURRING_DEFAULTS = { radiusMetres: 50, windowDays: 30, minimumCount: 3 } as const

const DAY_MS = 86_400_000

export interface RecurringCases {
  lon: ArrayLike<number>
  lat: ArrayLike<number>
  /** reported_at, epoch ms */
  t: ArrayLike<number>
  /** 5-digit 小类 */
  category: ArrayLike<string>
  id: ArrayLike<number>
}

export interface RecurringOptions {
  radiusMetres?: number
  windowDays?: number
  /** N: cases in one window for a place to recur; at least 2 */
  minimumCount?: number
  /** indices of the cases to look at (e.g. one 街道); all when absent */
  cases?: ArrayLike<number>
}

export interface RecurringProblem {
  category: string
  /** the candidate's cases (indices into the input arrays), oldest first */
  caseIndices: Int32Array
  caseIds: number[]
  /** the most cases any of its anchors had in one window */
  maximumWindowCount: number
  /** that window: [windowStart, windowEnd), epoch ms */
  windowStart: number
  windowEnd: number
  first: number
  last: number
  /** mean position of its cases */
  lon: number
  lat: number
  /** the farthest of its cases from that mean, metres (above r when anchors were merged) */
  extentMetres: number
}

export interface RecurringResult {
  radiusMetres: number
  windowDays: number
  minimumCount: number
  /** most cases in one window first, then most cases, then the latest */
  problems: RecurringProblem[]
  /** cases without usable position, time or 小类 */
  skipped: number
}

function find(parent: Int32Array, member: number): number {
  while (parent[member] !== member) {
    parent[member] = parent[parent[member]]
    member = parent[member]
  }
  return member
}

function checkOptions(options: RecurringOptions): Required<Omit<RecurringOptions, 'cases'>> {
  const radiusMetres = options.radiusMetres ?? RECURRING_DEFAULTS.radiusMetres
  const windowDays = options.windowDays ?? RECURRING_DEFAULTS.windowDays
  const minimumCount = options.minimumCount ?? RECURRING_DEFAULTS.minimumCount
  if (!(Number.isFinite(radiusMetres) && radiusMetres > 0 && radiusMetres <= 10_000)) throw new HotspotError('bad_radius', `同一地点的半径 ${radiusMetres}`)
  if (!(Number.isFinite(windowDays) && windowDays > 0 && windowDays <= 3660)) throw new HotspotError('bad_period', `时间窗 ${windowDays} 天`)
  if (!(Number.isInteger(minimumCount) && minimumCount >= 2)) throw new HotspotError('bad_threshold', `${minimumCount}`)
  return { radiusMetres, windowDays, minimumCount }
}

/** Valid cases grouped by 小类, each group oldest first. */
function groupByCategory(input: RecurringCases, subset: ArrayLike<number> | undefined): { groups: Map<string, number[]>; skipped: number } {
  const { lon, lat, t, category } = input
  const groups = new Map<string, number[]>()
  let skipped = 0
  const total = subset === undefined ? lon.length : subset.length
  for (let k = 0; k < total; k++) {
    const index = subset === undefined ? k : subset[k]
    if (!(Number.isInteger(index) && index >= 0 && index < lon.length)) throw new HotspotError('bad_unit_index', `案件序号 ${index} 不在 0…${lon.length - 1} 之间`)
    const code = category[index]
    if (!(Math.abs(lon[index]) <= 180 && Math.abs(lat[index]) <= 90 && Number.isFinite(t[index]) && code)) {
      skipped += 1
      continue
    }
    let group = groups.get(code)
    if (!group) groups.set(code, (group = []))
    group.push(index)
  }
  for (const group of groups.values()) group.sort((a, b) => t[a] - t[b] || a - b)
  return { groups, skipped }
}

/** `rankOf` is scratch space of the input's length, shared by all groups. */
function problemsOfCategory(input: RecurringCases, code: string, group: number[], radiusMetres: number, windowMs: number, minimumCount: number, rankOf: Int32Array): RecurringProblem[] {
  const { lon, lat, t } = input
  if (group.length < minimumCount) return []
  // Ranks in the group are time order, so sorting neighbours by rank sorts them by time.
  group.forEach((index, rank) => (rankOf[index] = rank))
  const times = Float64Array.from(group, (index) => t[index])
  const buckets = buildPointBuckets(lon, lat, radiusMetres, group)
  const parent = Int32Array.from(group, (_unused, rank) => rank)
  const member = new Uint8Array(group.length)
  /** per component root, after the unions: the best window of any anchor whose cases it holds */
  const anchors: { rank: number; count: number; start: number }[] = []
  const scratch = { indices: new Int32Array(64) }
  for (let anchor = 0; anchor < group.length; anchor++) {
    const size = pointsWithin(buckets, lon[group[anchor]], lat[group[anchor]], scratch)
    if (size < minimumCount) continue
    const neighbours = scratch.indices
    for (let slot = 0; slot < size; slot++) neighbours[slot] = rankOf[neighbours[slot]]
    const sorted = neighbours.subarray(0, size).sort()
    let best = 0
    let bestStart = 0
    let end = 0
    let markedTo = 0
    let first = -1
    for (let start = 0; start < size; start++) {
      if (end < start) end = start
      while (end < size && times[sorted[end]] < times[sorted[start]] + windowMs) end++
      const count = end - start
      if (count < minimumCount) continue
      if (count > best) {
        best = count
        bestStart = times[sorted[start]]
      }
      for (let slot = Math.max(start, markedTo); slot < end; slot++) {
        const rank = sorted[slot]
        member[rank] = 1
        if (first === -1) first = rank
        else {
          const a = find(parent, first)
          const b = find(parent, rank)
          if (a !== b) parent[b] = a
        }
      }
      markedTo = Math.max(markedTo, end)
    }
    if (best > 0) anchors.push({ rank: first, count: best, start: bestStart })
  }
  if (anchors.length === 0) return []
  const bestOfRoot = new Map<number, { count: number; start: number }>()
  for (const anchor of anchors) {
    const root = find(parent, anchor.rank)
    const known = bestOfRoot.get(root)
    if (!known || anchor.count > known.count || (anchor.count === known.count && anchor.start < known.start)) bestOfRoot.set(root, { count: anchor.count, start: anchor.start })
  }
  const ranksOfRoot = new Map<number, number[]>()
  for (let rank = 0; rank < group.length; rank++) {
    if (!member[rank]) continue
    const root = find(parent, rank)
    let ranks = ranksOfRoot.get(root)
    if (!ranks) ranksOfRoot.set(root, (ranks = []))
    ranks.push(rank)
  }
  const problems: RecurringProblem[] = []
  for (const [root, ranks] of ranksOfRoot) {
    const best = bestOfRoot.get(root)!
    const caseIndices = Int32Array.from(ranks, (rank) => group[rank])
    let sumLon = 0
    let sumLat = 0
    for (const index of caseIndices) {
      sumLon += lon[index]
      sumLat += lat[index]
    }
    const centreLon = sumLon / caseIndices.length
    const centreLat = sumLat / caseIndices.length
    let extentMetres = 0
    for (const index of caseIndices) extentMetres = Math.max(extentMetres, haversineMetres(centreLon, centreLat, lon[index], lat[index]))
    problems.push({
      category: code,
      caseIndices,
      caseIds: Array.from(caseIndices, (index) => input.id[index]),
      maximumWindowCount: best.count,
      windowStart: best.start,
      windowEnd: best.start + windowMs,
      first: times[ranks[0]],
      last: times[ranks[ranks.length - 1]],
      lon: centreLon,
      lat: centreLat,
      extentMetres,
    })
  }
  return problems
}

export function findRecurringProblems(input: RecurringCases, options: RecurringOptions = {}): RecurringResult {
  const { radiusMetres, windowDays, minimumCount } = checkOptions(options)
  const { lon, lat, t, category, id } = input
  for (const [name, column] of [
    ['纬度', lat],
    ['时间', t],
    ['小类', category],
    ['编号', id],
  ] as const) {
    if (column.length !== lon.length) throw new HotspotError('unequal_lengths', `经度 ${lon.length} 个，${name} ${column.length} 个`)
  }
  const { groups, skipped } = groupByCategory(input, options.cases)
  const problems: RecurringProblem[] = []
  const rankOf = new Int32Array(lon.length)
  for (const [code, group] of groups) problems.push(...problemsOfCategory(input, code, group, radiusMetres, windowDays * DAY_MS, minimumCount, rankOf))
  problems.sort((a, b) => b.maximumWindowCount - a.maximumWindowCount || b.caseIndices.length - a.caseIndices.length || b.last - a.last || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0))
  return { radiusMetres, windowDays, minimumCount, problems, skipped }
}
