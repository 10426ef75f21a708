/**
 * The grid editor on the demo district (scripts/demo, the generator behind seed.sql): its
 * grids already share vertices exactly, so normaliseTopology must change nothing (and say so
 * by returning the same map); the generator numbers each community's grids north row first,
 * west first within a row, so renumberCommunity must find nothing to renumber in any of the
 * 81 communities; and the invariant fuzz runs on one real community (its ~36 grids, alone).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import type { DemoDistrict } from '../../scripts/demo/model.ts'
import { normaliseTopology, renumberCommunity, RENUMBER_NOTHING, type EditableGrid, type EditScope } from '../../src/domain/grids/editing/index.ts'
import { runFuzz } from './grids-editing-fuzz-runner.ts'

vi.setConfig({ testTimeout: 120_000 })

const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261206)

let demo: DemoDistrict
let grids: Map<string, EditableGrid>
let scope: EditScope
beforeAll(() => {
  demo = generateDemoDistrict()
  const communityCode = new Map(demo.communities.map((community) => [community.id, community.code]))
  grids = new Map(demo.grids.map((grid) => [grid.code, {
    code: grid.code, version: 1, communityCode: communityCode.get(grid.communityId)!, name: grid.name, landUse: grid.landUse,
    managementLevel: grid.managementLevel, responsiblePerson: grid.responsiblePerson, responsibleBody: grid.responsibleBody, geometry: grid.geometry,
  }]))
  scope = { communities: demo.communities.map((community) => ({ code: community.code, name: community.name, geometry: community.geometry })) }
})

describe('grid editing on the demo district', () => {
  it('normaliseTopology finds the 2,950 demo grids already sharing vertices', () => {
    const started = performance.now()
    expect(normaliseTopology(grids, scope)).toBe(grids)
    console.log(`normaliseTopology, 2,950 demo grids: ${Math.round(performance.now() - started)} ms`)
  })
  it('renumberCommunity agrees with the generator\'s reading order in every community', () => {
    for (const community of demo.communities) {
      const outcome = renumberCommunity(grids, community.code, { keepUntouched: false })
      expect(outcome.ok ? `${community.code} renumbered` : outcome.code).toBe(RENUMBER_NOTHING)
    }
  })
  it('keeps a real community tiled through 150 random operations', () => {
    const counts = new Map<string, number>()
    for (const grid of grids.values()) counts.set(grid.communityCode, (counts.get(grid.communityCode) ?? 0) + 1)
    const sizes = [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    const [communityCode] = sizes[Math.floor(sizes.length / 2)]
    const start = new Map([...grids].filter(([, grid]) => grid.communityCode === communityCode))
    const community = scope.communities.find((c) => c.code === communityCode)!
    const tally = runFuzz({ start, scope: { communities: [community] }, communityCode, steps: 150, seed: SEED, maxGrids: start.size + 8, minGrids: start.size - 12 })
    for (const [kind, count] of Object.entries(tally)) expect(count.accepted, kind).toBeGreaterThan(0)
  })
})
