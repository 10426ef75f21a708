/**
 * The demo's back streets form a network a cleaner could walk: continuous lines cut into segments
 * that meet end to end, ends on a road or on another back street, one connected piece per 街道.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { DemoDistrict, Position } from '../../scripts/demo/model.ts'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import { measureBackStreetNetwork, type NetworkFigures } from '../../scripts/demo/backstreet-network.ts'
import { segmentsIntersect } from '../../scripts/demo/validate.ts'
import { toLonLat } from '../../scripts/demo/geo.ts'
import { key } from './demo-support.ts'

let demo: DemoDistrict
let figures: NetworkFigures

beforeAll(() => {
  demo = generateDemoDistrict()
  figures = measureBackStreetNetwork(demo)
}, 60_000)

describe('back streets and their segments', () => {
  it('has 657 back streets in 1,900–2,200 segments, each back street cut into at least two', () => {
    expect(demo.backStreets.length).toBe(657)
    expect(demo.segments.length).toBeGreaterThanOrEqual(1900)
    expect(demo.segments.length).toBeLessThanOrEqual(2200)
    const perStreet = new Map<number, number>()
    for (const s of demo.segments) perStreet.set(s.backStreetId, (perStreet.get(s.backStreetId) ?? 0) + 1)
    expect(perStreet.size).toBe(657)
    for (const n of perStreet.values()) expect(n).toBeGreaterThanOrEqual(2)
  })

  it('cuts each back street into consecutive segments that share their end points and together are its line', () => {
    const bySeq = new Map<number, DemoDistrict['segments']>()
    for (const s of demo.segments) bySeq.set(s.backStreetId, [...(bySeq.get(s.backStreetId) ?? []), s])
    for (const b of demo.backStreets) {
      const parts = bySeq.get(b.id)!
      expect(parts.map((s) => s.seq)).toEqual(parts.map((_, k) => k + 1))
      for (let k = 0; k + 1 < parts.length; k++) expect(parts[k].geometry.coordinates.at(-1)).toEqual(parts[k + 1].geometry.coordinates[0])
      const joined = parts.flatMap((s, k) => (k === 0 ? s.geometry.coordinates : s.geometry.coordinates.slice(1)))
      expect(joined).toEqual(b.geometry.coordinates)
    }
    expect(figures.consecutivePairsNotShared).toBe(0)
    expect(figures.maxConsecutiveGapM).toBe(0)
  })

  it('keeps segments 40 m or longer, most of them 60–150 m', () => {
    expect(figures.segmentLengthMinM).toBeGreaterThanOrEqual(40)
    expect(figures.segmentLengthP10M).toBeGreaterThanOrEqual(60)
    expect(figures.segmentLengthMedianM).toBeGreaterThanOrEqual(80)
    expect(figures.segmentLengthMedianM).toBeLessThanOrEqual(130)
    expect(figures.segmentLengthP90M).toBeLessThanOrEqual(170)
  })

  it('ends every back street on a road vertex or on a vertex of another back street of its 街道', () => {
    const roadVertices = new Set(demo.roads.flatMap((r) => r.geometry.coordinates.map(key)))
    const owners = new Map<string, number[]>()
    for (const b of demo.backStreets) for (const p of b.geometry.coordinates) owners.set(key(p), [...(owners.get(key(p)) ?? []), b.id])
    const loose: string[] = []
    for (const b of demo.backStreets) {
      for (const end of [b.geometry.coordinates[0], b.geometry.coordinates.at(-1)!]) {
        const onRoad = roadVertices.has(key(end))
        const onOther = (owners.get(key(end)) ?? []).some((id) => id !== b.id && demo.backStreets[id - 1].streetId === b.streetId)
        if (!onRoad && !onOther) loose.push(`${b.id} ${b.name} at ${key(end)}`)
      }
    }
    expect(loose).toEqual([])
    expect(figures.endsJoined).toBe(figures.backStreetEnds)
    // both kinds occur: alleys reach the roads and meet each other
    expect(figures.endsOnRoad / figures.backStreetEnds).toBeGreaterThan(0.3)
    expect(figures.endsOnBackStreetVertex / figures.backStreetEnds).toBeGreaterThan(0.5)
  })

  it('makes each 街道’s segments one connected network', () => {
    expect(figures.componentsByStreet.size).toBe(demo.streets.length)
    expect(Math.max(...figures.componentsByStreet.values())).toBe(1)
  })

  it('never lets back streets cross or touch except at a shared vertex, and never revisits a vertex', () => {
    const pieces: { street: number; k: number; a: Position; b: Position }[] = []
    for (const b of demo.backStreets) {
      const c = b.geometry.coordinates
      expect(new Set(c.map(key)).size).toBe(c.length)
      for (let k = 0; k + 1 < c.length; k++) pieces.push({ street: b.id, k, a: c[k], b: c[k + 1] })
    }
    const size = 0.002
    const buckets = new Map<string, number[]>()
    pieces.forEach((p, n) => {
      for (let x = Math.floor(Math.min(p.a[0], p.b[0]) / size); x <= Math.floor(Math.max(p.a[0], p.b[0]) / size); x++) {
        for (let y = Math.floor(Math.min(p.a[1], p.b[1]) / size); y <= Math.floor(Math.max(p.a[1], p.b[1]) / size); y++) buckets.set(`${x}:${y}`, [...(buckets.get(`${x}:${y}`) ?? []), n])
      }
    })
    const shared = (p: (typeof pieces)[number], q: (typeof pieces)[number]) => [p.a, p.b].some((x) => key(x) === key(q.a) || key(x) === key(q.b))
    const bad = new Set<string>()
    for (const list of buckets.values()) {
      for (const m of list) {
        for (const n of list) {
          const p = pieces[m]
          const q = pieces[n]
          if (n <= m || (p.street === q.street && Math.abs(p.k - q.k) === 1) || !segmentsIntersect(p.a, p.b, q.a, q.b)) continue
          if (p.street !== q.street && shared(p, q)) continue
          bad.add(`${p.street}:${p.k} × ${q.street}:${q.k}`)
        }
      }
    }
    expect([...bad]).toEqual([])
  })
})

describe('the network measure', () => {
  // a tiny made-up 街道: metres east/north → positions
  const at = (x: number, y: number) => toLonLat(x, y)
  const line = (...points: [number, number][]) => ({ type: 'LineString' as const, coordinates: points.map(([x, y]) => at(x, y)) })
  const road = { id: 1, name: '甲路', kind: 'main' as const, geometry: line([0, 0], [0, 400]) }
  const streetsOf = (geometries: ReturnType<typeof line>[][]) => {
    const backStreets = geometries.map((parts, k) => ({ id: k + 1, name: `巷${k}`, streetId: 1, geometry: { type: 'LineString' as const, coordinates: parts.flatMap((p, m) => (m === 0 ? p.coordinates : p.coordinates.slice(1))) } }))
    let id = 0
    const segments = geometries.flatMap((parts, k) => parts.map((geometry, m) => ({ id: ++id, backStreetId: k + 1, seq: m + 1, geometry, cleaningGrade: 1 as const })))
    return { backStreets, segments, roads: [road] }
  }

  it('joins segments across gaps up to 30 m, reports larger gaps as separate pieces', () => {
    // street 1 from the road east; street 2 starts on its middle vertex (a T); street 3 is 25 m off; street 4 is 45 m off
    const f = measureBackStreetNetwork(
      streetsOf([
        [line([0, 100], [80, 100]), line([80, 100], [160, 100])],
        [line([80, 100], [80, 180]), line([80, 180], [80, 260])],
        [line([185, 100], [260, 100]), line([260, 100], [330, 100])],
        [line([80, 305], [160, 305]), line([160, 305], [240, 305])],
      ]),
    )
    expect(f.componentsByStreet.get(1)).toBe(2)
    expect(f.consecutivePairsNotShared).toBe(0)
    expect(f.backStreetEnds).toBe(8)
    expect(f.endsOnRoad).toBe(1)
    expect(f.endsOnBackStreetVertex).toBe(1)
    expect(f.endsJoined).toBe(2)
  })

  it('measures a gap between consecutive segments', () => {
    const f = measureBackStreetNetwork(streetsOf([[line([0, 100], [80, 100]), line([120, 100], [200, 100])]]))
    expect(f.consecutivePairsNotShared).toBe(1)
    expect(f.maxConsecutiveGapM).toBeCloseTo(40, 0)
  })
})
