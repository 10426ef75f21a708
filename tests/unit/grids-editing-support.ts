/**
 * Fixtures and invariant checks for the grid editor tests: a community tiled by quads (plain
 * squares, or jittered with extra "wiggle" vertices on shared edges, as digitised grids look),
 * and `tilingProblems`, which judges a grid set with the validator (the oracle) plus the
 * editor's own topology rule (no T-junctions).
 */
import { sphericalArea } from '../../src/domain/geometry/spherical-area.ts'
import { pointIndex } from '../../src/domain/grids/editing/point-index.ts'
import { onSegment } from '../../src/domain/grids/editing/rings.ts'
import type { EditableGrid, EditScope, GridSet, Position } from '../../src/domain/grids/editing/index.ts'
import { validateGrids } from '../../src/domain/grids/validation/index.ts'

export const COMMUNITY = '330106001001'
export const OTHER_COMMUNITY = '330106001002'

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface TilingOptions {
  columns: number
  rows: number
  /** degrees of random displacement of the lattice corners (0 = squares) */
  jitter?: number
  /** extra vertices per shared edge, displaced sideways (0 = straight edges) */
  wiggles?: number
  seed?: number
  /** codes by cell: default row by row from the north-west, 001… */
  community?: string
}

const STEP_X = 0.0012
const STEP_Y = 0.001
const ORIGIN: Position = [120.15, 30.25]

export function grid(code: string, geometry: GeoJSON.Polygon, community = COMMUNITY): EditableGrid {
  return { code, version: 1, communityCode: community, name: `网格${code.slice(12)}`, landUse: 'residential', managementLevel: 2, responsiblePerson: '张三', responsibleBody: '某街道', geometry }
}

/** A community tiled by columns × rows quads; returns the grids and the scope (the community is the tiling's outline). */
export function quadTiling(options: TilingOptions): { grids: Map<string, EditableGrid>; scope: EditScope } {
  const { columns, rows, jitter = 0, wiggles = 0, seed = 1, community = COMMUNITY } = options
  const random = mulberry32(seed)
  const corner: Position[][] = []
  for (let i = 0; i <= columns; i++) {
    corner.push([])
    for (let j = 0; j <= rows; j++) corner[i].push([ORIGIN[0] + i * STEP_X + (random() - 0.5) * 2 * jitter, ORIGIN[1] + j * STEP_Y + (random() - 0.5) * 2 * jitter])
  }
  const chain = (a: Position, b: Position): Position[] => {
    const points: Position[] = []
    for (let k = 1; k <= wiggles; k++) {
      const f = k / (wiggles + 1) + (random() - 0.5) * (0.3 / (wiggles + 1))
      const side = (random() - 0.5) * 0.15
      points.push([a[0] + f * (b[0] - a[0]) - side * (b[1] - a[1]), a[1] + f * (b[1] - a[1]) + side * (b[0] - a[0])])
    }
    return points
  }
  const horizontal = new Map<string, Position[]>()
  const vertical = new Map<string, Position[]>()
  for (let i = 0; i <= columns; i++) {
    for (let j = 0; j <= rows; j++) {
      if (i < columns) horizontal.set(`${i},${j}`, chain(corner[i][j], corner[i + 1][j]))
      if (j < rows) vertical.set(`${i},${j}`, chain(corner[i][j], corner[i][j + 1]))
    }
  }
  const grids = new Map<string, EditableGrid>()
  let sequence = 1
  for (let j = rows - 1; j >= 0; j--) {
    for (let i = 0; i < columns; i++) {
      const ring: Position[] = [
        corner[i][j], ...horizontal.get(`${i},${j}`)!,
        corner[i + 1][j], ...vertical.get(`${i + 1},${j}`)!,
        corner[i + 1][j + 1], ...[...horizontal.get(`${i},${j + 1}`)!].reverse(),
        corner[i][j + 1], ...[...vertical.get(`${i},${j}`)!].reverse(),
      ]
      const code = `${community}${String(sequence++).padStart(3, '0')}`
      grids.set(code, grid(code, { type: 'Polygon', coordinates: [[...ring, ring[0]]] }, community))
    }
  }
  const outline: Position[] = []
  for (let i = 0; i < columns; i++) outline.push(corner[i][0], ...horizontal.get(`${i},0`)!)
  for (let j = 0; j < rows; j++) outline.push(corner[columns][j], ...vertical.get(`${columns},${j}`)!)
  for (let i = columns; i > 0; i--) outline.push(corner[i][rows], ...[...horizontal.get(`${i - 1},${rows}`)!].reverse())
  for (let j = rows; j > 0; j--) outline.push(corner[0][j], ...[...vertical.get(`0,${j - 1}`)!].reverse())
  const scope: EditScope = { communities: [{ code: community, name: '测试社区', geometry: { type: 'Polygon', coordinates: [[...outline, outline[0]]] } }] }
  return { grids, scope }
}

