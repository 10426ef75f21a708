/**
 * The 总览 map's layer reads (src/data/overview-reads.ts) and the district
 * view the demo build answers in advance (scripts/first-view.ts): a first start only draws
 * from the prepared answers if both ask with the same keys.
 */
import { describe, expect, test } from 'vitest'
import { queryKeys } from '../../src/data/hooks.ts'
import { overviewReads } from '../../src/data/overview-reads.ts'
import type { BBox } from '../../src/domain/geometry/bbox.ts'
import { DEFAULT_URL_STATE } from '../../src/features/overview/url-state.ts'
import { districtViewReads } from '../../scripts/first-view.ts'

const DISTRICT: BBox = [119.812345, 32.401234, 120.012345, 32.551234]

describe('overview reads', () => {
  test('a viewport that contains the whole district asks for the whole district heatmap, whatever its size', () => {
    for (const [bbox, zoom] of [
      [[119.78, 32.39, 120.04, 32.57], 12.1],
      [[119.5, 32.2, 120.3, 32.8], 10.8],
    ] as [BBox, number][]) {
      expect(overviewReads(DEFAULT_URL_STATE, { bbox, zoom }, null, DISTRICT).heatmapCounts.bbox).toBeNull()
    }
  })

  test('a viewport inside the district asks by its (rounded) bbox', () => {
    const reads = overviewReads(DEFAULT_URL_STATE, { bbox: [119.9, 32.45, 119.95, 32.48], zoom: 14 }, null, DISTRICT)
    expect(reads.heatmapCounts.bbox).toEqual([119.9, 32.45, 119.95, 32.48])
    // before the district's extent is known, always by bbox
    expect(overviewReads(DEFAULT_URL_STATE, { bbox: [119.78, 32.39, 120.04, 32.57], zoom: 12 }, null, null).heatmapCounts.bbox).not.toBeNull()
  })

  test('the prepared district view has the keys the map asks with when it opens on the district', () => {
    const prepared = new Set(districtViewReads(DISTRICT).map((read) => JSON.stringify(read.key)))
    // a laptop (street level) and a 4K screen (community level) fitted to the district
    for (const zoom of [11.9, 12.2, 13.4]) {
      const reads = overviewReads(DEFAULT_URL_STATE, { bbox: [119.75, 32.38, 120.07, 32.58], zoom }, null, DISTRICT)
      const keys = [
        queryKeys.areas(reads.district.level, reads.district.query),
        queryKeys.roads(reads.roads),
        queryKeys.areas(reads.grids.level, reads.grids.query),
        queryKeys.incidentCounts(reads.heatmapCounts),
        queryKeys.segments(reads.segments),
        queryKeys.markets(reads.markets),
        queryKeys.constructionSites(reads.sites),
        queryKeys.facilities(reads.facilities),
      ]
      for (const key of keys) expect(prepared).toContain(JSON.stringify(key))
    }
  })
})
