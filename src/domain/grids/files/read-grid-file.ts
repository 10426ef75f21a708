/**
 * A grid layer file as the app imports it (网格导入): GeoJSON (.geojson/.json), a zipped
 * Shapefile (.zip, its .prj honoured) or KML, given as bytes — no file system, so it runs in
 * the browser. Features come back as read (rings not closed or re-oriented, Z values kept):
 * only the declared coordinate system is converted to WGS84. Which features are polygons and
 * what each one's id is are decided as for `npm run assign` and `npm run grids:validate`
 * (readPolygonFeatures). Features that cannot be used are warnings naming their feature
 * number, never a failure; a file with nothing usable throws a GridFileError in Chinese.
 */
import JSZip from 'jszip'
import { AssignError } from '../../assign/assign-error.ts'
import { readPolygonFeatures } from '../../assign/polygon-features.ts'
import { toWgs84, type CoordinateSystem } from '../../import/coordinate-system.ts'
import { GridFileError, isZip, parsePolygonFile } from './parse-polygon-file.ts'

export interface GridFileFeature {
  /** the value of the id field (or feature.id, or the feature number; see `idField`) */
  id: string
  properties: Record<string, unknown>
  /** WGS84 (converted from the declared system), otherwise as in the file */
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
  /** 1-based position in the file */
  featureNumber: number
}

/** A problem with one feature (or, without featureNumber, with the file) that did not stop the read. */
export interface GridFileWarning {
  featureNumber?: number
  field?: string
  reason: string
}

export interface GridFile {
  features: GridFileFeature[]
  /** where ids came from: the named field, "feature.id", or "序号" (feature number) */
  idField: string
  /** the declared coordinate system the file was converted from */
  crs: CoordinateSystem
  warnings: GridFileWarning[]
}

export interface ReadGridFileOptions {
  idField?: string
  crs?: CoordinateSystem
}

export async function readGridFile(name: string, bytes: ArrayBuffer | Uint8Array, options: ReadGridFileOptions = {}): Promise<GridFile> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  if (data.length === 0) throw new GridFileError(`“${name}”是空文件`)
  const raw = await parsePolygonFile(name, data)
  const crs = options.crs ?? 'wgs84'
  let set
  try {
    set = readPolygonFeatures(raw, { idField: options.idField })
  } catch (error) {
    if (error instanceof AssignError) throw new GridFileError(`“${name}”：${error.message.replace('多边形文件', '文件')}`)
    throw error
  }
  const rawFeatures = featuresOf(raw)
  const warnings: GridFileWarning[] = []
  if (isZip(data) && !(await hasPrj(data))) {
    warnings.push({ reason: 'Shapefile 压缩包中没有 .prj 文件：坐标按经纬度读取，请确认不是投影坐标' })
  }
  for (const skipped of set.skipped) {
    warnings.push({ featureNumber: skipped.featureNumber, field: skipped.reason.startsWith('编号字段') ? set.idSource : 'geometry', reason: `已跳过：${skipped.reason}` })
  }
  for (const duplicate of set.duplicateIds) {
    for (const featureNumber of duplicate.featureNumbers.slice(1)) {
      warnings.push({ featureNumber, field: set.idSource, reason: `编号“${duplicate.id}”重复（第 ${duplicate.featureNumbers.join('、')} 个要素）` })
    }
  }
  const features = set.polygons.map((polygon, index): GridFileFeature => {
    const featureNumber = set.featureNumbers[index]
    const properties = rawFeatures[featureNumber - 1]?.properties
    return {
      id: polygon.id,
      properties: properties && typeof properties === 'object' ? { ...properties } : {},
      geometry: crs === 'wgs84' ? polygon.geometry : convertGeometry(polygon.geometry, crs),
      featureNumber,
    }
  })
  return { features, idField: set.idSource, crs, warnings }
}

function featuresOf(raw: unknown): { properties?: Record<string, unknown> | null }[] {
  const record = raw as { type?: string; features?: unknown[] }
  if (record.type === 'FeatureCollection' && Array.isArray(record.features)) return record.features as { properties?: Record<string, unknown> | null }[]
  if (record.type === 'Feature') return [record as { properties?: Record<string, unknown> | null }]
  return [{}]
}

async function hasPrj(bytes: Uint8Array): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(bytes)
    return Object.keys(zip.files).some((path) => /\.prj$/i.test(path))
  } catch {
    // shpjs read it; whether a .prj is listed is only worth a warning.
    return true
  }
}

/** Declared system → WGS84, vertex by vertex; a Z value stays, a vertex that is not two numbers stays as it is. */
function convertGeometry(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, crs: CoordinateSystem): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const ring = (positions: GeoJSON.Position[]) =>
    positions.map((position) => (Number.isFinite(position[0]) && Number.isFinite(position[1]) ? [...toWgs84(position[0], position[1], crs), ...position.slice(2)] : position))
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((part) => part.map(ring)) }
}