/** Applies an accepted result to a set, as the edit session would (deletes first, then puts and creates). */
export function apply(grids: GridSet, result: { puts: readonly EditableGrid[]; creates: readonly EditableGrid[]; deletes: readonly string[] }): Map<string, EditableGrid> {
  const next = new Map(grids)
  for (const code of result.deletes) next.delete(code)
  for (const grid of [...result.puts, ...result.creates]) next.set(grid.code, grid)
  return next
}

/**
 * What is wrong with the set as a tiling of the scope (empty = sound). `junctionTolerance`
 * (degrees) also flags a vertex of one grid lying that close to another grid's edge without
 * being its vertex (a near T-junction: what a rounded crossing point left out of a neighbour
 * would look like); a grid's own vertices near its own edges are thin wedges, valid, not flagged.
 */
export function tilingProblems(grids: GridSet, scope: EditScope, junctionTolerance = 0): string[] {
  const list = [...grids.values()]
  const problems: string[] = []
  const { issues } = validateGrids(
    list.map((g) => ({ id: g.code, geometry: g.geometry })),
    {
      parents: scope.communities.map((c) => ({ id: c.code, code: c.code, geometry: c.geometry })),
      targetArea: 0,
      codes: 'on',
      rules: ['invalid', 'duplicate-id', 'bad-code', 'overlap', 'gap', 'outside-parent', 'multi-parent', 'code-prefix'],
    },
  )
  for (const issue of issues) if (issue.severity === 'error') problems.push(`${issue.type}/${issue.reason ?? ''}: ${issue.message}`)
  for (const g of list) {
    g.geometry.coordinates.forEach((ring, index) => {
      let twiceArea = 0
      for (let k = 0; k + 1 < ring.length; k++) twiceArea += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1]
      if (twiceArea > 0 !== (index === 0)) problems.push(`ring ${index} of ${g.code} is ${twiceArea > 0 ? 'counter-clockwise' : 'clockwise'}`)
      const first = ring[0]
      const last = ring[ring.length - 1]
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${index} of ${g.code} is not closed`)
    })
    if (!/^\d{15}$/.test(g.code) || !g.code.startsWith(g.communityCode) || g.code.endsWith('000')) problems.push(`bad code ${g.code}`)
  }
  const gridArea = list.reduce((total, g) => total + sphericalArea(g.geometry), 0)
  const communityArea = scope.communities.reduce((total, c) => total + sphericalArea(c.geometry), 0)
  if (Math.abs(gridArea - communityArea) > 1) problems.push(`area ${gridArea.toFixed(3)} ≠ community ${communityArea.toFixed(3)}`)
  // T-junctions: a vertex of one grid strictly inside an edge of another (indexed: this runs after every fuzz step)
  const owners = new Map<string, Set<string>>()
  const points: Position[] = []
  for (const g of list) {
    for (const ring of g.geometry.coordinates) {
      for (const p of ring) {
        const key = `${p[0]},${p[1]}`
        if (!owners.has(key)) {
          owners.set(key, new Set())
          points.push([p[0], p[1]])
        }
        owners.get(key)!.add(g.code)
      }
    }
  }
  const search = pointIndex(points)
  for (const g of list) {
    for (const ring of g.geometry.coordinates) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k] as Position
        const b = ring[k + 1] as Position
        const box = { minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]) }
        for (const p of search(box)) {
          if (onSegment(p, a, b, junctionTolerance) && !(junctionTolerance > 0 && owners.get(`${p[0]},${p[1]}`)!.has(g.code))) problems.push(`T-junction: vertex ${p.join(',')} of ${[...owners.get(`${p[0]},${p[1]}`)!].join('/')} on an edge of ${g.code}`)
        }
      }
    }
  }
  return problems
}
