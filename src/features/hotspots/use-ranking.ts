/**
 * The 排名 tab's figures (ranking-targets.ts) for the chosen target: the objects' reads are
 * made only while that target is shown, and the ranking is recomputed only when its inputs
 * change. Sparklines are by week over this period.
 */
import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { useConstructionSites, useMarkets, useSegments } from '../../data/hooks.ts'
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import { geometryBbox } from '../../domain/geometry/geometry-bbox.ts'
import { timeSteps } from '../../domain/hotspots/index.ts'
import { placeOf, rankByIndex, rankPlaces, segmentIndexOfCases, type RankedObjects, type RankingTarget } from './ranking-targets.ts'
import type { UnitSet } from './unit-sets.ts'

export interface RankingInput {
  target: RankingTarget
  bufferMetres: number
  current: PeriodCases | null
  previous: PeriodCases | null
  /** this period's instants, ISO; `to` exclusive */
  from: string | null
  to: string | null
  offsetHours: number
  units: UnitSet | null
  unitOfCase: Int32Array | null
  previousUnitOfCase: Int32Array | null
  /** the hotspots namespace's t: segment names are written in the language */
  t: TFunction<'hotspots'>
}

export function useRanking({ target, bufferMetres, current, previous, from, to, offsetHours, units, unitOfCase, previousUnitOfCase, t }: RankingInput): RankedObjects | null {
  const segments = useSegments({ limit: 20000 }, { enabled: target === 'segments' })
  const markets = useMarkets({ limit: 10000 }, { enabled: target === 'markets' })
  const sites = useConstructionSites({ limit: 10000 }, { enabled: target === 'sites' })
  const weeks = useMemo(() => (from && to ? timeSteps(Date.parse(from), Date.parse(to), 'week', offsetHours) : null), [from, to, offsetHours])
  const segmentFeatures = segments.data?.features
  const placeFeatures = (target === 'markets' ? markets.data?.features : target === 'sites' ? sites.data?.features : undefined) as GeoJSON.Feature[] | undefined
  // Names follow the language; the ranking itself does not.
  const segmentNames = useMemo(() => segmentFeatures?.map((feature) => t('ranking.segmentName', { street: feature.properties.back_street_name, seq: feature.properties.seq })) ?? null, [segmentFeatures, t])
  return useMemo(() => {
    if (!current || !previous || !weeks) return null
    if (target === 'units') {
      if (!units || !unitOfCase || !previousUnitOfCase) return null
      return rankByIndex(units.ids, units.names, units.bboxes, 'km2', units.areaKm2, unitOfCase, previousUnitOfCase, current, weeks)
    }
    if (target === 'segments') {
      if (!segmentFeatures || !segmentNames) return null
      const ids = segmentFeatures.map((feature) => feature.properties.id)
      return rankByIndex(
        ids.map(String),
        segmentNames,
        segmentFeatures.map((feature) => geometryBbox(feature.geometry as GeoJSON.Geometry)),
        'km',
        segmentFeatures.map((feature) => feature.properties.length_m / 1000),
        segmentIndexOfCases(current, ids),
        segmentIndexOfCases(previous, ids),
        current,
        weeks,
      )
    }
    if (!placeFeatures) return null
    const places = placeFeatures.flatMap((feature) => {
      const point = placeOf(feature)
      return point ? [{ id: String(feature.id ?? feature.properties?.id), name: String(feature.properties?.name ?? ''), lon: point[0], lat: point[1] }] : []
    })
    return rankPlaces(places, current, previous, bufferMetres, weeks)
  }, [target, current, previous, weeks, units, unitOfCase, previousUnitOfCase, segmentFeatures, segmentNames, placeFeatures, bufferMetres])
}
