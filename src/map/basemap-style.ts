/**
 * The basemap. By default it is drawn entirely from our own data so it works with the
 * network unplugged: a background, the demo road network from the SQL API and the road
 * names. The style sets no `glyphs` URL — MapLibre 6 then draws every label with the
 * browser's local fonts (CJK through `localIdeographFontFamily`), so no font server is
 * needed. `VITE_BASEMAP_STYLE_URL` swaps in an online style (see README.md for the GCJ-02
 * caveat); our thematic layers are added on top of whichever style loads.
 */
import type { StyleSpecification } from 'maplibre-gl'

export const EMPTY_COLLECTION: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }

/** CSS font stack for Chinese labels; the first installed family wins. */
export const CJK_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
/** Without a glyphs URL `text-font` names local fonts; this covers Latin and digits. */
export const LABEL_FONT = ['sans-serif']

export const ROADS_SOURCE = 'roads'

export function offlineBasemapStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'UrbanGrid offline',
    sources: { [ROADS_SOURCE]: { type: 'geojson', data: EMPTY_COLLECTION } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } },
      {
        id: 'roads-casing',
        type: 'line',
        source: ROADS_SOURCE,
        layout: { 'line-cap': ['step', ['zoom'], 'butt', 14, 'round'], 'line-join': ['step', ['zoom'], 'miter', 14, 'round'] },
        paint: {
          // Per feature like roads-line's colour, so both (and the segments) share one line
          // shader: each distinct shader is compiled on the first frame that draws it, which
          // is slow where WebGL is software-rendered.
          'line-color': ['match', ['get', 'kind'], 'main', '#bdb5a4', '#c9c4b8'],
          'line-width': ['interpolate', ['linear'], ['zoom'], 11, ['match', ['get', 'kind'], 'main', 3, 1.5], 17, ['match', ['get', 'kind'], 'main', 18, 10]],
        },
      },
      {
        id: 'roads-line',
        type: 'line',
        source: ROADS_SOURCE,
        layout: { 'line-cap': ['step', ['zoom'], 'butt', 14, 'round'], 'line-join': ['step', ['zoom'], 'miter', 14, 'round'] },
        paint: {
          'line-color': ['match', ['get', 'kind'], 'main', '#fde9a8', '#ffffff'],
          'line-width': ['interpolate', ['linear'], ['zoom'], 11, ['match', ['get', 'kind'], 'main', 2, 0.8], 17, ['match', ['get', 'kind'], 'main', 15, 8]],
        },
      },
      {
        id: 'roads-label',
        type: 'symbol',
        source: ROADS_SOURCE,
        minzoom: 12.5,
        layout: {
          'symbol-placement': 'line',
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 12.5, 11, 17, 14],
          'symbol-spacing': 300,
        },
        paint: { 'text-color': '#5a5448', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  }
}

/** The configured online style, or null for the offline default. */
export function configuredStyleUrl(): string | null {
  const url = import.meta.env.VITE_BASEMAP_STYLE_URL as string | undefined
  return url && url.trim() !== '' ? url.trim() : null
}
