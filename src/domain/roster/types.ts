/**
 * The roster's (保洁排班) shared vocabulary: what the SQL API returns once parsed, what the
 * workspace edits, what the balancer and the coverage computation take. Lengths and measures
 * are metres along a segment's line (geodesic, as PostGIS `ST_Length(geography)`).
 */
export const SHIFT_CODES = ['early', 'day', 'late'] as const
export type ShiftCode = (typeof SHIFT_CODES)[number]

export type Position = [number, number]

/** One configured shift (班次): its hours are settings, its code is fixed. */
export interface ShiftDef {
  code: ShiftCode
  name: string
  /** 'HH:MM' local time */
  starts: string
  ends: string
}

/** A cleaning grade (保洁等级): how often a segment of it is swept per shift, and its 以克论净 limit. */
export interface CleaningGrade {
  grade: 1 | 2 | 3
  name: string
  /** sweeps per shift; workload = length_m × frequency */
  frequency: number
  /** 以克论净 pass threshold, grams of dust per m² */
  dustLimit: number
}

export interface RosterTeam {
  id: number
  name: string
  streetId: number | null
  active: boolean
  /** target workload per cleaner and shift (metre-sweeps); null = the team's mean */
  targetWorkload: number | null
  /** the team's area: whole 街道 and/or single 社区 */
  areaStreetIds: number[]
  areaCommunityIds: number[]
}

export interface RosterCleaner {
  id: number
  teamId: number
  name: string
  employeeNo: string
  phone: string
  active: boolean
  /** the shift the cleaner normally works; null = any */
  shift: ShiftCode | null
}

export interface RosterSegment {
  id: number
  backStreetId: number
  backStreetName: string
  seq: number
  lengthM: number
  grade: 1 | 2 | 3
  gridId: number | null
  communityId: number | null
  streetId: number | null
  coordinates: Position[]
}

/** A stored assignment row (one piece of one segment, one shift, a date range). */
export interface RosterAssignment {
  id: number
  version: number
  segmentId: number
  fromM: number
  toM: number
  cleanerId: number
  shift: ShiftCode
  validFrom: string
  validTo: string | null
}

/** A run of a segment with its cleaner, or nobody (null). */
export interface RosterPiece {
  fromM: number
  toM: number
  cleanerId: number | null
}

/**
 * The edit session's value for one segment on the shift being edited: pieces covering
 * [0, lengthM] in order without gaps or overlaps (adjacent pieces of one owner merged), and
 * the stored assignments (id, version) this state was based on.
 */
export interface SegmentRoster {
  segmentId: number
  pieces: RosterPiece[]
  base: { id: number; version: number }[]
}

/**
 * One change set for `roster_apply`: from `day` on, on `shift`, each listed segment is
 * exactly the given pieces (cleanerId null = nobody). `base` lists, per segment, the
 * assignments the client saw; the database refuses the whole change (UG401) naming the
 * segments that changed since.
 */
export interface RosterChange {
  day: string
  shift: ShiftCode
  segments: SegmentRoster[]
  reason?: string
}

export interface CoverageTotals {
  lengthM: number
  coveredM: number
  uncoveredM: number
  /** length covered by two or more cleaners at once */
  doubleM: number
  /** coveredM / lengthM × 100, 100 when lengthM = 0 */
  percent: number
}

export interface SegmentCoverage extends CoverageTotals {
  segmentId: number
  /** [fromM, toM] runs with nobody */
  gaps: [number, number][]
}

export interface UnitCoverage extends CoverageTotals {
  id: number
  name: string
}

export interface CoverageReport {
  day: string
  shift: ShiftCode
  totals: CoverageTotals
  segments: SegmentCoverage[]
  byStreet: UnitCoverage[]
  byCommunity: UnitCoverage[]
  byTeam: UnitCoverage[]
}
