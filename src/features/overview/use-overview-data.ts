/**
 * Every layer query of the 总览 workspace, driven by the (debounced) viewport and the URL
 * state. Large layers are loaded by viewport bbox + limit; layers that are small for the
 * whole district (streets, communities, markets, sites, facilities, roads) are loaded once
 * for the district, which react-query then serves from cache on every pan.
 */
import { useMemo } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import {
  DISTRICT_ROADS,
  useAreas,
  useConstructionSites,
  useFacilities,
  useIncidentCountsByGrid,
  useIncidents,
  useMarkets,
  useRoads,
  useSegments,
} from '../../data/hooks.ts'
import type { GridCounts } from '../../data/schemas.ts'
import type { BBox } from '../../domain/geometry/bbox.ts'
import { INCIDENT_POINTS_MIN_ZOOM, resolveGridLevel, type DisplayedGridLevel } from '../../map/grid-level.ts'
import type { HeatmapPoint } from '../../map/deck-layers.ts'
import type { OverviewLayer } from './overview-layers.ts'
import { dayRangeToInstants, type OverviewUrlState } from './url-state.ts'
import { geometryBbox, gridHeatmapPoints, roundBboxOutward } from './viewport.ts'

/** Enough for any viewport at the zooms these layers are loaded by bbox. */
export const LAYER_LIMIT = 5000
/** Segments are loaded for the whole district below this zoom (≈2,000 of them). */
const SEGMENTS_BY_VIEWPORT_ZOOM = 14

export interface LayerStatus {
  /** number of features drawn, or the heatmap's incident total */
  count: number | null
  truncated: boolean
  loading: boolean
  error: string | null
}

function statusOf(query: UseQueryResult<{ features: unknown[]; truncated: boolean } | undefined>): LayerStatus {
  return {
    count: query.data ? query.data.features.length : null,
    truncated: query.data?.truncated ?? false,
    loading: query.isFetching,
    error: query.error ? query.error.message : null,
  }
}

export interface OverviewViewport {
  bbox: BBox
  zoom: number
}

/**
 * Every layer read of the 总览 map for a URL state and viewport: the parameters the hooks
 * below ask with (and hence their react-query keys). Pure, so the demo build can prepare
 * the district view's answers with exactly these keys (scripts/first-view.ts).
 *
 * `districtBbox` is the district's extent once known: a viewport that contains all of it
 * asks for the heatmap of the whole district (no bbox), the same answer under one key at
 * every window size and every zoom further out.
 */
export function overviewReads(state: OverviewUrlState, viewport: OverviewViewport | null, categories: string[] | null, districtBbox: BBox | null = null) {
  const zoom = viewport?.zoom ?? 12
  const bbox = viewport ? roundBboxOutward(viewport.bbox) : null
  const gridLevel: DisplayedGridLevel = resolveGridLevel(state.gridLevel, zoom)
  const incidentPoints = zoom >= INCIDENT_POINTS_MIN_ZOOM
  const range = dayRangeToInstants(state.from, state.to)
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

export function useOverviewData(state: OverviewUrlState, viewport: OverviewViewport | null, categories: string[] | null) {
  const visible = (layer: OverviewLayer) => state.layers.includes(layer)
  const district = useAreas('district', {})
  const outline = district.data?.features[0]?.geometry
  const districtBbox = useMemo(() => (outline ? geometryBbox(outline as GeoJSON.Geometry) : null), [outline])
  const reads = overviewReads(state, viewport, categories, districtBbox)
  const { bbox, gridLevel, incidentPoints, incidentFilter } = reads

  const roads = useRoads(reads.roads)
  const grids = useAreas(reads.grids.level, reads.grids.query, {
    enabled: visible('grids') && (!reads.grids.byViewport || bbox !== null),
  })
  const heatmapActive = visible('incidents') && !incidentPoints && bbox !== null
  const heatmapCounts = useIncidentCountsByGrid(reads.heatmapCounts, { enabled: heatmapActive })
  const segments = useSegments(reads.segments, { enabled: visible('segments') })
  const markets = useMarkets(reads.markets, { enabled: visible('markets') })
  const sites = useConstructionSites(reads.sites, { enabled: visible('sites') })
  const facilities = useFacilities(reads.facilities, { enabled: visible('facilities') })
  const incidents = useIncidents(reads.incidents, { enabled: visible('incidents') && incidentPoints && bbox !== null })

  const heatmap: HeatmapPoint[] = useMemo(
    () => (heatmapActive ? gridHeatmapPoints(heatmapCounts.data) : []),
    [heatmapActive, heatmapCounts.data],
  )

  const incidentStatus: LayerStatus = incidentPoints
    ? statusOf(incidents)
    : {
        count: heatmapCounts.data ? sumCounts(heatmapCounts.data) : null,
        truncated: false,
        loading: heatmapCounts.isFetching,
        error: heatmapCounts.error?.message ?? null,
      }

  const statuses: Record<OverviewLayer, LayerStatus> = {
    grids: statusOf(grids),
    segments: statusOf(segments),
    markets: statusOf(markets),
    sites: statusOf(sites),
    facilities: statusOf(facilities),
    incidents: incidentStatus,
  }

  return {
    gridLevel,
    incidentPoints,
    bbox,
    district: district.data,
    roads: roads.data,
    districtBbox,
    grids: grids.data,
    segments: segments.data,
    markets: markets.data,
    sites: sites.data,
    facilities: facilities.data,
    incidents: incidentPoints ? incidents.data : undefined,
    heatmap,
    statuses,
    incidentFilter,
    /**
     * true once every visible layer has data for the current view (for layersReadyAt): the
     * database's answer, or on a second start its last answer from IndexedDB while the
     * database is asked again (data/embedded/layer-persistence.ts).
     */
    settled:
      // No view yet (the map still shows DEFAULT_CAMERA until the district is
      // fitted): drawing now would tile every layer twice.
      viewport !== null &&
      hasCurrentData(district) &&
      hasCurrentData(roads) &&
      (!visible('grids') || hasCurrentData(grids)) &&
      (!visible('segments') || hasCurrentData(segments)) &&
      (!visible('markets') || hasCurrentData(markets)) &&
      (!visible('sites') || hasCurrentData(sites)) &&
      (!visible('facilities') || hasCurrentData(facilities)) &&
      (!visible('incidents') || hasCurrentData(incidentPoints ? incidents : heatmapCounts)),
  }
}

/** Data for the query's own key, not the previous view's kept on screen while the next loads. */
function hasCurrentData(query: UseQueryResult<unknown>): boolean {
  return query.data !== undefined && !query.isPlaceholderData
}

export function sumCounts(counts: GridCounts): number {
  return counts.reduce((total, row) => total + row.count, 0)
}

export type OverviewData = ReturnType<typeof useOverviewData>
