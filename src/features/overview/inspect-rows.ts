/**
 * The attribute rows the inspect panel shows for a selection, as plain label/value strings,
 * from the layer module that owns the selection's kind (src/layers). Values are rendered by
 * React as text, never as HTML, so a name like "<img onerror=…>" in the data shows up literally.
 */
import type { InspectContext, InspectFeature, InspectRow } from '../../layers/layer-module.ts'
import { selectionSpec, type SelectionKind } from './overview-layers.ts'

export type { InspectContext, InspectRow } from '../../layers/layer-module.ts'

export function inspectRows(kind: SelectionKind, features: InspectFeature[], context: InspectContext): InspectRow[] {
  return selectionSpec(kind)?.spec.rows(features, context) ?? []
}

/** The panel's heading: the feature's own name or code. */
export function inspectTitle(kind: SelectionKind, features: InspectFeature[]): string {
  return selectionSpec(kind)?.spec.title(features) ?? '—'
}
