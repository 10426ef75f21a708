/**
 * The 案件 map: district, roads and community outlines for orientation, the cases on the
 * current list page (or the import preview's points), and the selected case highlighted.
 * It reuses the overview's map adapter, so styling and picking are the same everywhere.
 */
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useDistrictSummary } from '../../data/hooks.ts'
import { incidentsLayer } from '../../layers/incidents.layer.ts'
import { useWorkspaceMap } from '../shared/use-workspace-map.ts'

/** The case map's own layer: the cases (the district and its communities come with the workspace map). */
const CASE_MAP_PARTS = incidentsLayer.parts

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
  /** the selected case's grid, outlined with it */
  selectedArea?: GeoJSON.Feature | null
  onPick: (id: number | null) => void
  /**
   * While set, a click on the map chooses a location (WGS84) for `label` instead of picking a
   * case: the import places rows it could not place otherwise. Escape ends it.
   */
  placing?: { label: string; onPlace: (lngLat: [number, number]) => void; onCancel: () => void } | null
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

export function CaseMap({ points, selected, selectedArea = null, onPick, placing = null }: CaseMapProps) {
  const { t } = useTranslation('cases')
  const summary = useDistrictSummary()
  const pick = useRef(onPick)
  useEffect(() => {
    pick.current = onPick
  })
  const { container, adapter, error } = useWorkspaceMap({
    parts: CASE_MAP_PARTS,
    zoom: 11.5,
    communities: true,
    onPick: (hit) => pick.current(hit?.layer === 'incidents' ? hit.id : null),
  })

  const place = useRef(placing)
  useEffect(() => {
    place.current = placing
  })
  // One interaction mode at a time: choosing a location while placing, picking cases otherwise.
  const isPlacing = placing !== null
  useEffect(() => {
    adapter.current?.setMode(
      isPlacing
        ? { id: 'place-point', onPlace: (lngLat) => place.current?.onPlace(lngLat), onCancel: () => place.current?.onCancel() }
        : { id: 'select', onPick: (hit) => pick.current(hit?.layer === 'incidents' ? hit.id : null) },
    )
  }, [adapter, isPlacing])

  useEffect(() => adapter.current?.setData('incidents', collection(points)), [adapter, points])
  useEffect(() => {
    const features = selected ? [...(selectedArea ? [selectedArea] : []), ...collection([selected]).features] : []
    adapter.current?.setSelection({ type: 'FeatureCollection', features })
  }, [adapter, selected, selectedArea])
  // What the camera should show: the selected case, else the listed (or previewed) cases, else
  // the district. Re-applied when the map's box changes size (the import steps widen it).
  // The selected case's box depends on its coordinates only: a refetched list (after a step,
  // another user's change) or the case leaving a filtered list must not move the camera.
  const districtBbox = summary.data?.district?.bbox ?? null
  const selectedLon = selected?.lon ?? null
  const selectedLat = selected?.lat ?? null
  const caseTarget = useMemo(
    (): { bbox: [number, number, number, number]; maxZoom: number } | null =>
      selectedLon === null || selectedLat === null
        ? null
        : { bbox: [selectedLon - 0.004, selectedLat - 0.003, selectedLon + 0.004, selectedLat + 0.003], maxZoom: 16 },
    [selectedLon, selectedLat],
  )
  const listTarget = useMemo((): { bbox: [number, number, number, number]; maxZoom: number } | null => {
    if (points.length > 0) {
      const [west, south, east, north] = pointsBbox(points)
      return { bbox: [west - 0.002, south - 0.002, east + 0.002, north + 0.002], maxZoom: 15 }
    }
    return districtBbox ? { bbox: districtBbox, maxZoom: 13 } : null
  }, [points, districtBbox])
  const target = caseTarget ?? listTarget
  const currentTarget = useRef(target)
  useEffect(() => {
    currentTarget.current = target
    if (target) adapter.current?.fitBounds(target.bbox, target.maxZoom, true)
  }, [adapter, target])
  useEffect(() => {
    const element = container.current
    if (!element) return
    let frame = 0
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame)
      // After MapLibre has resized its canvas to the new box.
      frame = requestAnimationFrame(() => {
        const fit = currentTarget.current
        if (fit) adapter.current?.fitBounds(fit.bbox, fit.maxZoom, false)
      })
    })
    observer.observe(element)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    }
  }, [adapter, container])

  return (
    <div className="cases-map" role="region" aria-label={t('map.label')}>
      <div ref={container} className="cases-map-canvas" data-testid="cases-map" />
      {placing && (
        <p className="cases-map-placing" role="status" data-testid="cases-map-placing">
          {t('map.placing', { label: placing.label })}{' '}
          <button type="button" onClick={placing.onCancel}>
            {t('map.placingCancel')}
          </button>
        </p>
      )}
      {error && (
        <p className="cases-map-error" role="alert">
          {t('map.error', { message: error })}
        </p>
      )}
    </div>
  )
}
