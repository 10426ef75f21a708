/**
 * A small map of the level's units coloured by grade (A green … E red), with the district and
 * its roads for orientation and a legend A–E. A click on a unit selects it, as a row does.
 * Departments have no area: the map says so instead of drawing anything.
 */
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAreas, useDistrictSummary } from '../../data/hooks.ts'
import { EMPTY_COLLECTION } from '../../map/basemap-style.ts'
import { useWorkspaceMap } from '../shared/use-workspace-map.ts'
import type { KpiLevel, KpiUnit } from '../../data/kpi-reads.ts'
import { GRADE_COLOURS, GRADES } from './kpi-figures.ts'
import { gradedUnits, KPI_UNITS_KIND, kpiUnitsPart } from './kpi-map-layer.ts'
import { KPI_NAMESPACE } from './i18n.ts'

/** Community outlines (the grids module at 社区 level) with the grades, for orientation, as 热点分析 draws them. */
const PARTS = [kpiUnitsPart]

export interface KpiMapProps {
  level: KpiLevel
  units: readonly KpiUnit[]
  selected: string | null
  onSelect: (code: string | null) => void
}

export function KpiMap({ level, units, selected, onSelect }: KpiMapProps) {
  const { t } = useTranslation(KPI_NAMESPACE)
  const summary = useDistrictSummary()
  const streets = useAreas('street', {}, { enabled: level === 'street' })
  const communities = useAreas('community', {})
  const grids = useAreas('grid', { limit: 10000 }, { enabled: level === 'grid' })
  const outlines = level === 'street' ? streets : level === 'community' ? communities : level === 'grid' ? grids : null
  const features = outlines?.data?.features as GeoJSON.Feature[] | undefined
  const collection = useMemo(() => (features ? gradedUnits(features, units) : EMPTY_COLLECTION), [features, units])

  const { container, adapter, error } = useWorkspaceMap({
    parts: PARTS,
    zoom: 11,
    communities: true,
    onPick: (hit) => onSelect(hit?.layer === KPI_UNITS_KIND ? String(collection.features[hit.id]?.properties?.code ?? '') || null : null),
  })

  useEffect(() => adapter.current?.setData(KPI_UNITS_KIND, collection), [adapter, collection])
  useEffect(() => {
    const feature = collection.features.find((candidate) => candidate.properties?.code === selected)
    adapter.current?.setSelection({ type: 'FeatureCollection', features: feature ? [feature] : [] })
  }, [adapter, selected, collection])

  const districtBbox = summary.data?.district?.bbox ?? null
  useEffect(() => {
    if (districtBbox) adapter.current?.fitBounds(districtBbox, 13, false)
  }, [adapter, districtBbox])

  return (
    <div className="kpi-map" role="region" aria-label={t('map.label')}>
      <div ref={container} className="kpi-map-canvas" data-testid="kpi-map" />
      <div className="kpi-legend" data-testid="kpi-legend">
        <h3>{t('map.legend')}</h3>
        <ul>
          {GRADES.map((grade) => (
            <li key={grade}>
              <span className="kpi-swatch" style={{ background: GRADE_COLOURS[grade] }} />
              {t(`grade.${grade}`)}
            </li>
          ))}
          <li>
            <span className="kpi-swatch kpi-swatch-none" />
            {t('map.noGrade')}
          </li>
        </ul>
      </div>
      {level === 'department' && (
        <p className="kpi-map-status" role="status">
          {t('map.department')}
        </p>
      )}
      {outlines?.isPending && level !== 'department' && (
        <p className="kpi-map-status" role="status">
          {t('map.loading')}
        </p>
      )}
      {error && (
        <p className="kpi-map-error" role="alert">
          {t('map.error', { message: error })}
        </p>
      )}
    </div>
  )
}
