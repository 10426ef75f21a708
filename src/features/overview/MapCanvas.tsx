/**
 * Hosts the map adapter in React: creates it once, then pushes data, visibility, styling
 * modes and the selection into it as they change. All MapLibre/deck.gl calls stay in
 * src/map; this file only translates React state into adapter calls.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MapAdapter, type MapPick, type MapView } from '../../map/map-adapter.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import type { DisplayedGridLevel } from '../../domain/grids/grid-level-for-zoom.ts'
import type { SegmentColourMode } from '../../map/thematic-layers.ts'
import type { BBox } from '../../domain/geometry/bbox.ts'
import { OVERVIEW_LAYERS, OVERVIEW_MODULES, type OverviewLayer } from './overview-layers.ts'
import { OVERVIEW_PARTS } from './overview-map.ts'
import type { OverviewData } from './use-overview-data.ts'
import type { SelectedFeature } from './use-selected-feature.ts'
import { exposeRepaint, markOnce } from './performance-marks.ts'

/** Where the map opens before the database has told us the district's extent. */
export const DEFAULT_CAMERA = { center: [119.9, 32.47] as [number, number], zoom: 12.3 }

export interface MapCanvasProps {
  initialCamera: { center: [number, number]; zoom: number } | null
  gridLevel: DisplayedGridLevel
  segmentMode: SegmentColourMode
  layers: OverviewLayer[]
  data: OverviewData
  selection: SelectedFeature[]
  /** a bbox to fly to; a new array instance flies again */
  flyTo: { bbox: BBox; maxZoom: number; animate: boolean } | null
  onView: (view: MapView) => void
  onPick: (pick: MapPick | null) => void
  onLayersDrawn: () => void
}

const asCollection = (value: unknown): GeoJSON.FeatureCollection => (value as GeoJSON.FeatureCollection | undefined) ?? EMPTY_COLLECTION

export function MapCanvas(props: MapCanvasProps) {
  const { t } = useTranslation('overview')
  const container = useRef<HTMLDivElement>(null)
  const adapter = useRef<MapAdapter | null>(null)
  const callbacks = useRef(props)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    callbacks.current = props
  })

  useEffect(() => {
    if (!container.current) return
    const camera = props.initialCamera ?? DEFAULT_CAMERA
    const map = new MapAdapter({
      container: container.current,
      center: camera.center,
      zoom: camera.zoom,
      parts: OVERVIEW_PARTS.filter((part) => part.kind !== 'selection'),
      style: { gridLevel: props.gridLevel, segmentMode: props.segmentMode },
      onViewChange: (view) => callbacks.current.onView(view),
      onPick: (pick) => callbacks.current.onPick(pick),
      onFirstFrame: () => markOnce('firstFrameAt'),
      onError: (message) => {
        console.warn('map:', message)
        setError(message)
      },
    })
    adapter.current = map
    exposeRepaint(() => map.repaint())
    return () => {
      exposeRepaint(null)
      adapter.current = null
      map.destroy()
    }
    // The adapter lives as long as the component; later prop changes go through setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const { data, layers, gridLevel, segmentMode, selection, flyTo } = props
  useEffect(() => adapter.current?.setData('roads', asCollection(data.roads)), [data.roads])
  // Each module's collections, handed over when one of them is a new object (a new answer).
  const drawn = useRef(new Map<string, unknown>())
  useEffect(() => {
    const map = adapter.current
    if (!map) return
    for (const module of OVERVIEW_MODULES) {
      for (const part of module.parts) {
        const collection = data.layerData[module.id]?.collections[part.kind]
        if (drawn.current.get(part.kind) === collection) continue
        drawn.current.set(part.kind, collection)
        map.setData(part.kind, asCollection(collection))
      }
    }
  })
  useEffect(() => adapter.current?.setStyleOption('gridLevel', gridLevel), [gridLevel])
  useEffect(() => adapter.current?.setStyleOption('segmentMode', segmentMode), [segmentMode])
  useEffect(() => {
    const map = adapter.current
    if (!map) return
    for (const toggle of OVERVIEW_LAYERS) map.setToggleVisible(toggle, layers.includes(toggle))
  }, [layers])
  useEffect(() => {
    adapter.current?.setDeckInput({ heatmap: data.heatmap, heatmapVisible: data.heatmapVisible })
  }, [data.heatmap, data.heatmapVisible])
  useEffect(() => {
    adapter.current?.setSelection({ type: 'FeatureCollection', features: selection as GeoJSON.Feature[] })
  }, [selection])
  useEffect(() => {
    if (flyTo) adapter.current?.fitBounds(flyTo.bbox, flyTo.maxZoom, flyTo.animate)
  }, [flyTo])

  // Once every visible layer has data, wait for the map to draw it, then tell the shell.
  const settled = data.settled
  const reported = useRef(false)
  useEffect(() => {
    if (!settled || reported.current || !adapter.current) return
    reported.current = true
    adapter.current.releaseFirstView()
    void adapter.current.whenIdle().then(() => callbacks.current.onLayersDrawn())
  }, [settled])

  return (
    <div className="overview-map" aria-label={t('map.label')} role="region">
      <div ref={container} className="overview-map-canvas" data-testid="map" />
      {error && (
        <p className="overview-map-error" role="alert">
          {t('map.error', { message: error })}
        </p>
      )}
    </div>
  )
}
