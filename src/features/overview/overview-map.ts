/**
 * The 总览 map's parts and what follows from them: its layer stack for given style options,
 * its sources, which layers each toggle controls and which a pick can land on. Derived from
 * the workspace's layer modules (overview-layers.ts); the map host derives the same itself.
 */
import { SourceTable, interactiveLayers, layersByToggle, stackLayers, type MapLayerPart } from '../../map/layer-part.ts'
import { SELECTION_PART } from '../../map/thematic-layers.ts'
import { OVERVIEW_MODULES } from './overview-layers.ts'

export const OVERVIEW_PARTS: readonly MapLayerPart[] = [...OVERVIEW_MODULES.flatMap((module) => module.parts), SELECTION_PART]

const SOURCES = new SourceTable(OVERVIEW_PARTS)

/** Every MapLibre layer of the overview's data, in stack order. */
export function thematicLayers(segmentMode: string, gridLevel: string) {
  return stackLayers(OVERVIEW_PARTS, { segmentMode, gridLevel })
}

export const MAPLIBRE_SOURCES = SOURCES.sources
export const PLACE_KINDS = SOURCES.kindsOf('places')
export const INTERACTIVE_LAYERS = interactiveLayers(OVERVIEW_PARTS)
export const MAPLIBRE_LAYERS_BY_TOGGLE = layersByToggle(OVERVIEW_PARTS)

export const mapLibreFeature = (kind: string, id: number) => SOURCES.toMapLibre(kind, id)
export function thematicFeature(source: string, id: number): { source: string; id: number } {
  const feature = SOURCES.fromMapLibre(source, id)
  return { source: feature.kind, id: feature.id }
}
export const placesCollection = (parts: Partial<Record<string, GeoJSON.FeatureCollection>>) =>
  SOURCES.sharedCollection('places', new Map(Object.entries(parts).filter((entry): entry is [string, GeoJSON.FeatureCollection] => entry[1] !== undefined)))
