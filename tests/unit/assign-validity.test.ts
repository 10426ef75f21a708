import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { findPolygonProblems } from '../../src/domain/assign/polygon-validity.ts'
import type { PolygonInput } from '../../src/domain/assign/polygon-input.ts'
import { generateGridTiling } from '../../bench/fixtures/grid-tiling.ts'
import { describeWithRealFixtures, REAL_FIXTURES } from '../real-fixtures.ts'

const realFixtures = REAL_FIXTURES ?? ''

function polygons(file: string, idOf: (properties: Record<string, string>, index: number) => string): PolygonInput[] {
  const collection = JSON.parse(readFileSync(path.join(realFixtures, file), 'utf8')) as {
    features: { properties: Record<string, string>; geometry: PolygonInput['geometry'] }[]
  }
  return collection.features.map((feature, index) => ({ id: idOf(feature.properties, index), geometry: feature.geometry }))
}

describeWithRealFixtures('findPolygonProblems', () => {
  it('finds the two invalid Nanjing districts and only them', () => {
    const problems = findPolygonProblems(polygons('cn-nanjing-320100-districts.datav.geojson', (properties) => properties.name))
    expect(problems.map((problem) => problem.id).sort()).toEqual(['雨花台区', '高淳区'].sort())
    // GEOS reports these spots; each lies on the shared edge of the two parts.
    const yuhuatai = problems.find((problem) => problem.id === '雨花台区')!
    expect(yuhuatai.code).toBe('parts_overlap')
    expect(yuhuatai.message).toContain('多部件')
  })

  it('finds the self-intersection of Xiacheng grid SQ-1-6 where PROVENANCE says', () => {
    const problems = findPolygonProblems(polygons('cn-hangzhou-xiacheng-grids.geojson', (properties) => properties['网格编号']))
    expect(problems.map((problem) => problem.id)).toEqual(['SQ-1-6'])
    expect(problems[0].code).toBe('self_intersection')
    expect(problems[0].location[0]).toBeCloseTo(120.168628455, 6)
    expect(problems[0].location[1]).toBeCloseTo(30.330762837, 6)
  })

  it('accepts a valid tiling, holes touching the shell at one point, and reports degenerate rings', () => {
    expect(findPolygonProblems(generateGridTiling(30, 20).polygons)).toEqual([])
    const touching: PolygonInput = {
      id: 'ok',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
          [[0, 2], [2, 1], [2, 3], [0, 2]],
        ],
      },
    }
    expect(findPolygonProblems([touching])).toEqual([])
    const spike: PolygonInput = { id: 'spike', geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] } }
    expect(findPolygonProblems([spike])[0].code).toBe('self_intersection')
    const flat: PolygonInput = { id: 'flat', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] } }
    expect(findPolygonProblems([flat])[0].code).toBe('too_few_points')
    const crossingHole: PolygonInput = {
      id: 'hole',
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [5, 1], [5, 2], [1, 2], [1, 1]]] },
    }
    expect(findPolygonProblems([crossingHole])[0].code).toBe('rings_cross')
  })
})
