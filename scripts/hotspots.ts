/**
 * `npm run hotspots -- (--polygons <file> --value-field NAME [--id-field NAME]
 *                      | --points <file> --cell METRES [--bounds <file>])
 *                     [--weights queen|rook|knn:K|distance:METRES] [--no-fdr] [--out result.csv|result.geojson]`
 *
 * Getis–Ord Gi* hotspots (src/domain/hotspots, the implementation the 热点分析 workspace
 * uses): on polygons with a value each, or on points counted onto square cells of N metres.
 * Writes id, value, gi_star, z, p, p_fdr, bin, neighbours per unit (CSV, or GeoJSON with the
 * units' geometry) to --out or standard output; the summary, with every choice made, goes to
 * stderr. Method and examples: docs/hotspots.md.
 *
 * Exit codes (scripts/cli/exit-codes.ts): 0 done; 1 wrong usage (options, weights spec, an
 * output path that cannot be written — checked before anything is read); 2 an input that
 * cannot be used or an analysis the statistics do not support (fewer than 30 units, no
 * variation, bad values), nothing written.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { decodeText, TableError } from '../src/domain/tabular/index.ts'
import { AssignError } from '../src/domain/assign/assign-error.ts'
import { readPolygonFeatures, type PolygonFeatureSet } from '../src/domain/assign/polygon-features.ts'
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../src/domain/import/coordinate-system.ts'
import {
  analyseHotspots,
  binPoints,
  boundsCells,
  cellId,
  cellPolygon,
  describeWeights,
  gridNeighbours,
  gridParametersFor,
  HotspotError,
  localPlaneFor,
  looksLikeLonLat,
  makeGrid,
  parseWeightsSpec,
  polygonNeighbours,
  readUnitValues,
  type Extent,
  type HotspotResult,
  type PolygonGeometry,
  type WeightsSpec,
} from '../src/domain/hotspots/index.ts'
import { CliFailure, EXIT, type ExitCode } from './cli/exit-codes.ts'
import { checkInputFile, isSpecialFile } from './cli/input-file.ts'
import { runCli } from './cli/run-cli.ts'
import { outputPathProblem, writeErrorText } from './cli/output-path.ts'
import { fileSink, stdoutSink } from './cli/output-sink.ts'
import { InputFileError } from './cli/read-input.ts'
import { readPoints } from './cli/read-points.ts'
import { isolatedLines, neighbourCountLine, resultCsv, resultGeoJson, resultLines } from './cli/hotspot-report.ts'

const USAGE = `用法：npm run hotspots -- (--polygons <面.geojson> --value-field 字段名 [--id-field 字段名]
                          | --points <点.csv|xlsx|geojson> --cell 米数 [--bounds <范围.geojson>])
  [--weights queen|rook|knn:K|distance:米数] [--no-fdr] [--out 结果.csv|结果.geojson]
  点文件另可用：[--lon-field 列名 --lat-field 列名] [--crs wgs84|gcj02|bd09]`
/** Names listed in the summary and in errors before "…另有 N 个". */
const LISTED = 50

const log = (line: string) => process.stderr.write(`${line}\n`)

interface Options {
  polygons?: string
  points?: string
  valueField?: string
  idField?: string
  cell?: number
  bounds?: string
  weights: WeightsSpec
  weightsGiven: boolean
  fdr: boolean
  out?: string
  lonField?: string
  latField?: string
  crs: CoordinateSystem
}

function usage(message: string): CliFailure {
  return new CliFailure(`错误：${message}\n${USAGE}`, EXIT.usage)
}

