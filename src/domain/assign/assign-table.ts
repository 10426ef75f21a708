/**
 * Assigns every row of a table of points to the polygon that covers it. Every input row comes
 * back, in input order, with all its columns, plus:
 *   lon, lat    — the point in WGS84 (converted from the declared system). Columns already
 *                 named lon / lat are overwritten in place; when the declared system is not
 *                 WGS84 their original values are kept in lon_<crs> / lat_<crs>. A row whose
 *                 coordinates are unusable keeps its lon / lat cells as they were.
 *   polygon_id  — id of the covering polygon (smallest id on shared boundaries), '' for none.
 * Rows with unusable coordinates are reported with their row number and why, never dropped.
 */
import { detectCoordinateColumns, parseStrictNumber, rowNumberOf, type Table } from '../tabular/index.ts'
import { AssignError } from './assign-error.ts'
import { toWgs84, type CoordinateSystem } from '../import/coordinate-system.ts'
import { buildPolygonIndex } from './polygon-index.ts'
import type { PolygonInput } from './polygon-input.ts'

export interface AssignTableOptions {
  lonField?: string
  latField?: string
  /** coordinate system of the points (default WGS84) */
  crs?: CoordinateSystem
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
  invalidRows: InvalidRow[]
  /** where coordinates were read from: "lon/lat columns" or "GeoJSON geometry" */
  coordinateSource: string
}

export interface AssignedTable {
  columns: string[]
  rows: Record<string, string>[]
  /** WGS84 point per row, null for invalid rows */
  points: ([number, number] | null)[]
  /** index into the polygons per row, -1 for none */
  polygonIndex: Int32Array
  summary: AssignSummary
}

export function assignTable(table: Table, polygons: readonly PolygonInput[], options: AssignTableOptions = {}): AssignedTable {
  const crs = options.crs ?? 'wgs84'
  const source = coordinateSource(table, options)
  const invalidRows: InvalidRow[] = []
  const points: ([number, number] | null)[] = table.rows.map((row, index) => {
    const rowNumber = rowNumberOf(table, index)
    const raw = source.kind === 'columns' ? readColumns(row, source.lon, source.lat) : readGeometry(table.geometries?.[index] ?? null)
    if ('reason' in raw) {
      invalidRows.push({ row: rowNumber, field: raw.field, reason: raw.reason })
      return null
    }
    return toWgs84(raw.lon, raw.lat, crs)
  })

  // Rows the reader could not read (an unclosed quote, undecodable bytes) are not in the table's
  // rows; they are reported here so the summary still names every row.
  const refusedByReader = (table.issues ?? []).filter((issue) => issue.refused)
  for (const issue of refusedByReader) invalidRows.push({ row: issue.row, field: issue.field, reason: issue.message })
  invalidRows.sort((a, b) => a.row - b.row)

  const index = buildPolygonIndex(polygons)
  const polygonIndex = new Int32Array(points.length).fill(-1)
  let assigned = 0
  let onSharedBoundary = 0
  points.forEach((point, k) => {
    if (!point) return
    polygonIndex[k] = index.locate(point[0], point[1])
    if (polygonIndex[k] >= 0) {
      assigned += 1
      if (index.coverCount(point[0], point[1]) > 1) onSharedBoundary += 1
    }
  })

  const keepOriginals = crs !== 'wgs84' && (table.columns.includes('lon') || table.columns.includes('lat'))
  const columns = [...table.columns]
  for (const name of ['lon', 'lat', ...(keepOriginals ? [`lon_${crs}`, `lat_${crs}`] : []), 'polygon_id']) {
    if (!columns.includes(name)) columns.push(name)
  }
  const rows = table.rows.map((row, k) => {
    const out: Record<string, string> = { ...row }
    if (keepOriginals) {
      out[`lon_${crs}`] = row.lon ?? ''
      out[`lat_${crs}`] = row.lat ?? ''
    }
    const point = points[k]
    out.lon = point ? String(point[0]) : (row.lon ?? '')
    out.lat = point ? String(point[1]) : (row.lat ?? '')
    out.polygon_id = polygonIndex[k] >= 0 ? polygons[polygonIndex[k]].id : ''
    return out
  })
  return {
    columns,
    rows,
    points,
    polygonIndex,
    summary: {
      points: table.rows.length + refusedByReader.length,
      assigned,
      outside: points.length - (invalidRows.length - refusedByReader.length) - assigned,
      onSharedBoundary,
      invalidRows,
      coordinateSource: source.kind === 'columns' ? `${source.lon} / ${source.lat}` : 'GeoJSON 几何',
    },
  }
}

type Source = { kind: 'columns'; lon: string; lat: string } | { kind: 'geometry' }

function coordinateSource(table: Table, options: AssignTableOptions): Source {
  if (options.lonField || options.latField) {
    for (const [name, option] of [
      [options.lonField, 'lon-field'],
      [options.latField, 'lat-field'],
    ] as const) {
      if (!name) throw new AssignError('coordinate_columns_missing', `请同时指定 --lon-field 和 --lat-field`, option)
      if (!table.columns.includes(name)) throw new AssignError('coordinate_columns_missing', `“${name}”（现有列：${table.columns.join('、')}）`, option)
    }
    return { kind: 'columns', lon: options.lonField!, lat: options.latField! }
  }
  // GeoJSON's own geometry is the location; columns are a fallback for files without it.
  if (table.geometries && table.geometries.some((geometry) => geometry !== null)) return { kind: 'geometry' }
  const detected = detectCoordinateColumns(table.columns)
  if (detected.lon && detected.lat) return { kind: 'columns', lon: detected.lon, lat: detected.lat }
  throw new AssignError('no_coordinate_columns', `现有列：${table.columns.join('、') || '（无）'}`)
}

type Raw = { lon: number; lat: number } | { field: string; reason: string }

function parseCoordinate(text: string | undefined, field: string, label: string, limit: number): number | { field: string; reason: string } {
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return { field, reason: `${label}为空` }
  // Decimal notation only: Number('0x75') is 117, a plausible longitude.
  const value = parseStrictNumber(trimmed)
  if (value === null) return { field, reason: `${label}不是数字：“${trimmed}”` }
  if (Math.abs(value) > limit) return { field, reason: `${label}超出范围 [-${limit}, ${limit}]：${trimmed}` }
  return value
}

function readColumns(row: Record<string, string>, lonColumn: string, latColumn: string): Raw {
  const lon = parseCoordinate(row[lonColumn], lonColumn, '经度', 180)
  if (typeof lon !== 'number') return lon
  const lat = parseCoordinate(row[latColumn], latColumn, '纬度', 90)
  if (typeof lat !== 'number') return lat
  return { lon, lat }
}

function readGeometry(geometry: GeoJSON.Geometry | null): Raw {
  if (!geometry) return { field: 'geometry', reason: '没有几何' }
  if (geometry.type !== 'Point') return { field: 'geometry', reason: `几何类型为 ${geometry.type}，不是点` }
  const [lon, lat] = geometry.coordinates
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { field: 'geometry', reason: '点坐标不是数字' }
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return { field: 'geometry', reason: `点坐标超出经纬度范围：${lon}, ${lat}` }
  return { lon, lat }
}
