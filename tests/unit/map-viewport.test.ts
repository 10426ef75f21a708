import { describe, expect, test } from 'vitest'
import type { AreaCollection } from '../../src/data/schemas.ts'
import { geometryBbox, gridHeatmapPoints, ringMean, roundBboxOutward } from '../../src/features/overview/viewport.ts'

describe('viewport helpers', () => {
  test('bbox rounds outward so the rounded box contains the view', () => {
    expect(roundBboxOutward([119.8712, 32.4301, 119.9388, 32.5049])).toEqual([119.87, 32.43, 119.94, 32.505])
  })

  test('ring mean ignores the closing vertex', () => {
    expect(ringMean([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])).toEqual([1, 1])
  })

  test('heatmap: one point per grid with incidents, weighted by its count', () => {
    const grids = {
      type: 'FeatureCollection',
      truncated: false,
      limit: 10,
      features: [
        { type: 'Feature', id: 1, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] }, properties: { id: 1, level: 'grid', code: 'A', name: 'a' } },
        { type: 'Feature', id: 2, geometry: { type: 'Polygon', coordinates: [[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] }, properties: { id: 2, level: 'grid', code: 'B', name: 'b' } },
      ],
    } satisfies AreaCollection
    expect(gridHeatmapPoints(grids, [{ grid_id: 1, grid_code: 'A', count: 7, lon: 1, lat: 1 }])).toEqual([{ position: [1, 1], weight: 7 }])
    expect(gridHeatmapPoints(undefined, [])).toEqual([])
  })

  test('geometry bbox covers lines and polygons', () => {
    expect(geometryBbox({ type: 'LineString', coordinates: [[1, 5], [3, 2]] })).toEqual([1, 2, 3, 5])
    expect(geometryBbox({ type: 'Point', coordinates: [4, 4] })).toEqual([4, 4, 4, 4])
  })
})
