/**
 * The layers of the 总览 workspace: the layer modules it shows, in legend order. The map,
 * the layer panel, the legend, the inspect panel, search and the URL work from this list;
 * adding a layer kind to the overview is one line here.
 */
import { camerasLayer } from '../../layers/cameras.layer.ts'
import { districtLayer } from '../../layers/district.layer.ts'
import { facilitiesLayer } from '../../layers/facilities.layer.ts'
import { gridsLayer } from '../../layers/grids.layer.ts'
import { incidentsLayer } from '../../layers/incidents.layer.ts'
import type { LayerModule, SelectionSpec } from '../../layers/layer-module.ts'
import { marketsLayer } from '../../layers/markets.layer.ts'
import { segmentsLayer } from '../../layers/segments.layer.ts'
import { sitesLayer } from '../../layers/sites.layer.ts'

export const OVERVIEW_MODULES: readonly LayerModule[] = [
  districtLayer,
  gridsLayer,
  segmentsLayer,
  marketsLayer,
  sitesLayer,
  facilitiesLayer,
  incidentsLayer,
  camerasLayer,
]

/** The modules with a toggle in the legend (the district outline has none). */
export const TOGGLED_MODULES = OVERVIEW_MODULES.filter((module) => module.parts.some((part) => part.toggle))

/** The layers as the user sees them in the legend: one toggle each, by module id. */
export const OVERVIEW_LAYERS: readonly string[] = TOGGLED_MODULES.map((module) => module.id)
export type OverviewLayer = string

/** Shown when a link does not say which layers. */
export const DEFAULT_LAYERS: readonly string[] = TOGGLED_MODULES.filter((module) => module.defaultVisible).map((module) => module.id)

export function isOverviewLayer(value: string): boolean {
  return OVERVIEW_LAYERS.includes(value)
}

export function moduleOf(id: string): LayerModule | undefined {
  return OVERVIEW_MODULES.find((module) => module.id === id)
}

/** What a selection can point at: everything search can find plus segments and incidents. */
export const SELECTION_KINDS: readonly string[] = OVERVIEW_MODULES.flatMap((module) => module.selections.map((selection) => selection.kind))
export type SelectionKind = string

export interface SelectionRef {
  kind: SelectionKind
  id: number
}

export function isSelectionKind(value: string): boolean {
  return SELECTION_KINDS.includes(value)
}

/** The module and selection spec of a selection kind. */
export function selectionSpec(kind: string): { module: LayerModule; spec: SelectionSpec } | null {
  for (const module of OVERVIEW_MODULES) {
    const spec = module.selections.find((selection) => selection.kind === kind)
    if (spec) return { module, spec }
  }
  return null
}

/** The selection kind a search hit of this layer makes (null: a layer this workspace does not show). */
export function selectionOfSearch(layer: string): string | null {
  for (const module of OVERVIEW_MODULES) {
    const spec = module.selections.find((selection) => selection.searchLayer === layer)
    if (spec) return spec.kind
  }
  return null
}

/** The module that draws the map kind a pick names. */
export function moduleOfPick(kind: string): LayerModule | undefined {
  return OVERVIEW_MODULES.find((module) => module.parts.some((part) => part.kind === kind))
}
