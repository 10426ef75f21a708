/**
 * Turning the map's viewport into layer queries. The bbox is rounded outward to a coarse
 * step so small pans hit react-query's cache instead of asking the database again.
 */
import type { GridCounts } from '../../data/schemas.ts'
import type { BBox } from '../../domain/geometry/bbox.ts'
import type { HeatmapPoint } from '../../map/deck-layers.ts'

/** ~0.005° is ~500 m here: a few percent of a typical viewport. */
export function roundBboxOutward(bbox: BBox, step = 0.005): BBox {
  const down = (value: number) => Number((Math.floor(value / step) * step).toFixed(6))
  const up = (value: number) => Number((Math.ceil(value / step) * step).toFixed(6))
  return [down(bbox[0]), down(bbox[1]), up(bbox[2]), up(bbox[3])]
}

/**
 * The zoomed-out heatmap: one weighted point per grid (its incident count under the current
 * filters, placed at the grid's centre) instead of up to 100,000 incident points. The
 * aggregate is exact for the filters, costs one row per grid, and at district zoom a grid
 * (~165 m) is a few pixels, so the picture is the same as plotting every incident.
 */
/** Per-grid counts as heatmap points, each at the point inside its grid the database chose. */
export function gridHeatmapPoints(counts: GridCounts | undefined): HeatmapPoint[] {
  if (!counts) return []
  return counts.filter((row) => row.count > 0).map((row) => ({ position: [row.lon, row.lat], weight: row.count }))
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