function readOptions(argv: string[]): Options | null {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        polygons: { type: 'string' },
        points: { type: 'string' },
        'value-field': { type: 'string' },
        'id-field': { type: 'string' },
        cell: { type: 'string' },
        bounds: { type: 'string' },
        weights: { type: 'string' },
        'no-fdr': { type: 'boolean' },
        out: { type: 'string' },
        'lon-field': { type: 'string' },
        'lat-field': { type: 'string' },
        crs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (error) {
    throw usage(parseArgsProblem(error as NodeJS.ErrnoException))
  }
  if (values.help) return null
  const polygons = values.polygons as string | undefined
  const points = values.points as string | undefined
  if (polygons === undefined && points === undefined) throw usage('请给出 --polygons（面数据）或 --points（点数据）之一')
  if (polygons !== undefined && points !== undefined) throw usage('--polygons 和 --points 只能给一个')
  if (polygons !== undefined) {
    if (typeof values['value-field'] !== 'string') throw usage('--polygons 需要 --value-field（要分析的数值字段，例如案件数）')
    for (const option of ['cell', 'bounds', 'lon-field', 'lat-field']) if (values[option] !== undefined) throw usage(`--${option} 只用于 --points`)
  }
  let cell: number | undefined
  if (points !== undefined) {
    if (values['value-field'] !== undefined || values['id-field'] !== undefined) throw usage('--value-field 和 --id-field 只用于 --polygons；点数据的值是每个格子里的点数')
    if (typeof values.cell !== 'string') throw usage('--points 需要 --cell（正方形格子的边长，单位米，例如 --cell 250）')
    cell = /^\d+(\.\d+)?$/.test(values.cell.trim()) ? Number(values.cell) : NaN
    if (!(cell > 0)) throw usage(`--cell 必须是大于 0 的米数，收到“${values.cell}”`)
  }
  let weights: WeightsSpec = { kind: 'queen' }
  if (values.weights !== undefined) {
    try {
      weights = parseWeightsSpec(values.weights as string)
    } catch (error) {
      if (error instanceof HotspotError) throw usage(error.message)
      throw error
    }
  }
  const crs = ((values.crs as string | undefined) ?? 'wgs84').toLowerCase()
  if (!(COORDINATE_SYSTEMS as readonly string[]).includes(crs)) throw usage(`--crs 只能是 ${COORDINATE_SYSTEMS.join('、')}，收到“${values.crs}”`)
  const out = values.out as string | undefined
  if (out !== undefined) {
    const problem = outputPathProblem(out, '--out')
    if (problem) throw new CliFailure(`错误：${problem}`, EXIT.usage)
    if (!/\.(csv|geojson|json)$/i.test(out) && !isSpecialFile(out)) throw usage(`--out 只支持 .csv 或 .geojson，收到“${out}”`)
  }
  return {
    polygons,
    points,
    valueField: values['value-field'] as string | undefined,
    idField: values['id-field'] as string | undefined,
    cell,
    bounds: values.bounds as string | undefined,
    weights,
    weightsGiven: values.weights !== undefined,
    fdr: !values['no-fdr'],
    out,
    lonField: values['lon-field'] as string | undefined,
    latField: values['lat-field'] as string | undefined,
    crs: crs as CoordinateSystem,
  }
}

