/**
 * The zoomed-out heatmap: one weighted point per grid (its incident count under the current
 * filters, placed at the grid's centre) instead of up to 100,000 incident points. The
 * aggregate is exact for the filters, costs one row per grid, and at district zoom a grid
 * (~165 m) is a few pixels, so the picture is the same as plotting every incident.
 */
import type { GridCounts } from '../data/schemas.ts'
import type { HeatmapPoint } from '../map/deck-layers.ts'

/** Per-grid counts as heatmap points, each at the point inside its grid the database chose. */
export function gridHeatmapPoints(counts: GridCounts | undefined): HeatmapPoint[] {
  if (!counts) return []
  return counts.filter((row) => row.count > 0).map((row) => ({ position: [row.lon, row.lat], weight: row.count }))
}
