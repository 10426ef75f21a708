/**
 * A spatial hash for "which points are within r metres of here": points go into cells a little
 * larger than r (in degrees, widened for the highest latitude in play), so a query looks at the
 * 3 × 3 cells around it and decides each candidate by the haversine distance. Building is one
 * pass and a counting sort (no per-point objects), so 100,000 points take milliseconds; a
 * query costs the points in nine cells, not all n.
 */
import { haversineLimit, haversineTerm } from './haversine.ts'
import { HotspotError } from './hotspot-error.ts'
import { EARTH_RADIUS_M } from './local-metric.ts'

const RADIANS = Math.PI / 180
/** cells are 1 % larger than the reach, so rounding never hides a point just inside r */
const MARGIN = 1.01
const STRIDE = 2 ** 24
const OFFSET = 2 ** 23

export interface PointBuckets {
  radiusMetres: number
  /** the points' indices into the caller's arrays, bucket by bucket */
  members: Int32Array
  /** bucket b holds members[offsets[b] … offsets[b + 1]) */
  offsets: Int32Array
  bucketOfKey: Map<number, number>
  west: number
  south: number
  cellLongitude: number
  cellLatitude: number
  maximumAbsoluteLatitude: number
  /** radians and cos φ of members[slot], by slot */
  lambda: Float64Array
  phi: Float64Array
  cosPhi: Float64Array
  limit: number
}

function keyOf(column: number, row: number): number {
  return (column + OFFSET) * STRIDE + (row + OFFSET)
}

function longitudeReach(buckets: Pick<PointBuckets, 'cellLatitude' | 'maximumAbsoluteLatitude'>, latitude: number): number {
  const highest = Math.min(89.9, Math.max(Math.abs(latitude), buckets.maximumAbsoluteLatitude) + buckets.cellLatitude)
  return buckets.cellLatitude / Math.cos(highest * RADIANS)
}

/**
 * Buckets the points (all, or those listed in `indices`) that have finite coordinates; the
 * others are left out. `radiusMetres` is the largest distance a query will ask for.
 */
export function buildPointBuckets(lon: ArrayLike<number>, lat: ArrayLike<number>, radiusMetres: number, indices?: ArrayLike<number>): PointBuckets {
  if (!(Number.isFinite(radiusMetres) && radiusMetres > 0 && radiusMetres <= 100_000)) throw new HotspotError('bad_radius', `${radiusMetres}`)
  if (lon.length !== lat.length) throw new HotspotError('unequal_lengths', `经度 ${lon.length} 个，纬度 ${lat.length} 个`)
  const chosen: number[] = []
  const total = indices === undefined ? lon.length : indices.length
  let west = Infinity
  let south = Infinity
  let maximumAbsoluteLatitude = 0
  for (let k = 0; k < total; k++) {
    const index = indices === undefined ? k : indices[k]
    const x = lon[index]
    const y = lat[index]
    if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) continue
    chosen.push(index)
    west = Math.min(west, x)
    south = Math.min(south, y)
    maximumAbsoluteLatitude = Math.max(maximumAbsoluteLatitude, Math.abs(y))
  }
  const cellLatitude = ((radiusMetres / EARTH_RADIUS_M) * MARGIN) / RADIANS
  const cellLongitude = longitudeReach({ cellLatitude, maximumAbsoluteLatitude }, 0)
  const bucketOfKey = new Map<number, number>()
  const bucketOfPoint = new Int32Array(chosen.length)
  const sizes: number[] = []
  for (let k = 0; k < chosen.length; k++) {
    const key = keyOf(Math.floor((lon[chosen[k]] - west) / cellLongitude), Math.floor((lat[chosen[k]] - south) / cellLatitude))
    let bucket = bucketOfKey.get(key)
    if (bucket === undefined) {
      bucket = sizes.length
      bucketOfKey.set(key, bucket)
      sizes.push(0)
    }
    bucketOfPoint[k] = bucket
    sizes[bucket] += 1
  }
  const offsets = new Int32Array(sizes.length + 1)
  for (let bucket = 0; bucket < sizes.length; bucket++) offsets[bucket + 1] = offsets[bucket] + sizes[bucket]
  const cursor = offsets.slice(0, sizes.length)
  const members = new Int32Array(chosen.length)
  // Counting sort keeps the caller's order inside a bucket (e.g. time order).
  for (let k = 0; k < chosen.length; k++) members[cursor[bucketOfPoint[k]]++] = chosen[k]
  // Angles by slot, not by the caller's index, so bucketing a few points of a large set stays small.
  const lambda = new Float64Array(members.length)
  const phi = new Float64Array(members.length)
  const cosPhi = new Float64Array(members.length)
  for (let slot = 0; slot < members.length; slot++) {
    lambda[slot] = lon[members[slot]] * RADIANS
    phi[slot] = lat[members[slot]] * RADIANS
    cosPhi[slot] = Math.cos(phi[slot])
  }
  return { radiusMetres, members, offsets, bucketOfKey, west, south, cellLongitude, cellLatitude, maximumAbsoluteLatitude, lambda, phi, cosPhi, limit: haversineLimit(radiusMetres) }
}

