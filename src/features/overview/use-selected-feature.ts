/**
 * Resolves a selection ({kind, id}) to its feature(s) with full attributes. A click selects
 * something already drawn, so the loaded layers are searched first; a search hit or a
 * shared link may point at something not loaded (another grid level, outside the view),
 * which is then fetched with the hit's bbox (or the viewport) as a small layer query.
 */
import { useAreas, useConstructionSites, useFacilities, useMarkets, useSegments } from '../../data/hooks.ts'
import type { BBox } from '../../domain/geometry/bbox.ts'
import type { OverviewData } from './use-overview-data.ts'
import type { SelectionRef } from './overview-layers.ts'

export interface Selection {
  ref: SelectionRef
  /** where to look the feature up when it is not among the drawn features */
  bbox: BBox | null
}

export interface SelectedFeature {
  type: 'Feature'
  id: number
  geometry: GeoJSON.Geometry
  properties: Record<string, unknown>
}

type Collection = { features: SelectedFeature[] } | undefined

function asCollection(value: unknown): Collection {
  return value as Collection
}

function pickFrom(collection: Collection, ref: SelectionRef): SelectedFeature[] {
  if (!collection) return []
  if (ref.kind === 'back_street') return collection.features.filter((feature) => feature.properties.back_street_id === ref.id)
  return collection.features.filter((feature) => feature.id === ref.id)
}

const AREA_KINDS = { grid: 'grid', street: 'street', community: 'community' } as const

export function useSelectedFeature(selection: Selection | null, data: OverviewData, viewportBbox: BBox | null) {
  const ref = selection?.ref ?? null
  const loaded: Collection = !ref
    ? undefined
    : ref.kind === 'grid' || ref.kind === 'street' || ref.kind === 'community'
      ? data.gridLevel === ref.kind
        ? asCollection(data.grids)
        : undefined
      : ref.kind === 'segment' || ref.kind === 'back_street'
        ? asCollection(data.segments)
        : ref.kind === 'market'
          ? asCollection(data.markets)
          : ref.kind === 'construction_site'
            ? asCollection(data.sites)
            : ref.kind === 'facility'
              ? asCollection(data.facilities)
              : asCollection(data.incidents)
  const fromLoaded = ref ? pickFrom(loaded, ref) : []
  // A back street may run out of the loaded viewport; fetch it whole by its own bbox.
  const needsLookup = ref !== null && (fromLoaded.length === 0 || (ref.kind === 'back_street' && selection?.bbox != null))
  const bbox = selection?.bbox ?? viewportBbox
  const areaLevel = ref && ref.kind in AREA_KINDS ? AREA_KINDS[ref.kind as keyof typeof AREA_KINDS] : 'grid'

  const areas = useAreas(areaLevel, { bbox, limit: 2000 }, { enabled: needsLookup && ref.kind in AREA_KINDS })
  const segments = useSegments({ bbox, limit: 5000 }, { enabled: needsLookup && (ref.kind === 'segment' || ref.kind === 'back_street') })
  const markets = useMarkets({}, { enabled: needsLookup && ref.kind === 'market' })
  const sites = useConstructionSites({}, { enabled: needsLookup && ref.kind === 'construction_site' })
  const facilities = useFacilities({}, { enabled: needsLookup && ref.kind === 'facility' })

  if (!ref) return { features: [] as SelectedFeature[], loading: false }
  if (!needsLookup) return { features: fromLoaded, loading: false }
  const query =
    ref.kind in AREA_KINDS
      ? areas
      : ref.kind === 'segment' || ref.kind === 'back_street'
        ? segments
        : ref.kind === 'market'
          ? markets
          : ref.kind === 'construction_site'
            ? sites
            : ref.kind === 'facility'
              ? facilities
              : null
  if (!query) return { features: fromLoaded, loading: false }
  const fetched = pickFrom(asCollection(query.data), ref)
  return { features: fetched.length > 0 ? fetched : fromLoaded, loading: query.isFetching && fetched.length === 0 }
}
