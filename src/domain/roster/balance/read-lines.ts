/**
 * A GeoJSON file's features as balancer lines, for `npm run roster:balance` (and an import in
 * the workspace). Every refusal names the feature (0-based index, as the output's `segment`)
 * and the field, in Chinese:
 *   - LineString: taken; MultiLineString with one part: taken as that part; with several parts:
 *     refused (measures along "the line" would be ambiguous: split it into LineStrings first);
 *   - Points, Polygons, a feature without geometry: refused by index;
 *   - --id-field: missing or duplicate values refused; --weight-field: missing, non-numeric or
 *     negative values refused;
 *   - a file declaring a GCJ-02/BD-09 `crs` while read as WGS84 is refused (say --crs gcj02).
 * Zero-length lines are refused by balance() itself (BalanceError zero_length).
 */
import { toWgs84, type CoordinateSystem } from '../../import/coordinate-system.ts'
import type { BalanceLine, LonLat } from './types.ts'

export interface ReadLinesOptions {
  idField?: string
  weightField?: string
  crs?: CoordinateSystem
}

export interface LineProblem {
  /** 0-based feature index, null for the file as a whole */
  index: number | null
  field: string
  message: string
}

export interface ReadLines {
  lines: BalanceLine[]
  /** the output's `segment` value per line: the feature index or its id-field value */
  segments: (string | number)[]
  problems: LineProblem[]
}

const CRS_HINTS: [RegExp, CoordinateSystem][] = [
  [/gcj|火星/i, 'gcj02'],
  [/bd-?09|baidu|百度/i, 'bd09'],
]

export function readBalanceLines(json: unknown, options: ReadLinesOptions = {}): ReadLines {
  const problems: LineProblem[] = []
  const record = json as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } } | null
  if (!record || record.type !== 'FeatureCollection' || !Array.isArray(record.features)) {
    return { lines: [], segments: [], problems: [{ index: null, field: 'type', message: '文件不是 GeoJSON FeatureCollection（需要 "type": "FeatureCollection" 和 features 数组）' }] }
  }
  const crs = options.crs ?? 'wgs84'
  const declared = String(record.crs?.properties?.name ?? '')
  for (const [pattern, system] of CRS_HINTS) {
    if (crs === 'wgs84' && pattern.test(declared)) {
      problems.push({ index: null, field: 'crs', message: `文件声明的坐标系是“${declared}”，看起来是 ${system === 'gcj02' ? 'GCJ-02（高德/腾讯）' : 'BD-09（百度）'}坐标；请加 --crs ${system} 转换为 WGS84 后再分配` })
    }
  }
  const lines: BalanceLine[] = []
  const segments: (string | number)[] = []
  const seenIds = new Map<string, number>()
  ;(record.features as unknown[]).forEach((raw, index) => {
    const feature = raw as { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null } | null
    const geometry = feature?.geometry
    const where = `第 ${index} 个要素`
    let coordinates: unknown
    if (!geometry) {
      problems.push({ index, field: 'geometry', message: `${where}没有几何：请删除它或补上线几何` })
      return
    } else if (geometry.type === 'LineString') coordinates = geometry.coordinates
    else if (geometry.type === 'MultiLineString' && Array.isArray(geometry.coordinates) && geometry.coordinates.length === 1) coordinates = geometry.coordinates[0]
    else if (geometry.type === 'MultiLineString') {
      problems.push({ index, field: 'geometry', message: `${where}是含 ${Array.isArray(geometry.coordinates) ? geometry.coordinates.length : '?'} 段的 MultiLineString：沿线米数会有歧义，请先拆成单独的 LineString` })
      return
    } else {
      problems.push({ index, field: 'geometry', message: `${where}是 ${String(geometry.type)}，不是线（只接受 LineString）` })
      return
    }
    if (!Array.isArray(coordinates) || coordinates.length < 2) {
      problems.push({ index, field: 'geometry', message: `${where}的线少于 2 个坐标点` })
      return
    }
    const points: LonLat[] = []
    for (const position of coordinates as unknown[]) {
      const p = position as unknown[]
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        problems.push({ index, field: 'geometry', message: `${where}有无效坐标 ${JSON.stringify(position)}（需要经纬度 [经度, 纬度]）` })
        return
      }
      points.push(toWgs84(p[0], p[1], crs))
    }
    const properties = feature?.properties ?? {}
    let id = String(index)
    let segment: string | number = index
    if (options.idField !== undefined) {
      const value = properties[options.idField]
      if (value === undefined || value === null || String(value).trim() === '') {
        problems.push({ index, field: options.idField, message: `${where}缺少编号字段“${options.idField}”` })
        return
      }
      id = String(value)
      segment = typeof value === 'number' ? value : String(value)
      if (seenIds.has(id)) {
        problems.push({ index, field: options.idField, message: `${where}的编号“${id}”与第 ${seenIds.get(id)} 个要素重复` })
        return
      }
      seenIds.set(id, index)
    }
    let weight: number | undefined
    if (options.weightField !== undefined) {
      const value = properties[options.weightField]
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      if (value === undefined || value === null || value === '') {
        problems.push({ index, field: options.weightField, message: `${where}缺少工作量字段“${options.weightField}”` })
        return
      }
      if (!Number.isFinite(number) || number < 0) {
        problems.push({ index, field: options.weightField, message: `${where}的工作量“${String(value)}”不是不小于 0 的数` })
        return
      }
      weight = number
    }
    lines.push(weight === undefined ? { id, coordinates: points } : { id, coordinates: points, weight })
    segments.push(segment)
  })
  if (lines.length === 0 && problems.length === 0) problems.push({ index: null, field: 'features', message: '文件中没有任何要素' })
  return { lines, segments, problems }
}
