/**
 * What a grid edit would do to the work (影响预估): for a draft (`after`) against the grids as
 * they are (`before`), per grid code, the cases, street-segment metres, facilities (and
 * optionally places) each grid holds before and after, and how many cases would change grid.
 *
 * Every point is placed by the same engine and rule as the cases pipeline (src/domain/assign,
 * `npm run assign`, and the database's private.grid_at): the grid whose polygon covers the
 * point (ST_Covers), the smallest code where grids share an edge or corner. A street segment
 * belongs to the grid covering its midpoint, the database's ST_LineInterpolatePoint(geom, 0.5):
 * halfway along the line by planar length in degrees, as PostGIS measures a geometry.
 */
import { buildPolygonIndex, type PolygonIndex } from '../assign/polygon-index.ts'
import type { EditableGrid } from './editing/types.ts'

export interface WhatIfPoint {
  id: string | number
  lon: number
  lat: number
}

export interface WhatIfFacility extends WhatIfPoint {
  kind: string
}

export interface WhatIfSegment {
  id: string | number
  length_m: number
  coordinates: readonly (readonly [number, number] | readonly number[])[]
}

export interface GridWhatIfInput {
  before: readonly EditableGrid[]
  after: readonly EditableGrid[]
  incidents: readonly WhatIfPoint[]
  segments: readonly WhatIfSegment[]
  facilities: readonly WhatIfFacility[]
  /** markets, construction sites… as a point each (e.g. the centre), counted by kind like facilities */
  places?: readonly WhatIfFacility[]
}

export type GridWhatIfStatus = 'created' | 'changed' | 'retired' | 'unchanged'

export interface GridWhatIfRow {
  code: string
  /** created: only in `after`; retired: only in `before`; changed: in both with another geometry */
  status: GridWhatIfStatus
  cases_before: number
  cases_after: number
  segment_m_before: number
  segment_m_after: number
  facilities_before: Record<string, number>
  facilities_after: Record<string, number>
  places_before: Record<string, number>
  places_after: Record<string, number>
}

export interface GridWhatIfTotals {
  cases_before: number
  cases_after: number
  segment_m_before: number
  segment_m_after: number
  facilities_before: Record<string, number>
  facilities_after: Record<string, number>
  places_before: Record<string, number>
  places_after: Record<string, number>
  /** in no grid: before and after (a gap the edit opens or closes shows here) */
  cases_outside_before: number
  cases_outside_after: number
  segment_m_outside_before: number
  segment_m_outside_after: number
}

export interface GridWhatIfResult {
  /** one row per code of before ∪ after, in code order */
  grids: GridWhatIfRow[]
  totals: GridWhatIfTotals
  /** cases whose grid differs after the edit (into or out of no grid included) */
  cases_changing_grid: number
  /** the same cases by where they go, most first ('' = no grid) */
  case_moves: { from: string; to: string; count: number }[]
}

