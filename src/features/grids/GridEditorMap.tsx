/**
 * The 网格规划 map: the district and roads for orientation, the scope's community boundaries
 * and neighbouring grids, the draft's grids, and — in the vertex mode — their vertices. The
 * workspace hands it the interaction mode (src/map/modes.ts); the map reports picks and view
 * changes and answers how many degrees a pixel spans (snapping tolerances).
 */
import { useEffect } from 'react'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import type { MapAdapter } from '../../map/map-adapter.ts'
import type { MapMode } from '../../map/modes.ts'
import { useWorkspaceMap } from '../shared/use-workspace-map.ts'
import { EDITOR_CONTEXT, EDITOR_GRIDS, EDITOR_ISSUES, EDITOR_VERTICES, editorContextPart, editorGridsPart, editorIssuesPart, editorVerticesPart } from './editor-layers.ts'

const PARTS = [editorContextPart, editorGridsPart, editorVerticesPart, editorIssuesPart]

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
  const { container, adapter, error } = useWorkspaceMap({ parts: PARTS, zoom: 13, editing: true, onAdapter })
  useEffect(() => adapter.current?.setData(EDITOR_GRIDS, grids), [adapter, grids])
  useEffect(() => adapter.current?.setData(EDITOR_CONTEXT, context), [adapter, context])
  useEffect(() => adapter.current?.setData(EDITOR_VERTICES, vertices ?? EMPTY_COLLECTION), [adapter, vertices])
  useEffect(() => adapter.current?.setData(EDITOR_ISSUES, issues), [adapter, issues])
  useEffect(() => adapter.current?.setMode(mode), [adapter, mode])
  useEffect(() => {
    if (focus) adapter.current?.fitBounds(focus.bbox, 18, false)
  }, [adapter, focus])

  return (
    <div className="grid-editor-map" ref={container} data-testid="grid-editor-map">
      {error && <div className="map-error">{error}</div>}
    </div>
  )
}
