import { describe, expect, it } from 'vitest'
import {
  DELETE_NO_NEIGHBOUR, DELETE_TARGET_NOT_NEIGHBOUR, DRAW_NO_EMPTY_AREA, DRAW_SELF_CROSSING, DRAW_SEVERAL_PIECES, DRAW_TOO_FEW_POINTS,
  MERGE_DIFFERENT_COMMUNITIES, MERGE_NOT_CONNECTED, MERGE_TOO_FEW, SPLIT_LINE_ALONG_EDGE, SPLIT_LINE_CROSSES_MORE_THAN_TWICE,
  SPLIT_LINE_DOES_NOT_CROSS, SPLIT_LINE_ENDS_INSIDE, SPLIT_LINE_SELF_CROSSING, SPLIT_LINE_THROUGH_HOLE, SPLIT_PART_TOO_SMALL, CODE_TAKEN, BAD_CODE,
  RESULT_OUTSIDE_COMMUNITY, checkAffected, VERTEX_JUNCTION, VERTEX_NOT_FOUND, VERTEX_ON_COMMUNITY_BOUNDARY, VERTEX_ONTO_OTHER_GRID, RENUMBER_NOTHING,
  deleteAvailability, deleteGrid, drawGrid, insertVertex, mergeAvailability, mergeGrids, moveVertex, neighbours, nextFreeCode,
  normaliseTopology, previewMerge, removeVertex, renumberAvailability, renumberCommunity, splitAvailability, splitGrid,
  type EditableGrid, type GridOperationOutcome, type Position,
} from '../../src/domain/grids/editing/index.ts'
import { sphericalArea } from '../../src/domain/geometry/spherical-area.ts'
import { apply, COMMUNITY, OTHER_COMMUNITY, quadTiling, tilingProblems } from './grids-editing-support.ts'

const c = (sequence: number) => `${COMMUNITY}${String(sequence).padStart(3, '0')}`
const X = (i: number) => 120.15 + i * 0.0012
const Y = (j: number) => 30.25 + j * 0.001
const P = (i: number, j: number): Position => [X(i), Y(j)]

/** 3 × 3 squares; 001 north-west … 005 centre … 009 south-east. */
const square = () => quadTiling({ columns: 3, rows: 3 })
const wiggly = () => quadTiling({ columns: 3, rows: 4, jitter: 0.0002, wiggles: 2, seed: 7 })

