import { describe, expect, test } from 'vitest'
import { geometryBbox } from '../../src/domain/geometry/geometry-bbox.ts'
import { roundBboxOutward } from '../../src/domain/geometry/round-bbox-outward.ts'
import { gridHeatmapPoints } from '../../src/layers/grid-heatmap-points.ts'

describe('viewport helpers', () => {
  test('bbox rounds outward so the rounded box contains the view', () => {
    expect(roundBboxOutward([119.8712, 32.4301, 119.9388, 32.5049])).toEqual([119.87, 32.43, 119.94, 32.505])
  })

  test('heatmap: one point per grid with incidents, at its inside point, weighted by its count', () => {
    expect(
      gridHeatmapPoints([
        { grid_id: 1, grid_code: 'A', count: 7, lon: 1, lat: 1 },
        { grid_id: 2, grid_code: 'B', count: 0, lon: 5, lat: 5 },
        { grid_id: 3, grid_code: 'C', count: 2, lon: 9, lat: 8 },
      ]),
    ).toEqual([
      { position: [1, 1], weight: 7 },
      { position: [9, 8], weight: 2 },
    ])
    expect(gridHeatmapPoints(undefined)).toEqual([])
  })

  test('geometry bbox covers lines and polygons', () => {
    expect(geometryBbox({ type: 'LineString', coordinates: [[1, 5], [3, 2]] })).toEqual([1, 2, 3, 5])
    expect(geometryBbox({ type: 'Point', coordinates: [4, 4] })).toEqual([4, 4, 4, 4])
  })
})
