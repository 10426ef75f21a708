/**
 * Each grid validation rule on a small hand-made case, and a clean tiling that yields none.
 * Areas of the hand-made rectangles are known in metres; the geodesic areas must agree to 0.5 %.
 */
import { describe, expect, it } from 'vitest'
import { codeProblem, compactness, validateGrids, type GridFeature, type GridIssue, type GridIssueType } from '../../src/domain/grids/validation/index.ts'
import { at, metres, rectangle, ring, tiling } from './grids-validation-support.ts'

const community = { id: '320102001001', code: '320102001001', geometry: rectangle(0, 0, 300, 300) }

function ofType(issues: GridIssue[], type: GridIssueType): GridIssue[] {
  return issues.filter((issue) => issue.type === type)
}

function expectInside(location: [number, number], x0: number, y0: number, x1: number, y1: number) {
  const [x, y] = metres(location)
  expect(x).toBeGreaterThan(x0)
  expect(x).toBeLessThan(x1)
  expect(y).toBeGreaterThan(y0)
  expect(y).toBeLessThan(y1)
}

describe('a clean tiling', () => {
  it('yields no issue, with or without its community as parent', () => {
    expect(validateGrids(tiling()).issues).toEqual([])
    expect(validateGrids(tiling(), { parents: [community] }).issues).toEqual([])
  })

  it('stays clean with T-junctions (one grid spanning two neighbours) and a MultiPolygon grid', () => {
    const grids: GridFeature[] = [
      { id: 'A', geometry: rectangle(0, 0, 100, 200) },
      { id: 'B', geometry: rectangle(100, 0, 200, 100) },
      { id: 'C', geometry: rectangle(100, 100, 200, 200) },
      { id: 'D', geometry: { type: 'MultiPolygon', coordinates: [rectangle(200, 0, 300, 100).coordinates, rectangle(300, 100, 400, 200).coordinates] } },
    ]
    expect(validateGrids(grids, { targetArea: 0 }).issues).toEqual([])
  })

  it('calls a MultiPolygon whose parts share an edge invalid, as PostGIS does', () => {
    const geometry: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [rectangle(200, 0, 300, 100).coordinates, rectangle(200, 100, 300, 200).coordinates] }
    expect(validateGrids([{ id: 'D', geometry }]).issues.map((issue) => `${issue.type}:${issue.reason}`)).toEqual(['invalid:self-intersection'])
  })
})

