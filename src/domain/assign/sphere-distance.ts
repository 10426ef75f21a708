/**
 * Point-to-line distance on a sphere, computed the way PostGIS computes
 * ST_Distance(line::geography, point::geography, false) — same radius, same formulas, same
 * order of operations — so that "within 30 m" and "nearest first" come out the same as the
 * database's answer. (PostGIS: liblwgeom/lwgeodetic.c edge_distance_to_point and
 * sphere_distance, then the result rounded to 1e-8 m in geography_distance.)
 */

/** PostGIS's sphere for use_spheroid = false: the WGS84 mean radius (2a + b) / 3. */
export const SPHERE_RADIUS_M = 6371008.771415059

/** PostGIS's deg2rad, same order of operations (normalisation is a no-op for ordinary lon/lat). */
export function radians(degrees: number): number {
  return (Math.PI * degrees) / 180.0
}

/** Great-circle angle between two (lon, lat) points in radians, by the atan2 (Vincenty) form. */
export function sphereAngle(lonS: number, latS: number, lonE: number, latE: number): number {
  const deltaLon = lonE - lonS
  const cosDeltaLon = Math.cos(deltaLon)
  const cosLatE = Math.cos(latE)
  const sinLatE = Math.sin(latE)
  const cosLatS = Math.cos(latS)
  const sinLatS = Math.sin(latS)
  const a1 = cosLatE * Math.sin(deltaLon)
  const a2 = cosLatS * sinLatE - sinLatS * cosLatE * cosDeltaLon
  const a = Math.sqrt(a1 * a1 + a2 * a2)
  const b = sinLatS * sinLatE + cosLatS * cosLatE * cosDeltaLon
  return Math.atan2(a, b)
}

const FP_TOLERANCE = 1e-12

/** The nearest point found by the last edgeAngleToPoint call (radians). */
export const nearestOnEdge = { lon: 0, lat: 0 }

/**
 * Angle from point p (radians) to the great-circle arc s→e (radians): the foot of the
 * perpendicular when it falls on the arc, else the nearer end (left in nearestOnEdge).
 */
export function edgeAngleToPoint(sLon: number, sLat: number, eLon: number, eLat: number, pLon: number, pLat: number): number {
  if (sLon === eLon && sLat === eLat) {
    nearestOnEdge.lon = sLon
    nearestOnEdge.lat = sLat
    return sphereAngle(sLon, sLat, pLon, pLat)
  }
  // Normal of the arc's plane from the lon/lat form, accurate for short arcs.
  const lonSum = (eLon + sLon) / -2.0
  const lonDifference = (eLon - sLon) / 2.0
  const sinLatDifference = Math.sin(sLat - eLat)
  const sinLatSum = Math.sin(sLat + eLat)
  const sinLonSum = Math.sin(lonSum)
  const sinLonDifference = Math.sin(lonDifference)
  const cosLonSum = Math.cos(lonSum)
  const cosLonDifference = Math.cos(lonDifference)
  let nx = sinLatDifference * sinLonSum * cosLonDifference - sinLatSum * cosLonSum * sinLonDifference
  let ny = sinLatDifference * cosLonSum * cosLonDifference + sinLatSum * sinLonSum * sinLonDifference
  let nz = Math.cos(sLat) * Math.cos(eLat) * Math.sin(eLon - sLon)
  const normalLength = Math.sqrt(nx * nx + ny * ny + nz * nz)
  if (normalLength <= FP_TOLERANCE) {
    nx = 0
    ny = 0
    nz = 0
  } else {
    nx /= normalLength
    ny /= normalLength
    nz /= normalLength
  }
  const cosPLat = Math.cos(pLat)
  const px = cosPLat * Math.cos(pLon)
  const py = cosPLat * Math.sin(pLon)
  const pz = Math.sin(pLat)
  // Project p onto the plane, back onto the sphere.
  const along = px * nx + py * ny + pz * nz
  let kx = px - nx * along
  let ky = py - ny * along
  let kz = pz - nz * along
  const kLength = Math.sqrt(kx * kx + ky * ky + kz * kz)
  if (kLength <= FP_TOLERANCE) {
    kx = 0
    ky = 0
    kz = 0
  } else {
    kx /= kLength
    ky /= kLength
    kz /= kLength
  }
  const kLon = Math.atan2(ky, kx)
  const kLat = Math.asin(kz)
  let nearest = 1000000000.0
  nearestOnEdge.lon = kLon
  nearestOnEdge.lat = kLat
  if (arcContains(sLon, sLat, eLon, eLat, nx, ny, nz, kLon, kLat)) nearest = sphereAngle(pLon, pLat, kLon, kLat)
  const toStart = sphereAngle(pLon, pLat, sLon, sLat)
  if (toStart < nearest) {
    nearest = toStart
    nearestOnEdge.lon = sLon
    nearestOnEdge.lat = sLat
  }
  const toEnd = sphereAngle(pLon, pLat, eLon, eLat)
  if (toEnd < nearest) {
    nearest = toEnd
    nearestOnEdge.lon = eLon
    nearestOnEdge.lat = eLat
  }
  return nearest
}

