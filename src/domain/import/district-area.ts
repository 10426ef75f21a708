/**
 * "Is this point in our district?" for every row of a possibly very large file. The district
 * outline has thousands of vertices, so its edges go into a flatbush index and each test counts
 * crossings only among the edges a rightward ray can meet (even-odd rule, so holes and
 * multipolygons work). Which grid a point lands in is the database's decision; this only
 * separates points that can get a grid from points that cannot.
 */
import Flatbush from 'flatbush'
import type { BBox } from '../geometry/bbox.ts'

export interface DistrictArea {
  bbox: BBox
  contains(lon: number, lat: number): boolean
}

export function districtAreaFromBbox(bbox: BBox): DistrictArea {
  const [minLon, minLat, maxLon, maxLat] = bbox
  return { bbox, contains: (lon, lat) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat }
}

export function districtAreaFromGeometry(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): DistrictArea {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const edges: number[] = [] // x1, y1, x2, y2 per edge
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let index = 0; index + 1 < ring.length; index++) {
        edges.push(ring[index][0], ring[index][1], ring[index + 1][0], ring[index + 1][1])
      }
    }
  }
  const count = edges.length / 4
  if (count === 0) throw new Error('district geometry has no edges')
  const index = new Flatbush(count)
  let minLon = Infinity
  let minLat = Infinity
  let maxLon = -Infinity
  let maxLat = -Infinity
  for (let edge = 0; edge < count; edge++) {
    const [x1, y1, x2, y2] = edges.slice(edge * 4, edge * 4 + 4)
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2))
    minLon = Math.min(minLon, x1)
    maxLon = Math.max(maxLon, x1)
    minLat = Math.min(minLat, y1)
    maxLat = Math.max(maxLat, y1)
  }
  index.finish()
  const bbox: BBox = [minLon, minLat, maxLon, maxLat]
  return {
    bbox,
    contains(lon, lat) {
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false
      let inside = false
      for (const edge of index.search(lon, lat, maxLon, lat)) {
        const x1 = edges[edge * 4]
        const y1 = edges[edge * 4 + 1]
        const x2 = edges[edge * 4 + 2]
        const y2 = edges[edge * 4 + 3]
        // Half-open in y so a ray through a vertex counts the two edges meeting there once.
        if (y1 > lat !== y2 > lat) {
          const crossingLon = x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)
          if (crossingLon > lon) inside = !inside
        }
      }
      return inside
    },
  }
}

/** A district given as an area, a bbox or its outline. */
export type DistrictInput = DistrictArea | BBox | GeoJSON.Polygon | GeoJSON.MultiPolygon

export function toDistrictArea(input: DistrictInput): DistrictArea {
  if (Array.isArray(input)) return districtAreaFromBbox(input as BBox)
  if ('contains' in input) return input
  return districtAreaFromGeometry(input)
}