describe('gap', () => {
  it('finds the hole left by a missing grid, with its area and a point inside it', () => {
    const [gap] = ofType(validateGrids(tiling([5])).issues, 'gap')
    expect(gap.severity).toBe('error')
    expect(gap.area_m2! / 10_000).toBeCloseTo(1, 2)
    expectInside(gap.location, 100, 100, 200, 200)
    // every grid touching it, the corner ones (which touch it at a point) included
    expect(gap.ids).toEqual(tiling([5]).map((grid) => grid.id))
  })

  it('finds a hole between grids that overlap elsewhere (the slow path)', () => {
    const grids = [...tiling([5]), { id: 'X', geometry: rectangle(250, 250, 350, 350) }]
    const issues = validateGrids(grids, { targetArea: 0 }).issues
    expect(ofType(issues, 'overlap')).toHaveLength(1)
    const [gap] = ofType(issues, 'gap')
    expect(gap.area_m2! / 10_000).toBeCloseTo(1, 2)
    expectInside(gap.location, 100, 100, 200, 200)
  })

  it('reads holes in grids: a hole filled by another grid is fine, an empty one is a gap', () => {
    const donut: GeoJSON.Polygon = { type: 'Polygon', coordinates: [rectangle(0, 0, 300, 300).coordinates[0], [...rectangle(100, 100, 200, 200).coordinates[0]].reverse()] }
    expect(validateGrids([{ id: 'donut', geometry: donut }, { id: 'core', geometry: rectangle(100, 100, 200, 200) }], { targetArea: 0 }).issues).toEqual([])
    const [gap] = validateGrids([{ id: 'donut', geometry: donut }], { targetArea: 0 }).issues
    expect(gap.type).toBe('gap')
    expect(gap.ids).toEqual(['donut'])
    expect(gap.area_m2! / 10_000).toBeCloseTo(1, 2)
    expectInside(gap.location, 100, 100, 200, 200)
  })

  it('reports the part of a parent no grid covers, once (not also as a hole)', () => {
    const gaps = ofType(validateGrids(tiling([5, 9]), { parents: [community] }).issues, 'gap')
    expect(gaps.map((gap) => gap.reason).sort()).toEqual(['parent-uncovered', 'parent-uncovered'])
    const areas = gaps.map((gap) => gap.area_m2!).sort((a, b) => a - b)
    expect(areas[0] / 10_000).toBeCloseTo(1, 2)
    expect(areas[1] / 10_000).toBeCloseTo(1, 2)
    expect(gaps.every((gap) => gap.ids[0] === community.id)).toBe(true)
  })

  it('ignores slits below the noise area', () => {
    const grids: GridFeature[] = [
      { id: 'A', geometry: rectangle(0, 0, 100, 100) },
      { id: 'B', geometry: rectangle(100.0001, 0, 200, 100) },
      { id: 'C', geometry: rectangle(0, 100, 200, 200) },
      { id: 'D', geometry: rectangle(0, -100, 200, 0) },
    ]
    // The slit is 0.1 mm × 100 m = 0.01 m².
    expect(ofType(validateGrids(grids).issues, 'gap')).toEqual([])
    expect(ofType(validateGrids(grids, { noiseArea: 0.001 }).issues, 'gap')).toHaveLength(1)
  })
})

describe('overlap', () => {
  it('reports two overlapping grids with the overlap area and a point inside the overlap', () => {
    const grids: GridFeature[] = [
      { id: 'A', geometry: rectangle(0, 0, 100, 100) },
      { id: 'B', geometry: rectangle(80, 0, 180, 100) },
    ]
    const [overlap] = ofType(validateGrids(grids).issues, 'overlap')
    expect(overlap.ids).toEqual(['A', 'B'])
    expect(overlap.area_m2! / 2000).toBeCloseTo(1, 2)
    expectInside(overlap.location, 80, 0, 100, 100)
  })

  it('reports identical grids and a grid inside another', () => {
    const grids: GridFeature[] = [
      { id: 'A', geometry: rectangle(0, 0, 100, 100) },
      { id: 'B', geometry: rectangle(0, 0, 100, 100) },
      { id: 'C', geometry: rectangle(300, 0, 400, 100) },
      { id: 'D', geometry: rectangle(320, 20, 340, 40) },
    ]
    const overlaps = ofType(validateGrids(grids).issues, 'overlap')
    expect(overlaps.map((overlap) => overlap.ids.join('+')).sort()).toEqual(['A+B', 'C+D'])
    expect(overlaps.find((overlap) => overlap.ids[0] === 'C')!.area_m2! / 400).toBeCloseTo(1, 2)
  })

  it('does not count grids that only share an edge or a corner', () => {
    const grids: GridFeature[] = [
      { id: 'A', geometry: rectangle(0, 0, 100, 100) },
      { id: 'B', geometry: rectangle(100, 100, 200, 200) },
      { id: 'C', geometry: rectangle(100, 0, 200, 100) },
    ]
    expect(ofType(validateGrids(grids).issues, 'overlap')).toEqual([])
  })
})