/** Is point k (already on the arc's great circle, in theory) within the arc s→e? */
function arcContains(sLon: number, sLat: number, eLon: number, eLat: number, nx: number, ny: number, nz: number, kLon: number, kLat: number): boolean {
  const cosSLat = Math.cos(sLat)
  const sx = cosSLat * Math.cos(sLon)
  const sy = cosSLat * Math.sin(sLon)
  const sz = Math.sin(sLat)
  const cosELat = Math.cos(eLat)
  const ex = cosELat * Math.cos(eLon)
  const ey = cosELat * Math.sin(eLon)
  const ez = Math.sin(eLat)
  const cosKLat = Math.cos(kLat)
  const kx = cosKLat * Math.cos(kLon)
  const ky = cosKLat * Math.sin(kLon)
  const kz = Math.sin(kLat)
  // In the cone around the arc's midpoint direction …
  let inCone = true
  if (!(sx === -1.0 * ex && sy === -1.0 * ey && sz === -1.0 * ez)) {
    let cx = sx + ex
    let cy = sy + ey
    let cz = sz + ez
    const cLength = Math.sqrt(cx * cx + cy * cy + cz * cz)
    if (cLength <= FP_TOLERANCE) {
      cx = 0
      cy = 0
      cz = 0
    } else {
      cx /= cLength
      cy /= cLength
      cz /= cLength
    }
    const startSimilarity = sx * cx + sy * cy + sz * cz
    const pointSimilarity = kx * cx + ky * cy + kz * cz
    inCone = pointSimilarity > startSimilarity || Math.abs(pointSimilarity - startSimilarity) < 2e-16
  }
  if (!inCone) return false
  // … and on the arc's plane.
  return Math.abs(nx * kx + ny * ky + nz * kz) <= FP_TOLERANCE
}

/**
 * ST_Distance(line::geography, point::geography, false) in metres, rounded like PostGIS
 * (to 1e-8 m). `line` is flat lon,lat degrees. Like PostGIS's tree distance, the nearest
 * point is found edge by edge (first edge wins a tie) and the distance is then measured
 * again from that point to the query point.
 */
export function lineDistanceToPointM(line: ArrayLike<number>, lon: number, lat: number): number {
  const pLon = radians(lon)
  const pLat = radians(lat)
  const count = line.length >> 1
  if (count === 0) return Infinity
  let closestLon = radians(line[0])
  let closestLat = radians(line[1])
  let nearest = Infinity
  for (let k = 0; k + 1 < count; k++) {
    const angle = edgeAngleToPoint(radians(line[2 * k]), radians(line[2 * k + 1]), radians(line[2 * k + 2]), radians(line[2 * k + 3]), pLon, pLat)
    if (angle < nearest) {
      nearest = angle
      closestLon = nearestOnEdge.lon
      closestLat = nearestOnEdge.lat
    }
  }
  return roundLikePostgis(SPHERE_RADIUS_M * sphereAngle(closestLon, closestLat, pLon, pLat))
}

export function roundLikePostgis(metres: number): number {
  return Math.round(metres * 1e8) / 1e8
}
