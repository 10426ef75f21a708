/**
 * Imported features → the editor's grids (EditableGrid). Per feature:
 * - code from `codeField` (15 digits); a missing code is an error row unless the caller gives
 *   `nextCode` (the hook for handing out the community's next free code);
 * - community: the one the grid overlaps most (exact intersection area when the grid is not
 *   simply inside one); none → error;
 * - geometry: a MultiPolygon of one part becomes a Polygon; of several parts it is an error
 *   (splitting it into grids is the planner's decision, not ours); Z values are dropped with
 *   a warning; rings are closed (warning) and oriented, exterior counter-clockwise, holes
 *   clockwise; a ring with fewer than 3 distinct vertices is an error;
 * - attributes by the names in grid-fields.ts (Chinese names too); a bad value is a warning
 *   and the default is used (land use 混合, management level 2, responsible body the
 *   community's 居民委员会 — 属地兜底).
 * Nothing is dropped silently: every feature that does not become a grid has an error.
 */
import { intersection } from 'polyclip-ts'
import { coversPoint } from '../../assign/covers-point.ts'
import { geometryBbox } from '../../geometry/geometry-bbox.ts'
import { sphericalArea } from '../../geometry/spherical-area.ts'
import { LAND_USES, type EditableGrid, type LandUse } from '../editing/types.ts'
import { fieldValue, GRID_FIELDS } from './grid-fields.ts'
import type { GridFileFeature } from './read-grid-file.ts'

export interface CommunityInput {
  code: string
  name?: string
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface FeaturesToGridsOptions {
  /** the property holding the 15-digit code; default: the first of grid-fields.ts's code names present */
  codeField?: string
  communities: readonly CommunityInput[]
  /** hands out a code for a feature without one (e.g. the community's next free code); absent → error row */
  nextCode?: (communityCode: string, taken: ReadonlySet<string>) => string | null
}

export interface FeatureIssue {
  featureNumber: number
  field: string
  reason: string
  severity: 'error' | 'warning'
}

export interface FeaturesToGridsResult {
  grids: EditableGrid[]
  /** featureNumber per grid */
  featureNumbers: number[]
  issues: FeatureIssue[]
}

const LAND_USE_NAMES: Record<string, LandUse> = { 居住: 'residential', 住宅: 'residential', 商业: 'commercial', 工业: 'industrial', 公共: 'public', 公共服务: 'public', 绿地: 'green', 混合: 'mixed' }
const DEFAULT_LAND_USE: LandUse = 'mixed'
const DEFAULT_MANAGEMENT_LEVEL = 2

export function featuresToEditableGrids(features: readonly GridFileFeature[], options: FeaturesToGridsOptions): FeaturesToGridsResult {
  const communities = options.communities.map((community) => ({ ...community, bbox: geometryBbox(community.geometry) }))
  const grids: EditableGrid[] = []
  const featureNumbers: number[] = []
  const issues: FeatureIssue[] = []
  const taken = new Set<string>()
  const codeOwner = new Map<string, number>()
  for (const feature of features) {
    const { featureNumber, properties } = feature
    const featureIssues: FeatureIssue[] = []
    const error = (field: string, reason: string) => featureIssues.push({ featureNumber, field, reason, severity: 'error' })
    const warning = (field: string, reason: string) => featureIssues.push({ featureNumber, field, reason, severity: 'warning' })

    const polygon = cleanGeometry(feature.geometry, error, warning)
    const community = polygon ? largestOverlap(polygon, communities) : null
    if (polygon && !community) error('geometry', '网格不在任何社区内（与所有社区都不重叠）')

    const codeField = options.codeField ?? GRID_FIELDS.code.aliases.find((name) => properties[name] !== undefined && properties[name] !== null && properties[name] !== '') ?? 'code'
    let code = textOf(properties[codeField])
    if (code === '') {
      const handed = community && options.nextCode ? options.nextCode(community.code, taken) : null
      if (handed) {
        code = handed
        warning(codeField, `没有网格编码，已分配 ${handed}`)
      } else {
        error(codeField, '没有网格编码')
      }
    } else if (!/^\d{15}$/.test(code)) {
      error(codeField, `网格编码应为 15 位数字，收到“${code}”`)
    } else if (codeOwner.has(code)) {
      error(codeField, `网格编码 ${code} 与第 ${codeOwner.get(code)} 个要素重复`)
    } else if (community && !code.startsWith(community.code)) {
      warning(codeField, `网格编码 ${code} 的前 12 位不是其所在社区的编码 ${community.code}`)
    }

    if (featureIssues.some((issue) => issue.severity === 'error') || !polygon || !community) {
      issues.push(...featureIssues)
      continue
    }
    codeOwner.set(code, featureNumber)
    taken.add(code)
    grids.push({
      code,
      version: versionOf(properties, warning),
      communityCode: community.code,
      name: textOf(fieldValue(properties, 'name')?.value) || code,
      landUse: landUseOf(properties, warning),
      managementLevel: managementLevelOf(properties, warning),
      responsiblePerson: textOf(fieldValue(properties, 'responsible_person')?.value),
      responsibleBody: textOf(fieldValue(properties, 'responsible_body')?.value) || (community.name ? `${community.name}居民委员会` : ''),
      geometry: polygon,
    })
    featureNumbers.push(featureNumber)
    issues.push(...featureIssues)
  }
  return { grids, featureNumbers, issues }
}

type Report = (field: string, reason: string) => void

function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim()
}

