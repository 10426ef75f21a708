import { length as turfLength, lineString } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { lineLengthM, metresPerDegree } from '../../src/domain/roster/geodesic.ts'
import { lineBetween, measureAtPoint, pointAtMeasure } from '../../src/domain/roster/split-point.ts'
import type { Position } from '../../src/domain/roster/types.ts'

/**
 * PostGIS 3.3 (PGlite) answers for these lines: ST_Length(geom::geography), i.e. metres on the
 * WGS84 spheroid, the scale of street_segments.length_m.
 */
const POSTGIS: { line: Position[]; lengthM: number }[] = [
  { line: [[119.9, 32.47], [119.905, 32.47]], lengthM: 470.03972767898557 },
  { line: [[119.9, 32.47], [119.9, 32.475]], lengthM: 554.475557658394 },
  {
    line: [[119.9012345, 32.4712345], [119.9023456, 32.4723456], [119.9031, 32.4719], [119.905, 32.473]],
    lengthM: 464.2570638322877,
  },
  { line: [[116.3, 39.9], [116.31, 39.91], [116.32, 39.905]], lengthM: 2420.951943464374 },
  { line: [[113.2, 23.1], [113.2005, 23.1002]], lengthM: 55.806967477022575 },
]

describe('geodesic length', () => {
  it('agrees with PostGIS ST_Length(geography) to a few parts per million', () => {
    for (const { line, lengthM } of POSTGIS) expect(Math.abs(lineLengthM(line) - lengthM) / lengthM).toBeLessThan(5e-6)
  })

  it('is within 0.3 % of turf.length, which measures on a sphere', () => {
    for (const { line } of POSTGIS) {
      const turf = turfLength(lineString(line), { units: 'meters' })
      expect(Math.abs(lineLengthM(line) - turf) / turf).toBeLessThan(0.003)
    }
  })
})

describe('measureAtPoint', () => {
  const line = POSTGIS[2].line

  it('gives 0 and the full length at the ends, and the vertex measures in between', () => {
    expect(measureAtPoint(line, line[0])).toBe(0)
    expect(measureAtPoint(line, line[3])).toBeCloseTo(lineLengthM(line), 6)
    expect(measureAtPoint(line, line[1])).toBeCloseTo(lineLengthM(line.slice(0, 2)), 6)
  })

  it('measures a point off the line at its foot, and round-trips with pointAtMeasure', () => {
    const atM = 300
    const on = pointAtMeasure(line, atM)
    expect(measureAtPoint(line, on)).toBeCloseTo(atM, 1)
    // 20 m sideways (at a right angle, in metres) from a point on the first edge
    const middle = pointAtMeasure(line, 80)
    const east = (line[1][0] - line[0][0]) * metresPerDegree(32.47).lon
    const north = (line[1][1] - line[0][1]) * metresPerDegree(32.47).lat
    const scale = 20 / Math.hypot(east, north)
    const sideways: Position = [middle[0] + (north * scale) / metresPerDegree(32.47).lon, middle[1] - (east * scale) / metresPerDegree(32.47).lat]
    expect(measureAtPoint(line, sideways)).toBeCloseTo(80, 0)
  })

  it('clamps points beyond the ends', () => {
    expect(measureAtPoint(POSTGIS[0].line, [119.89, 32.47])).toBe(0)
    expect(measureAtPoint(POSTGIS[0].line, [119.91, 32.47])).toBeCloseTo(POSTGIS[0].lengthM, 2)
    expect(measureAtPoint([], [1, 1])).toBe(0)
  })
})

describe('lineBetween', () => {
  const line = POSTGIS[2].line
  const total = lineLengthM(line)

  it('keeps the vertices inside the range and is as long as the range', () => {
    const part = lineBetween(line, 100, 400)
    expect(part.length).toBe(4)
    expect(part[1]).toEqual(line[1])
    expect(part[2]).toEqual(line[2])
    expect(lineLengthM(part)).toBeCloseTo(300, 1)
  })

  it('pieces of a line add up to the line', () => {
    const cuts = [0, 57.3, 150, 333.3, total]
    let sum = 0
    for (let index = 0; index + 1 < cuts.length; index++) sum += lineLengthM(lineBetween(line, cuts[index], cuts[index + 1]))
    expect(sum).toBeCloseTo(total, 2)
  })

  it('clamps, swaps and gives a point twice for an empty range', () => {
    expect(lineBetween(line, -10, total + 10)).toEqual(line)
    expect(lineBetween(line, 400, 100)).toEqual(lineBetween(line, 100, 400))
    expect(lineBetween(line, 50, 50)).toHaveLength(2)
  })
})
