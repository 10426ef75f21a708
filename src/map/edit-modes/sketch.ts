/**
 * The sketch a drawing mode shows while it is under way: the points placed, a rubber band to
 * the pointer, and a marker where the pointer snapped (a square on a vertex, a circle on an
 * edge). Plain GeoJSON for the host's sketch layers (sketch-layers.ts).
 */
import type { Position, SnapHit } from './types.ts'

export function sketchCollection(points: readonly Position[], cursor: Position | null, snap: SnapHit | null, closed: boolean): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = []
  const line = cursor ? [...points, cursor] : [...points]
  if (closed && line.length >= 3) {
    features.push({ type: 'Feature', properties: { role: 'area' }, geometry: { type: 'Polygon', coordinates: [[...line, line[0]]] } })
  }
  if (line.length >= 2) {
    features.push({ type: 'Feature', properties: { role: 'line' }, geometry: { type: 'LineString', coordinates: closed && line.length >= 3 ? [...line, line[0]] : line } })
  }
  points.forEach((point, index) => features.push({ type: 'Feature', properties: { role: index === 0 ? 'first' : 'point' }, geometry: { type: 'Point', coordinates: point } }))
  if (snap) features.push({ type: 'Feature', properties: { role: snap.kind === 'vertex' ? 'snap-vertex' : 'snap-edge' }, geometry: { type: 'Point', coordinates: snap.lngLat } })
  return { type: 'FeatureCollection', features }
}

export const EMPTY_SKETCH: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }
