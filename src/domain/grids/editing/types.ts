/**
 * The grid editor's vocabulary (网格规划). A community's grids are edited as a keyed set
 * (code → EditableGrid) inside an edit session (src/domain/edit); every operation here is a
 * pure function from that set (and the scope's parent boundaries) to either the grids it
 * puts, creates and deletes, or a refusal with its reason in Chinese. The UI turns an
 * accepted result into one `transact` (one undo step per gesture).
 *
 * Topology: grids are edited as a tiling whose neighbours share vertices exactly (the same
 * numbers in both). `normaliseTopology` makes a loaded set so (inserting T-junction vertices);
 * every operation keeps it so: a moved shared vertex moves in every grid using it, a vertex
 * inserted on a shared edge is inserted in both grids, new vertices created on a neighbour's
 * edge (split points, clipped drawings) are inserted in the neighbour too.
 */

export type Position = [number, number]

export const LAND_USES = ['residential', 'commercial', 'industrial', 'public', 'green', 'mixed'] as const
export type LandUse = (typeof LAND_USES)[number]

export interface EditableGrid {
  /** 15-digit GB/T grid code; the first 12 digits are the community's code */
  readonly code: string
  /** the current version in the database this grid was loaded from; null for a grid the draft creates */
  readonly version: number | null
  /** 12-digit community code */
  readonly communityCode: string
  readonly name: string
  readonly landUse: LandUse
  readonly managementLevel: 1 | 2 | 3
  readonly responsiblePerson: string
  /** 属地兜底 when nobody else is named */
  readonly responsibleBody: string
  /** WGS84; closed rings, exterior counter-clockwise, holes clockwise */
  readonly geometry: GeoJSON.Polygon
}

export type GridSet = ReadonlyMap<string, EditableGrid>

/** What the edited grids must tile: the communities of the scope (a community, or a street's). */
export interface EditScope {
  readonly communities: readonly { readonly code: string; readonly name: string; readonly geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[]
}

/** An accepted operation: what to put (changed), create (new codes) and delete (codes). */
export interface GridOperationResult {
  readonly ok: true
  /** the undo step's label, in Chinese (e.g. '拆分网格 330106001001003') */
  readonly label: string
  readonly puts: readonly EditableGrid[]
  readonly creates: readonly EditableGrid[]
  readonly deletes: readonly string[]
  /** what the UI should select afterwards */
  readonly selection: readonly string[]
}

/** A refused operation: `code` is one of the exported reason constants, `reason` says it in Chinese. */
export interface GridOperationRefusal {
  readonly ok: false
  readonly code: string
  readonly reason: string
}

export type GridOperationOutcome = GridOperationResult | GridOperationRefusal

/** Whether an operation can be offered for the current selection (a greyed button shows `reason`). */
export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string }
