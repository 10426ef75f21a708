/**
 * The map of an editing workspace (网格规划, 保洁排班): a MapAdapter with the district's
 * outline and roads for orientation, the workspace's own layer parts and the sketch layers the
 * editing modes draw in; the map lives as long as the component. The workspace feeds its own
 * sources and mode through the adapter it is handed.
 */
import { useEffect, useRef, useState } from 'react'
import { DISTRICT_ROADS, useAreas, useRoads } from '../../data/hooks.ts'
import { districtLayer } from '../../layers/district.layer.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import type { MapLayerPart } from '../../map/layer-part.ts'
import { MapAdapter } from '../../map/map-adapter.ts'

export function useEditMap(parts: readonly MapLayerPart[], onAdapter: (adapter: MapAdapter | null) => void) {
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
      parts: [...districtLayer.parts, ...parts],
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
    // The map lives as long as the component; the parts and the callback are read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => adapter.current?.setData('district', district.data ?? EMPTY_COLLECTION), [district.data])
  useEffect(() => adapter.current?.setData('roads', roads.data ?? EMPTY_COLLECTION), [roads.data])

  return { container, adapter, error }
}