/** Calls `visit(index)` for every bucketed point within the buckets' radius of (lon, lat). */
export function forEachPointWithin(buckets: PointBuckets, lon: number, lat: number, visit: (index: number) => void): void {
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90) || buckets.members.length === 0) return
  const column = Math.floor((lon - buckets.west) / buckets.cellLongitude)
  const row = Math.floor((lat - buckets.south) / buckets.cellLatitude)
  const columns = Math.ceil(longitudeReach(buckets, lat) / buckets.cellLongitude)
  const lambda = lon * RADIANS
  const phi = lat * RADIANS
  const cosPhi = Math.cos(phi)
  for (let dx = -columns; dx <= columns; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const bucket = buckets.bucketOfKey.get(keyOf(column + dx, row + dy))
      if (bucket === undefined) continue
      for (let slot = buckets.offsets[bucket]; slot < buckets.offsets[bucket + 1]; slot++) {
        if (haversineTerm(lambda, phi, cosPhi, buckets.lambda[slot], buckets.phi[slot], buckets.cosPhi[slot]) <= buckets.limit) visit(buckets.members[slot])
      }
    }
  }
}

/** A growable buffer for pointsWithin, reused across queries so a query allocates nothing. */
export interface PointScratch {
  indices: Int32Array
}

/**
 * The bucketed points within the radius of (lon, lat), written to scratch.indices[0 … count)
 * (grown when needed); returns the count. The same as forEachPointWithin, without a callback.
 */
export function pointsWithin(buckets: PointBuckets, lon: number, lat: number, scratch: PointScratch): number {
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90) || buckets.members.length === 0) return 0
  const column = Math.floor((lon - buckets.west) / buckets.cellLongitude)
  const row = Math.floor((lat - buckets.south) / buckets.cellLatitude)
  const columns = Math.ceil(longitudeReach(buckets, lat) / buckets.cellLongitude)
  const lambda = lon * RADIANS
  const phi = lat * RADIANS
  const cosPhi = Math.cos(phi)
  let count = 0
  for (let dx = -columns; dx <= columns; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const bucket = buckets.bucketOfKey.get(keyOf(column + dx, row + dy))
      if (bucket === undefined) continue
      const end = buckets.offsets[bucket + 1]
      for (let slot = buckets.offsets[bucket]; slot < end; slot++) {
        if (haversineTerm(lambda, phi, cosPhi, buckets.lambda[slot], buckets.phi[slot], buckets.cosPhi[slot]) > buckets.limit) continue
        if (count === scratch.indices.length) {
          const grown = new Int32Array(Math.max(64, count * 2))
          grown.set(scratch.indices)
          scratch.indices = grown
        }
        scratch.indices[count++] = buckets.members[slot]
      }
    }
  }
  return count
}
