/**
 * What the 排名 tab ranks (issue 17 item 7): the units of analysis, back-street segments (the
 * cases the placement rules put on each segment, per km of segment), 农贸市场 and 建筑工地
 * (cases within a buffer of the place, default 100 m; a case near two places counts for both).
 * Each target gives its objects' names and boxes (to fly to), counts in both periods, a
 * measure for the rate, and weekly (or daily) counts in this period for the sparkline.
 */
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import {
  countCasesNearPlaces,
  countPerUnit,
  rankUnits,
  stepIndexOf,
  unitStepCounts,
  type RankingRow,
  type TimeSteps,
} from '../../domain/hotspots/index.ts'

export const RANKING_TARGETS = ['units', 'segments', 'markets', 'sites'] as const
export type RankingTarget = (typeof RANKING_TARGETS)[number]

export interface RankedObjects {
  ids: string[]
  names: string[]
  bboxes: [number, number, number, number][]
  /** what the rate is per: km² of a unit, km of a segment; none for places */
  measure: 'km2' | 'km' | null
  rows: RankingRow[]
}

export interface Place {
  id: string
  name: string
  lon: number
  lat: number
}

function pointBox(lon: number, lat: number): [number, number, number, number] {
  return [lon - 0.003, lat - 0.0025, lon + 0.003, lat + 0.0025]
}

/** Counts per object when each case belongs to at most one (units, segments). */
export function rankByIndex(
  ids: string[],
  names: string[],
  bboxes: [number, number, number, number][],
  measure: RankedObjects['measure'],
  measures: ArrayLike<number> | null,
  indexOfCase: Int32Array,
  previousIndexOfCase: Int32Array,
  current: PeriodCases,
  steps: TimeSteps,
): RankedObjects {
  const count = ids.length
  const series = unitStepCounts(current.time, indexOfCase, count, steps)
  const rows = rankUnits({
    current: countPerUnit(indexOfCase, count),
    previous: countPerUnit(previousIndexOfCase, count),
    measures: measures ?? undefined,
    series: { counts: series, steps: steps.starts.length },
  })
  return { ids, names, bboxes, measure, rows }
}

/** The segment index of each case (the segment the placement rules put it on), −1 for none. */
export function segmentIndexOfCases(cases: PeriodCases, segmentIds: readonly number[]): Int32Array {
  const index = new Map<number, number>()
  segmentIds.forEach((id, position) => index.set(id, position))
  return Int32Array.from(cases.segment, (segment) => (segment === null ? -1 : (index.get(segment) ?? -1)))
}

/** Cases within `bufferMetres` of each place, in both periods, with this period's series. */
export function rankPlaces(places: readonly Place[], current: PeriodCases, previous: PeriodCases, bufferMetres: number, steps: TimeSteps): RankedObjects {
  const points = places.map((place) => [place.lon, place.lat] as const)
  const now = countCasesNearPlaces(current.lon, current.lat, points, { bufferMetres, collectCases: true })
  const before = countCasesNearPlaces(previous.lon, previous.lat, points, { bufferMetres })
  const stepCount = steps.starts.length
  const series = new Int32Array(places.length * stepCount)
  const offsets = now.caseOffsets!
  const indices = now.caseIndices!
  for (let place = 0; place < places.length; place++) {
    for (let k = offsets[place]; k < offsets[place + 1]; k++) {
      const step = stepIndexOf(steps, current.time[indices[k]])
      if (step >= 0) series[place * stepCount + step] += 1
    }
  }
  return {
    ids: places.map((place) => place.id),
    names: places.map((place) => place.name),
    bboxes: places.map((place) => pointBox(place.lon, place.lat)),
    measure: null,
    rows: rankUnits({ current: now.counts, previous: before.counts, series: { counts: series, steps: stepCount } }),
  }
}

/** A place's point: a Point as it is, a polygon by the mean of its outer ring's vertices. */
export function placeOf(feature: GeoJSON.Feature): [number, number] | null {
  const geometry = feature.geometry
  if (!geometry) return null
  if (geometry.type === 'Point') return [geometry.coordinates[0], geometry.coordinates[1]]
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.type === 'MultiPolygon' ? geometry.coordinates[0]?.[0] : null
  if (!ring || ring.length < 2) return null
  const vertices = ring.slice(0, -1)
  return [vertices.reduce((sum, [lon]) => sum + lon, 0) / vertices.length, vertices.reduce((sum, [, lat]) => sum + lat, 0) / vertices.length]
}
