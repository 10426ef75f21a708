/**
 * What every rule needs about the grids, computed once: 2D closed parts, which grids are
 * invalid (and their ST_MakeValid-equivalent repair, used for areas and overlaps only), the
 * geodesic area and perimeter, and a Flatbush index of the bounding boxes.
 *
 * Repair: an invalid grid (self-intersection, spike, crossing rings) is replaced, for
 * measuring only, by polyclip-ts's union of its own parts — the ring's linework noded and the
 * faces kept by the non-zero rule. For a figure-eight, a spike or a doubled-back edge that is
 * what ST_MakeValid returns (both lobes kept, the spike dropped); a ring winding twice round
 * the same area is kept once, where ST_MakeValid's even-odd linework would drop it.
 */
import Flatbush from 'flatbush'
import * as polyclip from 'polyclip-ts'
import { findPolygonProblems, type PolygonProblem } from '../../assign/polygon-validity.ts'
import { sphericalArea } from '../../geometry/spherical-area.ts'
import { closedParts, hasThreeDistinct, partsBox, perimeterMetres, type Box, type Parts } from './geometry.ts'
import { DEFAULT_OPTIONS, type GridFeature, type ParentFeature, type ValidationOptions } from './types.ts'

export interface PreparedShape {
  id: string
  featureNumber?: number
  /** closed 2D rings as given */
  parts: Parts
  /** as given when valid, repaired when not (see above) */
  measured: Parts
  box: Box
  areaM2: number
  perimeterM: number
  problem: PolygonProblem | null
}

export interface ValidationContext {
  grids: PreparedShape[]
  index: Flatbush | null
  parents: (PreparedShape & { code?: string })[]
  parentIndex: Flatbush | null
  options: Required<Omit<ValidationOptions, 'parents'>>
}

export function areaOf(parts: Parts): number {
  return sphericalArea({ type: 'MultiPolygon', coordinates: parts })
}

export function repair(parts: Parts): Parts {
  if (parts.length === 0) return []
  const [first, ...rest] = parts
  try {
    return polyclip.union(first as polyclip.Geom, ...(rest as polyclip.Geom[])) as Parts
  } catch {
    // polyclip gives up on some degenerate input (a ring of two points): nothing measurable is left.
    return []
  }
}

function prepare(feature: GridFeature | ParentFeature, problem: PolygonProblem | null): PreparedShape {
  const parts = closedParts(feature.geometry)
  const degenerate = parts.some((part) => part.some((ring) => !hasThreeDistinct(ring)))
  const measured = problem || degenerate ? repair(parts.map((part) => part.filter((ring) => ring.length >= 4))) : parts
  return {
    id: feature.id,
    featureNumber: 'featureNumber' in feature ? feature.featureNumber : undefined,
    parts,
    measured,
    box: partsBox(parts),
    areaM2: areaOf(measured),
    perimeterM: perimeterMetres(measured),
    problem,
  }
}

function indexOf(shapes: PreparedShape[]): Flatbush | null {
  if (shapes.length === 0) return null
  const index = new Flatbush(shapes.length)
  for (const shape of shapes) {
    const box = Number.isFinite(shape.box.minX) ? shape.box : { minX: 0, minY: 0, maxX: 0, maxY: 0 }
    index.add(box.minX, box.minY, box.maxX, box.maxY)
  }
  index.finish()
  return index
}

export function buildContext(grids: readonly GridFeature[], options: ValidationOptions = {}): ValidationContext {
  const problems = findPolygonProblems(grids)
  const problemOf = new Map(problems.map((problem) => [problem.index, problem]))
  const prepared = grids.map((grid, index) => prepare(grid, problemOf.get(index) ?? null))
  const parents = options.parents ?? []
  const parentProblems = new Map(findPolygonProblems(parents).map((problem) => [problem.index, problem]))
  const preparedParents = parents.map((parent, index) => ({ ...prepare(parent, parentProblems.get(index) ?? null), code: parent.code }))
  return {
    grids: prepared,
    index: indexOf(prepared),
    parents: preparedParents,
    parentIndex: indexOf(preparedParents),
    options: {
      minArea: options.minArea ?? DEFAULT_OPTIONS.minArea,
      minCompactness: options.minCompactness ?? DEFAULT_OPTIONS.minCompactness,
      targetArea: options.targetArea ?? DEFAULT_OPTIONS.targetArea,
      targetFactor: options.targetFactor ?? DEFAULT_OPTIONS.targetFactor,
      noiseArea: options.noiseArea ?? DEFAULT_OPTIONS.noiseArea,
      codes: options.codes ?? DEFAULT_OPTIONS.codes,
    },
  }
}
