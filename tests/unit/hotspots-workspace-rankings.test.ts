/**
 * The 热点分析 workspace's ranking targets and map paint: segments by the cases placed on them,
 * places by cases within a buffer (both periods, weekly series), a place's point, and the
 * views' colours — one scale for both periods, the difference on a diverging scale, Gi* and
 * playback steps.
 */
import { describe, expect, it } from 'vitest'
import type { PeriodCases } from '../../src/data/hotspot-reads.ts'
import { colourDomain, gridNeighbours, gridParametersFor, makeGrid, timeSteps } from '../../src/domain/hotspots/index.ts'
import { paintMap, paintStep } from '../../src/features/hotspots/map-paint.ts'
import { DIVERGING_COLOURS, GI_BIN_COLOURS, SEQUENTIAL_COLOURS } from '../../src/features/hotspots/hotspot-layers.ts'
import { placeOf, rankByIndex, rankPlaces, segmentIndexOfCases } from '../../src/features/hotspots/ranking-targets.ts'
import type { UnitSet } from '../../src/features/hotspots/unit-sets.ts'

const DAY = 86_400_000
const FROM = Date.parse('2026-07-05T16:00:00Z') // a Monday, 00:00 in Beijing

function cases(rows: { lon: number; lat: number; day: number; segment?: number | null }[]): PeriodCases {
  return {
    length: rows.length,
    id: Int32Array.from(rows, (_row, index) => index + 1),
    lon: Float64Array.from(rows, (row) => row.lon),
    lat: Float64Array.from(rows, (row) => row.lat),
    time: Float64Array.from(rows, (row) => FROM + row.day * DAY + 3_600_000),
    category: rows.map(() => '06001'),
    source: rows.map(() => 'patrol'),
    grid: rows.map(() => null),
    segment: rows.map((row) => row.segment ?? null),
    h3: null,
  }
}

