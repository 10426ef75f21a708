/**
 * Every layer query of the 总览 workspace, driven by the (debounced) viewport and the URL
 * state: each layer module's data hook with the view's reads (data/overview-reads.ts). Large
 * layers are loaded by viewport bbox + limit; layers that are small for the whole district
 * are loaded once, which react-query then serves from cache on every pan.
 */
import { useMemo } from 'react'
import { useLocalOffsetHours, useRoads } from '../../data/hooks.ts'
import { overviewReads, type OverviewViewport } from '../../data/overview-reads.ts'
import { geometryBbox } from '../../domain/geometry/geometry-bbox.ts'
import { hasCurrentData, type LayerData, type LayerStatus } from '../../layers/layer-module.ts'
import type { HeatmapPoint } from '../../map/deck-layers.ts'
import { OVERVIEW_MODULES, type OverviewLayer } from './overview-layers.ts'
import type { OverviewUrlState } from './url-state.ts'

export type { LayerStatus } from '../../layers/layer-module.ts'
export { sumCounts } from '../../layers/incidents.layer.ts'

const NO_HEATMAP: HeatmapPoint[] = []

export function useOverviewData(state: OverviewUrlState, viewport: OverviewViewport | null, categories: string[] | null) {
  // The URL's days are local days of the database's zone. The setting comes with the placement
  // reference (every grid and segment shape): the overview uses it once another workspace has
  // loaded it and never fetches it for one number at start-up; until then the default offset.
  const offsetHours = useLocalOffsetHours({ enabled: false })
  const layerData: Record<string, LayerData> = {}
  // The district's extent first: the heatmap of a view that holds all of it is asked for once.
  const districtModule = OVERVIEW_MODULES[0]
  const provisional = overviewReads(state, viewport, categories, null, offsetHours)
  const districtData = districtModule.useData({ reads: provisional, visible: true })
  const outline = districtData.collections.district?.features[0]?.geometry
  const districtBbox = useMemo(() => (outline ? geometryBbox(outline as GeoJSON.Geometry) : null), [outline])
  const reads = overviewReads(state, viewport, categories, districtBbox, offsetHours)
  layerData[districtModule.id] = districtData
  // The module list is fixed for the life of the workspace, so the hooks are called in the same order every render.
  for (const module of OVERVIEW_MODULES.slice(1)) {
    layerData[module.id] = module.useData({ reads, visible: state.layers.includes(module.id) })
  }
  // The offline basemap's roads: not a thematic layer, but the first view waits for them too.
  const roads = useRoads(reads.roads)
  const heatmapSource = Object.values(layerData).find((data) => data.heatmap)?.heatmap

  const statuses: Record<OverviewLayer, LayerStatus> = Object.fromEntries(
    OVERVIEW_MODULES.map((module) => [module.id, layerData[module.id].status]),
  )

  return {
    gridLevel: reads.gridLevel,
    incidentPoints: reads.incidentPoints,
    bbox: reads.bbox,
    districtBbox,
    layerData,
    roads: roads.data,
    heatmap: heatmapSource?.points ?? NO_HEATMAP,
    heatmapVisible: heatmapSource?.visible ?? false,
    statuses,
    incidentFilter: reads.incidentFilter,
    offsetHours,
    /**
     * true once every visible layer has data for the current view (for layersReadyAt): the
     * database's answer, or on a second start its last answer from IndexedDB while the
     * database is asked again (data/embedded/layer-persistence.ts).
     */
    settled:
      // No view yet (the map still shows DEFAULT_CAMERA until the district is
      // fitted): drawing now would tile every layer twice.
      viewport !== null && hasCurrentData(roads) && Object.values(layerData).every((data) => data.settled),
  }
}

export type OverviewData = ReturnType<typeof useOverviewData>
