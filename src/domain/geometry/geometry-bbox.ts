/** The bounding box of any GeoJSON geometry, for fly-to and for looking a feature up again. */
import type { BBox } from './bbox.ts'

export function geometryBbox(geometry: GeoJSON.Geometry): BBox {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      west = Math.min(west, value[0] as number)
      east = Math.max(east, value[0] as number)
      south = Math.min(south, value[1] as number)
      north = Math.max(north, value[1] as number)
    } else if (Array.isArray(value)) value.forEach(visit)
  }
  if (geometry.type === 'GeometryCollection') {
    for (const part of geometry.geometries) {
      const [partWest, partSouth, partEast, partNorth] = geometryBbox(part)
      visit([partWest, partSouth])
      visit([partEast, partNorth])
    }
  }
  else visit(geometry.coordinates)
  return [west, south, east, north]
}
