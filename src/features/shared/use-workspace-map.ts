/**
 * The map of a workspace (案件, 热点分析, 考核, 网格规划, 保洁排班): a MapAdapter that lives as long as the
 * component, with the district's outline and roads — and, when asked, the community outlines —
 * fed in for orientation, and the workspace's own layer parts on top. The workspace feeds its
 * own sources, mode and camera through the adapter it gets back.
 *
 * The first frame is drawn once the orientation layers are in, in one repaint
 * (MapAdapter.releaseFirstView); an editing map draws at once, its sketch is the point.
 */
import { useEffect, useRef, useState } from 'react'
import { DISTRICT_ROADS, useAreas, useRoads } from '../../data/hooks.ts'
import { districtLayer } from '../../layers/district.layer.ts'
import { gridsLayer } from '../../layers/grids.layer.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import type { MapLayerPart } from '../../map/layer-part.ts'
import { MapAdapter, type MapAdapterOptions } from '../../map/map-adapter.ts'

export interface WorkspaceMapOptions {
  /** the workspace's own layer parts, drawn over the orientation layers */
  parts: readonly MapLayerPart[]
  zoom: number
  /** community outlines for orientation (the grids module's source at 社区 level) */
  communities?: boolean
  /** an editing map: the sketch layers, and the first frame at once */
  editing?: boolean
  /** the select mode's picks (read at each pick, so the latest callback answers) */
  onPick?: MapAdapterOptions['onPick']
  /** the camera's moves (read at each move) */
  onViewChange?: MapAdapterOptions['onViewChange']
  /** told of the adapter when the map is made and of null when it goes */
  onAdapter?: (adapter: MapAdapter | null) => void
}

export function useWorkspaceMap({ parts, zoom, communities: withCommunities = false, editing = false, onPick, onViewChange, onAdapter }: WorkspaceMapOptions) {
  const container = useRef<HTMLDivElement>(null)
  const adapter = useRef<MapAdapter | null>(null)
  const [error, setError] = useState<string | null>(null)
  const district = useAreas('district', {})
  const roads = useRoads(DISTRICT_ROADS)
  const communities = useAreas('community', {}, { enabled: withCommunities })
  const pick = useRef(onPick)
  const moved = useRef(onViewChange)
  useEffect(() => {
    pick.current = onPick
    moved.current = onViewChange
  })

  useEffect(() => {
    if (!container.current) return
    const map = new MapAdapter({
      container: container.current,
      center: [119.9, 32.47],
      zoom,
      parts: [...districtLayer.parts, ...(withCommunities ? gridsLayer.parts : []), ...parts],
      style: withCommunities ? { gridLevel: 'community' } : {},
      sketch: editing,
      onViewChange: (view) => moved.current?.(view),
      onPick: (hit) => pick.current?.(hit),
      onFirstFrame: () => {},
      onError: (message) => setError(message),
    })
    if (editing) map.releaseFirstView()
    adapter.current = map
    onAdapter?.(map)
    return () => {
      onAdapter?.(null)
      adapter.current = null
      map.destroy()
    }
    // The map lives as long as the component; its options and the callback are read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => adapter.current?.setData('district', district.data ?? EMPTY_COLLECTION), [district.data])
  useEffect(() => adapter.current?.setData('roads', roads.data ?? EMPTY_COLLECTION), [roads.data])
  useEffect(() => {
    if (withCommunities) adapter.current?.setData('grids', communities.data ?? EMPTY_COLLECTION)
  }, [withCommunities, communities.data])
  const ready = district.isSuccess && roads.isSuccess && (!withCommunities || communities.isSuccess)
  useEffect(() => {
    if (ready && !editing) adapter.current?.releaseFirstView()
  }, [ready, editing])

  return { container, adapter, error }
}
