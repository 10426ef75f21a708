/**
 * A GeoJSON FeatureCollection (or a single Feature) as a table: properties become columns (in
 * order of first appearance), each feature's geometry is kept beside its row. A feature that is
 * not an object is refused by number; a geometry with missing or malformed coordinates is read
 * as no geometry, with a warning, so one bad feature never sinks the file.
 */
import { geometryProblem } from './check-geometry.ts'
import { removeControlCharacters } from './clean-text.ts'
import { controlCharacterIssue } from './header.ts'
import { excerpt, rowsReadOf, WHOLE_ROW, type ReadIssue } from './read-issue.ts'
import type { Table } from './table.ts'
import { TableError } from './table-error.ts'

export function isGeoJson(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false
  const type = (value as { type?: unknown }).type
  return type === 'FeatureCollection' || type === 'Feature'
}

export function readGeoJson(value: unknown): Table {
  if (!isGeoJson(value)) throw new TableError('unknown_json', '缺少 "type": "FeatureCollection"')
  const collection = value as { type: string; features?: unknown }
  const features = collection.type === 'Feature' ? [collection] : collection.features
  if (!Array.isArray(features)) throw new TableError('unknown_json', 'FeatureCollection 缺少 features 数组')
  if (features.length === 0) throw new TableError('no_rows', 'features 数组为空')

  const columns: string[] = []
  const known = new Set<string>()
  const rows: Record<string, string>[] = []
  const geometries: (GeoJSON.Geometry | null)[] = []
  const rowNumbers: number[] = []
  const issues: ReadIssue[] = []
  features.forEach((feature: unknown, index) => {
    const number = index + 1
    if (!feature || typeof feature !== 'object' || Array.isArray(feature)) {
      issues.push({
        code: 'not_a_record', refused: true, row: number, field: WHOLE_ROW, value: excerpt(JSON.stringify(feature) ?? ''),
        message: '不是 GeoJSON 要素（Feature 对象），无法读取：本要素未导入',
      })
      return
    }
    const record = feature as { properties?: Record<string, unknown> | null; geometry?: unknown }
    const properties = record.properties && typeof record.properties === 'object' ? record.properties : {}
    const row: Record<string, string> = {}
    for (const [key, property] of Object.entries(properties)) {
      if (!known.has(key)) {
        known.add(key)
        columns.push(key)
      }
      row[key] = cleanValue(valueText(property), number, key, issues)
    }
    rows.push(row)
    geometries.push(readGeometry(record.geometry, number, issues))
    rowNumbers.push(number)
  })
  if (rowsReadOf(rows.length, issues) === 0) throw new TableError('no_rows')
  // Rows missing a property read it as '', like a blank cell.
  for (const row of rows) for (const column of columns) row[column] ??= ''
  return { columns, rows, format: 'geojson', geometries, rowNumbers, issues, notices: [] }
}

function readGeometry(geometry: unknown, number: number, issues: ReadIssue[]): GeoJSON.Geometry | null {
  if (geometry === null || geometry === undefined) return null
  const problem = geometryProblem(geometry)
  if (!problem) return geometry as GeoJSON.Geometry
  issues.push({
    code: 'bad_geometry', refused: false, row: number, field: '几何', value: excerpt(JSON.stringify(geometry) ?? ''),
    message: `几何无效（${problem}），按没有几何处理`,
  })
  return null
}

/** A JSON value as a cell, without control characters (reported, like in CSV). */
export function cleanValue(text: string, row: number, field: string, issues: ReadIssue[]): string {
  const { text: cleaned, removed } = removeControlCharacters(text)
  if (removed) issues.push(controlCharacterIssue(row, field, text, removed))
  return cleaned
}

export function valueText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
