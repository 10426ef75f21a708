/**
 * Assigns rows of points to the polygons that cover them, a slice at a time, so a file of any
 * size streams through with memory bounded by the slice. Every input row comes back, in input
 * order, with all its columns, plus:
 *   lon, lat    — the point in WGS84 (converted from the declared system). Columns already
 *                 named lon / lat are overwritten in place; when the declared system is not
 *                 WGS84 their original values are kept in lon_<crs> / lat_<crs>. A row whose
 *                 coordinates are unusable keeps its lon / lat cells as they were.
 *   polygon_id  — id of the covering polygon (smallest id on shared boundaries), '' for none.
 * Rows with unusable coordinates are reported with their row number, field and why, never dropped.
 */
import { detectCoordinateColumns } from '../tabular/coordinate-columns.ts'
import { parseStrictNumber } from '../tabular/parse-number.ts'
import type { ReadIssue } from '../tabular/read-issue.ts'
import { AssignError } from './assign-error.ts'
import { toWgs84, type CoordinateSystem } from '../import/coordinate-system.ts'
import { buildPolygonIndex, type PolygonIndex } from './polygon-index.ts'
import type { PolygonInput } from './polygon-input.ts'

export interface AssignTableOptions {
  lonField?: string
  latField?: string
  /** coordinate system of the points (default WGS84) */
  crs?: CoordinateSystem
  /** keep at most this many invalid rows for the report (all are counted); default all */
  listInvalidRows?: number
}

export interface InvalidRow {
  /** row number the user sees (spreadsheet row, header = 1; feature number for GeoJSON) */
  row: number
  field: string
  reason: string
}

export interface AssignSummary {
  points: number
  assigned: number
  outside: number
  /** covered by two or more polygons (shared edge or corner, or overlap) */
  onSharedBoundary: number
  /** every invalid row, or the first `listInvalidRows` of them */
  invalidRows: InvalidRow[]
  invalidCount: number
  /** where coordinates were read from: "lon/lat columns" or "GeoJSON geometry" */
  coordinateSource: string
}

/** One slice of input: rows with their user-visible row numbers (and geometries for GeoJSON). */
export interface PointSlice {
  rows: readonly Record<string, string>[]
  rowNumbers: readonly number[]
  geometries?: readonly (GeoJSON.Geometry | null)[]
  /** what the file reader said about this slice; its refused rows are not in `rows` */
  issues?: readonly ReadIssue[]
}

export interface AssignedSlice {
  /** the input rows with lon, lat (and lon_<crs>, lat_<crs>) and polygon_id */
  rows: Record<string, string>[]
  /** WGS84 point per row, null for invalid rows */
  points: ([number, number] | null)[]
  /** index into the polygons per row, -1 for none */
  polygonIndex: Int32Array
}

type Source = { kind: 'columns'; lon: string; lat: string } | { kind: 'geometry' }

export class PointAssigner {
  /** output columns: the input's, then lon, lat, (lon_<crs>, lat_<crs>,) polygon_id where new */
  readonly columns: string[]
  private readonly source: Source
  private readonly crs: CoordinateSystem
  private readonly keepOriginals: boolean
  private readonly index: PolygonIndex
  private readonly listLimit: number
  private readonly invalidRows: InvalidRow[] = []
  private invalidCount = 0
  private points = 0
  private assigned = 0
  private onSharedBoundary = 0

  /**
   * `input.columns` are the file's columns; `input.geometries`, for GeoJSON, say whether the
   * location comes from the geometry. Throws AssignError when no location can be found at all.
   */
  constructor(
    input: { columns: readonly string[]; geometries?: readonly (GeoJSON.Geometry | null)[] },
    private readonly polygons: readonly PolygonInput[],
    options: AssignTableOptions = {},
  ) {
    this.crs = options.crs ?? 'wgs84'
    this.source = coordinateSource(input, options)
    this.listLimit = options.listInvalidRows ?? Infinity
    this.keepOriginals = this.crs !== 'wgs84' && (input.columns.includes('lon') || input.columns.includes('lat'))
    const columns = [...input.columns]
    for (const name of ['lon', 'lat', ...(this.keepOriginals ? [`lon_${this.crs}`, `lat_${this.crs}`] : []), 'polygon_id']) {
      if (!columns.includes(name)) columns.push(name)
    }
    this.columns = columns
    this.index = buildPolygonIndex(polygons)
  }

