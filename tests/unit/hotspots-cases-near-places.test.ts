/**
 * Cases within a buffer of point places, against a brute-force haversine count over every
 * (case, place) pair, at the demo district's latitude and far north (where a degree of
 * longitude is short and a hash cut in degrees would miss neighbours if it were not widened).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countCasesNearPlaces, haversineMetres, HotspotError, METRES_PER_DEGREE } from '../../src/domain/hotspots/index.ts'

function bruteForce(lon: number[], lat: number[], places: [number, number][], buffer: number): number[] {
  return places.map(([x, y]) => lon.filter((_unused, k) => haversineMetres(lon[k], lat[k], x, y) <= buffer).length)
}

/** points scattered within `spread` metres of (lon0, lat0) */
const scatter = (lon0: number, lat0: number, spread: number) =>
  fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })).map(([dx, dy]): [number, number] => [
    lon0 + (dx * spread) / (METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180)),
    lat0 + (dy * spread) / METRES_PER_DEGREE,
  ])

describe('countCasesNearPlaces', () => {
  it('haversine reference distance: 0.001° of latitude is about 111 m', () => {
    expect(haversineMetres(119.9, 32.45, 119.9, 32.451)).toBeCloseTo(111.195, 2)
  })

  it.each([
    ['泰州 (32.45° N)', 119.9, 32.45],
    ['漠河 (53.5° N)', 122.5, 53.5],
    ['high latitude (75° N)', 20, 75],
  ])('equals the brute-force count at %s', (_name, lon0, lat0) => {
    fc.assert(
      fc.property(fc.array(scatter(lon0, lat0, 400), { maxLength: 200 }), fc.array(scatter(lon0, lat0, 400), { minLength: 1, maxLength: 12 }), fc.integer({ min: 20, max: 250 }), (cases, places, buffer) => {
        const lon = cases.map(([x]) => x)
        const lat = cases.map(([, y]) => y)
        const result = countCasesNearPlaces(lon, lat, places, { bufferMetres: buffer })
        expect(Array.from(result.counts)).toEqual(bruteForce(lon, lat, places, buffer))
      }),
      { numRuns: 60 },
    )
  })

  it('equals the brute-force count with places across China (a sparse cell table)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 73, max: 135, noNaN: true }), fc.double({ min: 18, max: 53, noNaN: true })), { minLength: 2, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(7), fc.double({ min: -150, max: 150, noNaN: true }), fc.double({ min: -150, max: 150, noNaN: true })), { maxLength: 80 }),
        (places, offsets) => {
          // cases within ±150 m (east, north) of one of the places
          const lon = offsets.map(([place, east]) => {
            const [x, y] = places[place % places.length]
            return x + east / (METRES_PER_DEGREE * Math.cos((y * Math.PI) / 180))
          })
          const lat = offsets.map(([place, , north]) => places[place % places.length][1] + north / METRES_PER_DEGREE)
          expect(Array.from(countCasesNearPlaces(lon, lat, places).counts)).toEqual(bruteForce(lon, lat, places, 100))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('counts a case for every place in reach, lists the cases, skips cases without coordinates', () => {
    const places: [number, number][] = [
      [119.9, 32.45],
      [119.9006, 32.45], // ≈ 56 m east
      [119.95, 32.45],
    ]
    const lon = [119.9003, 119.9, 119.8985, NaN, 119.95]
    const lat = [32.45, 32.4508, 32.45, 32.45, 32.45]
    const result = countCasesNearPlaces(lon, lat, places, { collectCases: true })
    expect(result.bufferMetres).toBe(100)
    expect(Array.from(result.counts)).toEqual([2, 1, 1])
    expect(result.skipped).toBe(1)
    expect(Array.from(result.caseIndices!.subarray(result.caseOffsets![0], result.caseOffsets![1]))).toEqual([0, 1])
    expect(Array.from(result.caseIndices!.subarray(result.caseOffsets![2], result.caseOffsets![3]))).toEqual([4])
    expect(Array.from(countCasesNearPlaces(lon, lat, places, { cases: [1, 4] }).counts)).toEqual([1, 0, 1])
    expect(Array.from(countCasesNearPlaces(lon, lat, places, { bufferMetres: 30 }).counts)).toEqual([1, 1, 1])
  })

  it('refuses a bad buffer or a place without valid coordinates', () => {
    expect(() => countCasesNearPlaces([], [], [[0, 0]], { bufferMetres: 0 })).toThrow(HotspotError)
    expect(() => countCasesNearPlaces([], [], [[200, 0]])).toThrow(/第 1 个地点/)
  })
})
