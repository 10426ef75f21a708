/**
 * Great-circle distance on the sphere of the WGS84 mean radius (the radius the local metric
 * plane uses too). Places and recurring problems decide "within r metres" with it, so their
 * answers do not depend on where the local plane is centred.
 */
import { EARTH_RADIUS_M } from './local-metric.ts'

const RADIANS = Math.PI / 180

export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(haversineTerm(lon1 * RADIANS, lat1 * RADIANS, Math.cos(lat1 * RADIANS), lon2 * RADIANS, lat2 * RADIANS, Math.cos(lat2 * RADIANS))))
}

/** The haversine `a` (angles in radians, cosines given): distance ≤ r ⇔ a ≤ haversineLimit(r). */
export function haversineTerm(lambda1: number, phi1: number, cosPhi1: number, lambda2: number, phi2: number, cosPhi2: number): number {
  const latitude = Math.sin((phi2 - phi1) / 2)
  const longitude = Math.sin((lambda2 - lambda1) / 2)
  return Math.min(1, latitude * latitude + cosPhi1 * cosPhi2 * longitude * longitude)
}

export function haversineLimit(radiusMetres: number): number {
  const half = Math.sin(Math.min(Math.PI / 2, radiusMetres / (2 * EARTH_RADIUS_M)))
  return half * half
}
