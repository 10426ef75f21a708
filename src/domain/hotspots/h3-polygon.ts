/** An H3 cell as a GeoJSON polygon for drawing: [lon, lat], one closed ring (h3-js's GeoJSON form). */
import { cellToBoundary } from 'h3-js'

export function h3CellPolygon(cell: string): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [cellToBoundary(cell, true)] }
}
