/**
 * Places cases the way the database trigger (private.place_incident) does, from a copy of
 * its reference data: the grid version covering the point at the case's reported time
 * (smallest code on shared edges; grid-at-time.ts),
 * the nearest back-street segment within the configured distance on PostGIS's sphere, the
 * department by category routing and the deadline on the work calendar. Built once per
 * reference (indexes over ~3,000 grids and ~2,000 segments), then cheap per case.
 */
import { buildGridsOverTime, type GridVersionInput } from './grid-at-time.ts'
import { buildSegmentIndex, type SegmentIndex } from '../assign/segment-index.ts'
import { caseDeadline } from '../cases/case-deadline.ts'
import { workRulesFromReference } from '../cases/work-rules-from-reference.ts'
import type { WorkRules } from '../cases/work-rules.ts'

/** The shape of the SQL function public.assignment_reference()'s answer. */
export interface PlacementReference {
  /** today's grids */
  grids: GridVersionInput[]
  /** closed versions with their validity, to place cases reported before a grid edit */
  closed_grids?: GridVersionInput[]
  segments: { id: number; coordinates: number[][] }[]
  departments: { id: number; is_default: boolean }[]
  routes: { category_pattern: string; department_id: number }[]
  time_limits: { id: number; category_pattern: string; management_level: number | null; amount: number; unit: string }[]
  calendar: { day: string; is_workday: boolean }[]
  settings: { segment_match_distance_m: number; work_hours: [string, string][]; timezone_offset_hours: number }
}

export interface IncidentToPlace {
  lon: number
  lat: number
  categoryCode: string
  reportedAt: Date
  /** the 处置 clock restarts at registration and again at dispatch, as in the trigger */
  registeredAt?: Date | null
  dispatchedAt?: Date | null
}

export interface IncidentPlacement {
  /** the code of the grid version of the case's reported time, null outside every grid */
  gridCode: string | null
  segmentId: number | null
  segmentDistanceM: number | null
  departmentId: number | null
  deadlineAt: Date | null
}

export interface IncidentPlacer {
  readonly gridCodes: readonly string[]
  place(incident: IncidentToPlace): IncidentPlacement
}

export function buildIncidentPlacer(reference: PlacementReference): IncidentPlacer {
  const grids = buildGridsOverTime(reference.grids, reference.closed_grids ?? [])
  const segments: SegmentIndex = buildSegmentIndex(reference.segments)
  const rules: WorkRules = workRulesFromReference(reference)
  const maxDistanceM = reference.settings.segment_match_distance_m
  const gridCodes = reference.grids.map((grid) => grid.code)
  return {
    gridCodes,
    place(incident) {
      const grid = grids.locate(incident.lon, incident.lat, incident.reportedAt)
      const segment = segments.nearest(incident.lon, incident.lat, maxDistanceM)
      const placement = caseDeadline(
        {
          categoryCode: incident.categoryCode,
          managementLevel: grid?.managementLevel ?? null,
          reportedAt: incident.reportedAt,
          registeredAt: incident.registeredAt ?? null,
          dispatchedAt: incident.dispatchedAt ?? null,
        },
        rules,
      )
      return {
        gridCode: grid?.code ?? null,
        segmentId: segment?.id ?? null,
        segmentDistanceM: segment?.distanceM ?? null,
        departmentId: placement.departmentId,
        deadlineAt: placement.deadlineAt,
      }
    },
  }
}
