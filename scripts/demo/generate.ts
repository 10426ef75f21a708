/**
 * Deterministic demo district (示范区, synthetic data). Same seed → byte-identical output on every
 * machine: all randomness comes from seeded streams (prng.ts), coordinates are rounded once per
 * vertex (geo.ts), and nothing iterates over hash-map key order.
 *
 *   node --import tsx scripts/demo/generate.ts   prints a summary
 */
import type { DemoDistrict } from './model.ts'
import { chooseRoadLines, buildRoads } from './roads.ts'
import { Lattice } from './lattice.ts'
import { districtMask } from './shape.ts'
import { buildHierarchy } from './hierarchy.ts'
import { buildPlaces } from './places.ts'
import { gridAttributes } from './attributes.ts'
import { buildBackStreets } from './backstreets.ts'
import { buildFacilities } from './facilities.ts'
import { buildWorkforce } from './workforce.ts'
import { readMatters } from './categories.ts'
import { buildIncidents } from './incidents.ts'
import { describeNetwork, measureBackStreetNetwork } from './backstreet-network.ts'

export const DEFAULT_SEED = 20261122

export function generateDemoDistrict(seed = DEFAULT_SEED): DemoDistrict {
  const lattice = new Lattice(seed, chooseRoadLines(seed))
  const mask = districtMask(seed)
  const hierarchy = buildHierarchy(seed, lattice, mask)
  const places = buildPlaces(seed, lattice, hierarchy)
  const grids = gridAttributes(seed, lattice, hierarchy, places.marketCells, places.siteCells)
  const backStreets = buildBackStreets(seed, lattice, hierarchy)
  const facilities = buildFacilities(seed, lattice, hierarchy, [...places.marketCells, ...places.siteCells])
  const workforce = buildWorkforce(seed, hierarchy, backStreets)
  const incidents = buildIncidents(seed, lattice, hierarchy, places, backStreets, facilities, readMatters())
  return {
    seed,
    district: hierarchy.district,
    streets: hierarchy.streets,
    communities: hierarchy.communities,
    grids,
    roads: buildRoads(seed, lattice, mask),
    backStreets: backStreets.backStreets,
    segments: backStreets.segments,
    markets: places.markets,
    constructionSites: places.constructionSites,
    facilities: facilities.facilities,
    teams: workforce.teams,
    cleaners: workforce.cleaners,
    assignments: workforce.assignments,
    incidents,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now()
  const demo = generateDemoDistrict()
  const ms = Math.round(performance.now() - started)
  const covered = new Set(demo.assignments.map((a) => a.segmentId)).size
  console.log(
    [
      `grids ${demo.grids.length}, streets ${demo.streets.length}, communities ${demo.communities.length}`,
      `roads ${demo.roads.length}, back streets ${demo.backStreets.length}, segments ${demo.segments.length}`,
      `markets ${demo.markets.length}, sites ${demo.constructionSites.length}, facilities ${demo.facilities.length}`,
      `teams ${demo.teams.length}, cleaners ${demo.cleaners.length}, assignments ${demo.assignments.length}, coverage ${((100 * covered) / demo.segments.length).toFixed(1)}%`,
      `incidents ${demo.incidents.length}`,
      describeNetwork(measureBackStreetNetwork(demo)),
      `generated in ${ms} ms`,
    ].join('\n'),
  )
}
