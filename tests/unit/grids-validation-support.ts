/** Hand-made grids for the validation tests: rectangles given in metres east/north of (120°E, 30°N). */
import type { GridFeature } from '../../src/domain/grids/validation/index.ts'

const ORIGIN: [number, number] = [120, 30]
const METRES_PER_DEGREE = 111_195.08
const LAT_STEP = 1 / METRES_PER_DEGREE
const LON_STEP = 1 / (METRES_PER_DEGREE * Math.cos((ORIGIN[1] * Math.PI) / 180))

/** [lon, lat] of a point x metres east and y metres north of the origin (same input → same numbers). */
export function at(x: number, y: number): [number, number] {
  return [ORIGIN[0] + x * LON_STEP, ORIGIN[1] + y * LAT_STEP]
}

/** Inverse of `at`, for checking where a reported location lies. */
export function metres([lon, lat]: [number, number]): [number, number] {
  return [(lon - ORIGIN[0]) / LON_STEP, (lat - ORIGIN[1]) / LAT_STEP]
}

export function rectangle(x0: number, y0: number, x1: number, y1: number): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] }
}

export function ring(...points: [number, number][]): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [points.map(([x, y]) => at(x, y))] }
}

/** A 3 × 3 block of 100 m squares coded 320102001001001…009 (community 320102001001), row by row from the north-west. */
export function tiling(skip: number[] = []): GridFeature[] {
  const grids: GridFeature[] = []
  for (let row = 0; row < 3; row++) {
    for (let column = 0; column < 3; column++) {
      const sequence = row * 3 + column + 1
      if (skip.includes(sequence)) continue
      grids.push({ id: `320102001001${String(sequence).padStart(3, '0')}`, geometry: rectangle(column * 100, (2 - row) * 100, (column + 1) * 100, (3 - row) * 100), featureNumber: sequence })
    }
  }
  return grids
}
