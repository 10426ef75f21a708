/**
 * Case density as a surface (the honest heatmap): a quartic (biweight) kernel of a fixed
 * radius on the ground — the kernel ArcGIS's Kernel Density uses (Silverman 1986, eq. 4.5) —
 * evaluated at the centres of square cells of the local metric plane, in cases per km².
 * Unlike a screen-space heatmap, the value of a place does not change with the zoom, the
 * viewport or the other points on screen, so a legend in 件/km² means the same everywhere
 * and for every period.
 *
 *   density(x) = Σ_i 3 / (π r²) · (1 − (d_i / r)²)²   for d_i < r, per m², × 10⁶ per km²
 *
 * The kernel integrates to 1, so the surface integrates to the number of cases (less what
 * falls beyond the grid's edge).
 */
import { METRES_PER_DEGREE } from './local-metric.ts'

export interface DensityGrid {
  west: number
  south: number
  /** cell size in degrees */
  cellWidth: number
  cellHeight: number
  columns: number
  rows: number
  cellMetres: number
  radiusMetres: number
  /** cases per km², row-major, row 0 in the south */
  values: Float64Array
}

export interface DensityOptions {
  /** the grid's extent; the kernel is cut at its edge */
  extent: { west: number; south: number; east: number; north: number }
  cellMetres: number
  radiusMetres: number
}

export function kernelDensity(lon: ArrayLike<number>, lat: ArrayLike<number>, options: DensityOptions, keep?: (caseIndex: number) => boolean): DensityGrid {
  const { extent, cellMetres, radiusMetres } = options
  if (!(cellMetres > 0) || !(radiusMetres > 0)) throw new Error(`核密度的格子与半径必须大于 0（收到 ${cellMetres} m、${radiusMetres} m）`)
  const cosine = Math.cos((((extent.south + extent.north) / 2) * Math.PI) / 180)
  const cellHeight = cellMetres / METRES_PER_DEGREE
  const cellWidth = cellHeight / cosine
  const columns = Math.max(1, Math.ceil((extent.east - extent.west) / cellWidth))
  const rows = Math.max(1, Math.ceil((extent.north - extent.south) / cellHeight))
  if (columns * rows > 4_000_000) throw new Error(`核密度格子过多（${columns} × ${rows}），请加大格子`)
  const values = new Float64Array(columns * rows)
  const reach = Math.ceil(radiusMetres / cellMetres)
  const r2 = radiusMetres * radiusMetres
  const scale = (3 / (Math.PI * r2)) * 1_000_000
  for (let k = 0; k < lon.length; k++) {
    if (keep && !keep(k)) continue
    // The point in cell units of the grid's plane.
    const px = (lon[k] - extent.west) / cellWidth
    const py = (lat[k] - extent.south) / cellHeight
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue
    const column0 = Math.floor(px)
    const row0 = Math.floor(py)
    for (let row = Math.max(0, row0 - reach); row <= Math.min(rows - 1, row0 + reach); row++) {
      const dy = (row + 0.5 - py) * cellMetres
      for (let column = Math.max(0, column0 - reach); column <= Math.min(columns - 1, column0 + reach); column++) {
        const dx = (column + 0.5 - px) * cellMetres
        const d2 = dx * dx + dy * dy
        if (d2 >= r2) continue
        const u = 1 - d2 / r2
        values[row * columns + column] += scale * u * u
      }
    }
  }
  return { west: extent.west, south: extent.south, cellWidth, cellHeight, columns, rows, cellMetres, radiusMetres, values }
}

/** The square of one density cell, for drawing. */
export function densityCellPolygon(grid: DensityGrid, cell: number): GeoJSON.Polygon {
  const row = Math.floor(cell / grid.columns)
  const column = cell % grid.columns
  const x0 = grid.west + column * grid.cellWidth
  const y0 = grid.south + row * grid.cellHeight
  const x1 = x0 + grid.cellWidth
  const y1 = y0 + grid.cellHeight
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] }
}
