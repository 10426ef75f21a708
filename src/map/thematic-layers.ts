/**
 * The MapLibre sources and layers of the thematic (data) layers: polygons, lines and the
 * facility symbols are drawn by MapLibre because it gives us hover/selection through
 * feature-state without re-uploading data; the incident heatmap is deck.gl (deck-layers.ts).
 * Hover and selection use feature-state keys `hover` and `selected` on the GeoJSON `id`.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { LABEL_FONT } from './basemap-style.ts'
import {
  ASSIGNMENT_COLOURS,
  CLEANING_GRADE_COLOURS,
  CONSTRUCTION_STATUS_COLOURS,
  GRID_OUTLINE_COLOURS,
  HIGHLIGHT_COLOUR,
  INCIDENT_COLOURS,
  MARKET_COLOUR,
  PERMIT_EXPIRED_COLOUR,
  SELECTED_COLOUR,
  toCss,
} from './colours.ts'
import { FACILITY_HALO_IMAGE, FACILITY_HALO_SCALE, FACILITY_HALO_SIZE, FACILITY_ICON_ORDER, FACILITY_SIZES, FACILITY_ZOOM_RANGE, facilitySizeScale } from './facility-icons.ts'
import type { DisplayedGridLevel } from '../domain/grids/grid-level-for-zoom.ts'

/**
 * The district outline, construction sites and markets (100-odd features together) are one
 * MapLibre source, `places`. MapLibre redraws a source's tile clipping masks (a full-tile
 * stencil draw per tile) each time consecutive line/fill layers change source; three small
 * sources cost ~20 of those per frame, ~10 % of a frame where WebGL is software-rendered.
 * Each feature keeps its own id, encoded so that ids of different kinds cannot collide
 * (feature state and picking are by id within a source), and says its kind in `place`.
 */
export const PLACE_KINDS = ['district', 'sites', 'markets'] as const
export type PlaceKind = (typeof PLACE_KINDS)[number]
export const PLACES_SOURCE = 'places'

/** The MapLibre sources the thematic layers draw from. */
export const MAPLIBRE_SOURCES = ['grids', 'segments', PLACES_SOURCE, 'incidents', 'selection', 'facilities'] as const
export type MapLibreSource = (typeof MAPLIBRE_SOURCES)[number]

/** The data the map is given, by layer (what the adapter's `setData` and picks speak of). */
export type ThematicSource = PlaceKind | Exclude<MapLibreSource, typeof PLACES_SOURCE>

export function isPlaceKind(source: string): source is PlaceKind {
  return (PLACE_KINDS as readonly string[]).includes(source)
}

/** Where a feature of `source` with `id` lives in MapLibre. */
export function mapLibreFeature(source: ThematicSource, id: number): { source: MapLibreSource; id: number } {
  return isPlaceKind(source) ? { source: PLACES_SOURCE, id: id * PLACE_KINDS.length + PLACE_KINDS.indexOf(source) } : { source, id }
}

/** The inverse of mapLibreFeature. */
export function thematicFeature(source: MapLibreSource, id: number): { source: ThematicSource; id: number } {
  return source === PLACES_SOURCE ? { source: PLACE_KINDS[id % PLACE_KINDS.length], id: Math.floor(id / PLACE_KINDS.length) } : { source, id }
}

/** The `places` source's data: every kind's features, ids encoded, kind in `place`. */
export function placesCollection(parts: Partial<Record<PlaceKind, GeoJSON.FeatureCollection>>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = []
  for (const kind of PLACE_KINDS) {
    for (const feature of parts[kind]?.features ?? []) {
      const id = typeof feature.id === 'number' ? mapLibreFeature(kind, feature.id).id : undefined
      features.push({ ...feature, id, properties: { ...feature.properties, place: kind } })
    }
  }
  return { type: 'FeatureCollection', features }
}

const isPlace = (kind: PlaceKind): ExpressionSpecification => ['==', ['get', 'place'], kind]

export type SegmentColourMode = 'grade' | 'assignment'

/** Symbols are drawn wherever they are: nothing hides them, they hide no label. */
const FACILITY_SYMBOL_LAYOUT = {
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

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false]