const t = ((key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`) as never

describe('ranking targets', () => {
  const steps = timeSteps(FROM, FROM + 14 * DAY, 'week', 8)

  it('ranks segments by the cases placed on them, per km, with ties sharing a rank', () => {
    const now = cases([
      { lon: 0, lat: 0, day: 0, segment: 11 },
      { lon: 0, lat: 0, day: 8, segment: 11 },
      { lon: 0, lat: 0, day: 1, segment: 12 },
      { lon: 0, lat: 0, day: 2, segment: 13 },
      { lon: 0, lat: 0, day: 3, segment: null },
    ])
    const before = cases([{ lon: 0, lat: 0, day: 0, segment: 12 }, { lon: 0, lat: 0, day: 0, segment: 12 }])
    const ids = [11, 12, 13]
    expect([...segmentIndexOfCases(now, ids)]).toEqual([0, 0, 1, 2, -1])
    const ranked = rankByIndex(ids.map(String), ['甲', '乙', '丙'], ids.map(() => [0, 0, 1, 1]), 'km', [0.5, 0.25, 1], segmentIndexOfCases(now, ids), segmentIndexOfCases(before, ids), now, steps)
    expect(ranked.rows.map((row) => [ranked.names[row.unit], row.rank, row.count, row.previous, row.rate])).toEqual([
      ['甲', 1, 2, 0, 4],
      ['乙', 2, 1, 2, 4],
      ['丙', 2, 1, 0, 1],
    ])
    expect([...ranked.rows[0].sparkline!]).toEqual([1, 1])
    expect(ranked.rows[1].changePercent).toBe(-50)
  })

  it('counts the cases within the buffer of each place in both periods, a case near two places for both', () => {
    // Two markets 100 m apart (at 32° N, 0.00106° of longitude ≈ 100 m); cases between them.
    const places = [
      { id: '1', name: '东市场', lon: 119.9, lat: 32.0 },
      { id: '2', name: '西市场', lon: 119.90106, lat: 32.0 },
    ]
    const now = cases([
      { lon: 119.90053, lat: 32.0, day: 0 }, // ~50 m from both
      { lon: 119.9, lat: 32.0002, day: 9 }, // ~22 m from the first
      { lon: 119.95, lat: 32.0, day: 1 }, // far from both
    ])
    const before = cases([{ lon: 119.90106, lat: 32.0, day: 0 }])
    const ranked = rankPlaces(places, now, before, 60, steps)
    const byName = Object.fromEntries(ranked.rows.map((row) => [ranked.names[row.unit], row]))
    expect(byName['东市场'].count).toBe(2)
    expect(byName['西市场'].count).toBe(1)
    expect(byName['西市场'].previous).toBe(1)
    expect([...byName['东市场'].sparkline!]).toEqual([1, 1])
    expect(ranked.measure).toBeNull()
    expect(rankPlaces(places, now, before, 20, steps).rows.every((row) => row.count <= 1)).toBe(true)
  })

  it('takes a place’s point from a Point, or the mean of a polygon’s outer ring', () => {
    expect(placeOf({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } })).toEqual([1, 2])
    expect(placeOf({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] } })).toEqual([1, 1])
    expect(placeOf({ type: 'Feature', properties: {}, geometry: null as never })).toBeNull()
  })
})

describe('map paint', () => {
  const grid = makeGrid(gridParametersFor({ west: 0, south: 0, east: 0.02, north: 0.02 }, 1000))
  const count = grid.cellOfUnit.length
  const units: UnitSet = {
    kind: 'square',
    ids: Array.from({ length: count }, (_u, index) => `u${index}`),
    names: Array.from({ length: count }, (_u, index) => `u${index}`),
    geometries: Array.from({ length: count }, () => ({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] })),
    areaKm2: new Float64Array(count).fill(1),
    bboxes: Array.from({ length: count }, () => [0, 0, 1, 1] as [number, number, number, number]),
    unitOfCases: () => new Int32Array(0),
    neighbours: (spec) => gridNeighbours(grid, spec),
  }
  const counts = Float64Array.from({ length: count }, (_u, index) => index % 5)
  const previousCounts = Float64Array.from({ length: count }, (_u, index) => (index % 5) + (index % 2))
  const input = { units, counts, previousCounts, rates: counts, previousRates: previousCounts, gi: null, emerging: null, density: null, fdr: true, t, language: 'zh-CN' }
  const colourOf = (painted: ReturnType<typeof paintMap>, unit: number) => painted.unitFeatures.features[unit].properties!.colour as string | null

  it('paints both periods on one scale: the same count is the same colour in either', () => {
    const now = paintMap({ ...input, view: 'count', side: 'current' })
    const before = paintMap({ ...input, view: 'count', side: 'previous' })
    expect(now.legend).toEqual(before.legend)
    expect(now.legend!.entries[0].label).toBe('0')
    for (let unit = 0; unit < count; unit++) {
      if (counts[unit] === 0) expect(colourOf(now, unit)).toBeNull()
      else expect(SEQUENTIAL_COLOURS).toContain(colourOf(now, unit))
      const twin = Array.from(previousCounts).indexOf(counts[unit])
      if (twin >= 0) expect(colourOf(before, twin)).toBe(colourOf(now, unit))
    }
  })

  it('paints the change on a diverging scale: more in reds, fewer in blues, none clear', () => {
    const painted = paintMap({ ...input, view: 'difference', side: 'current' })
    for (let unit = 0; unit < count; unit++) {
      const change = counts[unit] - previousCounts[unit]
      const colour = colourOf(painted, unit)
      if (change === 0) expect(colour).toBeNull()
      else expect(DIVERGING_COLOURS.indexOf(colour as never) < 3).toBe(change < 0)
    }
    expect(painted.legend!.entries.some((entry) => entry.label === 'legend.noChange')).toBe(true)
  })

  it('paints Gi* bins by their own colours, not-significant units clear', () => {
    const bin = Int8Array.from({ length: count }, (_u, index) => (index === 0 ? 3 : index === 1 ? -2 : 0))
    const painted = paintMap({ ...input, view: 'gi', side: 'current', gi: { bin } as never })
    expect(colourOf(painted, 0)).toBe(GI_BIN_COLOURS[3])
    expect(colourOf(painted, 1)).toBe(GI_BIN_COLOURS[-2])
    expect(colourOf(painted, 2)).toBeNull()
    expect(painted.legend!.entries).toHaveLength(7)
  })

  it('paints a playback step on classes from every step', () => {
    const steps = 3
    const flat = Int32Array.from({ length: count * steps }, (_v, index) => index % 7)
    const domain = colourDomain([flat])
    const painted = paintStep(units, flat, steps, 1, domain, 'title', 'zh-CN', 'note')
    for (let unit = 0; unit < count; unit++) {
      const value = flat[unit * steps + 1]
      if (value === 0) expect(colourOf(painted, unit)).toBeNull()
      else expect(colourOf(painted, unit)).not.toBeNull()
    }
    expect(painted.legend!.title).toBe('title')
  })
})
