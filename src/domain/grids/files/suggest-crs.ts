/**
 * Is a grid file declared WGS84 really GCJ-02 (Amap, Tencent, DataV) or BD-09 (Baidu)? Those
 * shift a Chinese city by some 500 m (GCJ-02) or 1 km (BD-09), which is what an import into
 * the wrong place looks like. Three measures, each for the data as declared and as converted
 * from each candidate system (gcoord):
 * - inside: the share of the features' centres (mean of the outer ring's vertices) covered by
 *   the district (polygon, or bbox); a shifted layer loses the strip along one side. Centres,
 *   not vertices: a vertex on the district boundary is inside or out by a rounding;
 * - bbox overlap: the area of the intersection of the data's bbox with the district's over
 *   that of their union (1 = same extent);
 * - boundary (district polygon only): the median distance from the district boundary's
 *   vertices to the nearest feature vertex. Grids that tile the district share its boundary,
 *   so the right system gives ~0 m and a shifted one the size of the shift.
 * A candidate is suggested when it raises `inside` or the bbox overlap by 2 points or more, or
 * halves a boundary distance above 30 m, without lowering `inside`.
 */
import Flatbush from 'flatbush'
import { buildPolygonIndex } from '../../assign/polygon-index.ts'
import type { BBox } from '../../geometry/bbox.ts'
import { geometryBbox } from '../../geometry/geometry-bbox.ts'
import { toWgs84, type CoordinateSystem } from '../../import/coordinate-system.ts'

export interface CrsFit {
  /** share (0–1) of feature centres inside the district */
  inside: number
  /** intersection over union (0–1) of the data's bbox and the district's */
  bboxOverlap: number
  /** median distance in metres from the district boundary to the nearest feature vertex; null with a bbox */
  boundaryMedianM: number | null
}

export interface CrsSuggestion {
  crs: Exclude<CoordinateSystem, 'wgs84'>
  /** Chinese, for the import dialog */
  message: string
  /** the two measures behind it, in Chinese */
  detail: string
  declared: CrsFit
  suggested: CrsFit
}

const MESSAGES: Record<CrsSuggestion['crs'], string> = {
  gcj02: '数据可能是 GCJ-02（高德/腾讯）坐标：按 GCJ-02 转换后与辖区吻合度更高',
  bd09: '数据可能是 BD-09（百度）坐标：按 BD-09 转换后与辖区吻合度更高',
}
/** enough vertices for a share to 1 %, few enough to stay fast on 3,000 grids */
const MAX_SAMPLES = 20_000
const MAX_BOUNDARY_SAMPLES = 2_000
const METRES_PER_DEGREE = 111_195
const INSIDE_GAIN = 0.02
const BOUNDARY_FLOOR_M = 30