describe('outside-parent and multi-parent', () => {
  const parents = [
    { id: 'west', geometry: rectangle(0, 0, 100, 100) },
    { id: 'east', geometry: rectangle(100, 0, 200, 100) },
  ]

  it('reports a grid partly outside every parent, with the area outside', () => {
    const [issue] = ofType(validateGrids([{ id: 'G', geometry: rectangle(0, 50, 50, 150) }], { parents }).issues, 'outside-parent')
    expect(issue.reason).toBe('partly')
    expect(issue.area_m2! / 2500).toBeCloseTo(1, 2)
    expectInside(issue.location, 0, 100, 50, 150)
  })

  it('reports a grid wholly outside', () => {
    const [issue] = ofType(validateGrids([{ id: 'G', geometry: rectangle(500, 0, 600, 100) }], { parents }).issues, 'outside-parent')
    expect(issue.reason).toBe('whole')
  })

  it('reports a grid straddling two parents, larger share first', () => {
    const [issue] = ofType(validateGrids([{ id: 'G', geometry: rectangle(20, 0, 120, 100) }], { parents }).issues, 'multi-parent')
    expect(issue.ids).toEqual(['G', 'west', 'east'])
    expect(issue.area_m2! / 2000).toBeCloseTo(1, 2)
    expectInside(issue.location, 100, 0, 120, 100)
  })

  it('says nothing without parents', () => {
    expect(validateGrids([{ id: 'G', geometry: rectangle(20, 0, 120, 100) }]).issues).toEqual([])
  })
})

describe('invalid', () => {
  const reasons = (grid: GridFeature) =>
    ofType(validateGrids([grid], { targetArea: 0 }).issues, 'invalid').map((issue) => `${issue.reason}:${issue.severity}`)

  it('locates a self-intersection (a bow-tie) where the edges cross', () => {
    const [issue] = ofType(validateGrids([{ id: 'X', geometry: ring([0, 0], [100, 100], [100, 0], [0, 100], [0, 0]) }]).issues, 'invalid')
    expect(issue.reason).toBe('self-intersection')
    const [x, y] = metres(issue.location)
    expect(Math.hypot(x - 50, y - 50)).toBeLessThan(0.01)
  })

  it('measures an invalid grid as repaired: both lobes of the bow-tie count', () => {
    const issues = validateGrids([{ id: 'X', geometry: ring([0, 0], [100, 100], [100, 0], [0, 100], [0, 0]) }], { targetArea: 1_000_000 }).issues
    const [area] = ofType(issues, 'area-target')
    expect(area.area_m2! / 5000).toBeCloseTo(1, 2)
  })

  it('tells a spike from a self-intersection', () => {
    expect(reasons({ id: 'S', geometry: ring([0, 0], [100, 0], [100, 100], [100, 150], [100, 100], [0, 100], [0, 0]) })).toEqual(['spike:error'])
  })

  it('reports repeated vertices and Z values as warnings, unclosed rings and too few vertices as errors', () => {
    expect(reasons({ id: 'R', geometry: ring([0, 0], [100, 0], [100, 0], [100, 100], [0, 100], [0, 0]) })).toEqual(['repeated-vertex:warning'])
    const z = rectangle(0, 0, 100, 100)
    z.coordinates[0] = z.coordinates[0].map(([lon, lat]) => [lon, lat, 12])
    expect(reasons({ id: 'Z', geometry: z })).toEqual(['z-coordinates:warning'])
    expect(reasons({ id: 'U', geometry: ring([0, 0], [100, 0], [100, 100], [0, 100]) })).toEqual(['unclosed-ring:error'])
    expect(reasons({ id: 'T', geometry: ring([0, 0], [100, 0], [0, 0]) })).toContain('too-few-vertices:error')
  })

  it('never repairs the input', () => {
    const grid: GridFeature = { id: 'U', geometry: ring([0, 0], [100, 0], [100, 100], [0, 100]) }
    const before = JSON.stringify(grid)
    validateGrids([grid])
    expect(JSON.stringify(grid)).toBe(before)
  })
})

