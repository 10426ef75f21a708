/**
 * Measures the demo's back-street network the way a beat balancer sees it: are consecutive
 * segments of one back street joined end to end, do back-street ends meet a road or another back
 * street, and how many connected pieces does each 街道's set of segments fall into.
 *
 * Two segments of one 街道 are joined when an end point of one lies within JOIN_GAP_M of any point
 * of the other (so shared end points, T-junctions on a vertex and small gaps all count), or when
 * they share a vertex (alleys crossing at a cell centre).
 */
import type { DemoDistrict, Position } from './model.ts'
import { distanceToSegmentMetres, lineLengthMetres } from './geo.ts'

export const JOIN_GAP_M = 30
/** an end this close to a road line counts as on the road */
export const ON_ROAD_M = 1

export interface NetworkFigures {
  consecutivePairs: number
  /** largest distance between segment k's last and segment k + 1's first coordinate, metres */
  maxConsecutiveGapM: number
  /** pairs whose coordinates differ at all */
  consecutivePairsNotShared: number
  backStreetEnds: number
  /** ends within ON_ROAD_M of a road line */
  endsOnRoad: number
  /** ends that are exactly a vertex of another back street of the same 街道 */
  endsOnBackStreetVertex: number
  /** ends on a road or on another back street's vertex */
  endsJoined: number
  /** connected components of each 街道's segments, by street id */
  componentsByStreet: Map<number, number>
  segmentLengthMedianM: number
  segmentLengthP10M: number
  segmentLengthP90M: number
  segmentLengthMinM: number
}

const same = (p: Position, q: Position) => p[0] === q[0] && p[1] === q[1]
const vertexKey = (p: Position) => `${p[0]},${p[1]}`

function distanceToLine(p: Position, line: Position[]): number {
  let best = Infinity
  for (let k = 0; k + 1 < line.length; k++) best = Math.min(best, distanceToSegmentMetres(p[0], p[1], line[k], line[k + 1]))
  return best
}

