/**
 * Why an assignment cannot run at all (as opposed to one bad row or one bad polygon, which
 * are reported and worked around). `code` is for programs, `message` for people.
 */
export const ASSIGN_ERROR_MESSAGES = {
  polygons_not_geojson: '多边形文件不是 GeoJSON 要素集合（FeatureCollection）',
  no_polygons: '多边形文件中没有面要素（Polygon / MultiPolygon）',
  id_field_missing: '多边形文件中没有指定的编号字段',
  coordinate_columns_missing: '点文件中没有指定的经纬度列',
  no_coordinate_columns: '点文件中找不到经纬度列，请用 --lon-field 和 --lat-field 指定',
} as const

export type AssignErrorCode = keyof typeof ASSIGN_ERROR_MESSAGES

export class AssignError extends Error {
  readonly code: AssignErrorCode
  /** the option or column the problem is about, when there is one */
  readonly field?: string

  constructor(code: AssignErrorCode, detail?: string, field?: string) {
    super(detail ? `${ASSIGN_ERROR_MESSAGES[code]}：${detail}` : ASSIGN_ERROR_MESSAGES[code])
    this.name = 'AssignError'
    this.code = code
    this.field = field
  }
}
