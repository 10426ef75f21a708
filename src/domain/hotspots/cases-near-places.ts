/**
 * Cases around places (issue 17 item 7): how many cases lie within a buffer (default 100 m) of
 * each point place — 农贸市场, 建筑工地 and the like, which this app keeps as points (a polygon,
 * where one exists, is not used: the point is the place). Distances are great-circle
 * (haversine) metres. A case near two places counts for both, since the question is "what
 * happens around this market", not "which market is to blame".
 */
import { HotspotError } from './hotspot-error.ts'
import { buildPointBuckets, pointsWithin } from './point-buckets.ts'

export const DEFAULT_PLACE_BUFFER_METRES = 100

export interface CasesNearPlacesOptions {
  bufferMetres?: number
  /** indices of the cases to count (e.g. the 小类 that belong to markets); all when absent */
  cases?: ArrayLike<number>
  /** also list each place's cases (indices into the case arrays) */
  collectCases?: boolean
}

export interface CasesNearPlaces {
  bufferMetres: number
  /** cases within the buffer, per place */
  counts: Int32Array
  /** cases without usable coordinates, not counted */
  skipped: number
  /** with collectCases: place p's cases are caseIndices[caseOffsets[p] … caseOffsets[p + 1]), in case order */
  caseOffsets?: Int32Array
  caseIndices?: Int32Array
}

export function countCasesNearPlaces(
  caseLon: ArrayLike<number>,
  caseLat: ArrayLike<number>,
  places: ArrayLike<readonly [number, number]>,
  options: CasesNearPlacesOptions = {},
): CasesNearPlaces {
  const bufferMetres = options.bufferMetres ?? DEFAULT_PLACE_BUFFER_METRES
  if (!(Number.isFinite(bufferMetres) && bufferMetres > 0)) throw new HotspotError('bad_radius', `缓冲距离 ${bufferMetres}`)
  if (caseLon.length !== caseLat.length) throw new HotspotError('unequal_lengths', `经度 ${caseLon.length} 个，纬度 ${caseLat.length} 个`)
  const placeLon = new Float64Array(places.length)
  const placeLat = new Float64Array(places.length)
  for (let place = 0; place < places.length; place++) {
    const [lon, lat] = places[place]
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new HotspotError('bad_values', `第 ${place + 1} 个地点的坐标 (${lon}, ${lat}) 不是有效的经纬度`)
    placeLon[place] = lon
    placeLat[place] = lat
  }
  const buckets = buildPointBuckets(placeLon, placeLat, bufferMetres)
  const counts = new Int32Array(places.length)
  const lists: number[][] | null = options.collectCases ? Array.from({ length: places.length }, () => []) : null
  let skipped = 0
  const scratch = { indices: new Int32Array(64) }
  const total = options.cases === undefined ? caseLon.length : options.cases.length
  for (let k = 0; k < total; k++) {
    const index = options.cases === undefined ? k : options.cases[k]
    if (!(Number.isInteger(index) && index >= 0 && index < caseLon.length)) throw new HotspotError('bad_unit_index', `案件序号 ${index} 不在 0…${caseLon.length - 1} 之间`)
    const lon = caseLon[index]
    const lat = caseLat[index]
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      skipped += 1
      continue
    }
    const near = pointsWithin(buckets, lon, lat, scratch)
    for (let found = 0; found < near; found++) {
      const place = scratch.indices[found]
      counts[place] += 1
      lists?.[place].push(index)
    }
  }
  const result: CasesNearPlaces = { bufferMetres, counts, skipped }
  if (lists) {
    result.caseOffsets = new Int32Array(places.length + 1)
    for (let place = 0; place < places.length; place++) result.caseOffsets[place + 1] = result.caseOffsets[place] + lists[place].length
    result.caseIndices = Int32Array.from(lists.flat())
  }
  return result
}
