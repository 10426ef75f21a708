/**
 * Import presets: a column mapping, the coordinate system the source system writes and the
 * source to assume when a row names none. Presets are plain data validated with zod, so the
 * ones a user saves (the UI keeps them in localStorage) go through the same checks.
 */
import { z } from 'zod'
import { columnMappingSchema, FROM_GEOMETRY } from './column-mapping.ts'
import { COORDINATE_SYSTEMS } from './coordinate-system.ts'
import { INCIDENT_SOURCES } from './intake-row.ts'

export const importPresetSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  description: z.string().max(500).default(''),
  mapping: columnMappingSchema,
  crs: z.enum(COORDINATE_SYSTEMS),
  defaultSource: z.enum(INCIDENT_SOURCES),
  /** free text → 5-digit matter code, added to (and overriding) the default table */
  categoryAliases: z.record(z.string().min(1), z.string().regex(/^\d{5}$/, '应为 5 位事项代码')).default({}),
  builtIn: z.boolean().default(false),
})
export type ImportPreset = z.infer<typeof importPresetSchema>

export const HOTLINE_12319_PRESET: ImportPreset = {
  id: 'hotline-12319',
  name: '12319 热线导出',
  description: '12319 城建服务热线系统导出的工单表（CSV/XLSX），坐标取自热线系统的地图选点（高德/腾讯，GCJ-02）',
  mapping: {
    externalId: '工单编号',
    lon: '经度',
    lat: '纬度',
    category: '问题类别',
    source: '来源',
    description: '问题描述',
    reportedAt: '受理时间',
    address: '事发地址',
  },
  crs: 'gcj02',
  defaultSource: 'hotline_12319',
  categoryAliases: {},
  builtIn: true,
}

export const OPEN311_PRESET: ImportPreset = {
  id: 'open311-georeport-v2',
  name: 'Open311 GeoReport v2',
  description: 'Open311 GeoReport v2 服务请求（requests.json）；service_code 填事项代码或在对照表中映射',
  mapping: {
    externalId: 'service_request_id',
    lon: 'long',
    lat: 'lat',
    category: 'service_code',
    description: 'description',
    reportedAt: 'requested_datetime',
    address: 'address',
  },
  crs: 'wgs84',
  defaultSource: 'public_report',
  categoryAliases: {},
  builtIn: true,
}

export const GEOJSON_POINTS_PRESET: ImportPreset = {
  id: 'geojson-points',
  name: 'GeoJSON 点要素',
  description: 'GeoJSON 点要素集合，位置取自要素几何，其余字段取自属性；按 GeoJSON 标准默认为 WGS84',
  mapping: {
    externalId: 'id',
    lon: FROM_GEOMETRY,
    lat: FROM_GEOMETRY,
    category: 'category',
    source: 'source',
    description: 'description',
    reportedAt: 'reported_at',
  },
  crs: 'wgs84',
  defaultSource: 'patrol',
  categoryAliases: {},
  builtIn: true,
}

export const PATROL_PRESET: ImportPreset = {
  id: 'patrol-generic',
  name: '巡查上报 (通用)',
  description: '监督员巡查终端或网格员 App 导出的上报记录，GPS 定位（WGS84）',
  mapping: {
    externalId: '编号',
    lon: '经度',
    lat: '纬度',
    category: '问题类型',
    source: '来源',
    description: '问题描述',
    reportedAt: '上报时间',
    address: '位置',
  },
  crs: 'wgs84',
  defaultSource: 'patrol',
  categoryAliases: {},
  builtIn: true,
}

export const BUILT_IN_PRESETS: readonly ImportPreset[] = [HOTLINE_12319_PRESET, OPEN311_PRESET, GEOJSON_POINTS_PRESET, PATROL_PRESET]

const presetFileSchema = z.object({ version: z.literal(1), presets: z.array(z.unknown()) })

export interface PresetParse {
  presets: ImportPreset[]
  /** Chinese, one per preset that could not be used */
  errors: string[]
}

/** Saved presets from JSON (e.g. localStorage). Bad entries are skipped and reported, good ones kept. */
export function parsePresets(json: string | null | undefined): PresetParse {
  if (!json) return { presets: [], errors: [] }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { presets: [], errors: ['保存的导入预设不是有效的 JSON，已忽略'] }
  }
  const file = presetFileSchema.safeParse(Array.isArray(value) ? { version: 1, presets: value } : value)
  if (!file.success) return { presets: [], errors: ['保存的导入预设格式不正确（应为 { version: 1, presets: [...] }），已忽略'] }
  const presets: ImportPreset[] = []
  const errors: string[] = []
  file.data.presets.forEach((entry, index) => {
    const parsed = importPresetSchema.safeParse(entry)
    if (parsed.success) {
      presets.push({ ...parsed.data, builtIn: false })
    } else {
      const issue = parsed.error.issues[0]
      const name = entry && typeof entry === 'object' && 'name' in entry ? String((entry as { name: unknown }).name) : `第 ${index + 1} 个`
      errors.push(`导入预设“${name}”无效（${issue.path.join('.') || '整体'}：${issue.message}），已忽略`)
    }
  })
  return { presets, errors }
}

/** User presets to JSON; built-in presets are never stored (they come with the app). */
export function serializePresets(presets: readonly ImportPreset[]): string {
  return JSON.stringify({ version: 1, presets: presets.filter((preset) => !preset.builtIn) })
}

export function findPreset(presets: readonly ImportPreset[], idOrName: string): ImportPreset | undefined {
  const wanted = idOrName.trim()
  return presets.find((preset) => preset.id === wanted || preset.name === wanted)
}