/** Smallest distance from p to any road, bucketed on ~100 m squares of road edges. */
function roadDistance(roads: DemoDistrict['roads']): (p: Position) => number {
  const size = 0.001
  const buckets = new Map<string, [Position, Position][]>()
  for (const road of roads) {
    const c = road.geometry.coordinates
    for (let k = 0; k + 1 < c.length; k++) {
      for (let x = Math.floor(Math.min(c[k][0], c[k + 1][0]) / size) - 1; x <= Math.floor(Math.max(c[k][0], c[k + 1][0]) / size) + 1; x++) {
        for (let y = Math.floor(Math.min(c[k][1], c[k + 1][1]) / size) - 1; y <= Math.floor(Math.max(c[k][1], c[k + 1][1]) / size) + 1; y++) {
          const key = `${x}:${y}`
          const list = buckets.get(key) ?? []
          list.push([c[k], c[k + 1]])
          buckets.set(key, list)
        }
      }
    }
  }
  return (p) => {
    let best = Infinity
    for (const [a, b] of buckets.get(`${Math.floor(p[0] / size)}:${Math.floor(p[1] / size)}`) ?? []) best = Math.min(best, distanceToSegmentMetres(p[0], p[1], a, b))
    return best
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

export function measureBackStreetNetwork(demo: Pick<DemoDistrict, 'backStreets' | 'segments' | 'roads'>): NetworkFigures {
  const segmentsOf = new Map<number, DemoDistrict['segments']>()
  for (const s of demo.segments) segmentsOf.set(s.backStreetId, [...(segmentsOf.get(s.backStreetId) ?? []), s])

  let consecutivePairs = 0
  let maxConsecutiveGapM = 0
  let consecutivePairsNotShared = 0
  for (const list of segmentsOf.values()) {
    const ordered = [...list].sort((a, b) => a.seq - b.seq)
    for (let k = 0; k + 1 < ordered.length; k++) {
      const end = ordered[k].geometry.coordinates[ordered[k].geometry.coordinates.length - 1]
      const start = ordered[k + 1].geometry.coordinates[0]
      consecutivePairs++
      if (!same(end, start)) consecutivePairsNotShared++
      maxConsecutiveGapM = Math.max(maxConsecutiveGapM, lineLengthMetres([end, start]))
    }
  }

  // back-street ends: on a road, or a vertex of another back street of the same 街道
  const nearestRoad = roadDistance(demo.roads)
  const vertexOwners = new Map<string, Set<number>>()
  for (const b of demo.backStreets) {
    for (const p of b.geometry.coordinates) {
      const owners = vertexOwners.get(vertexKey(p)) ?? new Set<number>()
      owners.add(b.id)
      vertexOwners.set(vertexKey(p), owners)
    }
  }
  let endsOnRoad = 0
  let endsOnBackStreetVertex = 0
  let endsJoined = 0
  for (const b of demo.backStreets) {
    const line = b.geometry.coordinates
    for (const end of [line[0], line[line.length - 1]]) {
      const onRoad = nearestRoad(end) <= ON_ROAD_M
      const onOther = [...(vertexOwners.get(vertexKey(end)) ?? [])].some((id) => id !== b.id && demo.backStreets[id - 1].streetId === b.streetId)
      if (onRoad) endsOnRoad++
      if (onOther) endsOnBackStreetVertex++
      if (onRoad || onOther) endsJoined++
    }
  }

  // components per 街道 (union-find over that street's segments)
  const componentsByStreet = new Map<number, number>()
  const byStreet = new Map<number, DemoDistrict['segments']>()
  for (const s of demo.segments) {
    const street = demo.backStreets[s.backStreetId - 1].streetId
    byStreet.set(street, [...(byStreet.get(street) ?? []), s])
  }
  for (const [street, list] of [...byStreet].sort((a, b) => a[0] - b[0])) {
    const parent = list.map((_, k) => k)
    const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])))
    // alleys crossing on a vertex they share (a + or T junction inside both segments)
    const atVertex = new Map<string, number>()
    list.forEach((segment, k) => {
      for (const p of segment.geometry.coordinates) {
        const other = atVertex.get(vertexKey(p))
        if (other === undefined) atVertex.set(vertexKey(p), k)
        else parent[find(k)] = find(other)
      }
    })
    for (let a = 0; a < list.length; a++) {
      const line = list[a].geometry.coordinates
      for (const end of [line[0], line[line.length - 1]]) {
        for (let b = 0; b < list.length; b++) {
          if (b === a || find(a) === find(b)) continue
          if (distanceToLine(end, list[b].geometry.coordinates) <= JOIN_GAP_M) parent[find(a)] = find(b)
        }
      }
    }
    componentsByStreet.set(street, new Set(list.map((_, k) => find(k))).size)
  }

  const lengths = demo.segments.map((s) => lineLengthMetres(s.geometry.coordinates)).sort((a, b) => a - b)
  return {
    consecutivePairs,
    maxConsecutiveGapM,
    consecutivePairsNotShared,
    backStreetEnds: 2 * demo.backStreets.length,
    endsOnRoad,
    endsOnBackStreetVertex,
    endsJoined,
    componentsByStreet,
    segmentLengthMedianM: quantile(lengths, 0.5),
    segmentLengthP10M: quantile(lengths, 0.1),
    segmentLengthP90M: quantile(lengths, 0.9),
    segmentLengthMinM: lengths[0],
  }
}

export function describeNetwork(f: NetworkFigures): string {
  const components = [...f.componentsByStreet.values()]
  const pct = (n: number) => `${((100 * n) / f.backStreetEnds).toFixed(1)}%`
  return [
    `consecutive segments: ${f.consecutivePairs} pairs, ${f.consecutivePairsNotShared} not sharing their end point, largest gap ${f.maxConsecutiveGapM.toFixed(1)} m`,
    `back-street ends: ${f.backStreetEnds}, on a road ${pct(f.endsOnRoad)}, on another back street ${pct(f.endsOnBackStreetVertex)}, joined ${pct(f.endsJoined)}`,
    `components per 街道 (≤ ${JOIN_GAP_M} m): ${components.join(' ')} (max ${Math.max(...components)}, total ${components.reduce((a, v) => a + v, 0)})`,
    `segment length: min ${f.segmentLengthMinM.toFixed(0)} m, p10 ${f.segmentLengthP10M.toFixed(0)} m, median ${f.segmentLengthMedianM.toFixed(0)} m, p90 ${f.segmentLengthP90M.toFixed(0)} m`,
  ].join('\n')
}
