/**
 * What the grid validation rules take and return. Issues are plain data, as iD's validators
 * return them: a type, a severity, the ids involved, a point on the problem and a message for
 * people (Chinese), with suggested fixes. Nothing is repaired here: a rule only reports.
 */
import type { Pair } from './geometry.ts'

export const ISSUE_TYPES = [
  'invalid',
  'duplicate-id',
  'bad-code',
  'overlap',
  'gap',
  'outside-parent',
  'multi-parent',
  'code-prefix',
  'sliver',
  'area-target',
] as const
export type GridIssueType = (typeof ISSUE_TYPES)[number]

export interface GridIssue {
  type: GridIssueType
  severity: 'error' | 'warning'
  /** the grid ids involved (for a parent gap: the parent's id) */
  ids: string[]
  /** WGS84 [lon, lat] of a point on the problem: inside the gap or overlap, at the self-intersection */
  location: Pair
  /** every spot, when a problem occurs at several (self-intersections); `location` is the westernmost */
  locations?: Pair[]
  /** geodesic area (m²) of the gap, overlap, sliver or part outside the parent */
  area_m2?: number
  /** finer kind, where a type has several (invalid: self-intersection, spike, …) */
  reason?: string
  /** 1-based feature numbers in the input file, when known */
  features?: number[]
  message: string
  fixes?: string[]
}

/** A grid as read from a file: raw coordinates, as they came (open rings, Z values and all). */
export interface GridFeature {
  id: string
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
  /** 1-based position in the input file */
  featureNumber?: number
}

/** A parent area (community, street) the grids must tile; `code` enables the code-prefix rule. */
export interface ParentFeature {
  id: string
  code?: string
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface ValidationOptions {
  /** below this area (m²) a grid is a sliver; default 1 */
  minArea?: number
  /** below this isoperimetric quotient 4πA/P² a grid is too thin; default 0.01 (a 1:400 rectangle) */
  minCompactness?: number
  /** the intended grid area (m²); default 10,000 (万米单元网格); 0 turns the rule off */
  targetArea?: number
  /** "far" from the target: below target / factor or above target × factor; default 10 */
  targetFactor?: number
  /** gaps, overlaps and parts outside a parent smaller than this (m²) are digitising noise; default 0.1 (a 10 cm × 1 m slit) */
  noiseArea?: number
  /** whether ids are GB/T 15-digit grid codes: 'auto' (default) = when every id is all digits */
  codes?: 'auto' | 'on' | 'off'
  parents?: ParentFeature[]
}

export const DEFAULT_OPTIONS = {
  minArea: 1,
  minCompactness: 0.01,
  targetArea: 10_000,
  targetFactor: 10,
  noiseArea: 0.1,
  codes: 'auto',
} as const