describe('sliver and area-target', () => {
  it('flags a grid below the minimum area as an error, and a thin one as a warning', () => {
    const issues = validateGrids([
      { id: 'tiny', geometry: rectangle(0, 0, 0.5, 0.5) },
      { id: 'thin', geometry: rectangle(0, 10, 1000, 12) },
      { id: 'fine', geometry: rectangle(0, 20, 100, 120) },
    ]).issues
    const slivers = ofType(issues, 'sliver')
    expect(slivers.map((issue) => `${issue.ids[0]}:${issue.reason}:${issue.severity}`)).toEqual(['tiny:small:error', 'thin:thin:warning'])
    expect(slivers[0].area_m2! / 0.25).toBeCloseTo(1, 2)
    expect(ofType(validateGrids([{ id: 'tiny', geometry: rectangle(0, 0, 0.5, 0.5) }], { minArea: 0.1 }).issues, 'sliver')).toEqual([])
  })

  it('defines thinness as 4πA/P²', () => {
    expect(compactness(10_000, 400)).toBeCloseTo(Math.PI / 4, 6)
  })

  it('warns when a grid is under a tenth or over ten times the target', () => {
    const issues = validateGrids([
      { id: 'small', geometry: rectangle(0, 0, 30, 30) },
      { id: 'large', geometry: rectangle(100, 0, 500, 400) },
      { id: 'fine', geometry: rectangle(600, 0, 700, 100) },
    ]).issues
    expect(ofType(issues, 'area-target').map((issue) => `${issue.ids[0]}:${issue.reason}:${issue.severity}`)).toEqual(['small:small:warning', 'large:large:warning'])
    expect(ofType(validateGrids([{ id: 'small', geometry: rectangle(0, 0, 30, 30) }], { targetArea: 0 }).issues, 'area-target')).toEqual([])
  })
})

describe('duplicate-id, bad-code, code-prefix', () => {
  it('reports every feature carrying a repeated id', () => {
    const grids = tiling().map((grid, index) => (index < 3 ? { ...grid, id: 'same' } : grid))
    const [issue] = ofType(validateGrids(grids, { codes: 'off' }).issues, 'duplicate-id')
    expect(issue.ids).toEqual(['same'])
    expect(issue.features).toEqual([1, 2, 3])
  })

  it('checks 15-digit codes when every id is digits, or when told', () => {
    const grids = tiling()
    grids[0] = { ...grids[0], id: '32010200100101' }
    const [issue] = ofType(validateGrids(grids).issues, 'bad-code')
    expect(issue.ids).toEqual(['32010200100101'])
    grids[1] = { ...grids[1], id: 'SQ-1-2' }
    expect(ofType(validateGrids(grids).issues, 'bad-code')).toEqual([])
    expect(ofType(validateGrids(grids, { codes: 'on' }).issues, 'bad-code').map((found) => found.ids[0])).toEqual(['32010200100101', 'SQ-1-2'])
    expect(codeProblem('320102000001001')).toMatch(/街道/)
    expect(codeProblem('320102001001000')).toMatch(/顺序码/)
    expect(codeProblem('320102001001001')).toBeNull()
  })

  it('checks that a grid code starts with its community code, and a "SQ-1" style code with a separator', () => {
    const grids = tiling()
    grids[4] = { ...grids[4], id: '320102001002005' }
    const issues = ofType(validateGrids(grids, { parents: [community] }).issues, 'code-prefix')
    expect(issues.map((issue) => issue.ids)).toEqual([['320102001002005', '320102001001']])
    expectInside(issues[0].location, 100, 100, 200, 200)
    const lettered = [
      { id: 'SQ-1-1', geometry: rectangle(0, 0, 100, 100) },
      { id: 'SQ-10-1', geometry: rectangle(100, 0, 200, 100) },
    ]
    const parents = [{ id: '华丰社区', code: 'SQ-1', geometry: rectangle(0, 0, 200, 100) }]
    expect(ofType(validateGrids(lettered, { parents }).issues, 'code-prefix').map((issue) => issue.ids[0])).toEqual(['SQ-10-1'])
  })
})

it('places every location on the problem in WGS84 lon/lat', () => {
  const issues = validateGrids([...tiling([5]), { id: 'B', geometry: rectangle(250, 0, 350, 100) }], { codes: 'off' }).issues
  for (const issue of issues) {
    expect(issue.location[0]).toBeGreaterThan(at(-1, 0)[0])
    expect(issue.location[1]).toBeGreaterThan(at(0, -1)[1])
  }
})
