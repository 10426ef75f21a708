import { describe, expect, it } from 'vitest'
import { Rng } from '../../scripts/demo/prng.ts'
import { buildSegmentIndex, distanceMillimetres, type SegmentInput } from '../../src/domain/assign/segment-index.ts'
import { SPHERE_RADIUS_M, lineDistanceToPointM } from '../../src/domain/assign/sphere-distance.ts'

type Vector = [number, number, number]
const toVector = (lon: number, lat: number): Vector => {
  const l = (lon * Math.PI) / 180
  const p = (lat * Math.PI) / 180
  return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)]
}
const cross = (a: Vector, b: Vector): Vector => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
const dot = (a: Vector, b: Vector) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const angle = (a: Vector, b: Vector) => Math.atan2(Math.hypot(...cross(a, b)), dot(a, b))

/** Textbook great-circle distance from a point to a polyline: written independently of PostGIS's code. */
function referenceDistanceM(line: [number, number][], lon: number, lat: number): number {
  const p = toVector(lon, lat)
  let best = Infinity
  for (let k = 0; k + 1 < line.length; k++) {
    const a = toVector(...line[k])
    const b = toVector(...line[k + 1])
    const normal = cross(a, b)
    const length = Math.hypot(...normal)
    let distance = Math.min(angle(p, a), angle(p, b))
    if (length > 0) {
      const n: Vector = [normal[0] / length, normal[1] / length, normal[2] / length]
      const along = dot(p, n)
      const foot: Vector = [p[0] - n[0] * along, p[1] - n[1] * along, p[2] - n[2] * along]
      // The foot lies on the arc when it is on the inner side of both end points.
      if (dot(cross(a, foot), n) >= 0 && dot(cross(foot, b), n) >= 0) distance = Math.min(distance, Math.abs(Math.asin(Math.max(-1, Math.min(1, along)))))
    }
    best = Math.min(best, distance)
  }
  return best * SPHERE_RADIUS_M
}

function randomSegments(rng: Rng, count: number): SegmentInput[] {
  const segments: SegmentInput[] = []
  for (let id = 1; id <= count; id++) {
    let lon = 119.9 + rng.next() * 0.05
    let lat = 32.45 + rng.next() * 0.05
    const coordinates: [number, number][] = [[lon, lat]]
    const vertices = rng.int(1, 5)
    for (let k = 0; k < vertices; k++) {
      lon += (rng.next() - 0.5) * 0.002
      lat += (rng.next() - 0.5) * 0.002
      coordinates.push([lon, lat])
    }
    segments.push({ id, coordinates })
  }
  return segments
}

describe('sphere distance', () => {
  it('matches a textbook great-circle computation to well under a millimetre', () => {
    const rng = new Rng(3, 3)
    for (const segment of randomSegments(rng, 200)) {
      const lon = 119.9 + rng.next() * 0.05
      const lat = 32.45 + rng.next() * 0.05
      const line = segment.coordinates as [number, number][]
      expect(Math.abs(lineDistanceToPointM(line.flat(), lon, lat) - referenceDistanceM(line, lon, lat))).toBeLessThan(1e-4)
    }
  })

  it('one degree of a meridian is πR/180 and the foot of the perpendicular counts', () => {
    expect(lineDistanceToPointM([120, 30, 120, 31], 120, 32)).toBeCloseTo((Math.PI * SPHERE_RADIUS_M) / 180, 3)
    // Beside the middle of an east-west edge on the equator: the great circle is the equator.
    expect(lineDistanceToPointM([0, 0, 2, 0], 1, 0.001)).toBeCloseTo((0.001 * Math.PI * SPHERE_RADIUS_M) / 180, 6)
  })
})

