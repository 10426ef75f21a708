/**
 * Style helpers the layer modules (src/layers) share: the hover highlight, outline widths,
 * the symbol layout of point symbols, the grid and segment colour expressions, and the
 * selection outline the map host draws over every workspace's layers. Hover and selection
 * use feature-state key `hover` on the GeoJSON `id`.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { LABEL_FONT } from './basemap-style.ts'
import { ASSIGNMENT_COLOURS, CLEANING_GRADE_COLOURS, HIGHLIGHT_COLOUR, SELECTED_COLOUR, toCss } from './colours.ts'
import { FACILITY_ICON_ORDER, FACILITY_SIZES, FACILITY_ZOOM_RANGE, facilitySizeScale } from './facility-icons.ts'
import type { DisplayedGridLevel } from '../domain/grids/grid-level-for-zoom.ts'
import { hovered, type MapLayerPart } from './layer-part.ts'

export type SegmentColourMode = 'grade' | 'assignment'

/** Symbols are drawn wherever they are: nothing hides them, they hide no label. */
export const FACILITY_SYMBOL_LAYOUT = {
  'icon-allow-overlap': true,
  'icon-ignore-placement': true,
  // Screen-aligned and upright whatever the map does (it cannot rotate or tilt anyway).
  'icon-rotation-alignment': 'viewport',
  'icon-pitch-alignment': 'viewport',
} as const

/**
 * A symbol's `icon-size` (a factor on its image, which is drawn at the kind's full-scale
 * size): facilitySizeScale over zoom, linear between the zooms where it is 0.45 and 1.
 * `perKindFactor` null: the symbol itself (factor 1 on its own image); a number: an image
 * of a fixed screen size (the halo) scaled by that factor times the kind's size.
 */
export function facilityIconSize(perKindFactor: number | null): ExpressionSpecification {
  const kindSize = (scale: number): ExpressionSpecification | number => {
    if (perKindFactor === null) return scale
    const sizes = FACILITY_ICON_ORDER.flatMap((kind) => [kind, FACILITY_SIZES[kind] * perKindFactor * scale])
    return ['match', ['get', 'kind'], ...sizes, FACILITY_SIZES.collection_point * perKindFactor * scale] as unknown as ExpressionSpecification
  }
  const [low, high] = FACILITY_ZOOM_RANGE
  return ['interpolate', ['linear'], ['zoom'], low, kindSize(facilitySizeScale(low)), high, kindSize(facilitySizeScale(high))]
}

export function stateColour(normal: ExpressionSpecification | string): ExpressionSpecification {
  return ['case', hovered, toCss(HIGHLIGHT_COLOUR), normal]
}

export function segmentColour(mode: SegmentColourMode): ExpressionSpecification {
  if (mode === 'assignment') {
    return ['case', ['get', 'assigned'], toCss(ASSIGNMENT_COLOURS.assigned), toCss(ASSIGNMENT_COLOURS.unassigned)]
  }
  return [
    'match',
    ['get', 'cleaning_grade'],
    1,
    toCss(CLEANING_GRADE_COLOURS[1]),
    2,
    toCss(CLEANING_GRADE_COLOURS[2]),
    3,
    toCss(CLEANING_GRADE_COLOURS[3]),
    '#7f7f7f',
  ]
}

/** Grid labels: names for 街道/社区, the 15-digit code for 单元网格 (what staff quote). */
export function gridLabelField(level: DisplayedGridLevel): ExpressionSpecification {
  return level === 'grid' ? ['get', 'code'] : ['get', 'name']
}

/**
 * An outline's width, `hover` px when its feature is hovered: the same over every zoom, but
 * written as a zoom curve per feature like the segments' and roads' widths, so all of these
 * line layers share one line shader (a software renderer compiles each shader, and each
 * vertex layout, on the first frame that draws it).
 */
export function outlineWidth(normal: number, hover: number): ExpressionSpecification {
  const width: ExpressionSpecification = ['case', hovered, hover, normal]
  return ['interpolate', ['linear'], ['zoom'], 10, width, 18, width]
}

export function gridOutlineWidth(level: DisplayedGridLevel): number {
  return level === 'street' ? 2.5 : level === 'community' ? 1.6 : 1
}

/** A place's name under it from `minzoom`, for one kind of a shared source (markets, sites). */
export function placeNameLabel(id: string, source: string, filter: ExpressionSpecification, minzoom: number, size: number, colour: string): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source,
    filter,
    minzoom,
    layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': size, 'text-offset': [0, 1.2] },
    paint: { 'text-color': colour, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  }
}

/**
 * The selection outline's layers. They are hidden while nothing is selected: an empty
 * source still has tiles, and each visible line/fill layer over them costs a clipping-mask
 * pass per tile on every frame.
 */
export const SELECTION_LAYERS = ['selection-fill', 'selection-line', 'selection-point'] as const
export const SELECTION_SOURCE = 'selection'

/**
 * The selected feature is copied into its own source, so it stays outlined whatever layer or
 * grid level is showing (a street found by search while communities are drawn). Above the
 * labels, under the point symbols.
 */
export const SELECTION_PART: MapLayerPart = {
  kind: SELECTION_SOURCE,
  source: SELECTION_SOURCE,
  layers: () => [
    {
      order: 900,
      spec: {
        id: 'selection-fill',
        type: 'fill',
        source: SELECTION_SOURCE,
        filter: ['==', ['geometry-type'], 'Polygon'],
        // Shown only while something is selected (see SELECTION_LAYERS).
        layout: { visibility: 'none' },
        paint: { 'fill-color': toCss(SELECTED_COLOUR), 'fill-opacity': 0.18, 'fill-antialias': false },
      },
    },
    {
      order: 901,
      spec: {
        id: 'selection-line',
        type: 'line',
        source: SELECTION_SOURCE,
        filter: ['!=', ['geometry-type'], 'Point'],
        layout: { 'line-cap': 'round', 'line-join': 'round', visibility: 'none' },
        paint: { 'line-color': toCss(SELECTED_COLOUR), 'line-width': 4 },
      },
    },
    {
      order: 902,
      spec: {
        id: 'selection-point',
        type: 'circle',
        source: SELECTION_SOURCE,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { visibility: 'none' },
        paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': toCss(SELECTED_COLOUR), 'circle-stroke-width': 4 },
      },
    },
  ],
}
