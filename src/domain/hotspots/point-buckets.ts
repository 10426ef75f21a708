/**
 * A spatial hash for "which points are within r metres of here": points go into cells a little
 * larger than r (in degrees, widened for the highest latitude in play), so a query looks at the
 * 3 × 3 cells around it and decides each candidate by the haversine distance. Building is one
 * pass and a counting sort (no per-point objects); a query costs the points in nine cells, not
 * all n. Cells are numbered column × rows + row over the points' extent: a dense table when
 * the extent has few cells for the points (a district's cases), a Map of those small integers
 * otherwise (a few points far apart), so a lookup never hashes a large double.
 */
import { haversineLimit, haversineTerm } from './haversine.ts'
import { HotspotError } from './hotspot-error.ts'
import { EARTH_RADIUS_M } from './local-metric.ts'

const RADIANS = Math.PI / 180
/** cells are 1 % larger than the reach, so rounding never hides a point just inside r */
const MARGIN = 1.01
/** a dense cell table is used up to this many cells per point (and at least 4,096 cells) */
const DENSE_CELLS_PER_POINT = 8

export interface PointBuckets {
  radiusMetres: number
  /** the points' indices into the caller's arrays, bucket by bucket */
  members: Int32Array
  /** bucket b holds members[offsets[b] … offsets[b + 1]) */
  offsets: Int32Array
  /** cell (column × rows + row) → bucket: dense table (−1 = empty) or Map */
  denseCells: Int32Array | null
  sparseCells: Map<number, number> | null
  columns: number
  rows: number
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

function longitudeReach(cellLatitude: number, maximumAbsoluteLatitude: number, latitude: number): number {
  const highest = Math.min(89.9, Math.max(Math.abs(latitude), maximumAbsoluteLatitude) + cellLatitude)
  return cellLatitude / Math.cos(highest * RADIANS)
}

function bucketAt(buckets: PointBuckets, column: number, row: number): number {
  if (column < 0 || row < 0 || column >= buckets.columns || row >= buckets.rows) return -1
  const cell = column * buckets.rows + row
  return buckets.denseCells ? buckets.denseCells[cell] : (buckets.sparseCells!.get(cell) ?? -1)
}

/**
 * Buckets the points (all, or those listed in `indices`) that have finite coordinates; the
 * others are left out. `radiusMetres` is the largest distance a query will ask for.
 */
export function buildPointBuckets(lon: ArrayLike<number>, lat: ArrayLike<number>, radiusMetres: number, indices?: ArrayLike<number>): PointBuckets {
  if (!(Number.isFinite(radiusMetres) && radiusMetres > 0 && radiusMetres <= 100_000)) throw new HotspotError('bad_radius', `${radiusMetres}`)
  if (lon.length !== lat.length) throw new HotspotError('unequal_lengths', `经度 ${lon.length} 个，纬度 ${lat.length} 个`)
  const total = indices === undefined ? lon.length : indices.length
  const chosen = new Int32Array(total)
  let count = 0
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  let maximumAbsoluteLatitude = 0
  for (let k = 0; k < total; k++) {
    const index = indices === undefined ? k : indices[k]
    const x = lon[index]
    const y = lat[index]
    if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) continue
    chosen[count++] = index
    if (x < west) west = x
    if (x > east) east = x
    if (y < south) south = y
    if (y > north) north = y
    if (Math.abs(y) > maximumAbsoluteLatitude) maximumAbsoluteLatitude = Math.abs(y)
  }
  const cellLatitude = ((radiusMetres / EARTH_RADIUS_M) * MARGIN) / RADIANS
  const cellLongitude = longitudeReach(cellLatitude, maximumAbsoluteLatitude, 0)
  const columns = count === 0 ? 0 : Math.floor((east - west) / cellLongitude) + 1
  const rows = count === 0 ? 0 : Math.floor((north - south) / cellLatitude) + 1
  const dense = columns * rows <= Math.max(4096, DENSE_CELLS_PER_POINT * count)
  const denseCells = dense ? new Int32Array(columns * rows).fill(-1) : null
  const sparseCells = dense ? null : new Map<number, number>()
  const bucketOfPoint = new Int32Array(count)
  const sizes: number[] = []
  for (let k = 0; k < count; k++) {
    const cell = Math.floor((lon[chosen[k]] - west) / cellLongitude) * rows + Math.floor((lat[chosen[k]] - south) / cellLatitude)
    let bucket = denseCells ? denseCells[cell] : (sparseCells!.get(cell) ?? -1)
    if (bucket === -1) {
      bucket = sizes.length
      if (denseCells) denseCells[cell] = bucket
      else sparseCells!.set(cell, bucket)
      sizes.push(0)
    }
    bucketOfPoint[k] = bucket
    sizes[bucket] += 1
  }
  const offsets = new Int32Array(sizes.length + 1)
  for (let bucket = 0; bucket < sizes.length; bucket++) offsets[bucket + 1] = offsets[bucket] + sizes[bucket]
  const cursor = offsets.slice(0, sizes.length)
  const members = new Int32Array(count)
  // Counting sort keeps the caller's order inside a bucket (e.g. time order).
  for (let k = 0; k < count; k++) members[cursor[bucketOfPoint[k]]++] = chosen[k]
  // Angles by slot, not by the caller's index, so bucketing a few points of a large set stays small.
  const lambda = new Float64Array(count)
  const phi = new Float64Array(count)
  const cosPhi = new Float64Array(count)
  for (let slot = 0; slot < count; slot++) {
    lambda[slot] = lon[members[slot]] * RADIANS
    phi[slot] = lat[members[slot]] * RADIANS
    cosPhi[slot] = Math.cos(phi[slot])
  }
  return {
    radiusMetres,
    members,
    offsets,
    denseCells,
    sparseCells,
    columns,
    rows,
    west,
    south,
    cellLongitude,
    cellLatitude,
    maximumAbsoluteLatitude,
    lambda,
    phi,
    cosPhi,
    limit: haversineLimit(radiusMetres),
  }
}

/** A growable buffer for pointsWithin, reused across queries so a query allocates nothing. */
export interface PointScratch {
  indices: Int32Array
}

/**
 * The bucketed points within the radius of (lon, lat), written to scratch.indices[0 … count)
 * (grown when needed); returns the count, in bucket order.
 */
export function pointsWithin(buckets: PointBuckets, lon: number, lat: number, scratch: PointScratch): number {
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90) || buckets.members.length === 0) return 0
  const column = Math.floor((lon - buckets.west) / buckets.cellLongitude)
  const row = Math.floor((lat - buckets.south) / buckets.cellLatitude)
  const reach = Math.ceil(longitudeReach(buckets.cellLatitude, buckets.maximumAbsoluteLatitude, lat) / buckets.cellLongitude)
  const lambda = lon * RADIANS
  const phi = lat * RADIANS
  const cosPhi = Math.cos(phi)
  let count = 0
  for (let dx = -reach; dx <= reach; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const bucket = bucketAt(buckets, column + dx, row + dy)
      if (bucket === -1) continue
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

/** Calls `visit(index)` for every bucketed point within the buckets' radius of (lon, lat). */
export function forEachPointWithin(buckets: PointBuckets, lon: number, lat: number, visit: (index: number) => void, scratch: PointScratch = { indices: new Int32Array(64) }): void {
  const count = pointsWithin(buckets, lon, lat, scratch)
  for (let k = 0; k < count; k++) visit(scratch.indices[k])
}
