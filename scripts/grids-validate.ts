/**
 * `npm run grids:validate -- --grids <file.geojson|.zip|.kml> [--id-field NAME]
 *   [--parents <file> --parent-id-field NAME [--parent-code-field NAME]] [--crs wgs84|gcj02|bd09]
 *   [--min-area M2] [--target-area M2] [--codes auto|on|off] [--format text|json]`
 *
 * Runs the grid validation rules (src/domain/grids/validation) on a grid layer and prints
 * every issue: a Chinese report (text, the default) or one JSON document
 * {"grids": N, "issues": [...], "skipped": [...]} (json). Nothing is repaired. See docs/grids.md.
 *
 * Exit codes (scripts/cli/exit-codes.ts): 0 it ran, whatever it found; 1 wrong usage;
 * 2 an input cannot be used (missing, not GeoJSON/Shapefile/KML, no polygons, no such id field).
 */
import { parseArgs } from 'node:util'
import { AssignError } from '../src/domain/assign/assign-error.ts'
import { readPolygonFeatures, type PolygonFeatureSet } from '../src/domain/assign/polygon-features.ts'
import { COORDINATE_SYSTEM_SHORT_NAMES, COORDINATE_SYSTEMS, type CoordinateSystem } from '../src/domain/import/coordinate-system.ts'
import { formatArea, ISSUE_TYPES, validateGrids, type GridIssue, type GridIssueType, type ParentFeature } from '../src/domain/grids/validation/index.ts'
import { CliFailure, EXIT, type ExitCode } from './cli/exit-codes.ts'
import { readPolygonFile } from './cli/read-polygon-file.ts'
import { runCli } from './cli/run-cli.ts'

const USAGE = `用法：npm run grids:validate -- --grids <网格.geojson|.zip（Shapefile）|.kml> [--id-field 字段名]
  [--parents <上级区域文件> --parent-id-field 字段名 [--parent-code-field 字段名]]
  [--crs wgs84|gcj02|bd09] [--min-area 平方米] [--target-area 平方米（0 = 不检查）]
  [--codes auto|on|off] [--format text|json]`
/** Per issue type in the text report; the JSON document always has every issue. */
const LISTED_ISSUES = 50

const TYPE_LABELS: Record<GridIssueType, string> = {
  invalid: '几何无效',
  'duplicate-id': '编号重复',
  'bad-code': '编码不合规',
  overlap: '网格重叠',
  gap: '空隙（未覆盖）',
  'outside-parent': '超出上级区域',
  'multi-parent': '跨越多个上级区域',
  'code-prefix': '编码与上级区域不符',
  sliver: '碎片或狭长网格',
  'area-target': '面积偏离目标',
}

interface Options {
  grids: string
  idField?: string
  parents?: string
  parentIdField?: string
  parentCodeField?: string
  crs: CoordinateSystem
  minArea?: number
  targetArea?: number
  codes: 'auto' | 'on' | 'off'
  format: 'text' | 'json'
}

function usage(message: string): CliFailure {
  return new CliFailure(`错误：${message}\n${USAGE}`, EXIT.usage)
}

function areaOption(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number) || number < 0) throw usage(`--${option} 应为不小于 0 的数（平方米），收到“${String(value)}”`)
  return number
}

function choice<T extends string>(value: unknown, option: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  const lower = String(value).toLowerCase()
  if (!(allowed as readonly string[]).includes(lower)) throw usage(`--${option} 只能是 ${allowed.join('、')}，收到“${String(value)}”`)
  return lower as T
}

function readOptions(argv: string[]): Options | null {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        grids: { type: 'string' },
        'id-field': { type: 'string' },
        parents: { type: 'string' },
        'parent-id-field': { type: 'string' },
        'parent-code-field': { type: 'string' },
        crs: { type: 'string' },
        'min-area': { type: 'string' },
        'target-area': { type: 'string' },
        codes: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (error) {
    throw usage((error as Error).message)
  }
  if (values.help) return null
  if (typeof values.grids !== 'string') throw usage('缺少 --grids')
  if (values['parent-id-field'] !== undefined && values.parents === undefined) throw usage('--parent-id-field 需要与 --parents 一起使用')
  return {
    grids: values.grids,
    idField: values['id-field'] as string | undefined,
    parents: values.parents as string | undefined,
    parentIdField: values['parent-id-field'] as string | undefined,
    parentCodeField: values['parent-code-field'] as string | undefined,
    crs: choice(values.crs, 'crs', COORDINATE_SYSTEMS, 'wgs84'),
    minArea: areaOption(values['min-area'], 'min-area'),
    targetArea: areaOption(values['target-area'], 'target-area'),
    codes: choice(values.codes, 'codes', ['auto', 'on', 'off'] as const, 'auto'),
    format: choice(values.format, 'format', ['text', 'json'] as const, 'text'),
  }
}

