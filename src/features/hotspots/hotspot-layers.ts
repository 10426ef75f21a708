/**
 * The 热点分析 map's own layers: the units of analysis filled with the colour the chosen view
 * gives each (counts, rates, Gi* classes or emerging categories — computed by the workspace,
 * each with its fixed legend), and the density surface in cases per km². Colours are
 * precomputed per feature (`colour`), so switching views is one data update, no restyle.
 */
import type { MapLayerPart } from '../../map/layer-part.ts'
import { hovered } from '../../map/layer-part.ts'

export const UNITS_KIND = 'hotspotUnits'
export const DENSITY_KIND = 'hotspotDensity'

export const unitsPart: MapLayerPart = {
  kind: UNITS_KIND,
  source: UNITS_KIND,
  interactive: [{ layer: 'hotspot-units-fill', rank: 10 }],
  layers: () => [
    {
      order: 12,
      spec: {
        id: 'hotspot-units-fill',
        type: 'fill',
        source: UNITS_KIND,
        paint: { 'fill-color': ['coalesce', ['get', 'colour'], 'rgba(0,0,0,0)'], 'fill-opacity': ['case', hovered, 0.95, 0.78], 'fill-antialias': false },
      },
    },
    {
      order: 18,
      spec: {
        id: 'hotspot-units-outline',
        type: 'line',
        source: UNITS_KIND,
        paint: { 'line-color': ['case', hovered, '#111827', 'rgba(71,85,105,0.45)'], 'line-width': ['case', hovered, 2, 0.5] },
      },
    },
  ],
}

export const densityPart: MapLayerPart = {
  kind: DENSITY_KIND,
  source: DENSITY_KIND,
  layers: () => [
    {
      order: 11,
      spec: {
        id: 'hotspot-density-fill',
        type: 'fill',
        source: DENSITY_KIND,
        paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.8, 'fill-antialias': false },
      },
    },
  ],
}

/** ArcGIS's Hot Spot Analysis renderer: blue cold, red hot, pale for not significant. */
export const GI_BIN_COLOURS: Record<number, string> = {
  [-3]: '#4575b5',
  [-2]: '#849eba',
  [-1]: '#c0ccbe',
  0: 'rgba(242,242,242,0.35)',
  1: '#fab984',
  2: '#ed7551',
  3: '#d62f27',
}

/** Sequential classes (ColorBrewer YlOrRd, 6) for counts, rates and density. */
export const SEQUENTIAL_COLOURS = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'] as const

/** Emerging hot spot categories: hot in reds and purples, cold in blues, no pattern clear. */
export const EMERGING_COLOURS: Record<string, string> = {
  new_hot: '#ff7f7f',
  consecutive_hot: '#fb6a4a',
  intensifying_hot: '#cb181d',
  persistent_hot: '#67000d',
  diminishing_hot: '#fdae6b',
  sporadic_hot: '#fcbba1',
  oscillating_hot: '#c51b8a',
  historical_hot: '#9e9ac8',
  new_cold: '#9ecae1',
  consecutive_cold: '#6baed6',
  intensifying_cold: '#2171b5',
  persistent_cold: '#08306b',
  diminishing_cold: '#c6dbef',
  sporadic_cold: '#d0d1e6',
  oscillating_cold: '#3690c0',
  historical_cold: '#bcbddc',
  no_pattern: 'rgba(242,242,242,0.35)',
}

/** Change from the previous period (ColorBrewer RdBu, 7): fewer in blues, more in reds; index 3 is no change. */
export const DIVERGING_COLOURS = ['#2166ac', '#67a9cf', '#d1e5f0', 'rgba(242,242,242,0.6)', '#fddbc7', '#ef8a62', '#b2182b'] as const
