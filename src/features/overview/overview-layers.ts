/**
 * The layers of the 总览 workspace as the user sees them in the legend: one toggle each.
 * Kept apart from the map's own layer ids so the URL and the UI speak in user terms.
 */
export const OVERVIEW_LAYERS = ['grids', 'segments', 'markets', 'sites', 'facilities', 'incidents'] as const
export type OverviewLayer = (typeof OVERVIEW_LAYERS)[number]

export function isOverviewLayer(value: string): value is OverviewLayer {
  return (OVERVIEW_LAYERS as readonly string[]).includes(value)
}

/** What a selection can point at: everything search can find plus segments and incidents. */
export const SELECTION_KINDS = [
  'grid',
  'street',
  'community',
  'back_street',
  'segment',
  'market',
  'construction_site',
  'facility',
  'incident',
] as const
export type SelectionKind = (typeof SELECTION_KINDS)[number]

export interface SelectionRef {
  kind: SelectionKind
  id: number
}

export function isSelectionKind(value: string): value is SelectionKind {
  return (SELECTION_KINDS as readonly string[]).includes(value)
}
