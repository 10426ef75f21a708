/**
 * `npm run assign -- --polygons <polygons.geojson> --points <points.csv|xlsx|geojson> [options]`
 *
 * Assigns every point to the polygon that covers it (ST_Covers semantics, smallest id on shared
 * edges, invalid polygons read as after ST_MakeValid) and writes every input row back with
 * lon / lat in WGS84 and polygon_id. A summary goes to stderr. See docs/assign.md.
 *
 * Streams: CSV and XLSX points are read a slice at a time and each slice is written out before
 * the next is read, so memory does not grow with the file (GeoJSON points are read whole).
 *
 * Exit codes (scripts/cli/exit-codes.ts): 0 done (bad rows and bad polygons are reported, not
 * fatal); 1 wrong usage, or --out cannot be written (checked before anything is read);
 * 2 unusable input, nothing written; 3 stopped part-way, the partial output kept and named.
 */
import { parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import { decodeText, TableError } from '../src/domain/tabular/index.ts'
import { csvRecords, UTF8_BOM } from '../src/domain/tabular/write-csv.ts'
import { PointAssigner, type AssignedSlice, type AssignSummary } from '../src/domain/assign/point-assigner.ts'
import { AssignError } from '../src/domain/assign/assign-error.ts'
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../src/domain/import/coordinate-system.ts'
import { readPolygonFeatures, type PolygonFeatureSet } from '../src/domain/assign/polygon-features.ts'
import { findPolygonProblems } from '../src/domain/assign/polygon-validity.ts'
import { CliFailure, EXIT, unexpectedFailureText, type ExitCode } from './cli/exit-codes.ts'
import { checkInputFile, isSpecialFile } from './cli/input-file.ts'
import { runCli } from './cli/run-cli.ts'
import { outputPathProblem, writeErrorText } from './cli/output-path.ts'
import { fileSink, stdoutSink, type OutputSink } from './cli/output-sink.ts'
import { InputFileError, readInput } from './cli/read-input.ts'

const USAGE = `用法：npm run assign -- --polygons <多边形.geojson> --points <点.csv|xlsx|geojson>
  [--id-field 字段名] [--lon-field 列名 --lat-field 列名] [--crs wgs84|gcj02|bd09]
  [--polygons-crs wgs84|gcj02|bd09] [--out 结果.csv|结果.geojson]`
/** Listing every bad row of a million-row file helps nobody; the count is always given. */
const LISTED_ROWS = 100

const log = (line: string) => process.stderr.write(`${line}\n`)

interface Options {
  polygons: string
  points: string
  idField?: string
  lonField?: string
  latField?: string
  crs: CoordinateSystem
  polygonsCrs: CoordinateSystem
  out?: string
}

function usage(message: string): CliFailure {
  return new CliFailure(`错误：${message}\n${USAGE}`, EXIT.usage)
}

function crsOption(value: string | undefined, option: string): CoordinateSystem {
  const crs = (value ?? 'wgs84').toLowerCase()
  if (!(COORDINATE_SYSTEMS as readonly string[]).includes(crs)) throw usage(`--${option} 只能是 ${COORDINATE_SYSTEMS.join('、')}，收到“${value}”`)
  return crs as CoordinateSystem
}

function readOptions(argv: string[]): Options | null {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        polygons: { type: 'string' },
        points: { type: 'string' },
        'id-field': { type: 'string' },
        'lon-field': { type: 'string' },
        'lat-field': { type: 'string' },
        crs: { type: 'string' },
        'polygons-crs': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (error) {
    throw usage((error as Error).message)
  }
  if (values.help) return null
  if (typeof values.polygons !== 'string') throw usage('缺少 --polygons')
  if (typeof values.points !== 'string') throw usage('缺少 --points')
  const out = values.out as string | undefined
  if (out !== undefined) {
    // Checked now, before anything is read: a wrong directory costs a second, not the run.
    const problem = outputPathProblem(out, '--out')
    if (problem) throw new CliFailure(`错误：${problem}`, EXIT.usage)
    // A device or pipe (/dev/null, /dev/stdout) takes CSV whatever its name.
    if (!/\.(csv|geojson|json)$/i.test(out) && !isSpecialFile(out)) throw usage(`--out 只支持 .csv 或 .geojson，收到“${out}”`)
  }
  return {
    polygons: values.polygons,
    points: values.points,
    idField: values['id-field'] as string | undefined,
    lonField: values['lon-field'] as string | undefined,
    latField: values['lat-field'] as string | undefined,
    crs: crsOption(values.crs as string | undefined, 'crs'),
    polygonsCrs: crsOption(values['polygons-crs'] as string | undefined, 'polygons-crs'),
    out,
  }
}


function readPolygons(options: Options): PolygonFeatureSet {
  checkInputFile(options.polygons, '多边形文件')
  let polygonJson: unknown
  try {
    polygonJson = JSON.parse(decodeText(readFileSync(options.polygons)).text)
  } catch (error) {
    throw new CliFailure(`错误：多边形文件“${options.polygons}”不是有效的 JSON：${(error as Error).message}`, EXIT.unusable)
  }
  try {
    return readPolygonFeatures(polygonJson, { idField: options.idField, crs: options.polygonsCrs })
  } catch (error) {
    if (error instanceof AssignError) throw new CliFailure(`错误：${error.message}`, EXIT.unusable)
    throw error
  }
}

function polygonReport(polygonSet: PolygonFeatureSet): string[] {
  const lines: string[] = []
  lines.push(`多边形：${polygonSet.polygons.length} 个（编号取自：${polygonSet.idSource}）`)
  const problems = findPolygonProblems(polygonSet.polygons)
  if (problems.length > 0) {
    lines.push(`  无效多边形 ${problems.length} 个（按 ST_MakeValid 处理：奇偶规则，边界上的点算作覆盖）：`)
    for (const problem of problems) lines.push(`    ${problem.id}（第 ${polygonSet.featureNumbers[problem.index]} 个要素）：${problem.message}`)
  }
  if (polygonSet.duplicateIds.length > 0) {
    lines.push(`  编号重复 ${polygonSet.duplicateIds.length} 个（这些要素的 polygon_id 相同；多部件网格拆成多个要素时常见）：`)
    for (const duplicate of polygonSet.duplicateIds.slice(0, LISTED_ROWS)) lines.push(`    ${duplicate.id}：第 ${duplicate.featureNumbers.join('、')} 个要素`)
    if (polygonSet.duplicateIds.length > LISTED_ROWS) lines.push(`    ……另有 ${polygonSet.duplicateIds.length - LISTED_ROWS} 个`)
  }
  if (polygonSet.skipped.length > 0) {
    lines.push(`  跳过的要素 ${polygonSet.skipped.length} 个（其中的点不会分配给它们）：`)
    for (const skipped of polygonSet.skipped.slice(0, LISTED_ROWS)) lines.push(`    第 ${skipped.featureNumber} 个：${skipped.reason}`)
    if (polygonSet.skipped.length > LISTED_ROWS) lines.push(`    ……另有 ${polygonSet.skipped.length - LISTED_ROWS} 个`)
  }
  return lines
}

function pointReport(summary: AssignSummary, crs: CoordinateSystem): string[] {
  const lines: string[] = []
  lines.push(`点：${summary.points} 行（坐标取自：${summary.coordinateSource}，坐标系 ${crs.toUpperCase()}）`)
  lines.push(`  已分配：${summary.assigned}`)
  lines.push(`  不在任何多边形内：${summary.outside}`)
  lines.push(`  位于共享边界（按编号最小者分配）：${summary.onSharedBoundary}`)
  lines.push(`  无效行：${summary.invalidCount}`)
  for (const invalid of summary.invalidRows.slice(0, LISTED_ROWS)) lines.push(`    第 ${invalid.row} 行（${invalid.field}）：${invalid.reason}`)
  if (summary.invalidCount > LISTED_ROWS) lines.push(`    ……另有 ${summary.invalidCount - LISTED_ROWS} 行`)
  return lines
}

/** How the rows are written: CSV (BOM when a file, for Excel) or a GeoJSON FeatureCollection, feature by feature. */
interface RowWriter {
  head(columns: string[]): string
  rows(columns: string[], assigned: AssignedSlice): string
  tail(): string
}

function csvWriter(withBom: boolean): RowWriter {
  return {
    head: (columns) => `${withBom ? UTF8_BOM : ''}${csvRecords([columns])}`,
    rows: (columns, assigned) => csvRecords(assigned.rows.map((row) => columns.map((column) => row[column] ?? ''))),
    tail: () => '',
  }
}

function geojsonWriter(): RowWriter {
  let first = true
  return {
    head: () => '{"type":"FeatureCollection","features":[\n',
    rows: (_columns, assigned) => {
      const features = assigned.rows.map((row, k) => {
        const point = assigned.points[k]
        return JSON.stringify({ type: 'Feature', geometry: point ? { type: 'Point', coordinates: point } : null, properties: row })
      })
      if (features.length === 0) return ''
      const text = `${first ? '' : ',\n'}${features.join(',\n')}`
      first = false
      return text
    },
    tail: () => '\n]}\n',
  }
}

async function run(options: Options): Promise<ExitCode> {
  const started = performance.now()
  const polygonSet = readPolygons(options)
  checkInputFile(options.points, '点文件')
  // The polygons' problems are known before any point is read: say them first.
  log(polygonReport(polygonSet).join('\n'))

  const sink: OutputSink = options.out ? await fileSink(options.out) : stdoutSink()
  const writer = options.out && /\.(geo)?json$/i.test(options.out) ? geojsonWriter() : csvWriter(options.out !== undefined)
  let assigner: PointAssigner | null = null
  let rowsWritten = 0
  let lastRow = 0
  try {
    await readInput(
      options.points,
      async (slice, info) => {
        if (!assigner) {
          assigner = new PointAssigner(info, polygonSet.polygons, { lonField: options.lonField, latField: options.latField, crs: options.crs, listInvalidRows: LISTED_ROWS })
          await sink.write(writer.head(assigner.columns))
        }
        const assigned = assigner.assign(slice)
        await sink.write(writer.rows(assigner.columns, assigned))
        rowsWritten += slice.rows.length
        if (slice.rowNumbers.length > 0) lastRow = slice.rowNumbers[slice.rowNumbers.length - 1]
      },
      { log },
    )
    await sink.write(writer.tail())
    await sink.finish()
  } catch (error) {
    const kept = await sink.abandon(rowsWritten > 0)
    const reason =
      error instanceof TableError || error instanceof AssignError || error instanceof InputFileError ? error.message
      : (error as NodeJS.ErrnoException).syscall === 'write' ? `写入失败：${writeErrorText(error)}`
      : unexpectedFailureText(error)
    if (rowsWritten === 0) throw new CliFailure(`错误：${reason}${options.out ? `\n未写出任何结果（${options.out} 没有生成）` : ''}`, EXIT.unusable)
    if (assigner) log(pointReport((assigner as PointAssigner).summary(), options.crs).join('\n'))
    const where = options.out ? `不完整的结果保留在 ${kept}；${options.out} 没有生成，原有的同名文件未被改动` : '已写到标准输出的部分不完整'
    throw new CliFailure(`错误：处理到输入第 ${lastRow} 行后中止：${reason}\n已写出前 ${rowsWritten} 行（至输入第 ${lastRow} 行），之后的行未写出；${where}`, EXIT.partial)
  }
  if (!assigner) throw new CliFailure('错误：点文件中没有数据行', EXIT.unusable)
  log([...pointReport((assigner as PointAssigner).summary(), options.crs), `用时 ${Math.round(performance.now() - started)} 毫秒`].join('\n'))
  return EXIT.ok
}

await runCli(USAGE, readOptions, run, EXIT.partial)
