/**
 * The deck.gl layers: facility symbols (IconLayer over a runtime-drawn atlas) and the
 * incident heatmap (HeatmapLayer, GPU-aggregated). They are rebuilt from plain data on
 * every change; deck.gl diffs by layer id, so only what changed is re-uploaded.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import type { Layer } from '@deck.gl/core'
import { IconLayer } from '@deck.gl/layers'
import type { FacilityCollection, FacilityKind } from '../data/schemas.ts'
import { HEATMAP_COLOUR_RANGE, HIGHLIGHT_COLOUR, type Rgb } from './colours.ts'
import { facilityIconAtlas } from './facility-icons.ts'

export type FacilityFeature = FacilityCollection['features'][number]

/** One weighted point of the heatmap: a grid's representative point and its incident count. */
export interface HeatmapPoint {
  position: [number, number]
  weight: number
}

export interface DeckLayerInput {
  facilities: FacilityFeature[]
  facilitiesVisible: boolean
  heatmap: HeatmapPoint[]
  heatmapVisible: boolean
  /** the map's zoom: symbols shrink when the whole district is on screen */
  zoom: number
}

/** Collection points outnumber everything else 800:150, so they are drawn smaller. */
const FACILITY_SIZES: Record<FacilityKind, number> = {
  compactor_station: 26,
  transfer_station: 30,
  collection_point: 14,
  public_toilet: 20,
}

/** 964 symbols at district zoom would bury the map; they grow to full size by zoom 15. */
export function facilitySizeScale(zoom: number): number {
  return Math.min(1, Math.max(0.45, 0.45 + (zoom - 12) * 0.2))
}

export const FACILITIES_DECK_LAYER = 'facilities-icons'
export const HEATMAP_DECK_LAYER = 'incidents-heatmap'

export function buildDeckLayers(input: DeckLayerInput): Layer[] {
  const atlas = facilityIconAtlas()
  const highlight: [number, number, number, number] = [...(HIGHLIGHT_COLOUR as Rgb), 200]
  return [
    new HeatmapLayer<HeatmapPoint>({
      id: HEATMAP_DECK_LAYER,
      data: input.heatmap,
      visible: input.heatmapVisible,
      getPosition: (point) => point.position,
      getWeight: (point) => point.weight,
      aggregation: 'SUM',
      radiusPixels: 35,
      // The default 2048² weights texture makes deck.gl's max-weight pass draw 4.2 million
      // points per update: ~2 s of one frame where WebGL is software-rendered. 512² is ~2.5
      // screen pixels per texel, far finer than the 35 px kernel, so the picture is the same.
      weightsTextureSize: 512,
      intensity: 1,
      // Incidents happen everywhere; a high threshold leaves the background clear so the
      // hotspots, not the district's outline, are what the eye finds.
      threshold: 0.25,
      colorRange: HEATMAP_COLOUR_RANGE as unknown as [number, number, number][],
      opacity: 0.7,
      // Under grid outlines, segments and labels (interleaved into MapLibre's stack);
      // `beforeId` is added to every layer by @deck.gl/maplibre, not in the layer's own type.
      ...({ beforeId: 'grids-outline' } as object),
    }),
    new IconLayer<FacilityFeature>({
      id: FACILITIES_DECK_LAYER,
      data: input.facilities,
      visible: input.facilitiesVisible,
      pickable: true,
      autoHighlight: true,
      highlightColor: highlight,
      iconAtlas: atlas.url,
      iconMapping: atlas.mapping,
      getIcon: (feature) => feature.properties.kind,
      getPosition: (feature) => feature.geometry.coordinates as [number, number],
      getSize: (feature) => FACILITY_SIZES[feature.properties.kind],
      sizeUnits: 'pixels',
      sizeScale: facilitySizeScale(input.zoom),
    }),
  ]
}
