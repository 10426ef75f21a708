/**
 * A layer module: one kind of map data declared once, in its own file
 * (src/layers/<kind>.layer.ts). It says how its data is read (a read spec: RPC, zod schema,
 * query-key kind), how it is drawn (MapLibre parts, src/map/layer-part.ts), what its legend
 * shows, what a pick or a search hit selects, the inspect rows of a selection and, where the
 * drawn features do not carry them, a fetch-by-id read. A workspace lists the modules it shows
 * (src/features/overview/overview-layers.ts); the map host, the layer panel, the legend, the
 * inspect panel and the search box work from that list and name no kind.
 *
 * Adding a layer kind = its SQL functions (a migration) + its module + its strings (which the
 * module may carry itself, `strings`).
 */
import type { TFunction } from 'i18next'
import type { UseQueryResult } from '@tanstack/react-query'
import type { overviewReads } from '../data/overview-reads.ts'
import type { BBox } from '../domain/geometry/bbox.ts'
import type { IncidentQuery } from '../data/repository.ts'
import type { Rgb } from '../map/colours.ts'
import type { HeatmapPoint } from '../map/deck-layers.ts'
import type { MapLayerPart } from '../map/layer-part.ts'

/** The reads of the current view (bbox, zoom, grid level, incident filter), see data/overview-reads.ts. */
export type ViewReads = ReturnType<typeof overviewReads>

export interface LayerStatus {
  /** number of features drawn, or the heatmap's incident total */
  count: number | null
  truncated: boolean
  loading: boolean
  error: string | null
  /** the count is of incidents summed over a heatmap, not of features drawn */
  aggregate?: boolean
}

/** What a module's data hook hands back for the current view. */
export interface LayerData {
  /** features by map kind (the parts' `kind`); undefined while not loaded */
  collections: Readonly<Record<string, GeoJSON.FeatureCollection | undefined>>
  status: LayerStatus
  /** its data for the current view is in (or it is hidden) */
  settled: boolean
  /** the deck.gl heatmap, for the one module that draws one */
  heatmap?: { points: HeatmapPoint[]; visible: boolean }
}

export interface LayerContext {
  reads: ViewReads
  visible: boolean
}

/** Style choices of the workspace the modules' legends and map parts follow. */
export interface LayerOptions {
  gridLevel: string
  segmentMode: string
  incidentPoints: boolean
}

export type LegendEntry =
  | { key: string; label: string; swatch: { colour: Rgb; shape: 'box' | 'line' | 'dot'; dashed?: boolean } }
  | { key: string; label: string; icon: string }
  | { key: string; ramp: Rgb[]; low: string; high: string }

export interface LegendContext {
  t: TFunction<'overview'>
  options: LayerOptions
}

export interface InspectRow {
  key: string
  label: string
  value: string
  /** draws attention (an expired permit, an overdue case, an unassigned segment) */
  alert?: boolean
}

export interface InspectContext {
  t: TFunction<'overview'>
  language: string
  /** incidents in this grid under the current filters; undefined while loading */
  gridIncidentCount?: number | null
}

export interface InspectFeature {
  type: 'Feature'
  id: number
  geometry: GeoJSON.Geometry
  properties: Record<string, unknown>
}

/** Everything needed to look a selected feature up when it is not among the drawn ones. */
export interface LookupContext {
  /** the hit's bbox (a search) or the viewport */
  bbox: BBox | null
  incidentFilter: Pick<IncidentQuery, 'from' | 'to' | 'categories'>
}

/** One kind of thing a user can select: a feature, or a group of them (a back street's segments). */
export interface SelectionSpec {
  kind: string
  /** the search results of this layer (search_features' `layer`) select this kind */
  searchLayer?: string
  /** how close the map flies in to a search hit */
  flyMaxZoom: number
  /** the drawn features it is, from this module's collections */
  fromLoaded(data: LayerData, id: number): InspectFeature[]
  /**
   * Fetches it when it is not drawn or, `always`, because the drawn features lack what the
   * inspect panel shows (a fetch by id). Called on every render, enabled as given.
   */
  useLookup?(id: number, context: LookupContext, enabled: boolean): UseQueryResult<unknown>
  /** fetch even when drawn: the drawn features lack what the inspect panel shows */
  alwaysLookup?: boolean
  /** which of a looked-up collection's features it is (default: the feature with the id) */
  matches?(feature: InspectFeature, id: number): boolean
  /** a drawn group may reach beyond the view: when looked up by bbox, take the fetched one */
  preferLookup?: boolean
  rows(features: InspectFeature[], context: InspectContext): InspectRow[]
  title(features: InspectFeature[]): string
}

