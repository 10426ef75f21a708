/**
 * Whether a GeoJSON geometry has the shape its type promises: positions of two or more finite
 * numbers, nested as deep as the type says. Readers use it so that one feature with null or
 * flat coordinates is one row's problem, instead of a TypeError in whatever reads it later.
 * Whether rings close or polygons are valid is for the geometry checks, not this.
 */
const DEPTHS: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }

/** Why the geometry is malformed, in Chinese, or null when its structure is sound. */
export function geometryProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `几何应为对象，收到 ${shortJson(value)}`
  const geometry = value as { type?: unknown; coordinates?: unknown; geometries?: unknown }
  if (typeof geometry.type !== 'string') return '几何缺少 type'
  if (geometry.type === 'GeometryCollection') {
    if (!Array.isArray(geometry.geometries)) return 'GeometryCollection 缺少 geometries 数组'
    for (const member of geometry.geometries) {
      const problem = geometryProblem(member)
      if (problem) return `GeometryCollection 的成员：${problem}`
    }
    return null
  }
  const depth = DEPTHS[geometry.type]
  if (depth === undefined) return `未知的几何类型“${geometry.type}”`
  if (!nestedPositions(geometry.coordinates, depth)) {
    return geometry.type === 'Point'
      ? `Point 的 coordinates 应为 [经度, 纬度]，收到 ${shortJson(geometry.coordinates)}`
      : `${geometry.type} 的 coordinates 应为 ${depth} 层嵌套的 [经度, 纬度] 数组，收到 ${shortJson(geometry.coordinates)}`
  }
  return null
}

function nestedPositions(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false
  if (depth === 0) return value.length >= 2 && value.every((number) => typeof number === 'number' && Number.isFinite(number))
  return value.every((member) => nestedPositions(member, depth - 1))
}

function shortJson(value: unknown): string {
  const text = value === undefined ? '（无）' : JSON.stringify(value)
  return text.length > 40 ? text.slice(0, 40) + '…' : text
}
