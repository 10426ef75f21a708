/** featuresToEditableGrids (src/domain/grids/files/features-to-grids.ts): codes, communities, geometry clean-up, per-feature issues. */
import { describe, expect, it } from 'vitest'
import { featuresToEditableGrids, type GridFileFeature } from '../../src/domain/grids/files/index.ts'
import { at, rectangle } from './grids-validation-support.ts'

const WEST = { code: '330106001001', name: '西溪社区', geometry: rectangle(0, 0, 100, 100) }
const EAST = { code: '330106001002', name: '东岳社区', geometry: { type: 'MultiPolygon' as const, coordinates: [rectangle(100, 0, 200, 100).coordinates] } }
const communities = [WEST, EAST]

let number = 0
function feature(properties: Record<string, unknown>, geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): GridFileFeature {
  number += 1
  return { id: String(properties.code ?? number), properties, geometry, featureNumber: number }
}

describe('featuresToEditableGrids', () => {
  it('makes editor grids: community by largest overlap, exterior counter-clockwise, one-part MultiPolygon as Polygon, defaults', () => {
    number = 0
    const clockwise = { type: 'Polygon' as const, coordinates: [[at(0, 0), at(0, 50), at(50, 50), at(50, 0), at(0, 0)]] }
    // 30 m in the west community, 70 m in the east one.
    const straddling = { type: 'MultiPolygon' as const, coordinates: [rectangle(70, 0, 140, 50).coordinates] }
    const result = featuresToEditableGrids(
      [
        feature({ code: '330106001001001', 网格名称: '一号', 用地性质: '商业', 管理级别: '1', 责任人: '张三' }, clockwise),
        feature({ code: '330106001002001', version: 3 }, straddling),
      ],
      { communities },
    )
    expect(result.issues).toEqual([])
    const [first, second] = result.grids
    expect(first).toMatchObject({ code: '330106001001001', communityCode: WEST.code, name: '一号', landUse: 'commercial', managementLevel: 1, responsiblePerson: '张三', responsibleBody: '西溪社区居民委员会', version: null })
    expect(first.geometry.coordinates[0]).toEqual([...clockwise.coordinates[0]].reverse())
    expect(second).toMatchObject({ communityCode: EAST.code, name: '330106001002001', landUse: 'mixed', managementLevel: 2, responsibleBody: '东岳社区居民委员会', version: 3 })
    expect(second.geometry).toEqual(rectangle(70, 0, 140, 50))
    expect(result.featureNumbers).toEqual([1, 2])
  })

  it('reports what it cannot use, per feature, and keeps the rest', () => {
    number = 0
    const threeD = { type: 'Polygon' as const, coordinates: [rectangle(0, 50, 50, 100).coordinates[0].map(([x, y]) => [x, y, 3])] }
    const unclosed = { type: 'Polygon' as const, coordinates: [rectangle(50, 50, 100, 100).coordinates[0].slice(0, 4)] }
    const twoParts = { type: 'MultiPolygon' as const, coordinates: [rectangle(0, 0, 10, 10).coordinates, rectangle(20, 0, 30, 10).coordinates] }
    const result = featuresToEditableGrids(
      [
        feature({ code: '330106001001001', management_level: 7, land_use: '农田' }, threeD),
        feature({ code: '330106001001002' }, unclosed),
        feature({ code: '330106001001003' }, twoParts),
        feature({}, rectangle(0, 0, 10, 10)),
        feature({ code: 'SQ-1' }, rectangle(0, 0, 10, 10)),
        feature({ code: '330106001001001' }, rectangle(10, 10, 20, 20)),
        feature({ code: '330106001009001' }, rectangle(500, 500, 600, 600)),
        feature({ code: '330106001002009' }, rectangle(10, 10, 20, 20)),
        feature({ code: '330106001001009' }, { type: 'Polygon', coordinates: [[at(0, 0), at(1, 1), at(0, 0)]] }),
      ],
      { communities },
    )
    expect(result.grids.map((grid) => grid.code)).toEqual(['330106001001001', '330106001001002', '330106001002009'])
    expect(result.grids[0].geometry.coordinates[0].every((position) => position.length === 2)).toBe(true)
    expect(result.grids[1].geometry.coordinates[0]).toHaveLength(5)
    expect(result.issues.map(({ featureNumber, field, severity }) => [featureNumber, field, severity])).toEqual([
      [1, 'geometry', 'warning'],
      [1, 'land_use', 'warning'],
      [1, 'management_level', 'warning'],
      [2, 'geometry', 'warning'],
      [3, 'geometry', 'error'],
      [4, 'code', 'error'],
      [5, 'code', 'error'],
      [6, 'code', 'error'],
      [7, 'geometry', 'error'],
      [8, 'code', 'warning'],
      [9, 'geometry', 'error'],
    ])
    const reasons = result.issues.map((issue) => issue.reason)
    expect(reasons).toContain('坐标带 Z 值（高程），已去掉')
    expect(reasons).toContain('环未闭合，已补上首顶点')
    expect(reasons).toContain('多部件面（2 个部件）：一个网格应是一个连续的面，请在导入前拆分为多个网格或合并')
    expect(reasons).toContain('没有网格编码')
    expect(reasons).toContain('网格编码 330106001001001 与第 1 个要素重复')
    expect(reasons).toContain('网格不在任何社区内（与所有社区都不重叠）')
    expect(reasons).toContain('网格编码 330106001002009 的前 12 位不是其所在社区的编码 330106001001')
  })

  it('the nextCode hook hands out a code to a feature without one', () => {
    number = 0
    const result = featuresToEditableGrids([feature({}, rectangle(0, 0, 10, 10))], {
      communities,
      nextCode: (communityCode, taken) => `${communityCode}${String(taken.size + 1).padStart(3, '0')}`,
    })
    expect(result.grids.map((grid) => grid.code)).toEqual(['330106001001001'])
    expect(result.issues[0]).toMatchObject({ severity: 'warning', reason: '没有网格编码，已分配 330106001001001' })
  })
})
