/**
 * Emerging hot spots from the cases of a period: counts per unit and time step, one Gi* run
 * per step with the same weights and FDR choice, then the ArcGIS categories
 * (emerging-hotspots.ts). A step in which every unit has the same count (a week without
 * cases) has no variation for Gi* to test: its z is 0 and no unit is a hot or cold spot in it,
 * which is what "nothing stood out that week" means; the summary says how many such steps.
 */
import { emergingHotspotsFromSteps, type EmergingHotspotOptions, type EmergingHotspotResult } from './emerging-hotspots.ts'
import { analyseHotspots } from './hotspot-analysis.ts'
import { HotspotError } from './hotspot-error.ts'
import type { NeighbourList } from './neighbour-list.ts'

export interface EmergingFromCases extends EmergingHotspotResult {
  /** steps without variation, taken as z 0 and no hot or cold spot */
  flatSteps: number[]
  /** counts[step][unit] */
  counts: Float64Array[]
}

export function emergingFromCases(
  unitOfCase: Int32Array,
  stepOfCase: Int32Array,
  unitCount: number,
  stepCount: number,
  neighbours: NeighbourList,
  options: EmergingHotspotOptions & { fdr?: boolean } = {},
): EmergingFromCases {
  const counts = Array.from({ length: stepCount }, () => new Float64Array(unitCount))
  for (let k = 0; k < unitOfCase.length; k++) {
    const unit = unitOfCase[k]
    const step = stepOfCase[k]
    if (unit >= 0 && step >= 0) counts[step][unit] += 1
  }
  const flatSteps: number[] = []
  const perStep = counts.map((values, step) => {
    try {
      const result = analyseHotspots(values, neighbours, { fdr: options.fdr ?? true })
      return { z: result.z, bin: result.bin }
    } catch (error) {
      if (!(error instanceof HotspotError) || error.code !== 'no_variation') throw error
      flatSteps.push(step)
      return { z: new Float64Array(unitCount), bin: new Int8Array(unitCount) }
    }
  })
  return { ...emergingHotspotsFromSteps(perStep, options), flatSteps, counts }
}