function accepted(outcome: GridOperationOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${outcome.reason}`)
  return outcome
}
function refused(outcome: GridOperationOutcome, code: string) {
  expect(outcome.ok ? 'accepted' : outcome.code).toBe(code)
  if (!outcome.ok) expect(outcome.reason).toMatch(/[\u4e00-\u9fff]/)
}
const vertices = (g: EditableGrid) => g.geometry.coordinates[0].slice(0, -1)
const has = (g: EditableGrid, p: Position) => g.geometry.coordinates.some((ring) => ring.some((q) => q[0] === p[0] && q[1] === p[1]))

describe('fixtures', () => {
  it('are sound tilings', () => {
    const { grids, scope } = square()
    expect(tilingProblems(grids, scope)).toEqual([])
    const w = wiggly()
    expect(w.grids.size).toBe(12)
    expect(tilingProblems(w.grids, w.scope)).toEqual([])
  })
  it('the checker sees a T-junction and a gap', () => {
    const { grids, scope } = square()
    const broken = new Map(grids)
    const g5 = grids.get(c(5))!
    broken.set(c(5), { ...g5, geometry: { type: 'Polygon', coordinates: [[P(1, 1), P(2, 1), P(2, 2), [X(1.5), Y(2)], P(1, 2), P(1, 1)]] } })
    expect(tilingProblems(broken, scope).some((p) => p.startsWith('T-junction'))).toBe(true)
    broken.delete(c(5))
    expect(tilingProblems(broken, scope).some((p) => p.startsWith('gap'))).toBe(true)
  })
})

describe('normaliseTopology', () => {
  it('returns the same map when there is nothing to do', () => {
    const { grids, scope } = wiggly()
    expect(normaliseTopology(grids, scope)).toBe(grids)
  })
  it('inserts T-junction vertices (exact and within tolerance) and drops repeated vertices', () => {
    const { grids, scope } = square()
    const broken = new Map(grids)
    const mid: Position = [X(1.5), Y(2)]
    const near: Position = [X(1), Y(1.5) + 0] // on 004|005 edge exactly
    const off: Position = [X(2) + 3e-10, Y(1.5)] // 0.03 mm off the 005|006 edge
    broken.set(c(5), { ...grids.get(c(5))!, geometry: { type: 'Polygon', coordinates: [[P(1, 1), P(2, 1), P(2, 2), mid, P(1, 2), near, near, P(1, 1)]] } })
    broken.set(c(6), { ...grids.get(c(6))!, geometry: { type: 'Polygon', coordinates: [[P(2, 1), P(3, 1), P(3, 2), P(2, 2), off, P(2, 1)]] } })
    const fixed = normaliseTopology(broken, scope)
    expect(fixed).not.toBe(broken)
    expect(has(fixed.get(c(2))!, mid)).toBe(true)
    expect(has(fixed.get(c(4))!, near)).toBe(true)
    expect(has(fixed.get(c(5))!, off)).toBe(true)
    expect(vertices(fixed.get(c(5))!).filter((p) => p[0] === near[0] && p[1] === near[1])).toHaveLength(1)
    expect(fixed.get(c(1))).toBe(broken.get(c(1)))
    for (const g of fixed.values()) for (const p of vertices(broken.get(g.code)!)) expect(has(g, p as Position)).toBe(true)
  })
  it('inserts community boundary vertices into grid edges', () => {
    const { grids, scope } = square()
    const corner: Position = [X(0.5), Y(0)]
    const outline = scope.communities[0].geometry as GeoJSON.Polygon
    const ring = outline.coordinates[0]
    const withCorner = { communities: [{ ...scope.communities[0], geometry: { type: 'Polygon' as const, coordinates: [[ring[0], corner, ...ring.slice(1)]] } }] }
    const fixed = normaliseTopology(grids, withCorner)
    expect(has(fixed.get(c(7))!, corner)).toBe(true)
  })
})

describe('splitGrid', () => {
  const y = Y(1) + 0.0004
  it('cuts a grid in two, the larger part keeps the code, neighbours get the crossing points', () => {
    const { grids, scope } = square()
    const newCode = nextFreeCode(grids.keys(), COMMUNITY)
    expect(newCode).toBe(c(10))
    const result = accepted(splitGrid(grids, scope, c(5), [[X(1) - 0.0003, y], [X(2) + 0.0003, y]], newCode))
    expect(result.label).toBe(`拆分网格 ${c(5)}`)
    const after = apply(grids, result)
    const kept = after.get(c(5))!
    const created = after.get(c(10))!
    expect(kept.version).toBe(1)
    expect(created.version).toBeNull()
    expect(created.name).toBe(kept.name)
    expect(sphericalArea(kept.geometry)).toBeGreaterThan(sphericalArea(created.geometry))
    expect(Math.max(...vertices(kept).map((p) => p[1]))).toBe(Y(2)) // the northern 60 %
    expect(has(after.get(c(4))!, [X(1), y])).toBe(true)
    expect(has(after.get(c(6))!, [X(2), y])).toBe(true)
    expect(tilingProblems(after, scope)).toEqual([])
  })
  it('works with a bent line through jittered grids with wiggle vertices', () => {
    const { grids, scope } = wiggly()
    const g = grids.get(c(5))!
    const xs = vertices(g).map((p) => p[0])
    const ys = vertices(g).map((p) => p[1])
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2
    const line: Position[] = [[Math.min(...xs) - 0.0002, cy - 0.0001], [cx, cy + 0.0001], [Math.max(...xs) + 0.0002, cy - 0.00005]]
    const after = apply(grids, accepted(splitGrid(grids, scope, c(5), line, c(13))))
    expect(after.size).toBe(13)
    expect(tilingProblems(after, scope)).toEqual([])
  })
  it('refuses lines that do not cut the grid in exactly two', () => {
    const { grids, scope } = square()
    refused(splitGrid(grids, scope, c(5), [[X(1) + 0.0001, y], [X(2) - 0.0001, y]], c(10)), SPLIT_LINE_ENDS_INSIDE)
    refused(splitGrid(grids, scope, c(5), [[X(0) + 0.0001, y], [X(1) - 0.0001, y]], c(10)), SPLIT_LINE_DOES_NOT_CROSS)
    refused(splitGrid(grids, scope, c(5), [[X(0.5), Y(1.2)], [X(1.5), Y(1.2)], [X(1.5), Y(0.8)], [X(1.6), Y(0.8)], [X(1.6), Y(1.2)], [X(2.5), Y(1.2)]], c(10)), SPLIT_LINE_CROSSES_MORE_THAN_TWICE)
    refused(splitGrid(grids, scope, c(5), [[X(0.5), Y(1.5)], [X(2.5), Y(1.5)], [X(2.5), Y(1.7)], [X(1.5), Y(1.3)]], c(10)), SPLIT_LINE_SELF_CROSSING)
    refused(splitGrid(grids, scope, c(5), [[X(0.5), Y(1)], [X(2.5), Y(1)]], c(10)), SPLIT_LINE_ALONG_EDGE)
    refused(splitGrid(grids, scope, c(5), [[X(0.5), Y(1) + 5e-9], [X(2.5), Y(1) + 5e-9]], c(10)), SPLIT_PART_TOO_SMALL)
    refused(splitGrid(grids, scope, c(5), [[X(0.5), y], [X(2.5), y]], c(4)), CODE_TAKEN)
    refused(splitGrid(grids, scope, c(5), [[X(0.5), y], [X(2.5), y]], `${COMMUNITY}000`), BAD_CODE)
  })
})

describe('mergeGrids', () => {
  it('merges neighbours topologically: shared edge gone, every vertex kept', () => {
    const { grids, scope } = square()
    const result = accepted(mergeGrids(grids, scope, [c(4), c(5)]))
    expect(result.label).toBe('合并网格')
    expect(result.deletes).toHaveLength(1)
    const after = apply(grids, result)
    const merged = after.get(result.selection[0])!
    expect(vertices(merged)).toHaveLength(6)
    expect(has(merged, P(1, 1)) && has(merged, P(1, 2))).toBe(true)
    expect(tilingProblems(after, scope)).toEqual([])
  })
  it('keeps the largest grid by default, or the one asked for', () => {
    const { grids, scope } = wiggly()
    const areas = [c(1), c(2)].map((code) => sphericalArea(grids.get(code)!.geometry))
    const largest = areas[0] > areas[1] ? c(1) : c(2)
    const preview = previewMerge(grids, scope, [c(1), c(2)])
    expect(preview.ok && preview.keptCode).toBe(largest)
    const chosen = previewMerge(grids, scope, [c(1), c(2)], c(1) === largest ? c(2) : c(1))
    expect(chosen.ok && chosen.keptCode).not.toBe(largest)
    if (preview.ok) expect(preview.area_m2).toBeCloseTo(areas[0] + areas[1], 3)
    const after = apply(grids, accepted(mergeGrids(grids, scope, [c(1), c(2), c(5), c(4)])))
    expect(after.size).toBe(9)
    expect(tilingProblems(after, scope)).toEqual([])
  })
  it('a ring of grids around another becomes a polygon with a hole', () => {
    const { grids, scope } = square()
    const ring = [1, 2, 3, 4, 6, 7, 8, 9].map(c)
    const result = accepted(mergeGrids(grids, scope, ring))
    const merged = result.puts[0]
    expect(merged.geometry.coordinates).toHaveLength(2)
    expect(tilingProblems(apply(grids, result), scope)).toEqual([])
  })
  it('a grid with a hole splits around its hole, never through it', () => {
    const { grids, scope } = square()
    const ringed = apply(grids, accepted(mergeGrids(grids, scope, [1, 2, 3, 4, 6, 7, 8, 9].map(c))))
    const holed = [...ringed.values()].find((g) => g.geometry.coordinates.length === 2)!
    refused(splitGrid(ringed, scope, holed.code, [[X(-1), Y(1.5)], [X(4), Y(1.5)]], c(10)), SPLIT_LINE_THROUGH_HOLE)
    const result = accepted(splitGrid(ringed, scope, holed.code, [[X(0.5), Y(-1)], [X(0.5), Y(4)]], c(10)))
    const after = apply(ringed, result)
    expect(after.get(holed.code)!.geometry.coordinates).toHaveLength(2) // the larger, eastern part keeps the hole
    expect(after.get(c(10))!.geometry.coordinates).toHaveLength(1)
    expect(tilingProblems(after, scope)).toEqual([])
  })
  it('refuses grids that only touch at a corner, single grids and mixed communities', () => {
    const { grids, scope } = square()
    refused(mergeGrids(grids, scope, [c(1), c(5)]), MERGE_NOT_CONNECTED)
    refused(mergeGrids(grids, scope, [c(1), c(3)]), MERGE_NOT_CONNECTED)
    refused(mergeGrids(grids, scope, [c(1)]), MERGE_TOO_FEW)
    const mixed = new Map(grids)
    mixed.set(c(2), { ...grids.get(c(2))!, communityCode: OTHER_COMMUNITY })
    refused(mergeGrids(mixed, scope, [c(1), c(2)]), MERGE_DIFFERENT_COMMUNITIES)
  })
})

describe('deleteGrid', () => {
  it('gives the area to the neighbour with the longest shared edge', () => {
    const { grids, scope } = square()
    const list = neighbours(grids, c(1))
    expect(list.map((n) => n.code)).toEqual([c(4), c(2)]) // 0.0012° of longitude (~115 m) beats 0.001° of latitude (~111 m)
    expect(list[0].sharedLength_m).toBeGreaterThan(110)
    const result = accepted(deleteGrid(grids, scope, c(1)))
    expect(result.label).toBe(`删除网格 ${c(1)}（并入 ${c(4)}）`)
    expect(result.deletes).toEqual([c(1)])
    expect(tilingProblems(apply(grids, result), scope)).toEqual([])
    const toTwo = accepted(deleteGrid(grids, scope, c(1), c(2)))
    expect(toTwo.puts[0].code).toBe(c(2))
  })
  it('refuses a target that is not a neighbour and a grid alone in its community', () => {
    const { grids, scope } = square()
    refused(deleteGrid(grids, scope, c(1), c(5)), DELETE_TARGET_NOT_NEIGHBOUR)
    const alone = quadTiling({ columns: 1, rows: 1 })
    refused(deleteGrid(alone.grids, alone.scope, c(1)), DELETE_NO_NEIGHBOUR)
  })
})

describe('vertex edits', () => {
  it('moves a shared vertex in every grid that has it', () => {
    const { grids, scope } = square()
    const to: Position = [X(1) + 0.0002, Y(1) + 0.0001]
    const result = accepted(moveVertex(grids, scope, P(1, 1), to))
    expect(result.puts.map((g) => g.code).sort()).toEqual([c(4), c(5), c(7), c(8)])
    expect(tilingProblems(apply(grids, result), scope)).toEqual([])
  })
  it('refuses boundary vertices, fold-overs and landing on another grid', () => {
    const { grids, scope } = square()
    refused(moveVertex(grids, scope, P(0, 0), [X(0) + 0.0001, Y(0) + 0.0001]), VERTEX_ON_COMMUNITY_BOUNDARY)
    refused(moveVertex(grids, scope, P(1, 0), [X(1), Y(0) + 0.0001]), VERTEX_ON_COMMUNITY_BOUNDARY)
    const far = moveVertex(grids, scope, P(1, 1), [X(2.5), Y(1.5)])
    expect(far.ok).toBe(false)
    refused(moveVertex(grids, scope, P(1, 1), P(2, 2)), VERTEX_ONTO_OTHER_GRID)
    refused(moveVertex(grids, scope, [X(1.5), Y(1.5)], P(2, 2)), VERTEX_NOT_FOUND)
  })
  it('slides a vertex along a straight community edge, never off it or past a corner', () => {
    const { grids, scope } = square()
    const inserted = apply(grids, accepted(insertVertex(grids, scope, { code: c(7), ring: 0, index: 0 }, [X(0.5), Y(0)])))
    const from: Position = [X(0.5), Y(0)]
    expect(has(inserted.get(c(7))!, from)).toBe(true)
    const slid = accepted(moveVertex(inserted, scope, from, [X(0.8), Y(0) - 1e-12]))
    const moved = slid.puts[0].geometry.coordinates[0].find((p) => p[0] !== from[0] && Math.abs(p[1] - Y(0)) < 1e-11 && p[0] > X(0.5))!
    expect(moved[0]).toBeCloseTo(X(0.8), 12)
    expect(tilingProblems(apply(inserted, slid), scope)).toEqual([])
    refused(moveVertex(inserted, scope, from, [X(0.8), Y(0) + 0.0001]), VERTEX_ON_COMMUNITY_BOUNDARY)
    refused(moveVertex(inserted, scope, from, [X(1.5), Y(0)]), VERTEX_ON_COMMUNITY_BOUNDARY)
  })
  it('inserts a vertex on a shared edge in both grids, and removes it again', () => {
    const { grids, scope } = square()
    const result = accepted(insertVertex(grids, scope, { code: c(5), ring: 0, index: 3 }, [X(1) + 0.00001, Y(1.5)]))
    expect(result.puts.map((g) => g.code).sort()).toEqual([c(4), c(5)])
    const inserted: Position = [X(1), Y(1.5)]
    const after = apply(grids, result)
    expect(has(after.get(c(4))!, inserted) && has(after.get(c(5))!, inserted)).toBe(true)
    expect(tilingProblems(after, scope)).toEqual([])
    const moved = apply(after, accepted(moveVertex(after, scope, inserted, [X(1) + 0.0003, Y(1.5)])))
    expect(tilingProblems(moved, scope)).toEqual([])
    const removed = apply(moved, accepted(removeVertex(moved, scope, [X(1) + 0.0003, Y(1.5)])))
    expect(tilingProblems(removed, scope)).toEqual([])
    expect(vertices(removed.get(c(5))!)).toHaveLength(4)
  })
  it('refuses to remove a junction or a boundary vertex', () => {
    const { grids, scope } = square()
    refused(removeVertex(grids, scope, P(1, 1)), VERTEX_JUNCTION)
    refused(removeVertex(grids, scope, P(1, 0)), VERTEX_ON_COMMUNITY_BOUNDARY)
  })
})

describe('drawGrid', () => {
  it('fills an empty area exactly, welded to its neighbours', () => {
    for (const { grids, scope } of [square(), wiggly()]) {
      const removed = grids.get(c(5))!
      const gap = new Map(grids)
      gap.delete(c(5))
      const xs = vertices(removed).map((p) => p[0])
      const ys = vertices(removed).map((p) => p[1])
      const drawn: Position[] = [[Math.min(...xs) - 0.0003, Math.min(...ys) - 0.0003], [Math.max(...xs) + 0.0003, Math.min(...ys) - 0.0003], [Math.max(...xs) + 0.0003, Math.max(...ys) + 0.0003], [Math.min(...xs) - 0.0003, Math.max(...ys) + 0.0003]]
      const newCode = nextFreeCode(gap.keys(), COMMUNITY)
      expect(newCode).toBe(c(5))
      const result = accepted(drawGrid(gap, scope, drawn, COMMUNITY, newCode))
      expect(result.label).toBe(`新建网格 ${c(5)}`)
      const created = result.creates[0]
      expect(created).toMatchObject({ name: '', landUse: 'mixed', managementLevel: 2, responsiblePerson: '', responsibleBody: '属地兜底', version: null })
      expect(Math.abs(sphericalArea(created.geometry) - sphericalArea(removed.geometry))).toBeLessThan(1e-3)
      expect(tilingProblems(apply(gap, result), scope)).toEqual([])
    }
  })
  it('clips to the community: drawing across the outline fills only the inside', () => {
    const { grids, scope } = square()
    const gap = new Map(grids)
    gap.delete(c(7))
    const result = accepted(drawGrid(gap, scope, [[X(-1), Y(-1)], [X(0.5), Y(-1)], [X(0.5), Y(0.5)], [X(-1), Y(0.5)]], COMMUNITY, c(7)))
    const after = apply(gap, result)
    expect(tilingProblems(after, scope).filter((p) => !p.startsWith('gap') && !p.startsWith('area'))).toEqual([])
    const full = apply(after, accepted(drawGrid(after, scope, [[X(-1), Y(-1)], [X(1.5), Y(-1)], [X(1.5), Y(1.5)], [X(-1), Y(1.5)]], COMMUNITY, c(10))))
    expect(tilingProblems(full, scope)).toEqual([])
  })
  it('refuses drawings with no empty area, several pieces, self-crossings or too few points', () => {
    const { grids, scope } = square()
    refused(drawGrid(grids, scope, [P(0, 0), P(1, 0), P(1, 1)], COMMUNITY, c(10)), DRAW_NO_EMPTY_AREA)
    const gaps = new Map(grids)
    gaps.delete(c(4))
    gaps.delete(c(6))
    refused(drawGrid(gaps, scope, [[X(-1), Y(1.2)], [X(4), Y(1.2)], [X(4), Y(1.8)], [X(-1), Y(1.8)]], COMMUNITY, c(10)), DRAW_SEVERAL_PIECES)
    refused(drawGrid(gaps, scope, [P(0, 1), P(1, 2), P(1, 1), P(0, 2)], COMMUNITY, c(10)), DRAW_SELF_CROSSING)
    refused(drawGrid(gaps, scope, [P(0, 1), P(1, 2), P(0, 1)], COMMUNITY, c(10)), DRAW_TOO_FEW_POINTS)
  })
})

describe('checkAffected', () => {
  it('refuses a grid reaching outside its community, but not a rounded vertex on the outline', () => {
    const { grids, scope } = square()
    const g7 = grids.get(c(7))!
    const poking = { ...g7, geometry: { type: 'Polygon' as const, coordinates: [[P(0, 0), [X(0.5), Y(0) - 0.0001], P(1, 0), P(1, 1), P(0, 1), P(0, 0)]] } }
    expect(checkAffected(grids, scope, [poking])).toMatchObject({ ok: false, code: RESULT_OUTSIDE_COMMUNITY })
    const rounded = { ...g7, geometry: { type: 'Polygon' as const, coordinates: [[P(0, 0), [X(0.5), Y(0) - 1e-12], P(1, 0), P(1, 1), P(0, 1), P(0, 0)]] } }
    expect(checkAffected(grids, scope, [rounded])).toBeNull()
  })
})

describe('codes', () => {
  it('nextFreeCode takes the smallest free sequence of the community', () => {
    expect(nextFreeCode([c(1), c(2), c(4), `${OTHER_COMMUNITY}003`], COMMUNITY)).toBe(c(3))
    expect(nextFreeCode([], COMMUNITY)).toBe(c(1))
    expect(() => nextFreeCode(Array.from({ length: 999 }, (_, k) => c(k + 1)), COMMUNITY)).toThrow(/用满/)
  })
  it('renumbers north to south, west to east, codes changing by retire and create', () => {
    const { grids } = wiggly()
    refused(renumberCommunity(grids, COMMUNITY, { keepUntouched: false }), RENUMBER_NOTHING)
    const shuffled = new Map<string, EditableGrid>()
    const order = [...grids.values()]
    order.forEach((g, k) => {
      const code = c(order.length - k)
      shuffled.set(code, { ...g, code })
    })
    const result = accepted(renumberCommunity(shuffled, COMMUNITY, { keepUntouched: false }))
    const after = apply(shuffled, result)
    for (const [code, g] of grids) expect(after.get(code)!.geometry).toEqual(g.geometry)
    expect(result.creates.every((g) => g.version === null)).toBe(true)
    const keeping = accepted(renumberCommunity(shuffled, COMMUNITY, { keepUntouched: true, untouched: new Set([c(12)]) }))
    expect(keeping.deletes).not.toContain(c(12))
    expect(apply(shuffled, keeping).get(c(12))!.geometry).toEqual(shuffled.get(c(12))!.geometry)
  })
})

describe('availability', () => {
  it('says why an operation is not offered', () => {
    const { grids } = square()
    expect(splitAvailability([])).toEqual({ available: false, reason: '先选择一个网格' })
    expect(splitAvailability([c(1)]).available).toBe(true)
    expect(mergeAvailability(grids, [c(1), c(2)]).available).toBe(true)
    expect(mergeAvailability(grids, [c(1), c(5)])).toEqual({ available: false, reason: '只能合并相邻且属于同一社区的网格' })
    expect(deleteAvailability(grids, [c(1)]).available).toBe(true)
    expect(deleteAvailability(grids, []).available).toBe(false)
    expect(renumberAvailability(grids, COMMUNITY).available).toBe(true)
    expect(renumberAvailability(grids, null).available).toBe(false)
  })
})
