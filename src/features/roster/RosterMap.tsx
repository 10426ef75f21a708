/**
 * The 保洁排班 map: the district and roads for orientation, the team's segments by cleaner
 * (red where nobody cleans them), the rest grey. The workspace hands it the interaction mode
 * (click, Shift-click and lasso selection, or the split tool's click) and a box to fit.
 */
import { useEffect, useRef, useState } from 'react'
import { DISTRICT_ROADS, useAreas, useRoads } from '../../data/hooks.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import { districtLayer } from '../../layers/district.layer.ts'
import { MapAdapter } from '../../map/map-adapter.ts'
import type { MapMode } from '../../map/modes.ts'
import { ROSTER_PIECES, rosterPiecesPart } from './roster-layers.ts'

const PARTS = [...districtLayer.parts, rosterPiecesPart]

export interface RosterMapProps {
  pieces: GeoJSON.FeatureCollection
  mode: MapMode
  /** fit the map to this box whenever `key` changes */
  focus: { bbox: [number, number, number, number]; key: number } | null
  onAdapter: (adapter: MapAdapter | null) => void
}

export function RosterMap({ pieces, mode, focus, onAdapter }: RosterMapProps) {
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
    // The map lives as long as the desk; the callback is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => adapter.current?.setData('district', district.data ?? EMPTY_COLLECTION), [district.data])
  useEffect(() => adapter.current?.setData('roads', roads.data ?? EMPTY_COLLECTION), [roads.data])
  useEffect(() => adapter.current?.setData(ROSTER_PIECES, pieces), [pieces])
  useEffect(() => adapter.current?.setMode(mode), [mode])
  useEffect(() => {
    if (focus) adapter.current?.fitBounds(focus.bbox, 17, false)
  }, [focus])

  return (
    <div className="roster-map" ref={container} data-testid="roster-map">
      {error && <div className="map-error">{error}</div>}
    </div>
  )
}
