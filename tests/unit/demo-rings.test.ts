import { describe, expect, it } from 'vitest'
import * as turf from '@turf/turf'
import { Lattice } from '../../scripts/demo/lattice.ts'
import { traceRegion } from '../../scripts/demo/rings.ts'
import { polygonProblems, ringProblems } from '../../scripts/demo/validate.ts'
import type { Position } from '../../scripts/demo/model.ts'

const lattice = new Lattice(1, { vertical: new Map(), horizontal: new Map() })
const trace = (cells: [number, number][]) => {
  const set = new Set(cells.map(([i, j]) => lattice.cell(i, j)))
  return traceRegion(lattice, [...set], (c) => set.has(c))
}

describe('boundary tracing', () => {
  it('turns a region that touches itself diagonally into a shell plus a hole meeting in one point', () => {
    // A hook around cell (40,41) whose two ends meet only at node (41,41): the enclosed cell must
    // become a hole touching the shell there, not a shell ring that visits the node twice.
    const polygon = trace([[40, 40], [39, 40], [39, 41], [39, 42], [40, 42], [41, 42], [41, 41]])
    expect(polygon.coordinates.length).toBe(2)
    expect(polygonProblems(polygon)).toEqual([])
    const pinch = lattice.nodePos[lattice.node(41, 41)]
    const has = (ring: Position[]) => ring.some((p) => p[0] === pinch[0] && p[1] === pinch[1])
    expect(has(polygon.coordinates[0]) && has(polygon.coordinates[1])).toBe(true)
    const hole = lattice.cellRing(lattice.cell(40, 41))
    expect(turf.area(turf.polygon([polygon.coordinates[1]]))).toBeCloseTo(turf.area(turf.polygon([hole])), 6)
  })

  it('keeps a fully enclosed hole and an L-shape simple', () => {
    const ring: [number, number][] = []
    for (let i = 10; i < 15; i++) for (let j = 10; j < 15; j++) if (i !== 12 || j !== 12) ring.push([i, j])
    const donut = trace(ring)
    expect(donut.coordinates.length).toBe(2)
    expect(polygonProblems(donut)).toEqual([])
    const l = trace([[5, 5], [6, 5], [7, 5], [5, 6], [5, 7]])
    expect(l.coordinates.length).toBe(1)
    expect(polygonProblems(l)).toEqual([])
  })

  it('refuses a region made of two pieces', () => {
    expect(() => trace([[5, 5], [7, 5]])).toThrow(/not one polygon/)
  })
})

describe('validity checks can fail', () => {
  it('reports a bow-tie, a ring visiting a vertex twice and a wrongly oriented shell', () => {
    expect(ringProblems([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]).length).toBeGreaterThan(0)
    expect(ringProblems([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]).join()).toMatch(/twice/)
    expect(polygonProblems({ type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]] }).join()).toMatch(/counter-clockwise/)
    expect(
      polygonProblems({
        type: 'Polygon',
        coordinates: [
          [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
          [[1, 1], [1, 5], [3, 3], [1, 1]],
        ],
      }).join(),
    ).toMatch(/cross/)
  })
})