describe('buildSegmentIndex', () => {
  it('nearest within the distance, ties to the smaller id, as a scan over every segment says', () => {
    const rng = new Rng(11, 5)
    const segments = randomSegments(rng, 300)
    // A duplicate of segment 7 under a larger id: equal distances, the smaller id must win.
    segments.push({ id: 1000, coordinates: segments[6].coordinates })
    const index = buildSegmentIndex(segments)
    const flat: Record<number, number[]> = Object.fromEntries(segments.map((segment) => [segment.id, (segment.coordinates as [number, number][]).flat()]))
    let found = 0
    for (let k = 0; k < 3000; k++) {
      const lon = 119.9 + rng.next() * 0.052
      const lat = 32.45 + rng.next() * 0.052
      const maxDistanceM = rng.pick([5, 30, 120])
      // a scan over every segment: the smallest distance in millimetres, then the smallest id
      let expected: { id: number; distanceM: number } | null = null
      let expectedMm = 0
      for (const segment of segments) {
        const distanceM = lineDistanceToPointM(flat[segment.id], lon, lat)
        if (distanceM > maxDistanceM) continue
        const mm = distanceMillimetres(distanceM)
        if (expected === null || mm < expectedMm || (mm === expectedMm && segment.id < expected.id)) {
          expected = { id: segment.id, distanceM }
          expectedMm = mm
        }
      }
      expect(index.nearest(lon, lat, maxDistanceM)).toEqual(expected)
      if (expected) found += 1
    }
    expect(found).toBeGreaterThan(300)
    const onSeven = segments[6].coordinates[1] as [number, number]
    expect(index.nearest(onSeven[0], onSeven[1], 30)).toEqual({ id: 7, distanceM: 0 })
  })

  it('on equal distance the smallest id wins, whatever order the segments come in (the database\'s rule)', () => {
    // Three segments meeting at one junction, listed largest id first, and a fourth farther away.
    const junction: [number, number] = [119.93, 32.47]
    const segments: SegmentInput[] = [
      { id: 42, coordinates: [junction, [119.931, 32.4705]] },
      { id: 17, coordinates: [[119.929, 32.4695], junction] },
      { id: 23, coordinates: [junction, [119.93, 32.469]] },
      { id: 5, coordinates: [[119.94, 32.48], [119.941, 32.48]] },
    ]
    for (const order of [segments, [...segments].reverse(), [segments[2], segments[0], segments[3], segments[1]]]) {
      expect(buildSegmentIndex(order).nearest(junction[0], junction[1], 30)).toEqual({ id: 17, distanceM: 0 })
    }
    // Two segments sharing an end point, the larger id first in the index.
    const shared: [number, number] = [119.95, 32.48]
    const pair: SegmentInput[] = [
      { id: 9, coordinates: [[119.949, 32.48], shared] },
      { id: 8, coordinates: [shared, [119.951, 32.4801]] },
    ]
    expect(buildSegmentIndex(pair).nearest(shared[0], shared[1], 30)).toEqual({ id: 8, distanceM: 0 })
  })

  it('compares distances to the millimetre: within one, the smaller id wins; a millimetre apart, the nearer', () => {
    // Two segments leaving end points ~11.12 m north of the point; segment 3's end lies a little
    // farther than segment 4's. The distances differ, as rounding noise at a shared vertex makes
    // them differ between PostGIS and this code; the database orders by round(distance, 3), id.
    const point: [number, number] = [119.95, 32.48]
    const four: SegmentInput = { id: 4, coordinates: [[119.95, 32.4801], [119.95, 32.481]] }
    const threeAt = (offset: number): SegmentInput => ({ id: 3, coordinates: [[119.95, 32.4801 + offset], [119.9505, 32.481]] })
    const distance = (segment: SegmentInput) => lineDistanceToPointM((segment.coordinates as [number, number][]).flat(), point[0], point[1])
    const close = threeAt(2e-9)
    expect(distance(close)).toBeGreaterThan(distance(four))
    expect(distanceMillimetres(distance(close))).toBe(distanceMillimetres(distance(four)))
    expect(buildSegmentIndex([four, close]).nearest(point[0], point[1], 30)).toEqual({ id: 3, distanceM: distance(close) })
    const apart = threeAt(2e-8)
    expect(distanceMillimetres(distance(apart))).toBeGreaterThan(distanceMillimetres(distance(four)))
    expect(buildSegmentIndex([four, apart]).nearest(point[0], point[1], 30)).toEqual({ id: 4, distanceM: distance(four) })
  })

  it('rounds half a millimetre up, as numeric round(…, 3) does, not as the doubles happen to fall', () => {
    expect(distanceMillimetres(0.5005)).toBe(501)
    expect(distanceMillimetres(0.50049999)).toBe(500)
    expect(distanceMillimetres(11.1195)).toBe(11120)
    expect(distanceMillimetres(29.9995)).toBe(30000)
    expect(distanceMillimetres(0)).toBe(0)
  })

  it('no segment, no answer', () => {
    expect(buildSegmentIndex([]).nearest(120, 30, 30)).toBeNull()
    expect(buildSegmentIndex([{ id: 1, coordinates: [[120, 30], [120.001, 30]] }]).nearest(Number.NaN, 30, 30)).toBeNull()
  })
})
