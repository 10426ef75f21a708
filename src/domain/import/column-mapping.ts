/**
 * Which column of the file feeds which field of a case. Values are column names as they appear
 * in the file's header; `lon`/`lat` may instead be FROM_GEOMETRY for GeoJSON point features.
 */
import { z } from 'zod'

/** Take the coordinate from the feature's Point geometry instead of a column. */
export const FROM_GEOMETRY = '@geometry'
/**
 * The file has no coordinate columns: place each row by its address column (the district's
 * own names), or where the dispatcher clicks on the map. Set on both `lon` and `lat`.
 */
export const FROM_ADDRESS = '@address'

export const columnMappingSchema = z.object({
  externalId: z.string().min(1).optional(),
  lon: z.string().min(1),
  lat: z.string().min(1),
  category: z.string().min(1),
  source: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  reportedAt: z.string().min(1).optional(),
  address: z.string().min(1).optional(),
})
export type ColumnMapping = z.infer<typeof columnMappingSchema>

export type MappingField = keyof ColumnMapping

export const MAPPING_FIELD_LABELS: Record<MappingField, string> = {
  externalId: '工单编号（外部编号）',
  lon: '经度',
  lat: '纬度',
  category: '问题类别',
  source: '来源',
  description: '问题描述',
  reportedAt: '上报时间',
  address: '地址',
}

export interface MappingProblem {
  field: MappingField
  column: string
  reason: string
}

/** Mapped columns the file does not have. An empty list means the mapping fits the file. */
export function checkMapping(mapping: ColumnMapping, columns: readonly string[], hasGeometries: boolean): MappingProblem[] {
  const problems: MappingProblem[] = []
  for (const [field, column] of Object.entries(mapping) as [MappingField, string | undefined][]) {
    if (column === undefined) continue
    if (column === FROM_ADDRESS) {
      if (field !== 'lon' && field !== 'lat') {
        problems.push({ field, column, reason: `${MAPPING_FIELD_LABELS[field]}不能取自地址` })
      } else if (field === 'lon' && !mapping.address) {
        problems.push({ field, column, reason: '没有经纬度列时须选择地址列：按地址定位，定位不了的行可在地图上点选' })
      }
      continue
    }
    if (column === FROM_GEOMETRY) {
      if (field !== 'lon' && field !== 'lat') {
        problems.push({ field, column, reason: `${MAPPING_FIELD_LABELS[field]}不能取自要素几何` })
      } else if (!hasGeometries) {
        problems.push({ field, column, reason: '文件没有要素几何（仅 GeoJSON 文件有），请选择经纬度列' })
      }
      continue
    }
    if (!columns.includes(column)) {
      problems.push({ field, column, reason: `文件中没有“${column}”列（${MAPPING_FIELD_LABELS[field]}）` })
    }
  }
  if ((mapping.lon === FROM_ADDRESS) !== (mapping.lat === FROM_ADDRESS)) {
    problems.push({ field: 'lat', column: mapping.lat, reason: '经度和纬度须同时选择“无经纬度列，按地址定位”' })
  }
  return problems
}
