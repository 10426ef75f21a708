/**
 * Distances for knn and distance bands are measured in a local metric plane: lon/lat are
 * projected equirectangularly about the data's middle latitude (x = R·cos φ0·Δλ, y = R·Δφ,
 * R = 6,371,008.8 m, the WGS84 mean radius), and distances are straight lines in metres.
 * Over a city (±0.1° of latitude) the scale differs from the great circle by under 0.2 %;
 * the same plane is what the 250 m squares are cut in, so a cell's neighbours by distance are
 * exact multiples of its side. Planar data (coordinates already in metres or arbitrary units,
 * e.g. the Columbus and esda reference sets) is used as it is.
 */
export const EARTH_RADIUS_M = 6371008.8
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180

export type CoordinateKind = 'lonlat' | 'planar'

export interface LocalPlane {
  /** latitude whose parallel keeps its true scale */
  latitude: number
  longitude: number
}

export function localPlaneFor(xs: ArrayLike<number>, ys: ArrayLike<number>): LocalPlane {
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  for (let k = 0; k < xs.length; k++) {
    minX = Math.min(minX, xs[k])
    maxX = Math.max(maxX, xs[k])
    minY = Math.min(minY, ys[k])
    maxY = Math.max(maxY, ys[k])
  }
  return xs.length === 0 ? { latitude: 0, longitude: 0 } : { latitude: (minY + maxY) / 2, longitude: (minX + maxX) / 2 }
}

/** Points in metres in the local plane (a copy; planar input is copied as it is). */
export function toMetres(xs: ArrayLike<number>, ys: ArrayLike<number>, kind: CoordinateKind): { x: Float64Array; y: Float64Array } {
  const x = Float64Array.from(xs)
  const y = Float64Array.from(ys)
  if (kind === 'planar') return { x, y }
  const plane = localPlaneFor(xs, ys)
  const scaleX = METRES_PER_DEGREE * Math.cos((plane.latitude * Math.PI) / 180)
  for (let k = 0; k < x.length; k++) {
    x[k] = (x[k] - plane.longitude) * scaleX
    y[k] = (y[k] - plane.latitude) * METRES_PER_DEGREE
  }
  return { x, y }
}

/** Whether coordinates can be lon/lat at all (a planar file often cannot). */
export function looksLikeLonLat(xs: ArrayLike<number>, ys: ArrayLike<number>): boolean {
  for (let k = 0; k < xs.length; k++) if (!(Math.abs(xs[k]) <= 180 && Math.abs(ys[k]) <= 90)) return false
  return true
}
