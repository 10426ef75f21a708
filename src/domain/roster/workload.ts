/**
 * Workload (工作量) of a beat: Σ piece length × the segment's grade frequency (sweeps per
 * shift), in metre-sweeps; per team the mean and the target a beat is held to; and the beat
 * summary the map panel and the beat sheet show.
 */
import { lineBetween } from './split-point.ts'
import type { CleaningGrade, Position, RosterCleaner, RosterSegment, RosterTeam, SegmentRoster, ShiftCode } from './types.ts'

/**
 * Sweeps per shift for a grade. A grade missing from the settings counts once: the segment is
 * still cleaned, and the settings screen shows the grade as unconfigured.
 */
export function gradeFrequency(grades: readonly CleaningGrade[], grade: number): number {
  return grades.find((one) => one.grade === grade)?.frequency ?? 1
}

export function segmentIndex(segments: Iterable<RosterSegment>): Map<number, RosterSegment> {
  const index = new Map<number, RosterSegment>()
  for (const segment of segments) index.set(segment.id, segment)
  return index
}

export interface CleanerWorkload {
  cleanerId: number
  lengthM: number
  workload: number
  /** the segments the cleaner holds any piece of, ascending */
  segmentIds: number[]
  pieceCount: number
}

/** Workload of every cleaner holding a piece in `rosters` (one shift). Segments not in `segments` are skipped. */
export function cleanerWorkloads(
  rosters: Iterable<SegmentRoster>,
  segments: ReadonlyMap<number, RosterSegment>,
  grades: readonly CleaningGrade[],
): Map<number, CleanerWorkload> {
  const result = new Map<number, CleanerWorkload>()
  for (const roster of rosters) {
    const segment = segments.get(roster.segmentId)
    if (!segment) continue
    const frequency = gradeFrequency(grades, segment.grade)
    for (const piece of roster.pieces) {
      if (piece.cleanerId === null) continue
      let entry = result.get(piece.cleanerId)
      if (!entry) result.set(piece.cleanerId, (entry = { cleanerId: piece.cleanerId, lengthM: 0, workload: 0, segmentIds: [], pieceCount: 0 }))
      const length = piece.toM - piece.fromM
      entry.lengthM += length
      entry.workload += length * frequency
      entry.pieceCount++
      if (entry.segmentIds[entry.segmentIds.length - 1] !== segment.id && !entry.segmentIds.includes(segment.id)) entry.segmentIds.push(segment.id)
    }
  }
  for (const entry of result.values()) entry.segmentIds.sort((a, b) => a - b)
  return result
}

export interface TeamWorkload {
  teamId: number
  /** the cleaners counted: active members whose home shift is this one (or any), and anyone holding a piece */
  cleanerCount: number
  totalWorkload: number
  meanWorkload: number
  /** the team's target, or its mean when it has none */
  targetWorkload: number
  minWorkload: number
  maxWorkload: number
  /** max − min */
  spread: number
  cleaners: { cleanerId: number; workload: number; /** (workload − target) / target; 0 when target is 0 */ deviation: number }[]
}

export function teamWorkloads(
  shift: ShiftCode,
  teams: readonly RosterTeam[],
  cleaners: readonly RosterCleaner[],
  workloads: ReadonlyMap<number, CleanerWorkload>,
): TeamWorkload[] {
  return teams.map((team) => {
    const members = cleaners.filter(
      (cleaner) => cleaner.teamId === team.id && ((cleaner.active && (cleaner.shift === null || cleaner.shift === shift)) || workloads.has(cleaner.id)),
    )
    const loads = members.map((cleaner) => ({ cleanerId: cleaner.id, workload: workloads.get(cleaner.id)?.workload ?? 0 }))
    const totalWorkload = loads.reduce((sum, one) => sum + one.workload, 0)
    const meanWorkload = loads.length > 0 ? totalWorkload / loads.length : 0
    const targetWorkload = team.targetWorkload ?? meanWorkload
    const values = loads.map((one) => one.workload)
    const minWorkload = values.length > 0 ? Math.min(...values) : 0
    const maxWorkload = values.length > 0 ? Math.max(...values) : 0
    return {
      teamId: team.id,
      cleanerCount: loads.length,
      totalWorkload,
      meanWorkload,
      targetWorkload,
      minWorkload,
      maxWorkload,
      spread: maxWorkload - minWorkload,
      cleaners: loads.map((one) => ({ ...one, deviation: targetWorkload > 0 ? (one.workload - targetWorkload) / targetWorkload : 0 })),
    }
  })
}

