/**
 * Weights between polygon units from a weights choice: queen and rook from the boundaries
 * (contiguity-weights.ts), knn and distance bands between area centroids in the local
 * metric plane (local-metric.ts) or, for planar data, in the data's own units.
 */
import { contiguityNeighbours, type PolygonGeometry } from './contiguity-weights.ts'
import { distanceBandNeighbours, knnNeighbours } from './distance-weights.ts'
import { toMetres, type CoordinateKind } from './local-metric.ts'
import type { NeighbourList } from './neighbour-list.ts'
import { polygonCentroid } from './polygon-centroid.ts'
import type { WeightsSpec } from './weights-spec.ts'

export function polygonNeighbours(geometries: readonly PolygonGeometry[], spec: WeightsSpec, coordinates: CoordinateKind = 'lonlat'): NeighbourList {
  if (spec.kind === 'queen' || spec.kind === 'rook') return contiguityNeighbours(geometries, spec.kind)
  const centroids = geometries.map(polygonCentroid)
  const { x, y } = toMetres(
    centroids.map((centroid) => centroid[0]),
    centroids.map((centroid) => centroid[1]),
    coordinates,
  )
  return spec.kind === 'knn' ? knnNeighbours(x, y, spec.k) : distanceBandNeighbours(x, y, spec.metres)
}
