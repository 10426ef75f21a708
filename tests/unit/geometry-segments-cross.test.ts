import { describe, expect, it } from 'vitest'
import { polylineWouldCross, segmentsMeet } from '../../src/domain/geometry/segments-cross.ts'

describe('segmentsMeet', () => {
  it('finds a proper crossing, a touch at an end and collinear overlap; parallel and apart do not meet', () => {
    expect(segmentsMeet([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true)
    expect(segmentsMeet([0, 0], [2, 0], [1, 0], [1, 5])).toBe(true)
    expect(segmentsMeet([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true)
    expect(segmentsMeet([0, 0], [2, 0], [0, 1], [2, 1])).toBe(false)
    expect(segmentsMeet([0, 0], [1, 0], [2, 0], [3, 0])).toBe(false)
  })
})

describe('polylineWouldCross', () => {
  const zigzag: [number, number][] = [
    [0, 0],
    [2, 0],
    [2, 2],
  ]
  it('refuses a point whose segment crosses an earlier one, accepts one that does not', () => {
    expect(polylineWouldCross(zigzag, [1, -1])).toBe(true)
    expect(polylineWouldCross(zigzag, [0, 2])).toBe(false)
  })
  it('refuses folding back along the last segment', () => {
    expect(polylineWouldCross(zigzag, [2, 1])).toBe(true)
  })
  it('with closing, also checks the segment back to the first point', () => {
    expect(polylineWouldCross(zigzag, [1, 2], true)).toBe(false)
    // (3, 1) → (0, 0) closes across the segment (2, 0)–(2, 2)
    expect(polylineWouldCross(zigzag, [3, 1], true)).toBe(true)
    expect(polylineWouldCross([[0, 0], [2, 2], [2, 0]], [0, 2], true)).toBe(true)
  })
})
