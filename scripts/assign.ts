/**
 * `npm run assign -- --polygons <polygons.geojson> --points <points.csv|xlsx|geojson> [options]`
 *
 * Assigns every point to the polygon that covers it (ST_Covers semantics, smallest id on shared
 * edges, invalid polygons read as after ST_MakeValid) and writes every input row back with
 * lon / lat in WGS84 and polygon_id. A summary goes to stderr. See docs/assign.md.
 *
 * Exit codes: 0 done (bad rows and bad polygons are reported, not fatal); 1 wrong usage;
 * 2 unusable input (missing file, unreadable polygons, no coordinate columns).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { readTable, decodeText, TableError } from '../src/domain/tabular/index.ts'
import { csvRecords, UTF8_BOM } from '../src/domain/tabular/write-csv.ts'
import { assignTable, type AssignedTable } from '../src/domain/assign/assign-table.ts'
import { AssignError } from '../src/domain/assign/assign-error.ts'
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../src/domain/import/coordinate-system.ts'
import { readPolygonFeatures, type PolygonFeatureSet } from '../src/domain/assign/polygon-features.ts'
import { findPolygonProblems } from '../src/domain/assign/polygon-validity.ts'

const USAGE = `用法：npm run assign -- --polygons <多边形.geojson> --points <点.csv|xlsx|geojson>
  [--id-field 字段名] [--lon-field 列名 --lat-field 列名] [--crs wgs84|gcj02|bd09]
  [--polygons-crs wgs84|gcj02|bd09] [--out 结果.csv|结果.geojson]`
/** Listing every bad row of a million-row file helps nobody; the count is always given. */
const LISTED_ROWS = 100

class UsageError extends Error {}
/** A file that cannot be used at all (exit code 2). */
function fail(message: string, code: number): never {
  process.stderr.write(`错误：${message}\n`)
  if (code === 1) process.stderr.write(`${USAGE}\n`)
  process.exit(code)
}

function readInput(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message
    throw new InputError(`无法读取${what}“${path}”：${reason}`)
  }
}

class InputError extends Error {}

function crsOption(value: string | undefined, option: string): CoordinateSystem {
  const crs = (value ?? 'wgs84').toLowerCase()
  if (!(COORDINATE_SYSTEMS as readonly string[]).includes(crs)) throw new UsageError(`--${option} 只能是 ${COORDINATE_SYSTEMS.join('、')}，收到“${value}”`)
  return crs as CoordinateSystem
}

function writeOutput(result: AssignedTable, out: string | undefined): void {
  if (out && /\.(geo)?json$/i.test(out)) {
    const collection = {
      type: 'FeatureCollection',
      features: result.rows.map((row, k) => {
        const point = result.points[k]
        return { type: 'Feature', geometry: point ? { type: 'Point', coordinates: point } : null, properties: row }
      }),
    }
    writeFileSync(out, `${JSON.stringify(collection)}\n`)
    return
  }
  // CRLF line ends, as Excel writes them; formula-looking cells written as text (CSV injection).
  const csv = csvRecords([result.columns, ...result.rows.map((row) => result.columns.map((column) => row[column] ?? ''))])
  // A file gets a UTF-8 byte-order mark so Excel shows Chinese text correctly; stdout does not.
  if (out) writeFileSync(out, `${UTF8_BOM}${csv}`)
  else process.stdout.write(csv)
}

function printSummary(polygonSet: PolygonFeatureSet, result: AssignedTable, crs: CoordinateSystem, milliseconds: number): void {
  const lines: string[] = []
  const { summary } = result
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
    lines.push(`  跳过的要素 ${polygonSet.skipped.length} 个：`)
    for (const skipped of polygonSet.skipped.slice(0, LISTED_ROWS)) lines.push(`    第 ${skipped.featureNumber} 个：${skipped.reason}`)
  }
  lines.push(`点：${summary.points} 行（坐标取自：${summary.coordinateSource}，坐标系 ${crs.toUpperCase()}）`)
  lines.push(`  已分配：${summary.assigned}`)
  lines.push(`  不在任何多边形内：${summary.outside}`)
  lines.push(`  位于共享边界（按编号最小者分配）：${summary.onSharedBoundary}`)
  lines.push(`  无效行：${summary.invalidRows.length}`)
  for (const invalid of summary.invalidRows.slice(0, LISTED_ROWS)) lines.push(`    第 ${invalid.row} 行（${invalid.field}）：${invalid.reason}`)
  if (summary.invalidRows.length > LISTED_ROWS) lines.push(`    ……另有 ${summary.invalidRows.length - LISTED_ROWS} 行`)
  lines.push(`用时 ${Math.round(milliseconds)} 毫秒`)
  process.stderr.write(`${lines.join('\n')}\n`)
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
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
    fail((error as Error).message, 1)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const started = performance.now()
  try {
    if (typeof values.polygons !== 'string') throw new UsageError('缺少 --polygons')
    if (typeof values.points !== 'string') throw new UsageError('缺少 --points')
    const crs = crsOption(values.crs as string | undefined, 'crs')
    const polygonsCrs = crsOption(values['polygons-crs'] as string | undefined, 'polygons-crs')
    const out = values.out as string | undefined
    if (out && !/\.(csv|geojson|json)$/i.test(out)) throw new UsageError(`--out 只支持 .csv 或 .geojson，收到“${out}”`)

    const polygonBytes = readInput(values.polygons, '多边形文件')
    let polygonJson: unknown
    try {
      polygonJson = JSON.parse(decodeText(polygonBytes).text)
    } catch (error) {
      throw new InputError(`多边形文件“${values.polygons}”不是有效的 JSON：${(error as Error).message}`)
    }
    const polygonSet = readPolygonFeatures(polygonJson, { idField: values['id-field'] as string | undefined, crs: polygonsCrs })

    const pointBytes = readInput(values.points, '点文件')
    const table = await readTable(pointBytes, basename(values.points))
    const result = assignTable(table, polygonSet.polygons, {
      lonField: values['lon-field'] as string | undefined,
      latField: values['lat-field'] as string | undefined,
      crs,
    })
    writeOutput(result, out)
    printSummary(polygonSet, result, crs, performance.now() - started)
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, 1)
    if (error instanceof InputError || error instanceof AssignError || error instanceof TableError) fail(error.message, 2)
    throw error
  }
}

// `npm run assign … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

await main()
