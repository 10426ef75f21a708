/**
 * What the editing modes (draw a polygon, draw a split line, edit vertices, select with a box)
 * need from the workspace that runs them: snapping and hit tests. The map host knows no grids:
 * the workspace answers with positions, and the modes report gestures back as positions.
 */
export type Position = [number, number]

/** A snapped position: onto a vertex or onto an edge (then `edge` says which). */
export interface SnapHit {
  lngLat: Position
  kind: 'vertex' | 'edge'
  /** the polygon, ring and segment start index of the edge hit (edges only) */
  edge?: { id: string; ring: number; index: number }
}

/**
 * Snaps a pointer position to the nearest vertex or edge within the workspace's tolerance
 * (~10 px at the current zoom); null = nothing near. Alt held = the modes do not ask.
 */
export type Snapper = (lngLat: Position) => SnapHit | null

/** The Chinese reason a point cannot be added to the sketch, or null when it can. */
export type SketchCheck = (points: readonly Position[], next: Position) => string | null
