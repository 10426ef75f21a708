/**
 * The points of a points file (CSV, XLSX, GeoJSON), as one interleaved lon, lat array in
 * WGS84, for hotspot binning. A file of any size streams (readInput); only two numbers per
 * point are kept. Rows whose location cannot be read are counted and the first ones named
 * (row, field, why); they are left out, never guessed.
 */
import { readColumns, readGeometry } from '../../src/domain/assign/point-assigner.ts'
import { detectCoordinateColumns } from '../../src/domain/tabular/index.ts'
import { toWgs84, type CoordinateSystem } from '../../src/domain/import/coordinate-system.ts'
import { CliFailure, EXIT } from './exit-codes.ts'
import { readInput } from './read-input.ts'

export interface PointsRead {
  /** lon, lat, lon, lat … (WGS84) */
  points: Float64Array
  rows: number
  invalid: { row: number; field: string; reason: string }[]
  invalidCount: number
  /** where locations were read from, for the summary */
  source: string
}

export interface ReadPointsOptions {
  lonField?: string
  latField?: string
  crs: CoordinateSystem
  listLimit: number
  log: (line: string) => void
}

type Source = { kind: 'columns'; lon: string; lat: string } | { kind: 'geometry' }

export async function readPoints(path: string, options: ReadPointsOptions): Promise<PointsRead> {
  let points = new Float64Array(1 << 16)
  let used = 0
  let rows = 0
  let invalidCount = 0
  const invalid: PointsRead['invalid'] = []
  let source: Source | null = null
  const refuse = (row: number, field: string, reason: string) => {
    invalidCount += 1
    if (invalid.length < options.listLimit) invalid.push({ row, field, reason })
  }
  await readInput(
    path,
    async (slice, info) => {
      source ??= chooseSource(info.columns, info.geometries, options)
      for (let k = 0; k < slice.rows.length; k++) {
        rows += 1
        const row = slice.rowNumbers[k]
        const location = source.kind === 'columns' ? readColumns(slice.rows[k], source.lon, source.lat) : readGeometry(slice.geometries?.[k] ?? null)
        if ('reason' in location) {
          refuse(row, location.field, location.reason)
          continue
        }
        const [lon, lat] = options.crs === 'wgs84' ? [location.lon, location.lat] : toWgs84(location.lon, location.lat, options.crs)
        if (used + 2 > points.length) {
          const grown = new Float64Array(points.length * 2)
          grown.set(points)
          points = grown
        }
        points[used++] = lon
        points[used++] = lat
      }
      // Rows the reader itself could not read are counted too, so every row is accounted for.
      for (const issue of slice.issues ?? []) {
        if (!issue.refused) continue
        rows += 1
        refuse(issue.row, issue.field, issue.message)
      }
    },
    { log: options.log },
  )
  const chosen = source as Source | null
  return {
    points: points.slice(0, used),
    rows,
    invalid,
    invalidCount,
    source: chosen === null ? '（无数据行）' : chosen.kind === 'columns' ? `${chosen.lon} / ${chosen.lat} 列` : 'GeoJSON 点几何',
  }
}

function chooseSource(columns: readonly string[], geometries: readonly (GeoJSON.Geometry | null)[] | undefined, options: ReadPointsOptions): Source {
  if (options.lonField || options.latField) {
    if (!options.lonField || !options.latField) throw new CliFailure('错误：请同时指定 --lon-field 和 --lat-field', EXIT.usage)
    for (const name of [options.lonField, options.latField]) {
      if (!columns.includes(name)) throw new CliFailure(`错误：点文件中没有列“${name}”（现有列：${columns.join('、') || '（无）'}）`, EXIT.unusable)
    }
    return { kind: 'columns', lon: options.lonField, lat: options.latField }
  }
  if (geometries && geometries.some((geometry) => geometry !== null)) return { kind: 'geometry' }
  const detected = detectCoordinateColumns([...columns])
  if (detected.lon && detected.lat) return { kind: 'columns', lon: detected.lon, lat: detected.lat }
  throw new CliFailure(`错误：点文件中找不到经纬度列（现有列：${columns.join('、') || '（无）'}），请用 --lon-field 和 --lat-field 指定`, EXIT.unusable)
}

