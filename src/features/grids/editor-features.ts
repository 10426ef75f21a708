/**
 * The editor's GeoJSON for the map, from the draft: grids with a numeric id (their position
 * in `codes`, which a pick maps back), their state and selection; the scope's context; the
 * vertices (shared ones and those on a community boundary marked); the issues.
 */
import type { EditableGrid, EditScope, GridSet } from '../../domain/grids/editing/types.ts'
import type { EditorIssue } from './editor-validation.ts'

export interface GridFeatures {
  collection: GeoJSON.FeatureCollection
  /** feature id → grid code */
  codes: string[]
}

function stateOf(grid: EditableGrid, base: GridSet, issueCodes: ReadonlySet<string>): string {
  if (issueCodes.has(grid.code)) return 'issue'
  const before = base.get(grid.code)
  if (!before) return 'created'
  return before === grid ? 'unchanged' : 'changed'
}

/** The scope's grids: the neighbours in the set are drawn as context, never as editable grids. */
export function gridFeatures(values: GridSet, base: GridSet, selection: readonly string[], issueCodes: ReadonlySet<string>, scope: ReadonlySet<string>): GridFeatures {
  const selected = new Set(selection)
  const codes: string[] = []
  const features: GeoJSON.Feature[] = []
  for (const grid of values.values()) {
    if (!scope.has(grid.communityCode)) continue
    features.push({
      type: 'Feature',
      id: codes.length,
      properties: { code: grid.code, name: grid.name, state: stateOf(grid, base, issueCodes), selected: selected.has(grid.code) },
      geometry: grid.geometry,
    })
    codes.push(grid.code)
  }
  return { collection: { type: 'FeatureCollection', features }, codes }
}

export function contextFeatures(scope: EditScope, neighbours: readonly { code: string; geometry: GeoJSON.Polygon }[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      ...neighbours.map((grid): GeoJSON.Feature => ({ type: 'Feature', properties: { role: 'neighbour', code: grid.code }, geometry: grid.geometry })),
      ...scope.communities.map((community): GeoJSON.Feature => ({ type: 'Feature', properties: { role: 'community', code: community.code }, geometry: community.geometry })),
    ],
  }
}

const key = (position: GeoJSON.Position) => `${position[0]},${position[1]}`

/** Each distinct vertex of the draft once; `shared` when two or more grids use it, `boundary` when a community boundary does. */
export function vertexFeatures(values: GridSet, scope: EditScope): GeoJSON.FeatureCollection {
  const uses = new Map<string, { position: GeoJSON.Position; grids: Set<string> }>()
  const inScope = new Set(scope.communities.map((community) => community.code))
  for (const grid of values.values()) {
    if (!inScope.has(grid.communityCode)) continue
    for (const ring of grid.geometry.coordinates) {
      for (const position of ring.slice(0, -1)) {
        const k = key(position)
        let entry = uses.get(k)
        if (!entry) uses.set(k, (entry = { position, grids: new Set() }))
        entry.grids.add(grid.code)
      }
    }
  }
  const onBoundary = new Set<string>()
  for (const community of scope.communities) {
    const polygons = community.geometry.type === 'Polygon' ? [community.geometry.coordinates] : community.geometry.coordinates
    for (const polygon of polygons) for (const ring of polygon) for (const position of ring) onBoundary.add(key(position))
  }
  return {
    type: 'FeatureCollection',
    features: [...uses.entries()].map(([k, entry]) => ({
      type: 'Feature',
      properties: { shared: entry.grids.size > 1, boundary: onBoundary.has(k) },
      geometry: { type: 'Point', coordinates: entry.position },
    })),
  }
}

export function issueFeatures(issues: readonly EditorIssue[], focused: string | null): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: issues.map((issue) => ({
      type: 'Feature',
      properties: { severity: issue.severity, focused: issue.key === focused, type: issue.type },
      geometry: { type: 'Point', coordinates: issue.location },
    })),
  }
}

/** The box [west, south, east, north] of some grids, or null. */
export function boxOf(geometries: readonly GeoJSON.Polygon[]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null
  for (const geometry of geometries) {
    for (const [x, y] of geometry.coordinates[0]) {
      if (!box) box = [x, y, x, y]
      else box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
    }
  }
  return box
}

/** Grids whose extent meets the selection box (a box drawn over grids selects what it spans). */
export function gridsInBox(values: GridSet, bbox: [number, number, number, number], scope: ReadonlySet<string>): string[] {
  const [w, s, e, n] = bbox
  const hits: string[] = []
  for (const grid of values.values()) {
    if (!scope.has(grid.communityCode)) continue
    const box = boxOf([grid.geometry])
    if (!box || box[2] < w || box[0] > e || box[3] < s || box[1] > n) continue
    hits.push(grid.code)
  }
  return hits
}
