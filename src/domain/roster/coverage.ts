/**
 * 全覆盖、无缝隙: how much of each segment has a cleaner on one shift and day, and the totals per
 * street, community and team. Mirrors SQL `roster_coverage(p_day, p_shift)`: an assignment counts
 * when it is open on the day (valid_from ≤ day ≤ valid_to or valid_to null), is of the shift and
 * its cleaner is active; a length covered by two or more at once is double coverage (still
 * covered once in coveredM). Lengths are exact (no rounding) so the two engines compare.
 */
import type {
  CoverageReport,
  CoverageTotals,
  RosterAssignment,
  RosterSegment,
  RosterTeam,
  SegmentCoverage,
  SegmentRoster,
  ShiftCode,
  UnitCoverage,
} from './types.ts'

export interface CoverageContext {
  day: string
  shift: ShiftCode
  segments: readonly RosterSegment[]
  activeCleanerIds: ReadonlySet<number>
  teams: readonly RosterTeam[]
  communityNames: ReadonlyMap<number, string>
  streetNames: ReadonlyMap<number, string>
}

export interface CoverageInput extends CoverageContext {
  /** all assignments, any day and shift: those that count are picked here */
  assignments: readonly RosterAssignment[]
}

type Interval = [number, number]

/** Open on `day` (ISO dates compare as strings). */
export function isOpenOn(assignment: Pick<RosterAssignment, 'validFrom' | 'validTo'>, day: string): boolean {
  return assignment.validFrom <= day && (assignment.validTo === null || assignment.validTo >= day)
}

/** The assignments that count for coverage on `day` and `shift`. */
export function countingAssignments(
  assignments: readonly RosterAssignment[],
  day: string,
  shift: ShiftCode,
  activeCleanerIds: ReadonlySet<number>,
): RosterAssignment[] {
  return assignments.filter((assignment) => assignment.shift === shift && isOpenOn(assignment, day) && activeCleanerIds.has(assignment.cleanerId))
}

/**
 * The team answering for a segment: the first active team (in the order given) whose area lists
 * the segment's community, else the first whose area lists its street. Null when none does.
 */
export function teamOfSegment(segment: Pick<RosterSegment, 'communityId' | 'streetId'>, teams: readonly RosterTeam[]): RosterTeam | null {
  const active = teams.filter((team) => team.active)
  if (segment.communityId !== null) {
    const byCommunity = active.find((team) => team.areaCommunityIds.includes(segment.communityId as number))
    if (byCommunity) return byCommunity
  }
  if (segment.streetId !== null) return active.find((team) => team.areaStreetIds.includes(segment.streetId as number)) ?? null
  return null
}

/** One segment's coverage from the runs its cleaners hold (any order, overlaps allowed). */
export function segmentCoverage(segmentId: number, lengthM: number, runs: readonly Interval[]): SegmentCoverage {
  const length = Math.max(0, lengthM)
  const events: [number, number][] = []
  for (const [from, to] of runs) {
    const start = Math.max(0, Math.min(from, to))
    const end = Math.min(length, Math.max(from, to))
    if (end > start) events.push([start, 1], [end, -1])
  }
  // Ends before starts at one measure, so touching runs neither double nor leave a gap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const gaps: Interval[] = []
  let depth = 0
  let at = 0
  let coveredM = 0
  let doubleM = 0
  for (const [measure, step] of events) {
    if (measure > at) {
      if (depth === 0) gaps.push([at, measure])
      else coveredM += measure - at
      if (depth >= 2) doubleM += measure - at
      at = measure
    }
    depth += step
  }
  if (length > at) gaps.push([at, length])
  return { segmentId, ...totalsOf(length, coveredM, doubleM), gaps }
}

/** The coverage report from stored assignments. */
export function computeCoverage(input: CoverageInput): CoverageReport {
  const runs = runsBySegment(countingAssignments(input.assignments, input.day, input.shift, input.activeCleanerIds))
  const segments = input.segments.map((segment) => segmentCoverage(segment.id, segment.lengthM, runs.get(segment.id) ?? []))
  return assemble(input, segments)
}

/**
 * The report after some segments' assignments changed: only those segments are recomputed and
 * the unit totals adjusted by the difference, so one change on the demo's ~2,000 segments costs a
 * scan of the assignments and a few maps, not a full recomputation. `input` is the whole current
 * state (as for computeCoverage); segments listed in `changedSegmentIds` that are new are added;
 * when a listed segment has left `input.segments`, or teams, areas or cleaners' active flags
 * changed (which move length between units or change many segments), compute afresh instead
 * (a report of another day or shift is computed afresh here).
 */