/** Node's own option errors, said in Chinese (its English message kept for the details). */
function parseArgsProblem(error: NodeJS.ErrnoException): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1] ?? ''
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项 ${option}`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `选项 ${option} 的值缺失或无效（以 - 开头的值请写成 ${option}=值）`
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `多余的参数（每个值前都要有选项名）：${error.message}`
  return error.message
}


interface PolygonFile {
  json: unknown
  set: PolygonFeatureSet
}

function readPolygonFile(path: string, what: string, idField?: string): PolygonFile {
  checkInputFile(path, what)
  let json: unknown
  try {
    json = JSON.parse(decodeText(readFileSync(path)).text)
  } catch (error) {
    throw new CliFailure(`错误：${what}“${path}”不是有效的 JSON：${(error as Error).message}`, EXIT.unusable)
  }
  try {
    return { json, set: readPolygonFeatures(json, { idField }) }
  } catch (error) {
    if (error instanceof AssignError) throw new CliFailure(`错误：${what}“${path}”：${error.message}`, EXIT.unusable)
    throw error
  }
}

/** The file's features' properties by 1-based feature number (the same reading readPolygonFeatures does). */
function propertiesOf(json: unknown): (Record<string, unknown> | null)[] {
  const record = json as { type?: string; features?: unknown[]; properties?: Record<string, unknown> }
  if (record.type === 'FeatureCollection' && Array.isArray(record.features)) {
    return record.features.map((feature) => ((feature as { properties?: Record<string, unknown> } | null)?.properties ?? null))
  }
  return [record.type === 'Feature' ? (record.properties ?? null) : null]
}

function listed(items: string[]): string {
  return `${items.slice(0, LISTED).join('、')}${items.length > LISTED ? `……另有 ${items.length - LISTED} 个` : ''}`
}

function weightsLines(options: Options, coordinates: string): string[] {
  return [
    `空间权重：${describeWeights(options.weights)}，二元权重，Gi* 含自身（自身权重 1）${options.weightsGiven ? '' : '——默认选择（未指定 --weights）'}`,
    `  ${coordinates}`,
    `FDR 校正：${options.fdr ? 'Benjamini–Hochberg，已开启（默认）' : '已关闭（--no-fdr），按未校正的 p 分级'}`,
  ]
}

interface Analysis {
  result: HotspotResult
  ids: string[]
  geometryOf: (unit: number) => GeoJSON.Geometry | null
  lines: string[]
}

function analysePolygons(options: Options): Analysis {
  const { json, set } = readPolygonFile(options.polygons!, '面数据文件', options.idField)
  const field = options.valueField!
  const properties = propertiesOf(json)
  const lines = [`分析单元：${set.polygons.length} 个面（文件 ${options.polygons}，编号取自 ${set.idSource}，数值字段“${field}”）`]
  if (set.skipped.length > 0) {
    lines.push(`  跳过的要素 ${set.skipped.length} 个（不参与分析）：${listed(set.skipped.map((entry) => `第 ${entry.featureNumber} 个（${entry.reason}）`))}`)
  }
  if (set.duplicateIds.length > 0) {
    throw new CliFailure(
      `错误：编号重复 ${set.duplicateIds.length} 个，结果中无法区分这些单元：${listed(set.duplicateIds.map((entry) => `${entry.id}（第 ${entry.featureNumbers.join('、')} 个要素）`))}\n请用 --id-field 指定唯一的编号字段，或先把同一编号的多个要素合并为一个 MultiPolygon`,
      EXIT.unusable,
    )
  }
  const withField = set.featureNumbers.filter((featureNumber) => properties[featureNumber - 1] && field in properties[featureNumber - 1]!)
  if (withField.length === 0) {
    const available = Object.keys(properties[set.featureNumbers[0] - 1] ?? {})
    throw new CliFailure(`错误：面数据中没有数值字段“${field}”（现有字段：${available.join('、') || '（无）'}），请用 --value-field 指定`, EXIT.unusable)
  }
  const values = readUnitValues(
    set.polygons.map((polygon, index) => ({ id: polygon.id, where: `第 ${set.featureNumbers[index]} 个要素`, raw: properties[set.featureNumbers[index] - 1]?.[field] })),
    field,
    LISTED,
  )
  const geometries = set.polygons.map((polygon) => polygon.geometry as PolygonGeometry)
  const xs: number[] = []
  const ys: number[] = []
  for (const geometry of geometries) {
    for (const ring of geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()) {
      for (const position of ring) {
        xs.push(position[0])
        ys.push(position[1])
      }
    }
  }
  const lonLat = looksLikeLonLat(xs, ys)
  const metric = options.weights.kind === 'knn' || options.weights.kind === 'distance'
  const plane = localPlaneFor(xs, ys)
  const coordinates = !lonLat
    ? '坐标：不是经纬度（超出 ±180/±90），按平面坐标处理；距离按坐标单位量算'
    : metric
      ? `坐标：经纬度（WGS84）；距离在以北纬 ${plane.latitude.toFixed(4)}° 为基准的局部平面中按米量算（面的面积重心之间）`
      : `坐标：按经纬度（WGS84，GeoJSON 的约定）读取；邻接容差 1e-7°（同一单位）`
  lines.push(...weightsLines(options, coordinates))
  const neighbours = polygonNeighbours(geometries, options.weights, lonLat ? 'lonlat' : 'planar')
  const result = analyseHotspots(values, neighbours, { fdr: options.fdr })
  return { result, ids: set.polygons.map((polygon) => polygon.id), geometryOf: (unit) => geometries[unit], lines }
}

async function analysePoints(options: Options): Promise<Analysis> {
  checkInputFile(options.points!, '点文件')
  const bounds = options.bounds ? readPolygonFile(options.bounds, '范围文件').set.polygons.map((polygon) => polygon.geometry as PolygonGeometry) : null
  const read = await readPoints(options.points!, { lonField: options.lonField, latField: options.latField, crs: options.crs, listLimit: LISTED, log })
  const lines = [`点：${read.rows} 行（文件 ${options.points}，坐标取自 ${read.source}，坐标系 ${options.crs.toUpperCase()}${options.crs === 'wgs84' ? '' : '，已转换为 WGS84'}）`]
  if (read.invalidCount > 0) {
    lines.push(`  无效行 ${read.invalidCount} 行（未计入）：`)
    for (const invalid of read.invalid) lines.push(`    第 ${invalid.row} 行（${invalid.field}）：${invalid.reason}`)
    if (read.invalidCount > read.invalid.length) lines.push(`    ……另有 ${read.invalidCount - read.invalid.length} 行`)
  }
  const count = read.points.length / 2
  if (count === 0) {
    log(lines.join('\n'))
    throw new HotspotError('no_points', `点文件“${options.points}”中没有坐标可用的点（例如所选时段没有案件），无法做热点分析`)
  }
  const extent = bounds ? extentOfPolygons(bounds) : extentOfPoints(read.points)
  const parameters = gridParametersFor(extent, options.cell!)
  const cells = bounds ? boundsCells(parameters, bounds) : null
  const grid = makeGrid(parameters, cells?.active)
  const binned = binPoints(grid, read.points, cells?.partial, cells?.covers)
  lines.push(
    `分析单元：${grid.cellOfUnit.length} 个 ${options.cell} 米正方形格子（${grid.columns} 列 × ${grid.rows} 行${bounds ? `，保留与范围“${options.bounds}”相交的格子` : '，范围为点的外包矩形（未给 --bounds）'}；空格子计为 0）`,
    `  格子在以北纬 ${((extent.south + extent.north) / 2).toFixed(4)}° 为基准的局部平面中划分，编号 r行c列（行自南向北、列自西向东，从 0 起）`,
    `  计入格子的点：${count - binned.outside} 个${binned.outside > 0 ? `；范围外未计入：${binned.outside} 个` : ''}`,
  )
  lines.push(...weightsLines(options, '距离按格子中心之间的米数量算（局部平面）'))
  const neighbours = gridNeighbours(grid, options.weights)
  const result = analyseHotspots(binned.counts, neighbours, { fdr: options.fdr })
  const ids = Array.from(grid.cellOfUnit, (_cell, unit) => cellId(grid, unit))
  return { result, ids, geometryOf: (unit) => cellPolygon(grid, unit), lines }
}

function extentOfPoints(points: Float64Array): Extent {
  const extent = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity }
  for (let k = 0; k < points.length; k += 2) {
    extent.west = Math.min(extent.west, points[k])
    extent.east = Math.max(extent.east, points[k])
    extent.south = Math.min(extent.south, points[k + 1])
    extent.north = Math.max(extent.north, points[k + 1])
  }
  return extent
}

function extentOfPolygons(geometries: readonly PolygonGeometry[]): Extent {
  const coordinates: number[] = []
  for (const geometry of geometries) for (const ring of geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()) for (const position of ring) coordinates.push(position[0], position[1])
  return extentOfPoints(Float64Array.from(coordinates))
}

async function run(options: Options): Promise<ExitCode> {
  const started = performance.now()
  let analysis: Analysis
  try {
    analysis = options.polygons ? analysePolygons(options) : await analysePoints(options)
  } catch (error) {
    if (error instanceof HotspotError || error instanceof TableError || error instanceof InputFileError) throw new CliFailure(`错误：${error.message}${options.out ? `\n未写出任何结果（${options.out} 没有生成）` : ''}`, EXIT.unusable)
    throw error
  }
  const { result, ids, geometryOf, lines } = analysis
  const geojson = options.out !== undefined && /\.(geo)?json$/i.test(options.out)
  const text = geojson ? resultGeoJson(result, ids, geometryOf) : resultCsv(result, ids, options.out !== undefined)
  const sink = options.out ? await fileSink(options.out) : stdoutSink()
  try {
    await sink.write(text)
    await sink.finish()
  } catch (error) {
    await sink.abandon(false)
    throw new CliFailure(`错误：写入失败：${writeErrorText(error)}${options.out ? `（${options.out} 没有生成）` : ''}`, EXIT.unusable)
  }
  log(
    [
      'Getis-Ord Gi* 热点分析',
      ...lines,
      neighbourCountLine(result),
      ...isolatedLines(result, ids, LISTED),
      ...resultLines(result, ids),
      `结果：${ids.length} 行，写到 ${options.out ?? '标准输出'}（${geojson ? 'GeoJSON' : 'CSV'}：id, value, gi_star, z, p, p_fdr, bin, neighbours）`,
      `用时 ${Math.round(performance.now() - started)} 毫秒`,
    ].join('\n'),
  )
  return EXIT.ok
}

await runCli(USAGE, readOptions, run, EXIT.unusable)
