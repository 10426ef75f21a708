/**
 * The demo district's 2,950 grids (scripts/demo, the same generator that writes seed.sql and
 * the embedded snapshot) tile their communities and streets exactly and carry proper codes:
 * every rule must come back empty. Prints how long validating them takes (measured, not
 * asserted: timed assertions fail on a busy machine; see docs/grids.md for the figures).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { generateDemoDistrict } from '../../scripts/demo/generate.ts'
import type { DemoDistrict } from '../../scripts/demo/model.ts'
import { validateGrids, type GridFeature } from '../../src/domain/grids/validation/index.ts'

vi.setConfig({ testTimeout: 120_000 })

let demo: DemoDistrict
let grids: GridFeature[]
beforeAll(() => {
  demo = generateDemoDistrict()
  grids = demo.grids.map((grid, index) => ({ id: grid.code, geometry: grid.geometry, featureNumber: index + 1 }))
})

function timed<T>(label: string, work: () => T): T {
  const started = performance.now()
  const result = work()
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`)
  return result
}

describe('the demo district', () => {
  it('has 2,950 grids that validate clean, alone and against their communities and streets', () => {
    expect(grids).toHaveLength(2950)
    const alone = timed('2,950 demo grids, no parents (first run)', () => validateGrids(grids))
    timed('2,950 demo grids, no parents (second run)', () => validateGrids(grids))
    console.log('steps (ms):', JSON.stringify(alone.timings, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value) : value)))
    expect(alone.issues).toEqual([])
    const communities = demo.communities.map((community) => ({ id: community.code, code: community.code, geometry: community.geometry }))
    const underCommunities = timed('2,950 demo grids, 81 communities as parents', () => validateGrids(grids, { parents: communities }))
    expect(underCommunities.issues).toEqual([])
    const streets = demo.streets.map((street) => ({ id: street.code, code: street.code, geometry: street.geometry }))
    expect(validateGrids(grids, { parents: streets, rules: ['gap', 'outside-parent', 'multi-parent', 'code-prefix'] }).issues).toEqual([])
  })

  it('would report a grid moved into the wrong community, and one removed', () => {
    const broken = grids.filter((_grid, index) => index !== 100)
    broken[0] = { ...broken[0], id: `${demo.communities[5].code}999` }
    const communities = demo.communities.map((community) => ({ id: community.code, code: community.code, geometry: community.geometry }))
    const { issues } = validateGrids(broken, { parents: communities })
    expect(issues.map((issue) => issue.type).sort()).toEqual(['code-prefix', 'gap'])
    expect(issues.find((issue) => issue.type === 'gap')!.area_m2).toBeGreaterThan(1000)
  })
})
