/**
 * The deck.gl layer: the incident heatmap (HeatmapLayer, GPU-aggregated). It is rebuilt
 * from plain data on every change; deck.gl diffs by layer id, so only what changed is
 * re-uploaded. (Facility symbols are a MapLibre symbol layer, see thematic-layers.ts.)
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import { CompositeLayer, type CompositeLayerProps, type Layer, type UpdateParameters, type Viewport } from '@deck.gl/core'
import { metresPerPixel } from '../domain/geometry/metres-per-pixel.ts'
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

/**
 * The heatmap's kernel radius on the ground. Below zoom 15 the points are per-grid counts at
 * grid centres (~165 m apart), so the kernel must keep its size on the ground: a radius
 * fixed in pixels (35 px) is ~460 m at the district view but ~115 m at zoom 14, where each
 * grid became its own faint dot under the threshold and the heatmap nearly vanished.
 * 460 m is 35 px at the district view (zoom 12.3, 32.5° N), which therefore looks as before.
 */
export const HEATMAP_RADIUS_METRES = 460
/** Kept legible when zoomed far out, and bounded in cost (kernel area grows with r²) when zoomed in. */
export const HEATMAP_RADIUS_PIXELS = { min: 8, max: 256 } as const

export { metresPerPixel }

/** The kernel radius in whole pixels that covers HEATMAP_RADIUS_METRES at this zoom and latitude. */
export function heatmapRadiusPixels(zoom: number, latitude: number): number {
  const pixels = Math.round(HEATMAP_RADIUS_METRES / metresPerPixel(zoom, latitude))
  return Math.min(HEATMAP_RADIUS_PIXELS.max, Math.max(HEATMAP_RADIUS_PIXELS.min, pixels))
}

/**
 * How long the zoom must rest before the radius follows it. While a zoom moves, deck.gl
 * keeps drawing the last weight map stretched with the map (so the kernel already keeps its
 * ground size) and recomputes it once the zoom has rested its 500 ms; a new radius forces
 * an immediate recompute (~30 ms where WebGL is software-rendered), so it waits too, and
 * comes first so that it replaces deck.gl's own recompute rather than adding one.
 */
const RADIUS_SETTLE_MS = 300

/** The map's centre latitude (deck.gl's web-mercator viewport has it; its base type does not). */
function viewLatitude(viewport: Viewport): number {
  return (viewport as Viewport & { latitude?: number }).latitude ?? 0
}

interface IncidentHeatmapProps {
  data: HeatmapPoint[]
}

/**
 * HeatmapLayer with its radius in metres (heatmapRadiusPixels of the settled zoom):
 * HeatmapLayer takes pixels only, so this wrapper re-renders it when the zoom settles.
 */
class IncidentHeatmapLayer extends CompositeLayer<IncidentHeatmapProps> {
  static layerName = 'IncidentHeatmapLayer'
  declare state: { radiusZoom: number; timer: ReturnType<typeof setTimeout> | null }

  initializeState(): void {
    this.setState({ radiusZoom: this.context.viewport.zoom, timer: null })
  }

  shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    return changeFlags.propsOrDataChanged || changeFlags.viewportChanged !== false
  }

  updateState({ changeFlags }: UpdateParameters<this>): void {
    const zoom = this.context.viewport.zoom
    if (this.state.timer) clearTimeout(this.state.timer)
    // New data recomputes the weight map anyway: take the current zoom with it.
    if (changeFlags.dataChanged) this.setState({ radiusZoom: zoom, timer: null })
    else if (zoom !== this.state.radiusZoom) this.setState({ timer: setTimeout(() => this.settleRadius(), RADIUS_SETTLE_MS) })
  }

  /** Takes the zoom the map has come to rest at; a state change alone would wait for the next update. */
  private settleRadius(): void {
    this.setState({ radiusZoom: this.context.viewport.zoom, timer: null })
    this.setNeedsUpdate()
  }

  finalizeState(): void {
    if (this.state.timer) clearTimeout(this.state.timer)
  }

  renderLayers(): Layer {
    return new HeatmapLayer<HeatmapPoint>(
      this.getSubLayerProps({
        id: 'kernel',
        data: this.props.data,
        getPosition: (point: HeatmapPoint) => point.position,
        getWeight: (point: HeatmapPoint) => point.weight,
        aggregation: 'SUM',
        radiusPixels: heatmapRadiusPixels(this.state.radiusZoom, viewLatitude(this.context.viewport)),
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
      }),
    )
  }
}

export function buildDeckLayers(input: DeckLayerInput): Layer[] {
  return [
    new IncidentHeatmapLayer({
      id: HEATMAP_DECK_LAYER,
      data: input.heatmap,
      visible: input.heatmapVisible,
      opacity: 0.7,
      // Under grid outlines, segments and labels (interleaved into MapLibre's stack);
      // `beforeId` is added to every layer by @deck.gl/maplibre, not in the layer's own type.
      ...({ beforeId: 'grids-outline' } as object),
    } as IncidentHeatmapProps & CompositeLayerProps),
  ]
}
