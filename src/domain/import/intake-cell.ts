/**
 * The `h3` key of an intake row: the resolution-9 H3 cell of its point, which
 * intake_incidents stores in incidents.h3_r9 so that hexagon hotspots count cases instead of
 * re-binning every point (there is no H3 in SQL on our engines, so the writer computes it).
 * Derived here, from the same lon/lat (or GeoJSON Point) the row sends, just before the
 * call; a row whose location is unusable is sent as it is, and the database names the
 * location's problem.
 */
import { caseCell } from '../hotspots/h3-cell.ts'

interface Located {
  lon?: number | null
  lat?: number | null
  geometry?: { type: string; coordinates: readonly number[] } | null
  h3?: string
}

export function withIntakeCell<T extends Located>(row: T): T & { h3?: string } {
  const [lon, lat] = row.geometry?.type === 'Point' ? row.geometry.coordinates : [row.lon, row.lat]
  if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return row
  return { ...row, h3: caseCell(lon, lat) }
}
