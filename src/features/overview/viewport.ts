/**
 * Turning the map's viewport into layer queries. The bbox is rounded outward to a coarse
 * step so small pans hit react-query's cache instead of asking the database again.
 */
import type { AreaCollection, BBox, GridCounts } from '../../data/schemas.ts'
import type { HeatmapPoint } from '../../map/deck-layers.ts'

/** ~0.005° is ~500 m here: a few percent of a typical viewport. */
export function roundBboxOutward(bbox: BBox, step = 0.005): BBox {
  const down = (value: number) => Number((Math.floor(value / step) * step).toFixed(6))
  const up = (value: number) => Number((Math.ceil(value / step) * step).toFixed(6))
  return [down(bbox[0]), down(bbox[1]), up(bbox[2]), up(bbox[3])]
}

/**
 * A representative point for a small convex-ish polygon: the mean of its outer ring's
 * vertices. Unit grids are compact, so this lands inside them; it only places heat.
 */
export function ringMean(ring: number[][]): [number, number] {
  const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
  const points = closed ? ring.slice(0, -1) : ring
  let lon = 0
  let lat = 0
  for (const point of points) {
    lon += point[0]
    lat += point[1]
  }
  return [lon / points.length, lat / points.length]
}

/**
 * The zoomed-out heatmap: one weighted point per grid (its incident count under the current
 * filters, placed at the grid's centre) instead of up to 100,000 incident points. The
 * aggregate is exact for the filters, costs one row per grid, and at district zoom a grid
 * (~165 m) is a few pixels, so the picture is the same as plotting every incident.
 */
export function gridHeatmapPoints(grids: AreaCollection | undefined, counts: GridCounts | undefined): HeatmapPoint[] {
  if (!grids || !counts) return []
  const countByCode = new Map(counts.map((row) => [row.grid_code, row.count]))
  const points: HeatmapPoint[] = []
  for (const feature of grids.features) {
    const count = countByCode.get(feature.properties.code)
    if (!count) continue
    const ring = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates[0][0] : null
    if (!ring || ring.length === 0) continue
    points.push({ position: ringMean(ring), weight: count })
  }
  return points
}

/** Bounding box of any GeoJSON geometry, for fly-to and for looking a feature up again. */
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
