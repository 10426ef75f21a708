/**
 * Which cells of a grid an analysis area (a district outline, --bounds) keeps: every cell
 * that meets the area — its centre is covered, or an edge of the area passes through it — so
 * no point inside the area is lost to a cell whose centre happens to lie outside. Cells an
 * edge passes through are marked `partial`: a point there is kept only when the area covers
 * it; points in whole cells need no test.
 */
import { coversPoint } from '../assign/covers-point.ts'
import type { PolygonGeometry } from './contiguity-weights.ts'
import type { GridParameters } from './square-grid.ts'

export interface BoundsCells {
  active: Uint8Array
  partial: Uint8Array
  /** the exact test for points in partial cells */
  covers: (lon: number, lat: number) => boolean
}

export function boundsCells(grid: GridParameters, bounds: readonly PolygonGeometry[]): BoundsCells {
  const { columns, rows, west, south, cellWidth, cellHeight } = grid
  const active = new Uint8Array(columns * rows)
  const partial = new Uint8Array(columns * rows)
  for (const geometry of bounds) {
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) markEdge(grid, partial, ring[k][0], ring[k][1], ring[k + 1][0], ring[k + 1][1])
    }
  }
  const covers = (lon: number, lat: number) => bounds.some((geometry) => coversPoint(geometry, lon, lat))
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column
      active[cell] = partial[cell] || covers(west + (column + 0.5) * cellWidth, south + (row + 0.5) * cellHeight) ? 1 : 0
    }
  }
  return { active, partial, covers }
}

/** Marks every cell the segment a–b passes through (cells in its box, tested by clipping). */
function markEdge(grid: GridParameters, partial: Uint8Array, ax: number, ay: number, bx: number, by: number): void {
  const { columns, rows, west, south, cellWidth, cellHeight } = grid
  const firstColumn = Math.max(0, Math.floor((Math.min(ax, bx) - west) / cellWidth))
  const lastColumn = Math.min(columns - 1, Math.floor((Math.max(ax, bx) - west) / cellWidth))
  const firstRow = Math.max(0, Math.floor((Math.min(ay, by) - south) / cellHeight))
  const lastRow = Math.min(rows - 1, Math.floor((Math.max(ay, by) - south) / cellHeight))
  for (let row = firstRow; row <= lastRow; row++) {
    for (let column = firstColumn; column <= lastColumn; column++) {
      const x0 = west + column * cellWidth
      const y0 = south + row * cellHeight
      if (segmentMeetsBox(ax, ay, bx, by, x0, y0, x0 + cellWidth, y0 + cellHeight)) partial[row * columns + column] = 1
    }
  }
}

/** Liang–Barsky: does the segment meet the closed box? */
function segmentMeetsBox(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number, y1: number): boolean {
  let t0 = 0
  let t1 = 1
  const dx = bx - ax
  const dy = by - ay
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0
    const r = q / p
    if (p < 0) {
      if (r > t1) return false
      if (r > t0) t0 = r
    } else {
      if (r < t0) return false
      if (r < t1) t1 = r
    }
    return true
  }
  return clip(-dx, ax - x0) && clip(dx, x1 - ax) && clip(-dy, ay - y0) && clip(dy, y1 - ay)
}
