/**
 * The 网格规划 map: the district and roads for orientation, the scope's community boundaries
 * and neighbouring grids, the draft's grids, and — in the vertex mode — their vertices. The
 * workspace hands it the interaction mode (src/map/modes.ts); the map reports picks and view
 * changes and answers how many degrees a pixel spans (snapping tolerances).
 */
import { useEffect, useRef, useState } from 'react'
import { DISTRICT_ROADS, useAreas, useRoads } from '../../data/hooks.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import { districtLayer } from '../../layers/district.layer.ts'
import { MapAdapter } from '../../map/map-adapter.ts'
import type { MapMode } from '../../map/modes.ts'
import { EDITOR_CONTEXT, EDITOR_GRIDS, EDITOR_ISSUES, EDITOR_VERTICES, editorContextPart, editorGridsPart, editorIssuesPart, editorVerticesPart } from './editor-layers.ts'

const PARTS = [...districtLayer.parts, editorContextPart, editorGridsPart, editorVerticesPart, editorIssuesPart]

export interface GridEditorMapProps {
  grids: GeoJSON.FeatureCollection
  context: GeoJSON.FeatureCollection
  vertices: GeoJSON.FeatureCollection | null
  issues: GeoJSON.FeatureCollection
  mode: MapMode
  /** fit the map to this box whenever `key` changes */
  focus: { bbox: [number, number, number, number]; key: number } | null
  onAdapter: (adapter: MapAdapter | null) => void
}

export function GridEditorMap({ grids, context, vertices, issues, mode, focus, onAdapter }: GridEditorMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const adapter = useRef<MapAdapter | null>(null)
  const [error, setError] = useState<string | null>(null)
  const district = useAreas('district', {})
  const roads = useRoads(DISTRICT_ROADS)

  useEffect(() => {
    if (!container.current) return
    const map = new MapAdapter({
      container: container.current,
      center: [119.9, 32.47],
      zoom: 13,
      parts: PARTS,
      style: {},
      sketch: true,
      onViewChange: () => {},
      onPick: () => {},
      onFirstFrame: () => {},
      onError: (message) => setError(message),
    })
    map.releaseFirstView()
    adapter.current = map
    onAdapter(map)
    return () => {
      onAdapter(null)
      adapter.current = null
      map.destroy()
    }
    // The map lives as long as the workspace; the callback is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => adapter.current?.setData('district', district.data ?? EMPTY_COLLECTION), [district.data])
  useEffect(() => adapter.current?.setData('roads', roads.data ?? EMPTY_COLLECTION), [roads.data])
  useEffect(() => adapter.current?.setData(EDITOR_GRIDS, grids), [grids])
  useEffect(() => adapter.current?.setData(EDITOR_CONTEXT, context), [context])
  useEffect(() => adapter.current?.setData(EDITOR_VERTICES, vertices ?? EMPTY_COLLECTION), [vertices])
  useEffect(() => adapter.current?.setData(EDITOR_ISSUES, issues), [issues])
  useEffect(() => adapter.current?.setMode(mode), [mode])
  useEffect(() => {
    if (focus) adapter.current?.fitBounds(focus.bbox, 18, false)
  }, [focus])

  return (
    <div className="grid-editor-map" ref={container} data-testid="grid-editor-map">
      {error && <div className="map-error">{error}</div>}
    </div>
  )
}
