/**
 * Square cells of N metres for hotspot analysis of points, as typed arrays (no polygon per
 * cell): the grid is cut in the local plane of local-metric.ts — cell height N / 111,195 m
 * of latitude, width that divided by cos φ0 at the extent's middle latitude — from the
 * extent's south-west corner, row 0 in the south, column 0 in the west. A point belongs to
 * the cell floor((lon − west) / width), floor((lat − south) / height): the west and south
 * edges belong to a cell, so each point is in exactly one.
 * Units are the grid's active cells (all of them, or those meeting a bounds polygon — see
 * bounds-cells.ts), numbered row by row; empty cells are units with value 0, because where
 * nothing happened is part of the pattern Gi* tests.
 */
import { HotspotError } from './hotspot-error.ts'
import { METRES_PER_DEGREE } from './local-metric.ts'

/** A grid this large is a mistake in the input (a stray point at 0,0), not a district. */
export const MAXIMUM_GRID_CELLS = 4_000_000

export interface SquareGrid {
  west: number
  south: number
  /** cell size in degrees of longitude and latitude */
  cellWidth: number
  cellHeight: number
  columns: number
  rows: number
  /** side in metres (of the local plane) */
  cellMetres: number
  /** unit index of each grid cell (row-major), −1 when the cell is not a unit */
  unitOfCell: Int32Array
  /** grid cell (row-major) of each unit */
  cellOfUnit: Int32Array
}

export interface Extent {
  west: number
  south: number
  east: number
  north: number
}

export interface GridParameters {
  west: number
  south: number
  cellWidth: number
  cellHeight: number
  columns: number
  rows: number
  cellMetres: number
}

export function gridParametersFor(extent: Extent, cellMetres: number): GridParameters {
  if (!(cellMetres > 0) || !Number.isFinite(cellMetres)) throw new HotspotError('bad_cell_size', `收到 ${cellMetres}，必须是大于 0 的米数`)
  const middle = ((extent.south + extent.north) / 2) * (Math.PI / 180)
  const cellHeight = cellMetres / METRES_PER_DEGREE
  const cellWidth = cellHeight / Math.cos(middle)
  // floor + 1 so the east and north edges fall inside the last column and row.
  const columns = Math.floor((extent.east - extent.west) / cellWidth) + 1
  const rows = Math.floor((extent.north - extent.south) / cellHeight) + 1
  if (!(columns * rows <= MAXIMUM_GRID_CELLS)) {
    const size = `${((extent.east - extent.west) * METRES_PER_DEGREE * Math.cos(middle) / 1000).toFixed(1)} × ${(((extent.north - extent.south) * METRES_PER_DEGREE) / 1000).toFixed(1)} 千米`
    throw new HotspotError(
      'grid_too_large',
      `范围 ${size}（经度 ${extent.west}～${extent.east}，纬度 ${extent.south}～${extent.north}）按 ${cellMetres} 米划分需要 ${columns} × ${rows} 个格子，超过上限 ${MAXIMUM_GRID_CELLS}；请检查是否有坐标错误的点（例如 0,0），或用 --bounds 给出分析范围、加大 --cell`,
    )
  }
  return { west: extent.west, south: extent.south, cellWidth, cellHeight, columns, rows, cellMetres }
}

/** A grid whose units are the cells for which `active` says yes (every cell when omitted). */
export function makeGrid(parameters: GridParameters, active?: Uint8Array): SquareGrid {
  const cells = parameters.columns * parameters.rows
  const unitOfCell = new Int32Array(cells)
  let units = 0
  for (let cell = 0; cell < cells; cell++) unitOfCell[cell] = !active || active[cell] ? units++ : -1
  const cellOfUnit = new Int32Array(units)
  for (let cell = 0; cell < cells; cell++) if (unitOfCell[cell] >= 0) cellOfUnit[unitOfCell[cell]] = cell
  return { ...parameters, unitOfCell, cellOfUnit }
}

export interface BinnedPoints {
  /** points per unit */
  counts: Float64Array
  /** points not in any unit (outside the grid, in an inactive cell, or refused by `accept`) */
  outside: number
}

/**
 * Counts points (interleaved lon, lat) per unit. `needsCheck[cell]` marks cells only partly
 * inside the area; a point there counts only when `accept(lon, lat)` says so.
 */
export function binPoints(grid: SquareGrid, points: Float64Array, needsCheck?: Uint8Array, accept?: (lon: number, lat: number) => boolean): BinnedPoints {
  const counts = new Float64Array(grid.cellOfUnit.length)
  const { west, south, cellWidth, cellHeight, columns, rows, unitOfCell } = grid
  let outside = 0
  const total = points.length >> 1
  for (let k = 0; k < total; k++) {
    const lon = points[2 * k]
    const lat = points[2 * k + 1]
    const column = Math.floor((lon - west) / cellWidth)
    const row = Math.floor((lat - south) / cellHeight)
    // Written so that NaN lands outside too.
    if (!(column >= 0 && column < columns && row >= 0 && row < rows)) {
      outside += 1
      continue
    }
    const cell = row * columns + column
    const unit = unitOfCell[cell]
    if (unit < 0 || (needsCheck && needsCheck[cell] && accept && !accept(lon, lat))) {
      outside += 1
      continue
    }
    counts[unit] += 1
  }
  return { counts, outside }
}

export function cellId(grid: SquareGrid, unit: number): string {
  const cell = grid.cellOfUnit[unit]
  return `r${Math.floor(cell / grid.columns)}c${cell % grid.columns}`
}

/** The cell's square as a GeoJSON polygon (for output only). */
export function cellPolygon(grid: SquareGrid, unit: number): GeoJSON.Polygon {
  const cell = grid.cellOfUnit[unit]
  const row = Math.floor(cell / grid.columns)
  const column = cell % grid.columns
  const x0 = grid.west + column * grid.cellWidth
  const y0 = grid.south + row * grid.cellHeight
  const x1 = grid.west + (column + 1) * grid.cellWidth
  const y1 = grid.south + (row + 1) * grid.cellHeight
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] }
}

/** Unit centres in metres of the grid's own plane (exact multiples of the side). */
export function cellCentresInMetres(grid: SquareGrid): { x: Float64Array; y: Float64Array } {
  const count = grid.cellOfUnit.length
  const x = new Float64Array(count)
  const y = new Float64Array(count)
  for (let unit = 0; unit < count; unit++) {
    const cell = grid.cellOfUnit[unit]
    x[unit] = ((cell % grid.columns) + 0.5) * grid.cellMetres
    y[unit] = (Math.floor(cell / grid.columns) + 0.5) * grid.cellMetres
  }
  return { x, y }
}