export function updateCoverage(report: CoverageReport, changedSegmentIds: Iterable<number>, input: CoverageInput): CoverageReport {
  if (report.day !== input.day || report.shift !== input.shift) return computeCoverage(input)
  const changed = new Set(changedSegmentIds)
  if (changed.size === 0) return report
  const relevant = input.assignments.filter((assignment) => changed.has(assignment.segmentId))
  const runs = runsBySegment(countingAssignments(relevant, input.day, input.shift, input.activeCleanerIds))
  return (
    replaceSegments(report, changed, input, (segment) => segmentCoverage(segment.id, segment.lengthM, runs.get(segment.id) ?? [])) ??
    computeCoverage(input)
  )
}

/**
 * Coverage of the editor's unsaved state: each segment with a roster is counted from its pieces
 * (a piece of nobody or of an inactive cleaner is a gap; pieces never overlap, so no double
 * coverage); segments without one from `assignments` (stored state), or as uncovered when none
 * are given.
 */
export function coverageFromRosters(
  rosters: ReadonlyMap<number, SegmentRoster>,
  context: CoverageContext & { assignments?: readonly RosterAssignment[] },
): CoverageReport {
  const stored = runsBySegment(countingAssignments(context.assignments ?? [], context.day, context.shift, context.activeCleanerIds))
  const segments = context.segments.map((segment) => {
    const roster = rosters.get(segment.id)
    return segmentCoverage(segment.id, segment.lengthM, roster ? rosterRuns(roster, context.activeCleanerIds) : stored.get(segment.id) ?? [])
  })
  return assemble(context, segments)
}

/** coverageFromRosters for the segments whose rosters changed, adjusting the totals. */
export function updateCoverageFromRosters(
  report: CoverageReport,
  changedSegmentIds: Iterable<number>,
  rosters: ReadonlyMap<number, SegmentRoster>,
  context: CoverageContext & { assignments?: readonly RosterAssignment[] },
): CoverageReport {
  if (report.day !== context.day || report.shift !== context.shift) return coverageFromRosters(rosters, context)
  const changed = new Set(changedSegmentIds)
  if (changed.size === 0) return report
  const relevant = (context.assignments ?? []).filter((assignment) => changed.has(assignment.segmentId))
  const stored = runsBySegment(countingAssignments(relevant, context.day, context.shift, context.activeCleanerIds))
  return (
    replaceSegments(report, changed, context, (segment) => {
      const roster = rosters.get(segment.id)
      return segmentCoverage(segment.id, segment.lengthM, roster ? rosterRuns(roster, context.activeCleanerIds) : stored.get(segment.id) ?? [])
    }) ?? coverageFromRosters(rosters, context)
  )
}

/** Is every shift fully covered? (the banner's question), with a 1 mm tolerance for float sums. */
export function isFullyCovered(totals: CoverageTotals): boolean {
  return totals.uncoveredM < 0.001
}

function rosterRuns(roster: SegmentRoster, activeCleanerIds: ReadonlySet<number>): Interval[] {
  return roster.pieces
    .filter((piece) => piece.cleanerId !== null && activeCleanerIds.has(piece.cleanerId))
    .map((piece) => [piece.fromM, piece.toM])
}

function runsBySegment(assignments: readonly RosterAssignment[]): Map<number, Interval[]> {
  const runs = new Map<number, Interval[]>()
  for (const assignment of assignments) {
    const list = runs.get(assignment.segmentId)
    if (list) list.push([assignment.fromM, assignment.toM])
    else runs.set(assignment.segmentId, [[assignment.fromM, assignment.toM]])
  }
  return runs
}

interface Sums {
  name: string
  lengthM: number
  coveredM: number
  doubleM: number
}

function totalsOf(lengthM: number, coveredM: number, doubleM: number): CoverageTotals {
  // Sums adjusted by differences drift by ulps: snap what is within a micrometre.
  const covered = Math.abs(lengthM - coveredM) < 1e-6 ? lengthM : Math.min(lengthM, Math.max(0, coveredM))
  const double = Math.abs(doubleM) < 1e-6 ? 0 : doubleM
  return {
    lengthM,
    coveredM: covered,
    uncoveredM: lengthM - covered,
    doubleM: double,
    percent: lengthM > 0 ? (covered / lengthM) * 100 : 100,
  }
}

type UnitKind = 'street' | 'community' | 'team'

interface UnitKeys {
  street: number | null
  community: number | null
  team: number | null
}

function unitKeys(segment: RosterSegment, context: CoverageContext): UnitKeys {
  return { street: segment.streetId, community: segment.communityId, team: teamOfSegment(segment, context.teams)?.id ?? null }
}

