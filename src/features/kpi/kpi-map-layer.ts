/**
 * The 考核 map's own layer: the units of the level filled with their grade's colour
 * (precomputed per feature as `colour`), outlined thinly; units without figures are left
 * clear. Feature ids are indexes into the level's features, so a pick names the unit.
 */
import type { MapLayerPart } from '../../map/layer-part.ts'
import { hovered } from '../../map/layer-part.ts'
import type { KpiUnit } from '../../data/kpi-reads.ts'
import { GRADE_COLOURS } from './kpi-figures.ts'

export const KPI_UNITS_KIND = 'kpiUnits'

export const kpiUnitsPart: MapLayerPart = {
  kind: KPI_UNITS_KIND,
  source: KPI_UNITS_KIND,
  interactive: [{ layer: 'kpi-units-fill', rank: 10 }],
  layers: () => [
    {
      order: 12,
      spec: {
        id: 'kpi-units-fill',
        type: 'fill',
        source: KPI_UNITS_KIND,
        paint: { 'fill-color': ['coalesce', ['get', 'colour'], 'rgba(0,0,0,0)'], 'fill-opacity': ['case', hovered, 0.95, 0.72], 'fill-antialias': false },
      },
    },
    {
      order: 18,
      spec: {
        id: 'kpi-units-outline',
        type: 'line',
        source: KPI_UNITS_KIND,
        paint: { 'line-color': ['case', hovered, '#111827', 'rgba(71,85,105,0.55)'], 'line-width': ['case', hovered, 2, 0.6] },
      },
    },
  ],
}

/** The level's outlines with each unit's grade colour (none where the unit has no grade this month). */
export function gradedUnits(features: readonly GeoJSON.Feature[], units: readonly KpiUnit[]): GeoJSON.FeatureCollection {
  const byCode = new Map(units.map((unit) => [unit.unit_code, unit]))
  return {
    type: 'FeatureCollection',
    features: features.map((feature, index) => {
      const code = String(feature.properties?.code ?? '')
      const unit = byCode.get(code)
      return {
        type: 'Feature',
        id: index,
        geometry: feature.geometry,
        properties: { code, name: unit?.unit_name ?? feature.properties?.name ?? code, grade: unit?.grade ?? null, colour: unit?.grade ? GRADE_COLOURS[unit.grade] : null },
      }
    }),
  }
}
