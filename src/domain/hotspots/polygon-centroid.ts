/**
 * A polygon's area centroid (holes subtracted, parts weighted by area), in its own
 * coordinates; the centre knn and distance bands measure from, as libpysal and ArcGIS do.
 * A degenerate polygon (zero area) falls back to the mean of its outer vertices.
 */
import type { PolygonGeometry } from './contiguity-weights.ts'

export function polygonCentroid(geometry: PolygonGeometry): [number, number] {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let area = 0
  let sumX = 0
  let sumY = 0
  let vertexX = 0
  let vertexY = 0
  let vertices = 0
  for (const part of parts) {
    part.forEach((ring, ringIndex) => {
      // Shoelace about the ring's first vertex, for precision far from the origin.
      const [ox, oy] = ring[0] ?? [0, 0]
      let ringArea = 0
      let ringX = 0
      let ringY = 0
      for (let k = 0; k + 1 < ring.length; k++) {
        const x0 = ring[k][0] - ox
        const y0 = ring[k][1] - oy
        const x1 = ring[k + 1][0] - ox
        const y1 = ring[k + 1][1] - oy
        const crossed = x0 * y1 - x1 * y0
        ringArea += crossed
        ringX += (x0 + x1) * crossed
        ringY += (y0 + y1) * crossed
        if (ringIndex === 0) {
          vertexX += ring[k][0]
          vertexY += ring[k][1]
          vertices += 1
        }
      }
      // Outer rings count positive and holes negative whatever their winding.
      const sign = (ringIndex === 0 ? 1 : -1) * Math.sign(ringArea)
      const signedArea = Math.abs(ringArea / 2) * (ringIndex === 0 ? 1 : -1)
      if (ringArea !== 0) {
        area += signedArea
        sumX += sign * (ringX / 6 + (ox * ringArea) / 2)
        sumY += sign * (ringY / 6 + (oy * ringArea) / 2)
      }
    })
  }
  if (area === 0 || !Number.isFinite(area)) return vertices > 0 ? [vertexX / vertices, vertexY / vertices] : [NaN, NaN]
  return [sumX / area, sumY / area]
}
