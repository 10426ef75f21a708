/**
 * Every layer query of the 总览 workspace, driven by the (debounced) viewport and the URL
 * state. Large layers are loaded by viewport bbox + limit; layers that are small for the
 * whole district (streets, communities, markets, sites, facilities, roads) are loaded once
 * for the district, which react-query then serves from cache on every pan.
 */
import { useMemo } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import {
  useAreas,
  useConstructionSites,
  useFacilities,
  useIncidentCountsByGrid,
  useIncidents,
  useLocalOffsetHours,
  useMarkets,
  useRoads,
  useSegments,
} from '../../data/hooks.ts'
import { overviewReads, type OverviewViewport } from '../../data/overview-reads.ts'
import type { GridCounts } from '../../data/schemas.ts'
import { geometryBbox } from '../../domain/geometry/geometry-bbox.ts'
import type { HeatmapPoint } from '../../map/deck-layers.ts'
import { gridHeatmapPoints } from './grid-heatmap-points.ts'
import type { OverviewLayer } from './overview-layers.ts'
import type { OverviewUrlState } from './url-state.ts'

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

export function useOverviewData(state: OverviewUrlState, viewport: OverviewViewport | null, categories: string[] | null) {
  const visible = (layer: OverviewLayer) => state.layers.includes(layer)
  const district = useAreas('district', {})
  const outline = district.data?.features[0]?.geometry
  const districtBbox = useMemo(() => (outline ? geometryBbox(outline as GeoJSON.Geometry) : null), [outline])
  // The URL's days are local days of the database's zone. The setting comes with the placement
  // reference (every grid and segment shape): the overview uses it once another workspace has
  // loaded it and never fetches it for one number at start-up; until then the default offset.
  const offsetHours = useLocalOffsetHours({ enabled: false })
  const reads = overviewReads(state, viewport, categories, districtBbox, offsetHours)
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
    offsetHours,
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
