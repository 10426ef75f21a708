/**
 * What the map host needs of a layer module: the MapLibre side of one kind of data. A layer
 * module (src/layers/<kind>.layer.ts) declares one or more parts; the adapter mounts the parts
 * a workspace lists and knows nothing else of them: it adds their sources and images, stacks
 * their layers by `order`, shows and hides them by toggle, re-applies their styles when a
 * style option they follow changes, and reports picks as `{ layer: kind, id }`.
 *
 * Kinds that name the same MapLibre source share it (the district outline, sites and markets
 * are one source, `places`: a change of source between consecutive fill/line layers costs a
 * clipping-mask redraw per tile where WebGL is software-rendered). Their features keep their
 * own ids, encoded so that they cannot collide, and say their kind in `place`.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'

/** Style choices a workspace makes for its layers, e.g. `gridLevel: 'community'`. */
export type StyleOptions = Readonly<Record<string, string>>

/** A MapLibre layer and its place in the stack: lower orders are drawn first (underneath). */
export interface OrderedLayer {
  order: number
  spec: LayerSpecification
}

export interface MapImage {
  name: string
  image: { width: number; height: number; data: Uint8Array | Uint8ClampedArray }
  pixelRatio: number
}

export interface MapLayerPart {
  /** the data kind: `setData(kind, …)` feeds it, picks name it */
  kind: string
  /** its MapLibre source (shared when several parts name the same one) */
  source: string
  layers(options: StyleOptions): OrderedLayer[]
  /** the style options its layers depend on: a change of one re-applies their paint and layout */
  restyleOn?: readonly string[]
  /** the toggle that shows and hides all its layers; none = always shown */
  toggle?: string
  /** its layers a click or hover lands on; lower `rank` is tried first, `tolerance` px widens the hit */
  interactive?: readonly { layer: string; rank: number; tolerance?: number }[]
  /** images its symbol layers draw, made at runtime for the screen's pixel ratio */
  images?(pixelRatio: number): MapImage[]
}

/** The property a shared source's features carry their kind in. */
export const PLACE_PROPERTY = 'place'

/** A filter for a shared source's layer: only features of `kind`. */
export const isPlace = (kind: string): ExpressionSpecification => ['==', ['get', PLACE_PROPERTY], kind]

/** The hover feature state every part's paint may follow. */
export const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false]

/** The layers of these parts in stack order (a stable sort: equal orders keep the parts' order). */
export function stackLayers(parts: readonly MapLayerPart[], options: StyleOptions): LayerSpecification[] {
  return parts
    .flatMap((part) => part.layers(options))
    .map((layer, index) => ({ ...layer, index }))
    .sort((a, b) => a.order - b.order || a.index - b.index)
    .map((layer) => layer.spec)
}

/**
 * Where each kind's features live in MapLibre. A source with one kind keeps the features'
 * ids; a shared one encodes `id * kinds + index of the kind` and decodes it back.
 */
export class SourceTable {
  private readonly kindsOfSource = new Map<string, string[]>()
  private readonly sourceOfKind = new Map<string, string>()

  constructor(parts: readonly MapLayerPart[]) {
    // A shared source's kinds in stack order (the lowest layer of each part first).
    const lowest = (part: MapLayerPart) => Math.min(...part.layers({}).map((layer) => layer.order))
    const ordered = parts.map((part, index) => ({ part, index, order: lowest(part) })).sort((a, b) => a.order - b.order || a.index - b.index)
    for (const { part } of ordered) {
      if (this.sourceOfKind.has(part.kind)) continue
      this.sourceOfKind.set(part.kind, part.source)
      const kinds = this.kindsOfSource.get(part.source) ?? []
      kinds.push(part.kind)
      this.kindsOfSource.set(part.source, kinds)
    }
  }

  get sources(): string[] {
    return [...this.kindsOfSource.keys()]
  }

  sourceOf(kind: string): string | undefined {
    return this.sourceOfKind.get(kind)
  }

  kindsOf(source: string): readonly string[] {
    return this.kindsOfSource.get(source) ?? []
  }

  isShared(source: string): boolean {
    return this.kindsOf(source).length > 1
  }

  /** Where a feature of `kind` with `id` lives in MapLibre. */
  toMapLibre(kind: string, id: number): { source: string; id: number } {
    const source = this.sourceOfKind.get(kind) ?? kind
    const kinds = this.kindsOf(source)
    return kinds.length > 1 ? { source, id: id * kinds.length + kinds.indexOf(kind) } : { source, id }
  }

  /** The inverse of toMapLibre. */
  fromMapLibre(source: string, id: number): { kind: string; id: number } {
    const kinds = this.kindsOf(source)
    if (kinds.length > 1) return { kind: kinds[id % kinds.length], id: Math.floor(id / kinds.length) }
    return { kind: kinds[0] ?? source, id }
  }

  /** A shared source's data: every kind's features, ids encoded, kind in `place`. */
  sharedCollection(source: string, parts: ReadonlyMap<string, GeoJSON.FeatureCollection>): GeoJSON.FeatureCollection {
    const features: GeoJSON.Feature[] = []
    for (const kind of this.kindsOf(source)) {
      for (const feature of parts.get(kind)?.features ?? []) {
        const id = typeof feature.id === 'number' ? this.toMapLibre(kind, feature.id).id : undefined
        features.push({ ...feature, id, properties: { ...feature.properties, [PLACE_PROPERTY]: kind } })
      }
    }
    return { type: 'FeatureCollection', features }
  }
}

/** Layers a click or hover can land on, in the order they are tried, with the kind each draws. */
export function interactiveLayers(parts: readonly MapLayerPart[]): { layer: string; source: string; tolerance?: number }[] {
  return parts
    .flatMap((part) => (part.interactive ?? []).map((entry) => ({ ...entry, kind: part.kind })))
    .sort((a, b) => a.rank - b.rank)
    .map(({ layer, kind, tolerance }) => (tolerance === undefined ? { layer, source: kind } : { layer, source: kind, tolerance }))
}

/** The MapLibre layers each toggle shows and hides. */
export function layersByToggle(parts: readonly MapLayerPart[]): Record<string, string[]> {
  const byToggle: Record<string, string[]> = {}
  for (const part of parts) {
    if (!part.toggle) continue
    byToggle[part.toggle] = [...(byToggle[part.toggle] ?? []), ...part.layers({}).map((layer) => layer.spec.id)]
  }
  return byToggle
}
