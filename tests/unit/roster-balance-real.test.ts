/**
 * The balancer on real street networks (test-only fixtures, see ../shared/fixtures/real/PROVENANCE.md;
 * never copied into the product): 302 OSM ways in Haidian, Beijing, and the 13 roads of the
 * Hangzhou Xiacheng file (kind = road).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { balance, type BalanceLine } from '../../src/domain/roster/balance/index.ts'
import { coverageProblems, worstDeviation } from './roster-balance-support.ts'

const FIXTURES = new URL('../../../shared/fixtures/real/', import.meta.url)

function readLines(name: string, keep: (properties: Record<string, unknown>) => boolean = () => true): BalanceLine[] {
  const collection = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as GeoJSON.FeatureCollection
  return collection.features
    .filter((feature) => feature.geometry.type === 'LineString' && keep(feature.properties ?? {}))
    .map((feature, index) => ({ id: String(index), coordinates: (feature.geometry as GeoJSON.LineString).coordinates as [number, number][] }))
}

describe('balance on real street networks', () => {
  const haidian = readLines('cn-beijing-haidian-osm-roads.geojson')
  const hangzhou = readLines('cn-hangzhou-xiacheng-roads-rivers.geojson', (properties) => properties.kind === 'road')

  for (const [name, lines, beats] of [
    ['Haidian OSM, 20 beats', haidian, 20],
    ['Haidian OSM, 50 beats', haidian, 50],
    ['Hangzhou roads, 5 beats', hangzhou, 5],
  ] as const) {
    it(`${name}: exact coverage, every beat within ±10 % of the mean, connected unless it took an isolated piece`, () => {
      const result = balance({ lines: [...lines], beats, seed: 1 })
      expect(coverageProblems([...lines], result)).toEqual([])
      expect(worstDeviation(result)).toBeLessThanOrEqual(0.1)
      expect(result.stats.spread).toBeGreaterThanOrEqual(result.stats.lowerBound - 1e-9)
      // beats are disconnected only where a component too light for a beat was joined to them
      const disconnected = result.beats.filter((beat) => !beat.connected).length
      expect(disconnected).toBeLessThanOrEqual(result.stats.joinedComponents)
      expect(result.stats.beatsSpanComponents).toBe(result.stats.joinedComponents > 0)
    })
  }

  it('Haidian with a 60 m gap is one component and every beat is connected', () => {
    const result = balance({ lines: haidian, beats: 30, gapM: 60 })
    expect(result.stats.components).toBe(1)
    expect(result.beats.every((beat) => beat.connected)).toBe(true)
    expect(worstDeviation(result)).toBeLessThanOrEqual(0.1)
  })

  it('Hangzhou, 10 beats, components kept apart: the lower bound explains the spread', () => {
    const result = balance({ lines: hangzhou, beats: 10, isolated: 'own' })
    expect(result.stats.components).toBe(4)
    expect(result.beats.every((beat) => beat.connected)).toBe(true)
    expect(result.stats.lowerBound).toBeGreaterThan(0.1)
    expect(result.stats.spread).toBeGreaterThanOrEqual(result.stats.lowerBound - 1e-9)
  })
})