function unitName(kind: UnitKind, id: number, context: CoverageContext): string {
  if (kind === 'street') return context.streetNames.get(id) ?? ''
  if (kind === 'community') return context.communityNames.get(id) ?? ''
  return context.teams.find((team) => team.id === id)?.name ?? ''
}

function assemble(context: CoverageContext, segments: SegmentCoverage[]): CoverageReport {
  const byId = new Map(context.segments.map((segment) => [segment.id, segment]))
  const units: Record<UnitKind, Map<number, Sums>> = { street: new Map(), community: new Map(), team: new Map() }
  const total: Sums = { name: '', lengthM: 0, coveredM: 0, doubleM: 0 }
  for (const coverage of segments) {
    const segment = byId.get(coverage.segmentId) as RosterSegment
    add(total, coverage, 1)
    const keys = unitKeys(segment, context)
    for (const kind of ['street', 'community', 'team'] as const) {
      const id = keys[kind]
      if (id === null) continue
      let sums = units[kind].get(id)
      if (!sums) units[kind].set(id, (sums = { name: unitName(kind, id, context), lengthM: 0, coveredM: 0, doubleM: 0 }))
      add(sums, coverage, 1)
    }
  }
  return {
    day: context.day,
    shift: context.shift,
    totals: totalsOf(total.lengthM, total.coveredM, total.doubleM),
    segments,
    byStreet: unitList(units.street),
    byCommunity: unitList(units.community),
    byTeam: unitList(units.team),
  }
}

function replaceSegments(
  report: CoverageReport,
  changed: ReadonlySet<number>,
  context: CoverageContext,
  recompute: (segment: RosterSegment) => SegmentCoverage,
): CoverageReport | null {
  const current = new Map<number, RosterSegment>()
  for (const segment of context.segments) if (changed.has(segment.id)) current.set(segment.id, segment)
  // A segment gone from the context cannot be taken off units it no longer names: start over.
  if (report.segments.some((coverage) => changed.has(coverage.segmentId) && !current.has(coverage.segmentId))) return null
  const units: Record<UnitKind, Map<number, Sums>> = {
    street: sumsOf(report.byStreet),
    community: sumsOf(report.byCommunity),
    team: sumsOf(report.byTeam),
  }
  const total: Sums = { name: '', lengthM: report.totals.lengthM, coveredM: report.totals.coveredM, doubleM: report.totals.doubleM }
  const adjust = (segment: RosterSegment, coverage: SegmentCoverage, sign: 1 | -1): void => {
    add(total, coverage, sign)
    const keys = unitKeys(segment, context)
    for (const kind of ['street', 'community', 'team'] as const) {
      const id = keys[kind]
      if (id === null) continue
      let sums = units[kind].get(id)
      if (!sums) units[kind].set(id, (sums = { name: unitName(kind, id, context), lengthM: 0, coveredM: 0, doubleM: 0 }))
      add(sums, coverage, sign)
    }
  }
  const segments: SegmentCoverage[] = []
  const seen = new Set<number>()
  for (const coverage of report.segments) {
    if (!changed.has(coverage.segmentId)) {
      segments.push(coverage)
      continue
    }
    seen.add(coverage.segmentId)
    const segment = current.get(coverage.segmentId) as RosterSegment
    // Its street, community and team are as they were: only assignments changed.
    adjust(segment, coverage, -1)
    const fresh = recompute(segment)
    adjust(segment, fresh, 1)
    segments.push(fresh)
  }
  for (const [id, segment] of current) {
    if (seen.has(id)) continue
    const fresh = recompute(segment)
    adjust(segment, fresh, 1)
    segments.push(fresh)
  }
  return {
    ...report,
    totals: totalsOf(total.lengthM, total.coveredM, total.doubleM),
    segments,
    byStreet: unitList(units.street),
    byCommunity: unitList(units.community),
    byTeam: unitList(units.team),
  }
}

function add(sums: Sums, coverage: CoverageTotals, sign: 1 | -1): void {
  sums.lengthM += sign * coverage.lengthM
  sums.coveredM += sign * coverage.coveredM
  sums.doubleM += sign * coverage.doubleM
}

function sumsOf(units: readonly UnitCoverage[]): Map<number, Sums> {
  return new Map(units.map((unit) => [unit.id, { name: unit.name, lengthM: unit.lengthM, coveredM: unit.coveredM, doubleM: unit.doubleM }]))
}

function unitList(units: Map<number, Sums>): UnitCoverage[] {
  return [...units]
    .filter(([, sums]) => sums.lengthM > 1e-6)
    .sort((a, b) => a[0] - b[0])
    .map(([id, sums]) => ({ id, name: sums.name, ...totalsOf(sums.lengthM, sums.coveredM, sums.doubleM) }))
}
