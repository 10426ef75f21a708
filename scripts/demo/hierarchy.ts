/**
 * 区 → 街道 → 社区 → 单元网格. Each district cell is one grid; communities and streets are grown
 * over the cells, and every polygon above grid level is traced from the cells it owns, so the
 * unions match exactly by construction.
 */
import type { DemoDistrict } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import { E, N, NX, NY, S, type Lattice } from './lattice.ts'
import { growRegions, spreadSeeds } from './regions.ts'
import { traceRegion } from './rings.ts'
import { PLACE_WORDS, STREET_NAMES } from './names.ts'

export const DISTRICT_CODE = '329001'
export const DISTRICT_NAME = '示范区'
const STREET_COUNT = 14
const TARGET_COMMUNITIES = 80

type Street = DemoDistrict['streets'][number]
type Community = DemoDistrict['communities'][number]
export type GridShape = Pick<DemoDistrict['grids'][number], 'id' | 'communityId' | 'code' | 'name' | 'geometry'>

export interface Hierarchy {
  district: DemoDistrict['district']
  /** district cells, ascending */
  cells: number[]
  /** lattice-sized maps, 0 outside the district */
  streetOfCell: Int32Array
  communityOfCell: Int32Array
  gridOfCell: Int32Array
  /** cellOfGrid[gridId - 1] */
  cellOfGrid: number[]
  streets: Street[]
  communities: Community[]
  grids: GridShape[]
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Extra Dijkstra cost for crossing the lattice line between cell c and its neighbour in direction d. */
function roadPenalty(lattice: Lattice, main: number, secondary: number) {
  return (c: number, d: number): number => {
    const i = lattice.cellI(c)
    const j = lattice.cellJ(c)
    const kind =
      d === E ? lattice.roads.vertical.get(i + 1)
      : d === N ? lattice.roads.horizontal.get(j + 1)
      : d === S ? lattice.roads.horizontal.get(j)
      : lattice.roads.vertical.get(i)
    return kind === 'main' ? main : kind === 'secondary' ? secondary : 0
  }
}

/** Orders regions north→south in coarse bands, then west→east, so ids read like a map. */
function mapOrder(lattice: Lattice, members: number[][], band: number): number[] {
  const keys = members.map((cells, index) => {
    let si = 0
    let sj = 0
    for (const c of cells) {
      si += lattice.cellI(c)
      sj += lattice.cellJ(c)
    }
    return { index, row: -Math.round(sj / cells.length / band), col: si / cells.length }
  })
  keys.sort((a, b) => a.row - b.row || a.col - b.col || a.index - b.index)
  return keys.map((k) => k.index)
}

export function buildHierarchy(seed: number, lattice: Lattice, mask: Uint8Array): Hierarchy {
  const rng = new Rng(seed, STREAM.regions)
  const names = new Rng(seed, STREAM.names)
  const cells: number[] = []
  for (let c = 0; c < NX * NY; c++) if (mask[c]) cells.push(c)

  const district = { code: DISTRICT_CODE, name: DISTRICT_NAME, geometry: traceRegion(lattice, cells, (c) => mask[c] === 1) }

  const streetSeeds = spreadSeeds(lattice, cells, STREET_COUNT, rng)
  const streetRegion = growRegions(lattice, cells, streetSeeds, { crossingCost: roadPenalty(lattice, 6, 1) })
  const streetMembers: number[][] = streetSeeds.map(() => [])
  for (const c of cells) streetMembers[streetRegion[c]].push(c)
  const streetOrder = mapOrder(lattice, streetMembers, 12)

  const streetOfCell = new Int32Array(NX * NY)
  const communityOfCell = new Int32Array(NX * NY)
  const gridOfCell = new Int32Array(NX * NY)
  const cellOfGrid: number[] = []
  const streets: Street[] = []
  const communities: Community[] = []
  const grids: GridShape[] = []
  const communityWords = names.shuffle([...PLACE_WORDS])

  streetOrder.forEach((regionIndex, k) => {
    const id = k + 1
    const members = streetMembers[regionIndex]
    for (const c of members) streetOfCell[c] = id
    const code = DISTRICT_CODE + pad(id, 3)
    streets.push({ id, code, name: STREET_NAMES[k], geometry: traceRegion(lattice, members, (c) => streetOfCell[c] === id) })

    const communityCount = Math.max(3, Math.round((TARGET_COMMUNITIES * members.length) / cells.length))
    const seeds = spreadSeeds(lattice, members, communityCount, rng)
    const region = growRegions(lattice, members, seeds, { crossingCost: roadPenalty(lattice, 6, 3) })
    const communityMembers: number[][] = seeds.map(() => [])
    for (const c of members) communityMembers[region[c]].push(c)
    mapOrder(lattice, communityMembers, 5).forEach((index, m) => {
      const communityId = communities.length + 1
      const own = communityMembers[index]
      for (const c of own) communityOfCell[c] = communityId
      const name = communityWords[communityId - 1] + '社区'
      const communityCode = code + pad(m + 1, 3)
      communities.push({
        id: communityId,
        streetId: id,
        code: communityCode,
        name,
        geometry: traceRegion(lattice, own, (c) => communityOfCell[c] === communityId),
      })
      // 3-digit sequence: north row first, west first within a row
      const ordered = [...own].sort((a, b) => lattice.cellJ(b) - lattice.cellJ(a) || lattice.cellI(a) - lattice.cellI(b))
      ordered.forEach((c, s) => {
        const gridId = grids.length + 1
        gridOfCell[c] = gridId
        cellOfGrid.push(c)
        grids.push({
          id: gridId,
          communityId,
          code: communityCode + pad(s + 1, 3),
          name: `${name}第${s + 1}网格`,
          geometry: { type: 'Polygon', coordinates: [lattice.cellRing(c)] },
        })
      })
    })
  })
  return { district, cells, streetOfCell, communityOfCell, gridOfCell, cellOfGrid, streets, communities, grids }
}
