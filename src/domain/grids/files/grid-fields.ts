/**
 * The attributes a grid file carries, under their GeoJSON/KML names, the names written to a
 * Shapefile (whose dBase field names hold at most 10 bytes: `management_level` and
 * `responsible_person` would both be cut to ambiguous stems), and other names read on import —
 * the Chinese column names offices use. Writers and the import share this one table.
 */
export const GRID_FIELDS = {
  code: { shapefile: 'code', aliases: ['code', 'grid_code', '编码', '网格编码', '网格编号', '编号'] },
  name: { shapefile: 'name', aliases: ['name', '名称', '网格名称'] },
  land_use: { shapefile: 'land_use', aliases: ['land_use', 'landuse', '用地性质', '用地类型'] },
  management_level: { shapefile: 'mgmt_level', aliases: ['management_level', 'mgmt_level', '管理级别', '管理等级'] },
  responsible_person: { shapefile: 'resp_pers', aliases: ['responsible_person', 'resp_pers', '责任人', '网格员'] },
  responsible_body: { shapefile: 'resp_body', aliases: ['responsible_body', 'resp_body', '责任主体', '责任单位'] },
  version: { shapefile: 'version', aliases: ['version', '版本'] },
  area_m2: { shapefile: 'area_m2', aliases: ['area_m2', '面积'] },
} as const

export type GridField = keyof typeof GRID_FIELDS

/** The first of a field's names present in `properties` (not empty), and its value. */
export function fieldValue(properties: Record<string, unknown>, field: GridField): { name: string; value: unknown } | null {
  for (const name of GRID_FIELDS[field].aliases) {
    const value = properties[name]
    // A blank dBase number reads as NaN: empty, like a blank text.
    if (value !== undefined && value !== null && value !== '' && !Number.isNaN(value)) return { name, value }
  }
  return null
}
