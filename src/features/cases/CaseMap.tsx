/**
 * The 案件 map: district, roads and community outlines for orientation, the cases on the
 * current list page (or the import preview's points), and the selected case highlighted.
 * It reuses the overview's map adapter, so styling and picking are the same everywhere.
 */
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAreas, useDistrictSummary, useRoads } from '../../data/hooks.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import { MapAdapter } from '../../map/map-adapter.ts'

export interface CasePoint {
  id: number
  lon: number
  lat: number
  status: string
  overdue: boolean
}

export interface CaseMapProps {
  points: CasePoint[]
  selected: CasePoint | null
  onPick: (id: number | null) => void
}

const collection = (points: CasePoint[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: points.map((point) => ({
    type: 'Feature',
    id: point.id,
    geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
    properties: { id: point.id, status: point.status, overdue: point.overdue },
  })),
})

function pointsBbox(points: CasePoint[]): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const point of points) {
    west = Math.min(west, point.lon)
    south = Math.min(south, point.lat)
    east = Math.max(east, point.lon)
    north = Math.max(north, point.lat)
  }
  return [west, south, east, north]
}

export function CaseMap({ points, selected, onPick }: CaseMapProps) {
  const { t } = useTranslation('cases')
  const container = useRef<HTMLDivElement>(null)
  const adapter = useRef<MapAdapter | null>(null)
  const pick = useRef(onPick)
  const [error, setError] = useState<string | null>(null)
  const summary = useDistrictSummary()
  const district = useAreas('district', {})
  const communities = useAreas('community', {})
  const roads = useRoads({ limit: 20000 })

  useEffect(() => {
    pick.current = onPick
  })

  useEffect(() => {
    if (!container.current) return
    const map = new MapAdapter({
      container: container.current,
      center: [119.9, 32.47],
      zoom: 11.5,
      gridLevel: 'community',
      segmentMode: 'grade',
      onViewChange: () => {},
      onPick: (hit) => pick.current(hit?.layer === 'incidents' ? hit.id : null),
      onFirstFrame: () => {},
      onError: (message) => setError(message),
    })
    for (const toggle of ['segments', 'markets', 'sites'] as const) map.setToggleVisible(toggle, false)
    adapter.current = map
    return () => {
      adapter.current = null
      map.destroy()
    }
  }, [])

  const bbox = summary.data?.district?.bbox
  useEffect(() => {
    if (bbox) adapter.current?.fitBounds(bbox, 13, false)
  }, [bbox])
  useEffect(() => adapter.current?.setData('district', district.data ?? EMPTY_COLLECTION), [district.data])
  useEffect(() => adapter.current?.setData('grids', communities.data ?? EMPTY_COLLECTION), [communities.data])
  useEffect(() => adapter.current?.setData('roads', roads.data ?? EMPTY_COLLECTION), [roads.data])
  useEffect(() => adapter.current?.setData('incidents', collection(points)), [points])
  // A new list page or import preview: show where its cases are (a selection flies instead).
  const hasSelection = selected !== null
  useEffect(() => {
    if (hasSelection || points.length === 0) return
    const bounds = pointsBbox(points)
    adapter.current?.fitBounds([bounds[0] - 0.002, bounds[1] - 0.002, bounds[2] + 0.002, bounds[3] + 0.002], 15, true)
  }, [points, hasSelection])
  useEffect(() => {
    adapter.current?.setSelection(selected ? collection([selected]) : EMPTY_COLLECTION)
    if (selected) adapter.current?.fitBounds([selected.lon - 0.004, selected.lat - 0.003, selected.lon + 0.004, selected.lat + 0.003], 16, true)
  }, [selected])

  // Draw once the orientation layers are in, in one repaint (see MapAdapter.releaseFirstView).
  const ready = district.isSuccess && communities.isSuccess && roads.isSuccess
  useEffect(() => {
    if (ready) adapter.current?.releaseFirstView()
  }, [ready])

  return (
    <div className="cases-map" role="region" aria-label={t('map.label')}>
      <div ref={container} className="cases-map-canvas" data-testid="cases-map" />
      {error && (
        <p className="cases-map-error" role="alert">
          {t('map.error', { message: error })}
        </p>
      )}
    </div>
  )
}