export interface LayerOption {
  /** the workspace state it sets: 'gridLevel' | 'segmentMode' */
  key: 'gridLevel' | 'segmentMode'
  label: string
  choices: { value: string; label: string }[]
}

export interface LayerModule {
  /** the toggle's id, in the URL (`layers=`) and the legend */
  id: string
  /** shown when a link does not say (`layers=` absent) */
  defaultVisible: boolean
  parts: readonly MapLayerPart[]
  useData(context: LayerContext): LayerData
  legend(context: LegendContext): LegendEntry[]
  /** a hint under the legend, e.g. from which zoom points are drawn */
  hint?(context: LegendContext): string | null
  /** a select in the layer's details, e.g. the grid level */
  option?(t: TFunction<'overview'>): LayerOption
  selections: readonly SelectionSpec[]
  /** which selection kind a pick on the map of one of its parts' kinds selects */
  selectionOfPick(kind: string, options: LayerOptions): string
  /** strings it brings, merged into the `overview` namespace */
  strings?: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> }
}

/** A read's answer as LayerData's status. */
export function statusOf(query: UseQueryResult<{ features: unknown[]; truncated?: boolean } | undefined>): LayerStatus {
  return {
    count: query.data ? query.data.features.length : null,
    truncated: query.data?.truncated ?? false,
    loading: query.isFetching,
    error: query.error ? query.error.message : null,
  }
}

/** Data for the query's own key, not the previous view's kept on screen while the next loads. */
export function hasCurrentData(query: UseQueryResult<unknown>): boolean {
  return query.data !== undefined && !query.isPlaceholderData
}

/** A module's LayerData from one read drawn as one kind (the common `useData`). */
export function layerDataOf(
  kind: string,
  query: UseQueryResult<(GeoJSON.FeatureCollection & { truncated?: boolean }) | undefined>,
  visible: boolean,
): LayerData {
  return { collections: { [kind]: query.data }, status: statusOf(query), settled: !visible || hasCurrentData(query) }
}

/** The common part of a selection of one drawn feature by id: its kind, search layer and how close to fly. */
export function drawnSelection(kind: string, collection: string, flyMaxZoom: number, searchLayer: string | undefined = kind) {
  return { kind, searchLayer, flyMaxZoom, fromLoaded: (data: LayerData, id: number) => byId(data.collections[collection], id) }
}

/** The drawn features with this id (the common `fromLoaded`). */
export function byId(collection: GeoJSON.FeatureCollection | undefined, id: number): InspectFeature[] {
  return ((collection?.features ?? []) as InspectFeature[]).filter((feature) => feature.id === id)
}

/** A value as inspect text: a dash for nothing. */
export function text(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}

/** The row builder of an inspect panel in this language. */
export function inspectHelpers({ t, language }: InspectContext) {
  return {
    number: (value: number, digits = 0) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value),
    yesNo: (value: unknown) => (value ? t('inspect.yes') : t('inspect.no')),
    row: (key: string, value: string, alert = false): InspectRow => ({ key, label: t(`inspect.field.${key}` as never), value, alert }),
  }
}

/** A lookup's answer as the features of a selection: a collection's with this id, or the feature itself. */
export function lookedUp(answer: unknown, id: number, match: (feature: InspectFeature, id: number) => boolean = (feature, wanted) => feature.id === wanted): InspectFeature[] {
  if (!answer || typeof answer !== 'object') return []
  if ('features' in answer && Array.isArray(answer.features)) return (answer.features as InspectFeature[]).filter((feature) => match(feature, id))
  const feature = answer as InspectFeature
  return feature.type === 'Feature' && feature.id === id ? [feature] : []
}
