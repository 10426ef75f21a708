/**
 * A GeoJSON FeatureCollection (or a single Feature) as a table: properties become columns (in
 * order of first appearance), each feature's geometry is kept beside its row.
 */
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
  features.forEach((feature: unknown, index) => {
    const record = (feature && typeof feature === 'object' ? feature : {}) as {
      properties?: Record<string, unknown> | null
      geometry?: GeoJSON.Geometry | null
      id?: string | number
    }
    const properties = record.properties && typeof record.properties === 'object' ? record.properties : {}
    const row: Record<string, string> = {}
    for (const [key, property] of Object.entries(properties)) {
      if (!known.has(key)) {
        known.add(key)
        columns.push(key)
      }
      row[key] = valueText(property)
    }
    rows.push(row)
    geometries.push(isGeometry(record.geometry) ? record.geometry : null)
    rowNumbers.push(index + 1)
  })
  // Rows missing a property read it as '', like a blank cell.
  for (const row of rows) for (const column of columns) row[column] ??= ''
  return { columns, rows, format: 'geojson', geometries, rowNumbers }
}

function isGeometry(value: unknown): value is GeoJSON.Geometry {
  return !!value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string'
}

export function valueText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