  assign(slice: PointSlice): AssignedSlice {
    const count = slice.rows.length
    const points: ([number, number] | null)[] = new Array(count)
    const polygonIndex = new Int32Array(count).fill(-1)
    const rows: Record<string, string>[] = new Array(count)
    // The reader reads a malformed geometry as none and says why; that reason names the row.
    const geometryProblems = new Map((slice.issues ?? []).filter((issue) => issue.code === 'bad_geometry').map((issue) => [issue.row, issue.message]))
    for (let k = 0; k < count; k++) {
      const row = slice.rows[k]
      let raw = this.source.kind === 'columns' ? readColumns(row, this.source.lon, this.source.lat) : readGeometry(slice.geometries?.[k] ?? null)
      const problem = 'reason' in raw ? geometryProblems.get(slice.rowNumbers[k]) : undefined
      if (problem && 'reason' in raw) raw = { field: raw.field, reason: problem }
      let point: [number, number] | null = null
      if ('reason' in raw) {
        this.invalidCount += 1
        if (this.invalidRows.length < this.listLimit) this.invalidRows.push({ row: slice.rowNumbers[k], field: raw.field, reason: raw.reason })
      } else {
        point = toWgs84(raw.lon, raw.lat, this.crs)
        polygonIndex[k] = this.index.locate(point[0], point[1])
        if (polygonIndex[k] >= 0) {
          this.assigned += 1
          if (this.index.coverCount(point[0], point[1]) > 1) this.onSharedBoundary += 1
        }
      }
      points[k] = point
      const out: Record<string, string> = { ...row }
      if (this.keepOriginals) {
        out[`lon_${this.crs}`] = row.lon ?? ''
        out[`lat_${this.crs}`] = row.lat ?? ''
      }
      out.lon = point ? String(point[0]) : (row.lon ?? '')
      out.lat = point ? String(point[1]) : (row.lat ?? '')
      out.polygon_id = polygonIndex[k] >= 0 ? this.polygons[polygonIndex[k]].id : ''
      rows[k] = out
    }
    // Rows the reader could not read (an unclosed quote, undecodable bytes) are not among the
    // rows; they are counted and named here so the summary still accounts for every row.
    for (const issue of slice.issues ?? []) {
      if (!issue.refused) continue
      this.points += 1
      this.invalidCount += 1
      if (this.invalidRows.length < this.listLimit) this.invalidRows.push({ row: issue.row, field: issue.field, reason: issue.message })
    }
    this.points += count
    return { rows, points, polygonIndex }
  }

  summary(): AssignSummary {
    return {
      points: this.points,
      assigned: this.assigned,
      outside: this.points - this.invalidCount - this.assigned,
      onSharedBoundary: this.onSharedBoundary,
      invalidRows: [...this.invalidRows],
      invalidCount: this.invalidCount,
      coordinateSource: this.source.kind === 'columns' ? `${this.source.lon} / ${this.source.lat}` : 'GeoJSON 几何',
    }
  }
}

function coordinateSource(input: { columns: readonly string[]; geometries?: readonly (GeoJSON.Geometry | null)[] }, options: AssignTableOptions): Source {
  if (options.lonField || options.latField) {
    for (const [name, option] of [
      [options.lonField, 'lon-field'],
      [options.latField, 'lat-field'],
    ] as const) {
      if (!name) throw new AssignError('coordinate_columns_missing', `请同时指定 --lon-field 和 --lat-field`, option)
      if (!input.columns.includes(name)) throw new AssignError('coordinate_columns_missing', `“${name}”（现有列：${input.columns.join('、')}）`, option)
    }
    return { kind: 'columns', lon: options.lonField!, lat: options.latField! }
  }
  // GeoJSON's own geometry is the location; columns are a fallback for files without it.
  if (input.geometries && input.geometries.some((geometry) => geometry !== null)) return { kind: 'geometry' }
  const detected = detectCoordinateColumns([...input.columns])
  if (detected.lon && detected.lat) return { kind: 'columns', lon: detected.lon, lat: detected.lat }
  throw new AssignError('no_coordinate_columns', `现有列：${input.columns.join('、') || '（无）'}`)
}

/** A row's point, or which field made it unusable and why. */
export type PointLocation = { lon: number; lat: number } | { field: string; reason: string }
type Raw = PointLocation

function parseCoordinate(text: string | undefined, field: string, label: string, limit: number): number | { field: string; reason: string } {
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return { field, reason: `${label}为空` }
  // Decimal notation only: Number('0x75') is 117, a plausible longitude.
  const value = parseStrictNumber(trimmed)
  if (value === null) return { field, reason: `${label}不是数字：“${trimmed}”` }
  if (Math.abs(value) > limit) return { field, reason: `${label}超出范围 [-${limit}, ${limit}]：${trimmed}` }
  return value
}

/** A table row's point from its longitude and latitude columns (decimal notation only, in range). */
export function readColumns(row: Record<string, string>, lonColumn: string, latColumn: string): Raw {
  const lon = parseCoordinate(row[lonColumn], lonColumn, '经度', 180)
  if (typeof lon !== 'number') return lon
  const lat = parseCoordinate(row[latColumn], latColumn, '纬度', 90)
  if (typeof lat !== 'number') return lat
  return { lon, lat }
}

/** A GeoJSON feature's point; anything else — no coordinates, null, one number, text — is that row's problem alone. */
export function readGeometry(geometry: GeoJSON.Geometry | null): Raw {
  if (!geometry) return { field: 'geometry', reason: '没有几何' }
  if (geometry.type !== 'Point') return { field: 'geometry', reason: `几何类型为 ${geometry.type}，不是点` }
  const coordinates: unknown = (geometry as { coordinates?: unknown }).coordinates
  if (coordinates === undefined) return { field: 'geometry', reason: '点没有坐标（缺少 coordinates）' }
  if (coordinates === null) return { field: 'geometry', reason: '点的坐标为 null' }
  if (!Array.isArray(coordinates) || coordinates.length < 2) {
    return { field: 'geometry', reason: `点坐标应为 [经度, 纬度]，收到 ${JSON.stringify(coordinates)?.slice(0, 40) ?? String(coordinates)}` }
  }
  const [lon, lat] = coordinates as unknown[]
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return { field: 'geometry', reason: `点坐标不是数字：${JSON.stringify(coordinates).slice(0, 40)}` }
  }
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return { field: 'geometry', reason: `点坐标超出经纬度范围：${lon}, ${lat}` }
  return { lon, lat }
}
