/**
 * Sanitation facilities as points strictly inside cells: (u, v) is kept within [0.15, 0.85], which
 * is ≥ ~18 m from a cell's straight sides and so well clear of the ≤ 4 m edge wiggle.
 */
import type { DemoDistrict, FacilityKind } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Lattice } from './lattice.ts'
import type { Hierarchy } from './hierarchy.ts'
import { spacedCells } from './places.ts'

export const FACILITY_COUNTS: [FacilityKind, number][] = [
  ['transfer_station', 2],
  ['compactor_station', 12],
  ['public_toilet', 150],
  ['collection_point', 800],
]

export interface Facilities {
  facilities: DemoDistrict['facilities']
  /** facilityCell[facilityId - 1] */
  facilityCell: number[]
}

export function buildFacilities(seed: number, lattice: Lattice, h: Hierarchy, reserved: readonly number[]): Facilities {
  const rng = new Rng(seed, STREAM.facilities)
  const taken = new Set(reserved)
  const facilities: DemoDistrict['facilities'] = []
  const facilityCell: number[] = []
  const perCommunity = new Map<string, number>()
  for (const [kind, count] of FACILITY_COUNTS) {
    // big stations are spread far apart; toilets and collection points may share cells
    const cells =
      kind === 'transfer_station' ? spacedCells(lattice, h.cells, count, 25, new Set(taken), rng)
      : kind === 'compactor_station' ? spacedCells(lattice, h.cells, count, 10, new Set(taken), rng)
      : Array.from({ length: count }, () => h.cells[rng.int(0, h.cells.length - 1)])
    cells.forEach((c, k) => {
      const community = h.communities[h.communityOfCell[c] - 1]
      const street = h.streets[community.streetId - 1]
      const key = kind === 'compactor_station' ? `${kind}:${street.id}` : `${kind}:${community.id}`
      const n = (perCommunity.get(key) ?? 0) + 1
      perCommunity.set(key, n)
      const name =
        kind === 'transfer_station' ? `示范区${k === 0 ? '第一' : '第二'}垃圾转运站`
        : kind === 'compactor_station' ? `${street.name.replace('街道', '')}${n === 1 ? '' : '第二'}垃圾压缩站`
        : kind === 'public_toilet' ? `${community.name}${n}号公厕`
        : `${community.name}${n}号垃圾装车点`
      facilities.push({ id: facilities.length + 1, kind, name, geometry: { type: 'Point', coordinates: lattice.cellPoint(c, rng.range(0.15, 0.85), rng.range(0.15, 0.85)) } })
      facilityCell.push(c)
    })
  }
  return { facilities, facilityCell }
}
