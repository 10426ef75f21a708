/**
 * The 热点分析 map: the district and its roads for orientation, the units coloured by the
 * chosen view (or the density surface), and the legend — fixed for the analysis, never
 * rescaled by panning. A click on a unit selects it; `focus` flies to a unit's box.
 */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useDistrictSummary } from '../../data/hooks.ts'
import type { MapAdapter } from '../../map/map-adapter.ts'
import { useWorkspaceMap } from '../shared/use-workspace-map.ts'
import { DENSITY_KIND, densityPart, UNITS_KIND, unitsPart } from './hotspot-layers.ts'

/** The analysis, over the community outlines (the grids module at 社区 level) the workspace map draws for orientation. */
const PARTS = [densityPart, unitsPart]

export interface LegendEntry {
  colour: string
  label: string
}

export interface HotspotLegend {
  title: string
  entries: LegendEntry[]
  note?: string
}

/** Where a map looks, and which map moved it there (the other follows). */
export interface MapCamera {
  center: [number, number]
  zoom: number
  from: string
}

export interface HotspotMapProps {
  units: GeoJSON.FeatureCollection
  density: GeoJSON.FeatureCollection
  legend: HotspotLegend | null
  selected: number | null
  onSelect: (unit: number | null) => void
  focus: { bbox: [number, number, number, number]; key: number } | null
  /** the map adapter, for the PNG export */
  onAdapter?: (adapter: MapAdapter | null) => void
  status?: string | null
  /** a label over the map (the period it shows, when two are side by side) */
  caption?: string | null
  /** two maps side by side follow one camera: each reports its moves and follows the other's */
  name?: string
  camera?: MapCamera | null
  onCamera?: (camera: MapCamera) => void
}

export function HotspotMap({ units, density, legend, selected, onSelect, focus, onAdapter, status, caption = null, name = 'map', camera = null, onCamera }: HotspotMapProps) {
  const { t } = useTranslation('hotspots')
  const summary = useDistrictSummary()
  const { container, adapter, error } = useWorkspaceMap({
    parts: PARTS,
    zoom: 11.5,
    communities: true,
    onPick: (hit) => onSelect(hit?.layer === UNITS_KIND ? hit.id : null),
    onViewChange: (view) => onCamera?.({ center: view.center, zoom: view.zoom, from: name }),
    onAdapter,
  })

  useEffect(() => adapter.current?.setData(UNITS_KIND, units), [adapter, units])
  useEffect(() => adapter.current?.setData(DENSITY_KIND, density), [adapter, density])
  useEffect(() => {
    const feature = selected === null ? undefined : units.features.find((candidate) => candidate.id === selected)
    adapter.current?.setSelection({ type: 'FeatureCollection', features: feature ? [feature] : [] })
  }, [adapter, selected, units])

  const districtBbox = summary.data?.district?.bbox ?? null
  useEffect(() => {
    if (districtBbox) adapter.current?.fitBounds(districtBbox, 13, false)
  }, [adapter, districtBbox])
  useEffect(() => {
    if (focus) adapter.current?.fitBounds(focus.bbox, 16, true)
  }, [adapter, focus])

  // Follow the other map's moves (never our own: that would loop through moveend).
  useEffect(() => {
    if (!camera || camera.from === name || !adapter.current) return
    const view = adapter.current.view()
    const same = Math.abs(view.zoom - camera.zoom) < 1e-6 && Math.abs(view.center[0] - camera.center[0]) < 1e-9 && Math.abs(view.center[1] - camera.center[1]) < 1e-9
    if (!same) adapter.current.jumpTo(camera.center, camera.zoom)
  }, [adapter, camera, name])

  return (
    <div className="hotspots-map" role="region" aria-label={t('map.label')}>
      <div ref={container} className="hotspots-map-canvas" data-testid={name === 'previous' ? 'hotspots-map-previous' : 'hotspots-map'} />
      {caption && <p className="hotspots-map-caption">{caption}</p>}
      {districtBbox && (
        <button type="button" className="hotspots-map-home" onClick={() => adapter.current?.fitBounds(districtBbox, 13, true)} data-testid="hotspots-map-home">
          {t('map.home')}
        </button>
      )}
      {legend && (
        <div className="hotspots-legend" data-testid="hotspots-legend">
          <h3>{legend.title}</h3>
          <ul>
            {legend.entries.map((entry) => (
              <li key={entry.label}>
                <span className="hotspots-swatch" style={{ background: entry.colour }} />
                {entry.label}
              </li>
            ))}
          </ul>
          {legend.note && <p className="muted">{legend.note}</p>}
        </div>
      )}
      {status && (
        <p className="hotspots-map-status" role="status">
          {status}
        </p>
      )}
      {error && (
        <p className="hotspots-map-error" role="alert">
          {t('map.error', { message: error })}
        </p>
      )}
    </div>
  )
}
