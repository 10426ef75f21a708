/**
 * Every layer read of the 总览 map for a view: the parameters its hooks ask with, and hence
 * their react-query keys. Pure and free of React, so the demo build prepares the district
 * view's answers with exactly these keys (scripts/first-view.ts) without importing the
 * workspace (src/features/overview/use-overview-data.ts asks with them in the browser).
 */
import type { BBox } from '../domain/geometry/bbox.ts'
import { roundBboxOutward } from '../domain/geometry/round-bbox-outward.ts'
import { APP_SETTING_DEFAULTS } from '../domain/settings/app-settings.ts'
import { resolveGridLevel, type DisplayedGridLevel, type GridLevelChoice } from '../domain/grids/grid-level-for-zoom.ts'
import { dayRangeToInstants } from '../domain/time/day-range-to-instants.ts'
import { DISTRICT_ROADS } from './reads.ts'

/** Enough for any viewport at the zooms these layers are loaded by bbox. */
export const LAYER_LIMIT = 5000
/** Segments are loaded for the whole district below this zoom (≈2,000 of them). */
const SEGMENTS_BY_VIEWPORT_ZOOM = 14
/** Incidents switch from the per-grid heatmap to individual points at this zoom. */
export const INCIDENT_POINTS_MIN_ZOOM = 15

/** The part of the 总览's URL state that shapes its reads. */
export interface OverviewReadState {
  gridLevel: GridLevelChoice
  /** inclusive calendar days, YYYY-MM-DD; null = open */
  from: string | null
  to: string | null
}

/** A link without parameters: the view the demo build answers in advance. */
export const DEFAULT_READ_STATE: OverviewReadState = { gridLevel: 'auto', from: null, to: null }

export interface OverviewViewport {
  bbox: BBox
  zoom: number
}

/**
 * `districtBbox` is the district's extent once known: a viewport that contains all of it
 * asks for the heatmap of the whole district (no bbox), the same answer under one key at
 * every window size and every zoom further out. `offsetHours` makes the URL's days local
 * (the database's timezone_offset_hours); the prepared first view has no days.
 */
export function overviewReads(
  state: OverviewReadState,
  viewport: OverviewViewport | null,
  categories: string[] | null,
  districtBbox: BBox | null = null,
  offsetHours: number = APP_SETTING_DEFAULTS.timezone_offset_hours,
) {
  const zoom = viewport?.zoom ?? 12
  const bbox = viewport ? roundBboxOutward(viewport.bbox) : null
  const gridLevel: DisplayedGridLevel = resolveGridLevel(state.gridLevel, zoom)
  const incidentPoints = zoom >= INCIDENT_POINTS_MIN_ZOOM
  const range = dayRangeToInstants(state.from, state.to, offsetHours)
  const incidentFilter = { from: range.from, to: range.to, categories }
  const gridsByViewport = gridLevel === 'grid'
  const heatmapBbox = bbox && districtBbox && contains(bbox, districtBbox) ? null : bbox
  return {
    bbox,
    gridLevel,
    incidentPoints,
    incidentFilter,
    district: { level: 'district' as const, query: {} },
    roads: DISTRICT_ROADS,
    grids: { level: gridLevel, query: { bbox: gridsByViewport ? bbox : null, limit: LAYER_LIMIT }, byViewport: gridsByViewport },
    heatmapCounts: { bbox: heatmapBbox, ...incidentFilter },
    segments: { bbox: zoom >= SEGMENTS_BY_VIEWPORT_ZOOM ? bbox : null, limit: LAYER_LIMIT },
    markets: {},
    sites: {},
    facilities: {},
    incidents: { bbox, ...incidentFilter, limit: LAYER_LIMIT },
  }
}

function contains(outer: BBox, inner: BBox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3]
}
