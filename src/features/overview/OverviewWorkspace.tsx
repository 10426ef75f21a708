/**
 * 总览: the whole district on one map. Left: search, layers with legend and counts,
 * incident filters. Centre: the map. Right: the selected feature's details. Everything
 * shareable (camera, layers, filters, selection) lives in the URL.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { reportLayers } from '../../data/boot-progress.ts'
import { useCategoryDirectory, useDistrictSummary } from '../../data/hooks.ts'
import type { OverviewViewport } from '../../data/overview-reads.ts'
import type { SearchResult } from '../../data/schemas.ts'
import { buildCategoryTree, categoryFilter, expandSelection } from '../../domain/categories/category-tree.ts'
import type { BBox } from '../../domain/geometry/bbox.ts'
import { localDayOf } from '../../domain/time/local-time.ts'
import type { MapPick, MapView } from '../../map/map-adapter.ts'
import { FilterPanel } from './FilterPanel.tsx'
import './i18n.ts'
import { InspectPanel } from './InspectPanel.tsx'
import { LayerPanel } from './LayerPanel.tsx'
import { MapCanvas } from './MapCanvas.tsx'
import { moduleOfPick, selectionOfSearch, selectionSpec } from './overview-layers.ts'
import './overview.css'
import { markOnce } from './performance-marks.ts'
import { SearchBox } from './SearchBox.tsx'
import { useOverviewData } from './use-overview-data.ts'
import { useSelectedFeature, type Selection } from './use-selected-feature.ts'
import { useUrlState } from './use-url-state.ts'

const VIEW_DEBOUNCE_MS = 200

/** The local day an instant of the summary falls on, for the date inputs' bounds. */
const localDay = (instant: string | null | undefined, offsetHours: number) => (instant ? localDayOf(instant, offsetHours) : null)

export function OverviewWorkspace() {
  const [state, setState] = useUrlState()
  const [initialCamera] = useState(state.camera)
  const [viewport, setViewport] = useState<OverviewViewport | null>(null)
  const [selection, setSelection] = useState<Selection | null>(() => (state.selection ? { ref: state.selection, bbox: null } : null))
  const [flyTo, setFlyTo] = useState<{ bbox: BBox; maxZoom: number; animate: boolean } | null>(null)

  // Before any query of this workspace starts (layout effects run before the passive ones in
  // which queries subscribe): the data layer then knows the map is drawing its first view
  // and keeps background reads behind it, on a second start behind the cached layers too.
  // Left before its first view was drawn (a case opened from the panel, a link to 案件): the
  // map no longer draws, so nothing waits behind it and the boot panel does not wait for it.
  useLayoutEffect(() => {
    reportLayers('loading')
    return () => reportLayers('ready')
  }, [])
  // Asked for at once: the data layer decides when (the embedded database runs these
  // background reads after the map's first view; Supabase runs them in parallel).
  const summary = useDistrictSummary()
  const directory = useCategoryDirectory()
  const tree = useMemo(() => buildCategoryTree(directory.data ?? []), [directory.data])
  const selectedCategories = useMemo(() => expandSelection(state.categories, tree), [state.categories, tree])
  // Until the directory arrives, the URL's codes are already in the API's format.
  const categories = tree.length > 0 ? categoryFilter(selectedCategories, tree) : state.categories.length > 0 ? state.categories : null
  const data = useOverviewData(state, viewport, categories)
  const selected = useSelectedFeature(selection, data, viewport?.bbox ?? null)


  // Without a camera in the URL, open on the whole district once its outline is known.
  // Until then the map's DEFAULT_CAMERA asks for nothing: its viewport queries would
  // only queue in front of the real ones.
  const fitted = useRef(state.camera !== null)
  const districtBbox = data.districtBbox
  useEffect(() => {
    if (fitted.current || !districtBbox) return
    fitted.current = true
    setFlyTo({ bbox: districtBbox, maxZoom: 14, animate: false })
  }, [districtBbox])

  const viewTimer = useRef<number | undefined>(undefined)
  const hasViewport = viewport !== null
  const onView = useCallback(
    (view: MapView) => {
      if (!fitted.current) return
      const apply = () => {
        setViewport({ bbox: view.bbox, zoom: view.zoom })
        setState((current) => ({ ...current, camera: { center: view.center, zoom: view.zoom } }))
      }
      window.clearTimeout(viewTimer.current)
      // Pans are debounced; the first view is what every layer query waits for.
      if (!hasViewport) apply()
      else viewTimer.current = window.setTimeout(apply, VIEW_DEBOUNCE_MS)
    },
    [setState, hasViewport],
  )

  const select = useCallback(
    (next: Selection | null) => {
      setSelection(next)
      setState((current) => ({ ...current, selection: next?.ref ?? null }))
    },
    [setState],
  )

  const onPick = (pick: MapPick | null) => {
    const module = pick && moduleOfPick(pick.layer)
    if (!pick || !module) return select(null)
    const kind = module.selectionOfPick(pick.layer, { gridLevel: data.gridLevel, segmentMode: state.segmentMode, incidentPoints: data.incidentPoints })
    select({ ref: { kind, id: pick.id }, bbox: null })
  }

  const onSearch = (result: SearchResult) => {
    const kind = selectionOfSearch(result.layer)
    const owner = kind ? selectionSpec(kind) : null
    if (!kind || !owner) return
    select({ ref: { kind, id: result.id }, bbox: result.bbox })
    setFlyTo({ bbox: result.bbox, maxZoom: owner.spec.flyMaxZoom, animate: true })
  }

  const onLayersDrawn = useCallback(() => {
    markOnce('layersReadyAt')
    reportLayers('ready')
  }, [])

  return (
    <div className="overview">
      <div className="overview-sidebar">
        <SearchBox onChoose={onSearch} />
        <LayerPanel
          visible={state.layers}
          statuses={data.statuses}
          gridLevelChoice={state.gridLevel}
          gridLevel={data.gridLevel}
          segmentMode={state.segmentMode}
          incidentPoints={data.incidentPoints}
          onToggle={(layer, visible) =>
            setState((current) => ({
              ...current,
              layers: visible ? [...current.layers.filter((entry) => entry !== layer), layer] : current.layers.filter((entry) => entry !== layer),
            }))
          }
          onGridLevel={(gridLevel) => setState((current) => ({ ...current, gridLevel }))}
          onSegmentMode={(segmentMode) => setState((current) => ({ ...current, segmentMode }))}
        />
        <FilterPanel
          from={state.from}
          to={state.to}
          minDay={localDay(summary.data?.incidents_from, data.offsetHours)}
          maxDay={localDay(summary.data?.incidents_to, data.offsetHours)}
          tree={tree}
          selected={selectedCategories}
          onRange={(from, to) => setState((current) => ({ ...current, from, to }))}
          onCategories={(next) => setState((current) => ({ ...current, categories: categoryFilter(next, tree) ?? [] }))}
        />
      </div>
      <MapCanvas
        initialCamera={initialCamera}
        gridLevel={data.gridLevel}
        segmentMode={state.segmentMode}
        layers={state.layers}
        data={data}
        selection={selected.features}
        flyTo={flyTo}
        onView={onView}
        onPick={onPick}
        onLayersDrawn={onLayersDrawn}
      />
      {selection && (
        <InspectPanel
          kind={selection.ref.kind}
          features={selected.features}
          loading={selected.loading}
          incidentFilter={data.incidentFilter}
          onClose={() => select(null)}
        />
      )}
    </div>
  )
}
