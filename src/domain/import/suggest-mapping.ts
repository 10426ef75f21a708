/**
 * A first guess at the mapping from the file's header: the built-in preset whose columns the
 * file has, else column names people commonly use for each field. Names are compared after
 * folding full-width characters, spaces and letter case, never by substring (except longitude
 * and latitude, see detectCoordinateColumns), so "结案时间" is not taken for the report time.
 */
import { detectCoordinateColumns } from '../tabular/coordinate-columns.ts'
import { FROM_ADDRESS, FROM_GEOMETRY, type ColumnMapping, type MappingField } from './column-mapping.ts'
import { matchKey } from './normalize-text.ts'
import { BUILT_IN_PRESETS, type ImportPreset } from './presets.ts'

const SYNONYMS: Record<Exclude<MappingField, 'lon' | 'lat'>, string[]> = {
  externalId: ['工单编号', '工单号', '案件编号', '案卷编号', '事件编号', '受理编号', '诉求编号', '流水号', '编号', 'service_request_id', 'external_id', 'id', '外部编号'],
  category: ['问题类别', '事项小类', '问题小类', '小类', '小类名称', '案件类别', '案件小类', '问题类型', '事项类型', '诉求类别', '事项代码', '类别代码', '小类代码', '类别', '类型', 'service_code', 'category_code', 'category'],
  source: ['来源', '案件来源', '问题来源', '上报来源', '受理渠道', '来源渠道', '渠道', 'source'],
  description: ['问题描述', '诉求内容', '事件描述', '案件描述', '反映内容', '来电内容', '描述', '内容', 'description'],
  reportedAt: ['受理时间', '上报时间', '发现时间', '来电时间', '反映时间', '登记时间', '立案时间', '创建时间', 'requested_datetime', 'reported_at', '时间'],
  address: ['事发地址', '事发地点', '详细地址', '地址', '位置', '地点', 'address'],
}

export interface MappingSuggestion {
  mapping: Partial<ColumnMapping>
  /** the built-in preset the file looks like, if any */
  preset: ImportPreset | null
  /** required fields no column was found for */
  missing: ('lon' | 'lat' | 'category')[]
}

function findColumn(columns: readonly string[], names: readonly string[], taken: Set<string>): string | undefined {
  for (const name of names) {
    const key = matchKey(name)
    const hit = columns.find((column) => !taken.has(column) && matchKey(column) === key)
    if (hit) return hit
  }
  return undefined
}

/** A preset's mapping completed for this file: a preset column the file lacks is looked up by synonyms. */
export function mappingForPreset(preset: ImportPreset, columns: readonly string[], hasGeometries = false): Partial<ColumnMapping> {
  const suggestion = suggestMapping(columns, { hasGeometries })
  const mapping: Partial<ColumnMapping> = {}
  for (const [field, column] of Object.entries(preset.mapping) as [MappingField, string | undefined][]) {
    if (column === undefined) continue
    const usable =
      column === FROM_GEOMETRY ? hasGeometries
      : column === FROM_ADDRESS ? preset.mapping.address !== undefined && columns.includes(preset.mapping.address)
      : columns.includes(column)
    const value = usable ? column : suggestion.mapping[field]
    if (value !== undefined) mapping[field] = value
  }
  return mapping
}

export function suggestMapping(columns: readonly string[], options: { hasGeometries?: boolean } = {}): MappingSuggestion {
  const preset = BUILT_IN_PRESETS.find((candidate) => presetFits(candidate, columns, options.hasGeometries ?? false)) ?? null
  const mapping: Partial<ColumnMapping> = {}
  const taken = new Set<string>()
  if (preset) {
    for (const [field, column] of Object.entries(preset.mapping) as [MappingField, string | undefined][]) {
      if (column !== undefined && (column === FROM_GEOMETRY || columns.includes(column))) {
        mapping[field] = column
        taken.add(column)
      }
    }
  }
  if (!mapping.lon || !mapping.lat) {
    const coordinates = detectCoordinateColumns([...columns])
    if (coordinates.lon && coordinates.lat) {
      mapping.lon = coordinates.lon
      mapping.lat = coordinates.lat
    } else if (options.hasGeometries) {
      mapping.lon = FROM_GEOMETRY
      mapping.lat = FROM_GEOMETRY
    }
    if (mapping.lon) taken.add(mapping.lon)
    if (mapping.lat) taken.add(mapping.lat)
  }
  for (const [field, names] of Object.entries(SYNONYMS) as [keyof typeof SYNONYMS, string[]][]) {
    if (mapping[field]) continue
    const column = findColumn(columns, names, taken)
    if (column) {
      mapping[field] = column
      taken.add(column)
    }
  }
  // No coordinates anywhere, but an address (many 12319 exports): place rows by it.
  if (!mapping.lon && !mapping.lat && mapping.address) {
    mapping.lon = FROM_ADDRESS
    mapping.lat = FROM_ADDRESS
  }
  const missing = (['lon', 'lat', 'category'] as const).filter((field) => !mapping[field])
  return { mapping, preset, missing }
}

/** A preset fits when the file has its location and category columns and most of the others. */
function presetFits(preset: ImportPreset, columns: readonly string[], hasGeometries: boolean): boolean {
  const has = (column: string | undefined): boolean =>
    column !== undefined &&
    (column === FROM_GEOMETRY ? hasGeometries : column === FROM_ADDRESS ? has(preset.mapping.address) : columns.includes(column))
  const { lon, lat, category, ...rest } = preset.mapping
  // An export of the same kind without coordinate columns still fits: its rows are placed by address.
  const located = (has(lon) && has(lat)) || has(rest.address)
  if (!located || !has(category)) return false
  const others = Object.values(rest).filter((column): column is string => column !== undefined)
  return others.filter(has).length * 2 >= others.length
}

/** A mapping with every required field, or null. */
export function completeMapping(mapping: Partial<ColumnMapping>): ColumnMapping | null {
  if (!mapping.lon || !mapping.lat || !mapping.category) return null
  return { ...mapping, lon: mapping.lon, lat: mapping.lat, category: mapping.category }
}
