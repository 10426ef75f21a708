/**
 * `grids_for_edit` as the editor holds it: grids keyed by code in the editor's shape, the
 * communities as the scope, the neighbouring communities' grids and every code used before.
 */
import type { GridsForEdit } from '../../data/schemas.ts'
import type { EditableGrid, LandUse } from '../../domain/grids/editing/types.ts'
import type { LoadedScope } from './use-grid-editor.ts'

export function loadedFromRead(read: GridsForEdit): LoadedScope {
  const grids = new Map<string, EditableGrid>()
  // The neighbouring communities' grids are in the set too: an operation that puts a vertex on
  // the line between two communities puts it into the grid across the line as well, so the two
  // share it exactly (edit_grids checks overlaps exactly). The planner cannot select them.
  for (const grid of [...read.grids, ...read.neighbours]) {
    grids.set(grid.code, {
      code: grid.code,
      version: grid.version,
      communityCode: grid.community_code,
      name: grid.name,
      landUse: grid.land_use as LandUse,
      managementLevel: grid.management_level as 1 | 2 | 3,
      responsiblePerson: grid.responsible_person,
      responsibleBody: grid.responsible_body,
      geometry: grid.geometry as GeoJSON.Polygon,
    })
  }
  return {
    scope: { code: read.scope.code, name: read.scope.name, level: read.scope.level as 'community' | 'street' },
    editScope: { communities: read.communities.map((community) => ({ code: community.code, name: community.name, geometry: community.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon })) },
    grids,
    neighbours: read.neighbours.map((grid) => ({ code: grid.code, geometry: grid.geometry as GeoJSON.Polygon })),
    usedCodes: new Set([...read.used_codes, ...read.grids.map((grid) => grid.code)]),
    scopeCommunities: new Set(read.communities.map((community) => community.code)),
  }
}