export function suggestCrs(
  features: readonly { geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[],
  district: GeoJSON.Polygon | GeoJSON.MultiPolygon | BBox,
  options: { declared?: CoordinateSystem } = {},
): CrsSuggestion | null {
  if ((options.declared ?? 'wgs84') !== 'wgs84') return null
  const parts = features.flatMap((feature) => (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates))
  const vertices = sample(parts.flatMap((part) => part.flat()).filter(finite), MAX_SAMPLES)
  const centres = parts.map((part) => centre(part[0] ?? [])).filter(finite)
  if (vertices.length === 0 || centres.length === 0) return null
  const area: District = Array.isArray(district)
    ? { bbox: district, covers: (lon, lat) => lon >= district[0] && lon <= district[2] && lat >= district[1] && lat <= district[3], boundary: null }
    : districtOf(district)
  const declared = fit(vertices, centres, area)
  let best: CrsSuggestion | null = null
  for (const crs of ['gcj02', 'bd09'] as const) {
    const convert = (position: GeoJSON.Position) => toWgs84(position[0], position[1], crs)
    const suggested = fit(vertices.map(convert), centres.map(convert), area)
    if (suggested.inside < declared.inside - 0.005) continue
    const insideGain = suggested.inside - declared.inside >= INSIDE_GAIN || suggested.bboxOverlap - declared.bboxOverlap >= INSIDE_GAIN
    const boundaryGain =
      declared.boundaryMedianM !== null && suggested.boundaryMedianM !== null && declared.boundaryMedianM > BOUNDARY_FLOOR_M && suggested.boundaryMedianM < declared.boundaryMedianM / 2
    if (!insideGain && !boundaryGain) continue
    if (best && !better(suggested, best.suggested)) continue
    best = { crs, message: MESSAGES[crs], detail: describe(declared, suggested, crs), declared, suggested }
  }
  return best
}

function better(a: CrsFit, b: CrsFit): boolean {
  if (a.boundaryMedianM !== null && b.boundaryMedianM !== null && a.boundaryMedianM !== b.boundaryMedianM) return a.boundaryMedianM < b.boundaryMedianM
  return a.inside > b.inside
}

function describe(declared: CrsFit, suggested: CrsFit, crs: CrsSuggestion['crs']): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`
  const parts = [
    `网格中心落在辖区内的比例：按 WGS84 ${percent(declared.inside)}，按 ${crs === 'gcj02' ? 'GCJ-02' : 'BD-09'} 转换后 ${percent(suggested.inside)}`,
    `范围重合度：${percent(declared.bboxOverlap)} → ${percent(suggested.bboxOverlap)}`,
  ]
  if (declared.boundaryMedianM !== null && suggested.boundaryMedianM !== null) {
    parts.push(`与辖区边界的距离中位数：${Math.round(declared.boundaryMedianM)} 米 → ${Math.round(suggested.boundaryMedianM)} 米`)
  }
  return parts.join('；')
}

function sample<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items
  const step = items.length / limit
  return Array.from({ length: limit }, (_, k) => items[Math.floor(k * step)])
}

interface District {
  bbox: BBox
  covers: (lon: number, lat: number) => boolean
  boundary: GeoJSON.Position[] | null
}

function districtOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): District {
  const index = buildPolygonIndex([{ id: 'district', geometry }])
  return {
    bbox: geometryBbox(geometry),
    covers: (lon, lat) => index.locate(lon, lat) >= 0,
    boundary: sample((geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2), MAX_BOUNDARY_SAMPLES),
  }
}

function finite(position: GeoJSON.Position): boolean {
  return Number.isFinite(position[0]) && Number.isFinite(position[1])
}

function centre(ring: GeoJSON.Position[]): GeoJSON.Position {
  const count = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length
  let x = 0
  let y = 0
  for (let k = 0; k < count; k++) {
    x += ring[k][0]
    y += ring[k][1]
  }
  return [x / count, y / count]
}

function fit(vertices: readonly GeoJSON.Position[], centres: readonly GeoJSON.Position[], district: District): CrsFit {
  let inside = 0
  for (const [lon, lat] of centres) if (district.covers(lon, lat)) inside += 1
  return {
    inside: inside / centres.length,
    bboxOverlap: bboxOverlap(vertices, district.bbox),
    boundaryMedianM: district.boundary ? boundaryMedian(vertices, district.boundary) : null,
  }
}

function bboxOverlap(vertices: readonly GeoJSON.Position[], [minX, minY, maxX, maxY]: BBox): number {
  let [left, bottom, right, top] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of vertices) {
    if (x < left) left = x
    if (x > right) right = x
    if (y < bottom) bottom = y
    if (y > top) top = y
  }
  const shared = Math.max(0, Math.min(right, maxX) - Math.max(left, minX)) * Math.max(0, Math.min(top, maxY) - Math.max(bottom, minY))
  const union = (right - left) * (top - bottom) + (maxX - minX) * (maxY - minY) - shared
  return union > 0 ? shared / union : 0
}
/** Median over the boundary's vertices of the distance to the nearest of `vertices`, on a local plane. */
function boundaryMedian(vertices: readonly GeoJSON.Position[], boundary: readonly GeoJSON.Position[]): number {
  const cosine = Math.cos((vertices[0][1] * Math.PI) / 180)
  const index = new Flatbush(vertices.length)
  for (const [lon, lat] of vertices) index.add(lon * cosine, lat, lon * cosine, lat)
  index.finish()
  const distances = boundary.map(([lon, lat]) => {
    const [nearest] = index.neighbors(lon * cosine, lat, 1)
    const [x, y] = vertices[nearest]
    return Math.hypot((x - lon) * cosine, y - lat) * METRES_PER_DEGREE
  })
  distances.sort((a, b) => a - b)
  return distances[Math.floor(distances.length / 2)]
}