async function readLayer(path: string, what: string, idField: string | undefined, crs: CoordinateSystem): Promise<{ set: PolygonFeatureSet; raw: unknown }> {
  const raw = await readPolygonFile(path, what)
  try {
    return { set: readPolygonFeatures(raw, { idField, crs }), raw }
  } catch (error) {
    if (error instanceof AssignError) throw new CliFailure(`错误：${what}“${path}”：${error.message.replace('多边形文件', '文件')}${error.code === 'id_field_missing' ? `（用 ${what === '网格文件' ? '--id-field' : '--parent-id-field'} 指定）` : ''}`, EXIT.unusable)
    throw error
  }
}

/** Parent codes: the --parent-code-field, else the ids themselves when they are all digits (GB/T division codes). */
function parentCodes(set: PolygonFeatureSet, raw: unknown, codeField: string | undefined): (string | undefined)[] {
  if (codeField) {
    const features = (raw as { features?: { properties?: Record<string, unknown> | null }[] }).features ?? []
    if (!features.some((feature) => feature.properties && codeField in feature.properties)) throw new CliFailure(`错误：上级区域文件中没有字段“${codeField}”（--parent-code-field）`, EXIT.unusable)
    return set.featureNumbers.map((number) => {
      const value = features[number - 1]?.properties?.[codeField]
      return value === undefined || value === null || value === '' ? undefined : String(value)
    })
  }
  return set.polygons.every((polygon) => /^\d+$/.test(polygon.id)) ? set.polygons.map((polygon) => polygon.id) : set.polygons.map(() => undefined)
}

function textReport(options: Options, gridSet: PolygonFeatureSet, parentCount: number, issues: GridIssue[], milliseconds: number): string {
  const lines: string[] = []
  lines.push(`网格校验：${options.grids}`)
  lines.push(`网格：${gridSet.polygons.length} 个（编号取自：${gridSet.idSource}，坐标系 ${COORDINATE_SYSTEM_SHORT_NAMES[options.crs]}${options.crs === 'wgs84' ? '' : '，已转换为 WGS84'}）${parentCount > 0 ? `；上级区域：${parentCount} 个` : ''}`)
  if (gridSet.skipped.length > 0) {
    lines.push(`跳过的要素 ${gridSet.skipped.length} 个（不是面，或没有编号）：`)
    for (const skipped of gridSet.skipped.slice(0, LISTED_ISSUES)) lines.push(`  第 ${skipped.featureNumber} 个：${skipped.reason}`)
  }
  const errors = issues.filter((issue) => issue.severity === 'error').length
  lines.push(issues.length === 0 ? '未发现问题。' : `发现问题 ${issues.length} 个：错误 ${errors} 个，警告 ${issues.length - errors} 个。`)
  for (const type of ISSUE_TYPES) {
    const ofType = issues.filter((issue) => issue.type === type)
    if (ofType.length === 0) continue
    const area = ofType.reduce((total, issue) => total + (issue.area_m2 ?? 0), 0)
    lines.push('', `【${TYPE_LABELS[type]}】${type}：${ofType.length} 个${area > 0 && (type === 'gap' || type === 'overlap') ? `，合计 ${formatArea(area)}` : ''}`)
    let lastFixes = ''
    for (const issue of ofType.slice(0, LISTED_ISSUES)) {
      lines.push(`  ${issue.severity === 'error' ? '错误' : '警告'}：${issue.message}`)
      // Said once per run of issues with the same advice, not after every line.
      const fixes = issue.fixes?.join('；') ?? ''
      if (fixes && fixes !== lastFixes) lines.push(`    建议：${fixes}`)
      lastFixes = fixes
    }
    if (ofType.length > LISTED_ISSUES) lines.push(`  ……另有 ${ofType.length - LISTED_ISSUES} 个（--format json 列出全部）`)
  }
  lines.push('', `用时 ${Math.round(milliseconds)} 毫秒`)
  return lines.join('\n')
}

async function run(options: Options): Promise<ExitCode> {
  const started = performance.now()
  const grids = await readLayer(options.grids, '网格文件', options.idField, options.crs)
  let parents: ParentFeature[] | undefined
  if (options.parents) {
    const layer = await readLayer(options.parents, '上级区域文件', options.parentIdField, options.crs)
    const codes = parentCodes(layer.set, layer.raw, options.parentCodeField)
    parents = layer.set.polygons.map((polygon, index) => ({ id: polygon.id, code: codes[index], geometry: polygon.geometry }))
  }
  const result = validateGrids(
    grids.set.polygons.map((polygon, index) => ({ ...polygon, featureNumber: grids.set.featureNumbers[index] })),
    { parents, minArea: options.minArea, targetArea: options.targetArea, codes: options.codes },
  )
  const milliseconds = performance.now() - started
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ grids: result.grids, issues: result.issues, skipped: grids.set.skipped })}\n`)
    process.stderr.write(`网格 ${result.grids} 个，问题 ${result.issues.length} 个，用时 ${Math.round(milliseconds)} 毫秒\n`)
  } else {
    process.stdout.write(`${textReport(options, grids.set, parents?.length ?? 0, result.issues, milliseconds)}\n`)
  }
  return EXIT.ok
}

await runCli(USAGE, readOptions, run, EXIT.unusable)
