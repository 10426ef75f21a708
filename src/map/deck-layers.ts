/**
 * The deck.gl layer: the incident heatmap (HeatmapLayer, GPU-aggregated). It is rebuilt
 * from plain data on every change; deck.gl diffs by layer id, so only what changed is
 * re-uploaded. (Facility symbols are a MapLibre symbol layer, see thematic-layers.ts.)
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import type { Layer } from '@deck.gl/core'
import { HEATMAP_COLOUR_RANGE } from './colours.ts'

/** One weighted point of the heatmap: a grid's representative point and its incident count. */
export interface HeatmapPoint {
  position: [number, number]
  weight: number
}

export interface DeckLayerInput {
  heatmap: HeatmapPoint[]
  heatmapVisible: boolean
}

export const HEATMAP_DECK_LAYER = 'incidents-heatmap'

export function buildDeckLayers(input: DeckLayerInput): Layer[] {
  return [
    new HeatmapLayer<HeatmapPoint>({
      id: HEATMAP_DECK_LAYER,
      data: input.heatmap,
      visible: input.heatmapVisible,
      getPosition: (point) => point.position,
      getWeight: (point) => point.weight,
      aggregation: 'SUM',
      radiusPixels: 35,
      // deck.gl's max-weight pass draws one point per texel of the weights texture on every
      // update (each pan, zoom or filter change): the default 2048² was ~2 s of a frame where
      // WebGL is software-rendered, 512² still 100–200 ms. 256² is ~5 screen pixels per texel
      // under a 35 px kernel, sampled linearly: the district view differs from 512² by at
      // most 21 of 255 levels in 0.3 % of pixels, and an update costs ~30 ms.
      weightsTextureSize: 256,
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
  ]
}
