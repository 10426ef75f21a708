/**
 * The 保洁排班 map: the district and roads for orientation, the team's segments by cleaner
 * (red where nobody cleans them), the rest grey. The workspace hands it the interaction mode
 * (click, Shift-click and lasso selection, or the split tool's click) and a box to fit.
 */
import { useEffect } from 'react'
import type { MapAdapter } from '../../map/map-adapter.ts'
import type { MapMode } from '../../map/modes.ts'
import { useWorkspaceMap } from '../shared/use-workspace-map.ts'
import { ROSTER_PIECES, rosterPiecesPart } from './roster-layers.ts'

const PARTS = [rosterPiecesPart]

export interface RosterMapProps {
  pieces: GeoJSON.FeatureCollection
  mode: MapMode
  /** fit the map to this box whenever `key` changes */
  focus: { bbox: [number, number, number, number]; key: number } | null
  onAdapter: (adapter: MapAdapter | null) => void
}

export function RosterMap({ pieces, mode, focus, onAdapter }: RosterMapProps) {
  const { container, adapter, error } = useWorkspaceMap({ parts: PARTS, zoom: 13, editing: true, onAdapter })
  useEffect(() => adapter.current?.setData(ROSTER_PIECES, pieces), [adapter, pieces])
  useEffect(() => adapter.current?.setMode(mode), [adapter, mode])
  useEffect(() => {
    if (focus) adapter.current?.fitBounds(focus.bbox, 17, false)
  }, [adapter, focus])

  return (
    <div className="roster-map" ref={container} data-testid="roster-map">
      {error && <div className="map-error">{error}</div>}
    </div>
  )
}