function cleanGeometry(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, error: Report, warning: Report): GeoJSON.Polygon | null {
  let rings: GeoJSON.Position[][]
  if (geometry.type === 'MultiPolygon') {
    if (geometry.coordinates.length !== 1) {
      error('geometry', `多部件面（${geometry.coordinates.length} 个部件）：一个网格应是一个连续的面，请在导入前拆分为多个网格或合并`)
      return null
    }
    rings = geometry.coordinates[0]
  } else {
    rings = geometry.coordinates
  }
  if (rings.some((ring) => ring.some((position) => position.length > 2))) warning('geometry', '坐标带 Z 值（高程），已去掉')
  let closed = false
  const cleaned: GeoJSON.Position[][] = []
  for (const [index, ring] of rings.entries()) {
    const flat = ring.map((position) => [position[0], position[1]])
    // Consecutive repeats carry no shape; a ring is judged by its distinct vertices.
    const distinct = flat.filter((position, k) => k === 0 || position[0] !== flat[k - 1][0] || position[1] !== flat[k - 1][1])
    const first = distinct[0]
    const last = distinct[distinct.length - 1]
    if (distinct.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
      distinct.push([first[0], first[1]])
      closed = true
    }
    if (distinct.length < 4) {
      error('geometry', `${index === 0 ? '外环' : `第 ${index} 个内环`}的不同顶点少于 3 个`)
      return null
    }
    const counterClockwise = signedArea(distinct) > 0
    cleaned.push(counterClockwise === (index === 0) ? distinct : distinct.reverse())
  }
  if (closed) warning('geometry', '环未闭合，已补上首顶点')
  return { type: 'Polygon', coordinates: cleaned }
}

function signedArea(ring: GeoJSON.Position[]): number {
  let twice = 0
  for (let k = 0; k + 1 < ring.length; k++) twice += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1]
  return twice / 2
}

type Community = CommunityInput & { bbox: [number, number, number, number] }

/** The community covering the grid, or the one whose intersection with it is largest. */
function largestOverlap(polygon: GeoJSON.Polygon, communities: readonly Community[]): Community | null {
  const [minX, minY, maxX, maxY] = geometryBbox(polygon)
  const candidates = communities.filter((community) => community.bbox[0] <= maxX && community.bbox[2] >= minX && community.bbox[1] <= maxY && community.bbox[3] >= minY)
  // The usual case: every vertex covered by one community (grids share its boundary exactly).
  // Not proof of containment for odd shapes, but then the first area test below would agree.
  const exterior = polygon.coordinates[0]
  const holder = candidates.filter((community) => exterior.every((position) => coversPoint(community.geometry, position[0], position[1])))
  if (holder.length === 1) return holder[0]
  let best: Community | null = null
  let bestArea = 0
  for (const community of candidates) {
    const parts = community.geometry.type === 'Polygon' ? [community.geometry.coordinates] : community.geometry.coordinates
    const shared = intersection(polygon.coordinates as [number, number][][], parts as [number, number][][][])
    const area = shared.length === 0 ? 0 : sphericalArea({ type: 'MultiPolygon', coordinates: shared })
    if (area > bestArea) {
      best = community
      bestArea = area
    }
  }
  return best
}

function versionOf(properties: Record<string, unknown>, warning: Report): number | null {
  const found = fieldValue(properties, 'version')
  if (!found) return null
  const version = Number(found.value)
  if (Number.isInteger(version) && version > 0) return version
  warning(found.name, `版本“${String(found.value)}”不是正整数，按新网格处理`)
  return null
}

function landUseOf(properties: Record<string, unknown>, warning: Report): LandUse {
  const found = fieldValue(properties, 'land_use')
  if (!found) return DEFAULT_LAND_USE
  const text = textOf(found.value)
  if ((LAND_USES as readonly string[]).includes(text)) return text as LandUse
  if (LAND_USE_NAMES[text]) return LAND_USE_NAMES[text]
  warning(found.name, `用地性质“${text}”无法识别，按“混合”处理`)
  return DEFAULT_LAND_USE
}

function managementLevelOf(properties: Record<string, unknown>, warning: Report): 1 | 2 | 3 {
  const found = fieldValue(properties, 'management_level')
  if (!found) return DEFAULT_MANAGEMENT_LEVEL
  const level = Number(found.value)
  if (level === 1 || level === 2 || level === 3) return level
  warning(found.name, `管理级别“${String(found.value)}”应为 1、2 或 3，按 ${DEFAULT_MANAGEMENT_LEVEL} 处理`)
  return DEFAULT_MANAGEMENT_LEVEL
}
