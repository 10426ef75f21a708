/**
 * The incident heatmap's kernel keeps its size on the ground (src/map/deck-layers.ts): below
 * zoom 15 its points are per-grid counts at grid centres ~165 m apart, and a radius fixed in
 * pixels left each grid a faint dot under the threshold by zoom 14 (issue 14, item 10).
 */
import { describe, expect, it } from 'vitest'
import { HEATMAP_RADIUS_METRES, HEATMAP_RADIUS_PIXELS, heatmapRadiusPixels, metresPerPixel } from '../../src/map/deck-layers.ts'

const LATITUDE = 32.47 // the demo district
const GRID_SPACING_METRES = 165 // a unit grid's side in the demo district
/** deck.gl's kernel is a Gaussian of σ = radius / 6 (exp(-u²/0.0556), u = distance / radius). */
const sigma = (radiusPixels: number) => radiusPixels / 6

describe('heatmapRadiusPixels', () => {
  it('is 35 px at the district view, as the fixed radius was, so that view looks as before', () => {
    expect(heatmapRadiusPixels(12.3, LATITUDE)).toBe(35)
  })

  it('covers the same ground at every zoom from district view to 14.9', () => {
    for (let zoom = 11; zoom < 15; zoom += 0.1) {
      const ground = heatmapRadiusPixels(zoom, LATITUDE) * metresPerPixel(zoom, LATITUDE)
      // whole pixels: within half a pixel of the ground radius
      expect(Math.abs(ground - HEATMAP_RADIUS_METRES)).toBeLessThanOrEqual(metresPerPixel(zoom, LATITUDE) / 2 + 1e-9)
    }
  })

  it('keeps neighbouring grid centres under one kernel up to zoom 14.9 (35 px did not from zoom 13.5)', () => {
    for (const zoom of [12.3, 13.5, 14, 14.5, 14.9]) {
      const spacingPixels = GRID_SPACING_METRES / metresPerPixel(zoom, LATITUDE)
      expect(sigma(heatmapRadiusPixels(zoom, LATITUDE))).toBeGreaterThan(spacingPixels / 2.5)
    }
    expect(sigma(35)).toBeLessThan(GRID_SPACING_METRES / metresPerPixel(13.5, LATITUDE) / 2.5)
  })

  it('grows with the zoom and stays within its bounds far out and far in', () => {
    let previous = 0
    for (let zoom = 3; zoom <= 22; zoom += 0.25) {
      const radius = heatmapRadiusPixels(zoom, LATITUDE)
      expect(radius).toBeGreaterThanOrEqual(previous)
      expect(radius).toBeGreaterThanOrEqual(HEATMAP_RADIUS_PIXELS.min)
      expect(radius).toBeLessThanOrEqual(HEATMAP_RADIUS_PIXELS.max)
      previous = radius
    }
    expect(heatmapRadiusPixels(3, LATITUDE)).toBe(HEATMAP_RADIUS_PIXELS.min)
    expect(heatmapRadiusPixels(22, LATITUDE)).toBe(HEATMAP_RADIUS_PIXELS.max)
  })
})

describe('metresPerPixel', () => {
  it('is the web-mercator ground size of a pixel with 512-pixel tiles', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 2)
    expect(metresPerPixel(1, 0)).toBeCloseTo(78_271.517 / 2, 2)
    expect(metresPerPixel(0, 60)).toBeCloseTo(78_271.517 / 2, 2)
  })
})
