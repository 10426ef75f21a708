/**
 * Properties of the overlap and gap rules against polyclip-ts as the slow, plain answer: on
 * random rectangles snapped to a coarse lattice (so that shared edges, T-junctions, touching
 * corners, nesting and duplicates are common), the overlaps found are exactly the pairs whose
 * intersection has area, with that area; and the gaps are the enclosed empty cells, piece by piece.
 */
import fc from 'fast-check'
import * as polyclip from 'polyclip-ts'
import { expect, it } from 'vitest'
import { sphericalArea } from '../../src/domain/geometry/spherical-area.ts'
import { validateGrids, type GridFeature } from '../../src/domain/grids/validation/index.ts'
import { rectangle } from './grids-validation-support.ts'

const rectangles = fc.array(
  fc.record({ x: fc.integer({ min: 0, max: 5 }), y: fc.integer({ min: 0, max: 5 }), width: fc.integer({ min: 1, max: 3 }), height: fc.integer({ min: 1, max: 3 }) }),
  { minLength: 1, maxLength: 9 },
)

const gridsOf = (boxes: { x: number; y: number; width: number; height: number }[]): GridFeature[] =>
  boxes.map((box, index) => ({ id: `G${index}`, geometry: rectangle(box.x * 50, box.y * 50, (box.x + box.width) * 50, (box.y + box.height) * 50) }))

const areaOf = (parts: polyclip.Geom) => sphericalArea({ type: 'MultiPolygon', coordinates: parts as GeoJSON.Position[][][] })

it('finds exactly the overlapping pairs, with their areas', () => {
  fc.assert(
    fc.property(rectangles, (boxes) => {
      const grids = gridsOf(boxes)
      const expected = new Map<string, number>()
      grids.forEach((first, i) =>
        grids.forEach((second, j) => {
          if (j <= i) return
          const shared = areaOf(polyclip.intersection(first.geometry.coordinates as polyclip.Geom, second.geometry.coordinates as polyclip.Geom))
          if (shared > 0.1) expected.set(`${first.id}+${second.id}`, shared)
        }),
      )
      const found = validateGrids(grids, { rules: ['overlap'] }).issues
      expect(found.map((issue) => issue.ids.join('+')).sort()).toEqual([...expected.keys()].sort())
      for (const issue of found) expect(issue.area_m2! / expected.get(issue.ids.join('+'))!).toBeCloseTo(1, 6)
    }),
    { numRuns: 150, seed: 16 },
  )
})

/**
 * The plain answer for grids on the 50 m lattice: paint the cells, flood the empty ones from
 * outside through shared edges (ground that only touches the outside at a corner is enclosed —
 * nobody is responsible for it), and count what the flood does not reach, by 4-connected piece.
 */
function enclosedCells(boxes: { x: number; y: number; width: number; height: number }[]): { x: number; y: number }[][] {
  const size = 9
  const covered = new Set<string>()
  for (const box of boxes) for (let x = box.x; x < box.x + box.width; x++) for (let y = box.y; y < box.y + box.height; y++) covered.add(`${x},${y}`)
  const outside = new Set<string>(['-1,-1'])
  const queue: [number, number][] = [[-1, -1]]
  while (queue.length > 0) {
    const [x, y] = queue.pop()!
    for (const [nx, ny] of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]]) {
      const name = `${nx},${ny}`
      if (nx < -1 || ny < -1 || nx > size || ny > size || covered.has(name) || outside.has(name)) continue
      outside.add(name)
      queue.push([nx, ny])
    }
  }
  const seen = new Set<string>()
  const pieces: { x: number; y: number }[][] = []
  for (let x = 0; x < size; x++) {
    for (let y = 0; y < size; y++) {
      const name = `${x},${y}`
      if (covered.has(name) || outside.has(name) || seen.has(name)) continue
      const piece: { x: number; y: number }[] = []
      const stack: [number, number][] = [[x, y]]
      seen.add(name)
      while (stack.length > 0) {
        const [cx, cy] = stack.pop()!
        piece.push({ x: cx, y: cy })
        for (const [nx, ny] of [[cx + 1, cy], [cx - 1, cy], [cx, cy + 1], [cx, cy - 1]]) {
          const next = `${nx},${ny}`
          if (covered.has(next) || outside.has(next) || seen.has(next)) continue
          seen.add(next)
          stack.push([nx, ny])
        }
      }
      pieces.push(piece)
    }
  }
  return pieces
}

/** A 5 × 5 tiling of 50 m cells with some cells left out, and up to two extra rectangles (overlaps: the polyclip path). */
const holedTilings = fc.record({
  kept: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
  extra: fc.array(fc.record({ x: fc.integer({ min: 0, max: 4 }), y: fc.integer({ min: 0, max: 4 }), width: fc.integer({ min: 1, max: 2 }), height: fc.integer({ min: 1, max: 2 }) }), { maxLength: 2 }),
})

it('reports every piece of enclosed ground no grid covers, with its area', () => {
  let withGaps = 0
  fc.assert(
    fc.property(holedTilings, ({ kept, extra }) => {
      const cells = kept.flatMap((keep, index) => (keep ? [{ x: index % 5, y: Math.floor(index / 5), width: 1, height: 1 }] : []))
      if (cells.length + extra.length === 0) return
      const boxes = [...cells, ...extra]
      const pieces = enclosedCells(boxes)
      const cellArea = (cell: { x: number; y: number }) => sphericalArea(rectangle(cell.x * 50, cell.y * 50, cell.x * 50 + 50, cell.y * 50 + 50))
      const expected = pieces.map((piece) => piece.reduce((total, cell) => total + cellArea(cell), 0)).sort((a, b) => a - b)
      const gaps = validateGrids(gridsOf(boxes), { rules: ['gap'] }).issues
      const found = gaps.map((gap) => gap.area_m2!).sort((a, b) => a - b)
      expect(found.length).toBe(expected.length)
      found.forEach((area, index) => expect(area / expected[index]).toBeCloseTo(1, 6))
      if (gaps.length > 0) withGaps += 1
    }),
    { numRuns: 200, seed: 16 },
  )
  // The property is only worth something if gaps do occur.
  expect(withGaps).toBeGreaterThan(30)
})
