/**
 * Places cases the way the database trigger (private.place_incident) does, from a copy of
 * its reference data: the current grid covering the point (smallest code on shared edges),
 * the nearest back-street segment within the configured distance on PostGIS's sphere, the
 * department by category routing and the deadline on the work calendar. Built once per
 * reference (indexes over ~3,000 grids and ~2,000 segments), then cheap per case.
 */
import { buildPolygonIndex, type PolygonIndex } from '../assign/polygon-index.ts'
import { buildSegmentIndex, type SegmentIndex } from '../assign/segment-index.ts'
import { caseDeadline } from '../cases/case-deadline.ts'
import { workRulesFromReference } from '../cases/work-rules-from-reference.ts'
import type { WorkRules } from '../cases/work-rules.ts'

/** The shape of the SQL function public.assignment_reference()'s answer. */
export interface PlacementReference {
  grids: { code: string; management_level: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[]
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
  /** index into reference.grids, -1 outside every current grid */
  grid: number
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
  const grids: PolygonIndex = buildPolygonIndex(reference.grids.map((grid) => ({ id: grid.code, geometry: grid.geometry })))
  const segments: SegmentIndex = buildSegmentIndex(reference.segments)
  const rules: WorkRules = workRulesFromReference(reference)
  const maxDistanceM = reference.settings.segment_match_distance_m
  const gridCodes = reference.grids.map((grid) => grid.code)
  return {
    gridCodes,
    place(incident) {
      const grid = grids.locate(incident.lon, incident.lat)
      const segment = segments.nearest(incident.lon, incident.lat, maxDistanceM)
      const placement = caseDeadline(
        {
          categoryCode: incident.categoryCode,
          managementLevel: grid >= 0 ? reference.grids[grid].management_level : null,
          reportedAt: incident.reportedAt,
          registeredAt: incident.registeredAt ?? null,
          dispatchedAt: incident.dispatchedAt ?? null,
        },
        rules,
      )
      return {
        grid,
        gridCode: grid >= 0 ? gridCodes[grid] : null,
        segmentId: segment?.id ?? null,
        segmentDistanceM: segment?.distanceM ?? null,
        departmentId: placement.departmentId,
        deadlineAt: placement.deadlineAt,
      }
    },
  }
}
