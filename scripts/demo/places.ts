/**
 * Markets (农贸市场) and construction sites (建筑工地): small polygons drawn in a cell's bilinear
 * (u, v) space around its middle. The bilinear map of a convex quad preserves orientation, so a
 * counter-clockwise star in (u, v) stays counter-clockwise and simple; keeping u, v within
 * [0.09, 0.91] leaves ≥ ~10 m to every cell edge, more than the 4 m edge wiggle.
 */
import type { DemoDistrict, PolygonGeometry, Position } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Lattice } from './lattice.ts'
import type { Hierarchy } from './hierarchy.ts'
import { CONTRACTOR_WORDS, PROJECT_WORDS } from './names.ts'

export const MARKET_COUNT = 30
export const SITE_COUNT = 40

export function cellPolygon(lattice: Lattice, cell: number, rng: Rng, radius: number): PolygonGeometry {
  const cu = 0.5 + rng.range(-0.04, 0.04)
  const cv = 0.5 + rng.range(-0.04, 0.04)
  const sides = rng.int(5, 8)
  const start = rng.range(0, Math.PI)
  const ring: Position[] = []
  for (let k = 0; k < sides; k++) {
    const angle = start + (2 * Math.PI * (k + rng.range(-0.2, 0.2))) / sides
    const r = radius * rng.range(0.8, 1)
    ring.push(lattice.cellPoint(cell, cu + r * Math.cos(angle), cv + r * Math.sin(angle)))
  }
  ring.push(ring[0])
  return { type: 'Polygon', coordinates: [ring] }
}

/** Distinct cells at least `spacing` lattice steps apart (Chebyshev), drawn from `pool` in random order. */
export function spacedCells(lattice: Lattice, pool: readonly number[], count: number, spacing: number, taken: Set<number>, rng: Rng): number[] {
  const out: number[] = []
  for (const c of rng.shuffle([...pool])) {
    if (out.length === count) break
    if (taken.has(c)) continue
    const i = lattice.cellI(c)
    const j = lattice.cellJ(c)
    if (out.some((o) => Math.max(Math.abs(lattice.cellI(o) - i), Math.abs(lattice.cellJ(o) - j)) < spacing)) continue
    out.push(c)
    taken.add(c)
  }
  if (out.length < count) throw new Error('not enough room for places')
  return out
}

export interface Places {
  markets: DemoDistrict['markets']
  constructionSites: DemoDistrict['constructionSites']
  marketCells: number[]
  siteCells: number[]
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

export function buildPlaces(seed: number, lattice: Lattice, h: Hierarchy): Places {
  const rng = new Rng(seed, STREAM.places)
  const taken = new Set<number>()
  const marketCells = spacedCells(lattice, h.cells, MARKET_COUNT, 6, taken, rng)
  const siteCells = spacedCells(lattice, h.cells, SITE_COUNT, 4, taken, rng)
  const communityName = (c: number) => h.communities[h.communityOfCell[c] - 1].name.replace('社区', '')

  const usedMarketNames = new Set<string>()
  const markets = marketCells.map((c, k) => {
    let name = communityName(c) + '农贸市场'
    if (usedMarketNames.has(name)) name = communityName(c) + '第二农贸市场'
    usedMarketNames.add(name)
    return {
      id: k + 1,
      name,
      // 60–120 m across in a ~165 m cell
      geometry: cellPolygon(lattice, c, rng, rng.range(0.2, 0.34)),
      stalls: rng.int(40, 260),
      operator: rng.chance(0.6) ? `泰州${rng.pick(CONTRACTOR_WORDS)}市场管理有限公司` : `${communityName(c)}社区股份经济合作社`,
    }
  })

  const constructionSites = siteCells.map((c, k) => {
    // permits start between 2025-01 and 2026-06 and run 6–18 months
    const startMonth = rng.int(0, 17)
    const startYear = 2025 + Math.floor(startMonth / 12)
    const duration = rng.int(6, 18)
    const endMonth = startMonth + duration
    const permitStart = iso(startYear, (startMonth % 12) + 1, rng.int(1, 28))
    const permitEnd = iso(2025 + Math.floor(endMonth / 12), (endMonth % 12) + 1, rng.int(1, 28))
    const expired = permitEnd < '2026-10-31'
    // Every fourth expired permit is still marked active: the UI flags these as overdue.
    const status: 'active' | 'suspended' | 'completed' = expired ? (k % 4 === 0 ? 'active' : 'completed') : rng.chance(0.85) ? 'active' : 'suspended'
    return {
      id: k + 1,
      name: `${communityName(c)}${rng.pick(PROJECT_WORDS)}项目工地`,
      geometry: cellPolygon(lattice, c, rng, rng.range(0.22, 0.33)),
      permitStart,
      permitEnd,
      status,
      contractor: `江苏${rng.pick(CONTRACTOR_WORDS)}建设工程有限公司`,
      hasEnclosure: rng.chance(0.9),
      hasWheelWash: rng.chance(0.8),
    }
  })
  return { markets, constructionSites, marketCells, siteCells }
}
