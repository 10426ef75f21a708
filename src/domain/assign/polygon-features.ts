/**
 * Polygons for assignment from a parsed GeoJSON file: which features are usable, what each
 * one's id is, which ids repeat. Features without an area geometry are skipped and reported,
 * never silently dropped.
 */
import { AssignError } from './assign-error.ts'
import { toWgs84, type CoordinateSystem } from '../import/coordinate-system.ts'
import type { PolygonInput } from './polygon-input.ts'
import { coordinateStructureProblem } from './polygon-structure.ts'

export interface PolygonFeatureSet {
  polygons: PolygonInput[]
  /** 1-based feature number in the file, per polygon */
  featureNumbers: number[]
  /** where ids came from: the --id-field name, "feature.id", or "序号" (feature number) */
  idSource: string
  skipped: { featureNumber: number; reason: string }[]
  duplicateIds: { id: string; featureNumbers: number[] }[]
}

interface RawFeature {
  id?: string | number
  properties?: Record<string, unknown> | null
  geometry?: { type?: string; coordinates?: unknown } | null
}

/** Candidate id properties tried, in order, when no id field is named. */
const DEFAULT_ID_PROPERTIES = ['id', 'code', '编码', '网格编码', '编号', 'geoid', 'adcode']

export function readPolygonFeatures(value: unknown, options: { idField?: string; crs?: CoordinateSystem } = {}): PolygonFeatureSet {
  const features = featureList(value)
  const idSource = options.idField ?? chooseIdSource(features)
  if (options.idField && !features.some((feature) => feature.properties && options.idField! in feature.properties)) {
    throw new AssignError('id_field_missing', `“${options.idField}”`, 'id-field')
  }
  const polygons: PolygonInput[] = []
  const featureNumbers: number[] = []
  const skipped: PolygonFeatureSet['skipped'] = []
  const byId = new Map<string, number[]>()
  features.forEach((feature, index) => {
    const featureNumber = index + 1
    const geometry = feature.geometry
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') || !Array.isArray(geometry.coordinates)) {
      skipped.push({ featureNumber, reason: geometry?.type ? `几何类型为 ${geometry.type}，不是面` : '没有几何' })
      return
    }
    const structure = coordinateStructureProblem(geometry as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown })
    if (structure) {
      skipped.push({ featureNumber, reason: structure })
      return
    }
    const id = idOf(feature, featureNumber, idSource)
    if (id === '') {
      skipped.push({ featureNumber, reason: `编号字段“${idSource}”为空` })
      return
    }
    const converted = options.crs && options.crs !== 'wgs84' ? convertGeometry(geometry as PolygonInput['geometry'], options.crs) : (geometry as PolygonInput['geometry'])
    polygons.push({ id, geometry: converted })
    featureNumbers.push(featureNumber)
    const numbers = byId.get(id) ?? []
    numbers.push(featureNumber)
    byId.set(id, numbers)
  })
  if (polygons.length === 0) {
    const reasons = skipped.slice(0, 3).map((entry) => `第 ${entry.featureNumber} 个：${entry.reason}`)
    throw new AssignError('no_polygons', skipped.length > 0 ? `跳过 ${skipped.length} 个要素（${reasons.join('；')}${skipped.length > 3 ? '；……' : ''}）` : undefined)
  }
  const duplicateIds = [...byId].filter(([, numbers]) => numbers.length > 1).map(([id, numbers]) => ({ id, featureNumbers: numbers }))
  return { polygons, featureNumbers, idSource, skipped, duplicateIds }
}

function featureList(value: unknown): RawFeature[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as { type?: unknown; features?: unknown; coordinates?: unknown }
    // A null or a number among the features is a feature without geometry, reported as skipped.
    if (record.type === 'FeatureCollection' && Array.isArray(record.features)) return record.features.map((feature: unknown) => (feature && typeof feature === 'object' ? feature : {}) as RawFeature)
    if (record.type === 'Feature') return [record as RawFeature]
    if (record.type === 'Polygon' || record.type === 'MultiPolygon') return [{ geometry: record as RawFeature['geometry'] }]
  }
  throw new AssignError('polygons_not_geojson')
}

function chooseIdSource(features: RawFeature[]): string {
  if (features.every((feature) => feature.id !== undefined && feature.id !== null && feature.id !== '')) return 'feature.id'
  for (const name of DEFAULT_ID_PROPERTIES) {
    if (features.every((feature) => feature.properties && feature.properties[name] !== undefined && feature.properties[name] !== null)) return name
  }
  return '序号'
}

function idOf(feature: RawFeature, featureNumber: number, idSource: string): string {
  if (idSource === 'feature.id') return String(feature.id)
  if (idSource === '序号') return String(featureNumber)
  const value = feature.properties?.[idSource]
  return value === undefined || value === null ? '' : String(value)
}

function convertGeometry(geometry: PolygonInput['geometry'], crs: CoordinateSystem): PolygonInput['geometry'] {
  // gcoord throws on a vertex that is not two numbers; such a vertex stays as it is, for the validity check to report.
  const ring = (positions: GeoJSON.Position[]) =>
    positions.map((position) => (Number.isFinite(position[0]) && Number.isFinite(position[1]) ? toWgs84(position[0], position[1], crs) : position))
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((part) => part.map(ring)) }
}
