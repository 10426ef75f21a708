/**
 * The 热点分析 figures as functions of their inputs, memoised: unit counts of both periods,
 * rates, Gi*, emerging hot spots (only while shown) and the density surface (only while
 * shown), each recomputed only when what it depends on changes.
 */
import { useMemo } from 'react'
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import { colourDomain, type WeightsSpec } from '../../domain/hotspots/index.ts'
import { kernelDensity } from '../../domain/hotspots/kernel-density.ts'
import type { HotspotView } from './HotspotFilters.tsx'
import { runEmerging, runGiStar, unitCounts, unitRates } from './hotspot-analysis.ts'
import type { UnitSet } from './unit-sets.ts'

/** The density surface: 100 m cells, a 300 m quartic kernel (a block or two either way). */
export const DENSITY_CELL_METRES = 100
export const DENSITY_RADIUS_METRES = 300

export interface HotspotAnalysisInput {
  units: UnitSet | null
  current: PeriodCases | null
  previous: PeriodCases | null
  weights: WeightsSpec
  fdr: boolean
  view: HotspotView
  /** the previous period's Gi* too (two periods side by side) */
  previousGi: boolean
  firstDay: string | null
  lastDay: string | null
  offsetHours: number
  districtBbox: [number, number, number, number] | null
  /** the words for the analysed value (counts, rates), for the choices list */
  countLabel: string
  rateLabel: string
}

export function useHotspotAnalysis({ units, current, previous, weights, fdr, view, firstDay, lastDay, offsetHours, districtBbox, countLabel, rateLabel, previousGi: wantPreviousGi }: HotspotAnalysisInput) {
  const counted = useMemo(() => (units && current ? unitCounts(units, current) : null), [units, current])
  const previousCounted = useMemo(() => (units && previous ? unitCounts(units, previous) : null), [units, previous])
  const rates = useMemo(() => (units && counted ? unitRates(units, counted.counts) : null), [units, counted])
  const previousRates = useMemo(() => (units && previousCounted ? unitRates(units, previousCounted.counts) : null), [units, previousCounted])
  // Squares are equal in area: Gi* on counts. Grids, communities and streets differ in size:
  // on cases per km², so a large unit is not a hot spot for its size alone.
  const giOnRates = units?.kind !== 'square' && units?.kind !== 'hexagon'
  const gi = useMemo(() => {
    if (!units || !counted || !rates) return null
    return runGiStar(units, giOnRates ? rates : counted.counts, weights, fdr, giOnRates ? rateLabel : countLabel)
  }, [units, counted, rates, giOnRates, weights, fdr, countLabel, rateLabel])
  const previousGi = useMemo(() => {
    if (!wantPreviousGi || !units || !previousCounted || !previousRates) return null
    return runGiStar(units, giOnRates ? previousRates : previousCounted.counts, weights, fdr, giOnRates ? rateLabel : countLabel)
  }, [wantPreviousGi, units, previousCounted, previousRates, giOnRates, weights, fdr, countLabel, rateLabel])
  const emerging = useMemo(() => {
    if (view !== 'emerging' || !units || !counted || !current || !firstDay || !lastDay) return null
    return runEmerging(units, current, counted.unitOfCase, { first: firstDay, last: lastDay }, offsetHours, weights, fdr)
  }, [view, units, counted, current, firstDay, lastDay, offsetHours, weights, fdr])

  const density = useMemo(() => {
    if (view !== 'density' || !districtBbox || !current || !previous) return null
    const extent = { west: districtBbox[0], south: districtBbox[1], east: districtBbox[2], north: districtBbox[3] }
    const options = { extent, cellMetres: DENSITY_CELL_METRES, radiusMetres: DENSITY_RADIUS_METRES }
    const now = kernelDensity(current.lon, current.lat, options)
    const before = kernelDensity(previous.lon, previous.lat, options)
    return { now, before, classes: colourDomain([now.values, before.values]), radiusMetres: DENSITY_RADIUS_METRES }
  }, [view, districtBbox, current, previous])

  return { counted, previousCounted, rates, previousRates, gi, previousGi, emerging, density }
}
