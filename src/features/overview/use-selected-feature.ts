/**
 * Resolves a selection ({kind, id}) to its feature(s) with full attributes, through the layer
 * module that owns the kind. A click selects something already drawn, so the drawn features
 * are searched first; a search hit or a shared link may point at something not drawn (another
 * grid level, outside the view), which the module then looks up with the hit's bbox (or the
 * viewport). A module whose drawn features lack what its panel shows fetches by id always.
 */
import type { BBox } from '../../domain/geometry/bbox.ts'
import { lookedUp, type InspectFeature } from '../../layers/layer-module.ts'
import { OVERVIEW_MODULES, type SelectionRef } from './overview-layers.ts'
import type { OverviewData } from './use-overview-data.ts'

export interface Selection {
  ref: SelectionRef
  /** where to look the feature up when it is not among the drawn features */
  bbox: BBox | null
}

export type SelectedFeature = InspectFeature

export function useSelectedFeature(selection: Selection | null, data: OverviewData, viewportBbox: BBox | null) {
  const ref = selection?.ref ?? null
  const bbox = selection?.bbox ?? viewportBbox
  let result: { features: SelectedFeature[]; loading: boolean } = { features: [], loading: false }
  // Every module's lookup hooks are called on every render (fixed order); only the owner's is enabled.
  for (const module of OVERVIEW_MODULES) {
    for (const spec of module.selections) {
      const owns = ref !== null && ref.kind === spec.kind
      const fromLoaded = owns ? spec.fromLoaded(data.layerData[module.id], ref.id) : []
      const needsLookup = owns && (fromLoaded.length === 0 || spec.alwaysLookup === true || (spec.preferLookup === true && selection?.bbox != null))
      const lookup = spec.useLookup?.(ref?.id ?? -1, { bbox, incidentFilter: data.incidentFilter }, needsLookup)
      if (!owns) continue
      if (!needsLookup || !lookup) {
        result = { features: fromLoaded, loading: false }
        continue
      }
      const fetched = lookedUp(lookup.data, ref.id, spec.matches)
      result = { features: fetched.length > 0 ? fetched : fromLoaded, loading: lookup.isFetching && fetched.length === 0 }
    }
  }
  return result
}