export interface BeatPiece {
  segmentId: number
  seq: number
  fromM: number
  toM: number
  lengthM: number
  grade: 1 | 2 | 3
  frequency: number
  workload: number
  /** the piece is the whole segment */
  wholeSegment: boolean
}

export interface BeatStreet {
  backStreetId: number
  name: string
  lengthM: number
  workload: number
  /** by seq, then fromM */
  pieces: BeatPiece[]
}

export type BoundingBox = [minLon: number, minLat: number, maxLon: number, maxLat: number]

export interface BeatSummary {
  cleanerId: number
  lengthM: number
  workload: number
  segmentCount: number
  pieceCount: number
  /** by name (zh-CN collation), then id */
  backStreets: BeatStreet[]
  /** of the beat's pieces' lines; null when the beat is empty or has no geometry */
  bbox: BoundingBox | null
}

/** A cleaner's beat on one shift: what they clean, street by street, and how much. */
export function beatSummary(
  cleanerId: number,
  rosters: Iterable<SegmentRoster>,
  segments: ReadonlyMap<number, RosterSegment>,
  grades: readonly CleaningGrade[],
): BeatSummary {
  const streets = new Map<number, BeatStreet>()
  const segmentIds = new Set<number>()
  const points: Position[] = []
  let pieceCount = 0
  for (const roster of rosters) {
    const segment = segments.get(roster.segmentId)
    if (!segment) continue
    const frequency = gradeFrequency(grades, segment.grade)
    for (const piece of roster.pieces) {
      if (piece.cleanerId !== cleanerId) continue
      const lengthM = piece.toM - piece.fromM
      let street = streets.get(segment.backStreetId)
      if (!street) streets.set(segment.backStreetId, (street = { backStreetId: segment.backStreetId, name: segment.backStreetName, lengthM: 0, workload: 0, pieces: [] }))
      const wholeSegment = piece.fromM <= 0 && piece.toM >= segment.lengthM
      street.pieces.push({ segmentId: segment.id, seq: segment.seq, fromM: piece.fromM, toM: piece.toM, lengthM, grade: segment.grade, frequency, workload: lengthM * frequency, wholeSegment })
      street.lengthM += lengthM
      street.workload += lengthM * frequency
      segmentIds.add(segment.id)
      pieceCount++
      if (segment.coordinates.length > 0) points.push(...(wholeSegment ? segment.coordinates : lineBetween(segment.coordinates, piece.fromM, piece.toM)))
    }
  }
  const backStreets = [...streets.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.backStreetId - b.backStreetId)
  for (const street of backStreets) street.pieces.sort((a, b) => a.seq - b.seq || a.fromM - b.fromM)
  return {
    cleanerId,
    lengthM: backStreets.reduce((sum, street) => sum + street.lengthM, 0),
    workload: backStreets.reduce((sum, street) => sum + street.workload, 0),
    segmentCount: segmentIds.size,
    pieceCount,
    backStreets,
    bbox: boundingBox(points),
  }
}

export function boundingBox(points: readonly Position[]): BoundingBox | null {
  if (points.length === 0) return null
  let [minLon, minLat] = points[0]
  let [maxLon, maxLat] = points[0]
  for (const [lon, lat] of points) {
    if (lon < minLon) minLon = lon
    if (lon > maxLon) maxLon = lon
    if (lat < minLat) minLat = lat
    if (lat > maxLat) maxLat = lat
  }
  return [minLon, minLat, maxLon, maxLat]
}
