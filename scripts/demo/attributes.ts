/**
 * Grid attributes: land use, management level and who is responsible. Each community has a
 * character (mostly residential, commercial core, industrial edge…) so neighbouring grids look alike.
 */
import type { DemoDistrict, LandUse } from './model.ts'
import { Rng, STREAM } from './prng.ts'
import type { Lattice } from './lattice.ts'
import type { Hierarchy } from './hierarchy.ts'
import { personName } from './names.ts'

const LAND_USES: LandUse[] = ['residential', 'commercial', 'industrial', 'public', 'green', 'mixed']
/** per community character: weights over LAND_USES */
const CHARACTERS = [
  [70, 8, 2, 8, 6, 6],
  [30, 40, 2, 10, 4, 14],
  [15, 5, 55, 5, 10, 10],
  [45, 15, 5, 15, 10, 10],
  [30, 5, 5, 10, 45, 5],
]
const CHARACTER_WEIGHTS = [45, 20, 12, 15, 8]

export function gridAttributes(
  seed: number,
  lattice: Lattice,
  h: Hierarchy,
  marketCells: readonly number[],
  siteCells: readonly number[],
): DemoDistrict['grids'] {
  const rng = new Rng(seed, STREAM.attributes)
  const character = h.communities.map(() => CHARACTERS[rng.weighted(CHARACTER_WEIGHTS)])
  const markets = new Set(marketCells)
  const sites = new Set(siteCells)
  return h.grids.map((grid) => {
    const c = h.cellOfGrid[grid.id - 1]
    const community = h.communities[grid.communityId - 1]
    const street = h.streets[community.streetId - 1]
    const landUse: LandUse = markets.has(c) ? 'commercial' : sites.has(c) ? 'mixed' : LAND_USES[rng.weighted(character[grid.communityId - 1])]
    const i = lattice.cellI(c)
    const j = lattice.cellJ(c)
    const onMainRoad =
      lattice.roads.vertical.get(i) === 'main' ||
      lattice.roads.vertical.get(i + 1) === 'main' ||
      lattice.roads.horizontal.get(j) === 'main' ||
      lattice.roads.horizontal.get(j + 1) === 'main'
    let managementLevel: 1 | 2 | 3 = 2
    if (markets.has(c) || sites.has(c) || landUse === 'commercial' || (onMainRoad && rng.chance(0.35))) managementLevel = 1
    else if ((landUse === 'green' || landUse === 'industrial') && rng.chance(0.7)) managementLevel = 3
    // Industrial and green grids without residents fall back to the street office (属地兜底).
    const responsibleBody = landUse === 'industrial' || landUse === 'green' ? `${street.name}办事处` : `${community.name}居民委员会`
    return { ...grid, landUse, managementLevel, responsiblePerson: personName(rng), responsibleBody }
  })
}