export function gridWhatIf(input: GridWhatIfInput): GridWhatIfResult {
  const beforeIndex = indexOf(input.before)
  const afterIndex = indexOf(input.after)
  const beforeByCode = new Map(input.before.map((grid) => [grid.code, grid]))
  const afterByCode = new Map(input.after.map((grid) => [grid.code, grid]))
  const codes = [...new Set([...beforeByCode.keys(), ...afterByCode.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const rows = new Map<string, GridWhatIfRow>(
    codes.map((code) => {
      const before = beforeByCode.get(code)
      const after = afterByCode.get(code)
      const status: GridWhatIfStatus = !before ? 'created' : !after ? 'retired' : sameGeometry(before.geometry, after.geometry) ? 'unchanged' : 'changed'
      return [code, { code, status, cases_before: 0, cases_after: 0, segment_m_before: 0, segment_m_after: 0, facilities_before: {}, facilities_after: {}, places_before: {}, places_after: {} }]
    }),
  )
  const totals: GridWhatIfTotals = {
    cases_before: 0,
    cases_after: 0,
    segment_m_before: 0,
    segment_m_after: 0,
    facilities_before: {},
    facilities_after: {},
    places_before: {},
    places_after: {},
    cases_outside_before: 0,
    cases_outside_after: 0,
    segment_m_outside_before: 0,
    segment_m_outside_after: 0,
  }

  const moves = new Map<string, { from: string; to: string; count: number }>()
  for (const incident of input.incidents) {
    const from = beforeIndex.codeAt(incident.lon, incident.lat)
    const to = afterIndex.codeAt(incident.lon, incident.lat)
    if (from) {
      rows.get(from)!.cases_before += 1
      totals.cases_before += 1
    } else totals.cases_outside_before += 1
    if (to) {
      rows.get(to)!.cases_after += 1
      totals.cases_after += 1
    } else totals.cases_outside_after += 1
    if (from !== to) {
      const key = `${from}\u0000${to}`
      const move = moves.get(key) ?? { from, to, count: 0 }
      move.count += 1
      moves.set(key, move)
    }
  }

  for (const segment of input.segments) {
    const middle = lineMidpoint(segment.coordinates)
    if (!middle) continue
    const from = beforeIndex.codeAt(middle[0], middle[1])
    const to = afterIndex.codeAt(middle[0], middle[1])
    if (from) {
      rows.get(from)!.segment_m_before += segment.length_m
      totals.segment_m_before += segment.length_m
    } else totals.segment_m_outside_before += segment.length_m
    if (to) {
      rows.get(to)!.segment_m_after += segment.length_m
      totals.segment_m_after += segment.length_m
    } else totals.segment_m_outside_after += segment.length_m
  }

  const countKinds = (points: readonly WhatIfFacility[], field: 'facilities' | 'places') => {
    for (const point of points) {
      const from = beforeIndex.codeAt(point.lon, point.lat)
      const to = afterIndex.codeAt(point.lon, point.lat)
      if (from) {
        increment(rows.get(from)![`${field}_before`], point.kind)
        increment(totals[`${field}_before`], point.kind)
      }
      if (to) {
        increment(rows.get(to)![`${field}_after`], point.kind)
        increment(totals[`${field}_after`], point.kind)
      }
    }
  }
  countKinds(input.facilities, 'facilities')
  countKinds(input.places ?? [], 'places')

  const caseMoves = [...moves.values()].sort((a, b) => b.count - a.count || (a.from + a.to < b.from + b.to ? -1 : 1))
  return {
    grids: [...rows.values()],
    totals,
    cases_changing_grid: caseMoves.reduce((total, move) => total + move.count, 0),
    case_moves: caseMoves,
  }
}

function increment(counts: Record<string, number>, kind: string): void {
  counts[kind] = (counts[kind] ?? 0) + 1
}

function indexOf(grids: readonly EditableGrid[]): { codeAt(lon: number, lat: number): string } {
  const polygons = grids.map((grid) => ({ id: grid.code, geometry: grid.geometry }))
  const index: PolygonIndex | null = polygons.length > 0 ? buildPolygonIndex(polygons) : null
  return {
    codeAt(lon, lat) {
      if (!index || !Number.isFinite(lon) || !Number.isFinite(lat)) return ''
      const found = index.locate(lon, lat)
      return found >= 0 ? polygons[found].id : ''
    },
  }
}

function sameGeometry(a: GeoJSON.Polygon, b: GeoJSON.Polygon): boolean {
  if (a === b) return true
  if (a.coordinates.length !== b.coordinates.length) return false
  return a.coordinates.every((ring, r) => {
    const other = b.coordinates[r]
    return ring.length === other.length && ring.every((position, k) => position[0] === other[k][0] && position[1] === other[k][1])
  })
}

/** ST_LineInterpolatePoint(line, 0.5) on a geometry: halfway by planar length in degrees. */
export function lineMidpoint(coordinates: readonly (readonly number[])[]): [number, number] | null {
  const points = coordinates.filter((position) => Number.isFinite(position[0]) && Number.isFinite(position[1]))
  if (points.length === 0) return null
  let total = 0
  for (let k = 1; k < points.length; k++) total += Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1])
  if (total === 0) return [points[0][0], points[0][1]]
  const half = total / 2
  let walked = 0
  for (let k = 1; k < points.length; k++) {
    const [ax, ay] = points[k - 1]
    const [bx, by] = points[k]
    const length = Math.hypot(bx - ax, by - ay)
    if (walked + length >= half && length > 0) {
      const t = (half - walked) / length
      return [ax + (bx - ax) * t, ay + (by - ay) * t]
    }
    walked += length
  }
  const last = points[points.length - 1]
  return [last[0], last[1]]
}