function stateColour(normal: ExpressionSpecification | string): ExpressionSpecification {
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
function outlineWidth(normal: number, hover: number): ExpressionSpecification {
  const width: ExpressionSpecification = ['case', hovered, hover, normal]
  return ['interpolate', ['linear'], ['zoom'], 10, width, 18, width]
}

export function gridOutlineWidth(level: DisplayedGridLevel): number {
  return level === 'street' ? 2.5 : level === 'community' ? 1.6 : 1
}

/** Layers each toggle in the legend controls. */
export const MAPLIBRE_LAYERS_BY_TOGGLE = {
  grids: ['grids-fill', 'grids-outline', 'grids-label'],
  segments: ['segments-line'],
  markets: ['markets-fill', 'markets-outline', 'markets-label'],
  sites: ['sites-fill', 'sites-outline', 'sites-expired', 'sites-label'],
  incidents: ['incidents-circle'],
  facilities: ['facilities-halo', 'facilities-icons'],
} as const

/**
 * Layers a click or hover can land on, top-most first, with the source each belongs to.
 * `tolerance` (px) widens the hit area of thin features: a back street is 1.5–5 px wide and
 * hard to hit with a mouse. (An invisible 12 px copy of the layer did this before; it cost
 * a second line bucket per tile for 2,078 segments.)
 */
/**
 * The selection outline's layers. They are hidden while nothing is selected: an empty
 * source still has tiles, and each visible line/fill layer over them costs a clipping-mask
 * pass per tile on every frame.
 */
export const SELECTION_LAYERS = ['selection-fill', 'selection-line', 'selection-point'] as const

export const INTERACTIVE_LAYERS: { layer: string; source: ThematicSource; tolerance?: number }[] = [
  { layer: 'facilities-icons', source: 'facilities', tolerance: 4 },
  { layer: 'incidents-circle', source: 'incidents' },
  { layer: 'markets-fill', source: 'markets' },
  { layer: 'sites-fill', source: 'sites' },
  { layer: 'segments-line', source: 'segments', tolerance: 6 },
  { layer: 'grids-fill', source: 'grids' },
]

export function thematicLayers(segmentMode: SegmentColourMode, gridLevel: DisplayedGridLevel): LayerSpecification[] {
  return [
    {
      id: 'grids-fill',
      type: 'fill',
      source: 'grids',
      paint: {
        'fill-color': stateColour(toCss(GRID_OUTLINE_COLOURS[gridLevel])),
        'fill-opacity': ['case', hovered, 0.22, 0.02],
        // Every fill here has its own outline layer above it; MapLibre's antialiasing outline
        // would be a second draw per tile for an edge that is drawn anyway.
        'fill-antialias': false,
      },
    },
    {
      id: 'grids-outline',
      type: 'line',
      source: 'grids',
      paint: {
        'line-color': stateColour(toCss(GRID_OUTLINE_COLOURS[gridLevel])),
        'line-width': outlineWidth(gridOutlineWidth(gridLevel), 2.5),
      },
    },
    {
      id: 'segments-line',
      type: 'line',
      source: 'segments',
      layout: { 'line-cap': ['step', ['zoom'], 'butt', 14, 'round'], 'line-join': ['step', ['zoom'], 'miter', 14, 'round'] },
      paint: {
        'line-color': stateColour(segmentColour(segmentMode)),
        'line-width': ['interpolate', ['linear'], ['zoom'], 11, ['case', hovered, 4, 1.5], 17, ['case', hovered, 9, 5]],
      },
    },
    // Above the segments; also keeps each MapLibre source's layers together (grids, segments,
    // places): a change of source between line/fill layers redraws the tile clipping masks.
    {
      id: 'district-outline',
      type: 'line',
      source: PLACES_SOURCE,
      filter: isPlace('district'),
      paint: { 'line-color': '#1f2a5a', 'line-width': 3, 'line-dasharray': [4, 2] },
    },
    {
      id: 'sites-fill',
      type: 'fill',
      source: PLACES_SOURCE,
      filter: isPlace('sites'),
      paint: {
        'fill-color': stateColour([
          'match',
          ['get', 'status'],
          'active',
          toCss(CONSTRUCTION_STATUS_COLOURS.active),
          'suspended',
          toCss(CONSTRUCTION_STATUS_COLOURS.suspended),
          toCss(CONSTRUCTION_STATUS_COLOURS.completed),
        ]),
        // Per feature like grids-fill's opacity (one fill shader for all): hovered sites darken.
        'fill-opacity': ['case', hovered, 0.75, 0.55],
        'fill-antialias': false,
      },
    },
    {
      id: 'sites-outline',
      type: 'line',
      source: PLACES_SOURCE,
      filter: isPlace('sites'),
      // Colour and width per feature (the hovered site's outline in the highlight colour), so
      // these outlines share the grids' and segments' line shader instead of needing their own.
      paint: { 'line-color': stateColour('#5b3b00'), 'line-width': outlineWidth(1, 2) },
    },
    // Expired permits on sites still working: a separate red dashed ring, so it reads at a glance.
    {
      id: 'sites-expired',
      type: 'line',
      source: PLACES_SOURCE,
      // Only a site at work: a suspended (停工) one with a lapsed permit is not a violation.
      filter: ['all', isPlace('sites'), ['==', ['get', 'permit_expired'], true], ['==', ['get', 'status'], 'active']],
      paint: { 'line-color': toCss(PERMIT_EXPIRED_COLOUR), 'line-width': 3.5, 'line-dasharray': [2, 1] },
    },
    {
      id: 'markets-fill',
      type: 'fill',
      source: PLACES_SOURCE,
      filter: isPlace('markets'),
      paint: { 'fill-color': stateColour(toCss(MARKET_COLOUR)), 'fill-opacity': ['case', hovered, 0.8, 0.6], 'fill-antialias': false },
    },
    {
      id: 'markets-outline',
      type: 'line',
      source: PLACES_SOURCE,
      filter: isPlace('markets'),
      paint: { 'line-color': stateColour('#00564e'), 'line-width': outlineWidth(1.5, 2.5) },
    },
    {
      id: 'incidents-circle',
      type: 'circle',
      source: 'incidents',
      paint: {
        'circle-radius': ['case', hovered, 7, 4],
        'circle-color': stateColour([
          'case',
          ['get', 'overdue'],
          toCss(INCIDENT_COLOURS.overdue),
          ['match', ['get', 'status'], ['closed', 'rejected'], toCss(INCIDENT_COLOURS.closed), toCss(INCIDENT_COLOURS.open)],
        ]),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'grids-label',
      type: 'symbol',
      source: 'grids',
      layout: {
        'text-field': gridLabelField(gridLevel),
        'text-font': LABEL_FONT,
        'text-size': gridLevel === 'street' ? 15 : gridLevel === 'community' ? 12 : 10,
        'text-padding': 4,
      },
      paint: { 'text-color': toCss(GRID_OUTLINE_COLOURS[gridLevel]), 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'markets-label',
      type: 'symbol',
      source: PLACES_SOURCE,
      filter: isPlace('markets'),
      minzoom: 13.5,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-offset': [0, 1.2] },
      paint: { 'text-color': '#00564e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'sites-label',
      type: 'symbol',
      source: PLACES_SOURCE,
      filter: isPlace('sites'),
      minzoom: 14,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'text-offset': [0, 1.2] },
      paint: { 'text-color': '#6b4300', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    // The selected feature is copied into its own source, so it stays outlined whatever
    // layer or grid level is showing (a street found by search while communities are drawn).
    {
      id: 'selection-fill',
      type: 'fill',
      source: 'selection',
      filter: ['==', ['geometry-type'], 'Polygon'],
      // Shown only while something is selected (see SELECTION_LAYERS).
      layout: { visibility: 'none' },
      paint: { 'fill-color': toCss(SELECTED_COLOUR), 'fill-opacity': 0.18, 'fill-antialias': false },
    },
    {
      id: 'selection-line',
      type: 'line',
      source: 'selection',
      filter: ['!=', ['geometry-type'], 'Point'],
      layout: { 'line-cap': 'round', 'line-join': 'round', visibility: 'none' },
      paint: { 'line-color': toCss(SELECTED_COLOUR), 'line-width': 4 },
    },
    {
      id: 'selection-point',
      type: 'circle',
      source: 'selection',
      filter: ['==', ['geometry-type'], 'Point'],
      layout: { visibility: 'none' },
      paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': toCss(SELECTED_COLOUR), 'circle-stroke-width': 4 },
    },
    // Facility symbols over everything else. A hovered symbol gets a halo behind it: a halo
    // image under every symbol, transparent unless its feature is hovered (a symbol's image
    // cannot follow feature state, its opacity can).
    {
      id: 'facilities-halo',
      type: 'symbol',
      source: 'facilities',
      layout: { ...FACILITY_SYMBOL_LAYOUT, 'icon-image': FACILITY_HALO_IMAGE, 'icon-size': facilityIconSize(FACILITY_HALO_SCALE / FACILITY_HALO_SIZE) },
      paint: { 'icon-opacity': ['case', hovered, 1, 0] },
    },
    {
      id: 'facilities-icons',
      type: 'symbol',
      source: 'facilities',
      layout: { ...FACILITY_SYMBOL_LAYOUT, 'icon-image': ['get', 'kind'], 'icon-size': facilityIconSize(null) },
      // Per feature like the halo's (always opaque): both layers then share one shader program,
      // which a software renderer compiles on the first frame that draws it.
      paint: { 'icon-opacity': ['case', hovered, 1, 1] },
    },
  ]
}
