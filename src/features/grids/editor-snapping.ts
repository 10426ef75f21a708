/**
 * Snapping for the editor's modes: one index over the draft's grids, the neighbouring grids
 * and the community boundaries (src/domain/geometry/snap-index.ts), rebuilt when the draft
 * changes; the tolerance is ~10 px at the zoom of the moment.
 */
import { createSnapIndex, snap, type SnapIndex } from '../../domain/geometry/snap-index.ts'
import type { EditScope, GridSet } from '../../domain/grids/editing/types.ts'
import type { Position, SnapHit } from '../../map/edit-modes/types.ts'

export const SNAP_PIXELS = 10

export interface EditorSnapping {
  /** everything: the draft, the neighbours and the boundaries */
  all: SnapIndex
  /** the draft's grids only: the vertices and edges the vertex mode edits */
  draft: SnapIndex
}

/** `values` holds the neighbouring communities' grids too (for topology); only the scope's are edited. */
export function buildSnapping(values: GridSet, scope: EditScope, scopeCommunities: ReadonlySet<string>): EditorSnapping {
  const all = [...values.values()].map((grid) => ({ id: grid.code, geometry: grid.geometry, inScope: scopeCommunities.has(grid.communityCode) }))
  return {
    all: createSnapIndex([
      ...all,
      ...scope.communities.map((community) => ({ id: `community:${community.code}`, geometry: community.geometry })),
    ]),
    draft: createSnapIndex(all.filter((grid) => grid.inScope)),
  }
}

export type Tolerance = { x: number; y: number }

export function toHit(result: ReturnType<typeof snap>): SnapHit | null {
  if (!result) return null
  if (result.kind === 'vertex') return { lngLat: [result.point[0], result.point[1]], kind: 'vertex' }
  return { lngLat: [result.point[0], result.point[1]], kind: 'edge', edge: { id: result.id, ring: result.ring, index: result.index } }
}

export function snapTo(index: SnapIndex, lngLat: Position, tolerance: Tolerance, excludeIds?: ReadonlySet<string>): SnapHit | null {
  return toHit(snap(index, lngLat, tolerance, excludeIds ? { excludeIds: new Set(excludeIds) } : undefined))
}

/** The draft grids that have a vertex exactly at `position`. */
export function gridsWithVertex(values: GridSet, position: Position): Set<string> {
  const codes = new Set<string>()
  for (const grid of values.values()) {
    if (grid.geometry.coordinates.some((ring) => ring.some((vertex) => vertex[0] === position[0] && vertex[1] === position[1]))) codes.add(grid.code)
  }
  return codes
}
