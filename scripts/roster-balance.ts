/**
 * `npm run roster:balance -- --segments <lines.geojson> --beats K [--id-field NAME]
 *                            [--weight-field NAME] [--gap-m 30] [--seed N] [--crs wgs84|gcj02|bd09]
 *                            [--out result.geojson|result.csv]`
 *
 * Splits the lines into K contiguous beats of even workload (src/domain/roster/balance, the
 * balancer the 保洁排班 workspace runs). Writes one feature/row per piece — segment (the input
 * feature's 0-based index, or its --id-field value), from_m, to_m, beat (1…K), weight; GeoJSON
 * with the piece's own line — to --out; prints the summary (beats, min/mean/max workload,
 * spread, lower bound, components, time). Without --out only the summary. Method: docs/roster-balance.md.
 *
 * Exit codes (scripts/cli/exit-codes.ts): 0 done; 1 wrong usage (options, an output path that
 * cannot be written — checked before anything is read); 2 an input that cannot be used (not
 * lines, zero-length lines, GCJ-02 declared, duplicate ids, bad weights, K too large), nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { decodeText } from '../src/domain/tabular/index.ts'
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../src/domain/import/coordinate-system.ts'
import { balance, BalanceError, readBalanceLines, type BalanceResult } from '../src/domain/roster/balance/index.ts'
import { CliFailure, EXIT, type ExitCode } from './cli/exit-codes.ts'
import { checkInputFile, isSpecialFile } from './cli/input-file.ts'
import { outputPathProblem, writeErrorText } from './cli/output-path.ts'
import { runCli } from './cli/run-cli.ts'

const USAGE = `用法：npm run roster:balance -- --segments <线段.geojson> --beats 片区数
  [--id-field 编号字段] [--weight-field 工作量字段] [--gap-m 30] [--seed 1] [--crs wgs84|gcj02|bd09]
  [--out 结果.geojson|结果.csv]`
const LISTED = 20

interface Options {
  segments: string
  beats: number
  idField?: string
  weightField?: string
  gapM: number
  seed: number
  crs: CoordinateSystem
  out?: string
}

function usage(message: string): CliFailure {
  return new CliFailure(`错误：${message}\n${USAGE}`, EXIT.usage)
}

function readOptions(argv: string[]): Options | null {
  if (argv.length === 0) return null
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        segments: { type: 'string' },
        beats: { type: 'string' },
        'id-field': { type: 'string' },
        'weight-field': { type: 'string' },
        'gap-m': { type: 'string' },
        seed: { type: 'string' },
        crs: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (error) {
    throw usage(`选项有误：${(error as Error).message}`)
  }
  if (values.help) return null
  if (typeof values.segments !== 'string') throw usage('请用 --segments 给出线段文件（GeoJSON）')
  if (typeof values.beats !== 'string') throw usage('请用 --beats 给出片区数（保洁员人数）')
  const beats = /^\d+$/.test(values.beats.trim()) ? Number(values.beats) : NaN
  if (!(beats >= 1)) throw usage(`--beats 必须是不小于 1 的整数，收到“${values.beats}”`)
  const gapText = (values['gap-m'] as string | undefined) ?? '30'
  const gapM = /^\d+(\.\d+)?$/.test(gapText.trim()) ? Number(gapText) : NaN
  if (!(gapM >= 0)) throw usage(`--gap-m 必须是不小于 0 的米数，收到“${gapText}”`)
  const seedText = (values.seed as string | undefined) ?? '1'
  const seed = /^-?\d+$/.test(seedText.trim()) ? Number(seedText) : NaN
  if (!Number.isSafeInteger(seed)) throw usage(`--seed 必须是整数，收到“${seedText}”`)
  const crs = ((values.crs as string | undefined) ?? 'wgs84').toLowerCase()
  if (!(COORDINATE_SYSTEMS as readonly string[]).includes(crs)) throw usage(`--crs 只能是 ${COORDINATE_SYSTEMS.join('、')}，收到“${values.crs}”`)
  const out = values.out as string | undefined
  if (out !== undefined) {
    const problem = outputPathProblem(out, '--out')
    if (problem) throw new CliFailure(`错误：${problem}`, EXIT.usage)
    if (!/\.(csv|geojson|json)$/i.test(out) && !isSpecialFile(out)) throw usage(`--out 只支持 .csv 或 .geojson，收到“${out}”`)
  }
  return {
    segments: values.segments,
    beats,
    idField: values['id-field'] as string | undefined,
    weightField: values['weight-field'] as string | undefined,
    gapM,
    seed,
    crs: crs as CoordinateSystem,
    out,
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function outputText(result: BalanceResult, segmentOf: Map<string, string | number>, path: string): string {
  const rows = result.pieces.map((piece) => ({
    segment: segmentOf.get(piece.lineId)!,
    from_m: round(piece.fromM, 3),
    to_m: round(piece.toM, 3),
    beat: piece.beat,
    weight: round(piece.weight, 3),
    coordinates: piece.coordinates.map((p) => [round(p[0], 7), round(p[1], 7)]),
  }))
  if (/\.csv$/i.test(path)) {
    return `\ufeffsegment,from_m,to_m,beat,weight\n${rows.map((row) => [row.segment, row.from_m, row.to_m, row.beat, row.weight].map(csvCell).join(',')).join('\n')}\n`
  }
  return `${JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map(({ coordinates, ...properties }) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } })),
  })}\n`
}

function summary(result: BalanceResult, options: Options, lineCount: number): string[] {
  const { stats } = result
  const disconnected = result.beats.filter((beat) => !beat.connected).length
  const f = (value: number) => value.toLocaleString('zh-CN', { maximumFractionDigits: 1 })
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`
  const lines = [
    `输入：${lineCount} 条线（${options.segments}），工作量${options.weightField ? `取字段“${options.weightField}”` : '按长度（米）'}，步行间隙 ${options.gapM} 米，种子 ${options.seed}`,
    `片区：${stats.beats} 个，${result.pieces.length} 段`,
    `工作量：最小 ${f(stats.min)}，平均 ${f(stats.mean)}，最大 ${f(stats.max)}`,
    `离散度 (最大−最小)/平均：${percent(stats.spread)}；下界：${percent(stats.lowerBound)}${stats.connectedLowerBound !== null && stats.connectedLowerBound > stats.lowerBound ? `（各片区都不跨连通块时的下界 ${percent(stats.connectedLowerBound)}）` : ''}`,
    `连通块：${stats.components} 个${stats.joinedComponents > 0 ? `，其中 ${stats.joinedComponents} 个太小、并入最近的片区` : ''}；不连通的片区：${disconnected} 个${disconnected > 0 ? '（片区跨越了不相连的线段，需要步行经过其他道路）' : ''}`,
    `用时：${stats.ms.toFixed(0)} 毫秒`,
  ]
  const worst = Math.max(...result.beats.map((beat) => Math.abs(beat.weight / stats.mean - 1)))
  lines.push(worst <= 0.1 ? '每个片区的工作量都在平均值 ±10% 以内' : `有片区超出平均值 ±10%（最大偏离 ${percent(worst)}）`)
  return lines
}

async function run(options: Options): Promise<ExitCode> {
  checkInputFile(options.segments, '线段文件')
  let json: unknown
  try {
    json = JSON.parse(decodeText(readFileSync(options.segments)).text)
  } catch (error) {
    throw new CliFailure(`错误：线段文件“${options.segments}”不是有效的 JSON：${(error as Error).message}`, EXIT.unusable)
  }
  const read = readBalanceLines(json, { idField: options.idField, weightField: options.weightField, crs: options.crs })
  if (read.problems.length > 0) {
    const listed = read.problems.slice(0, LISTED).map((problem) => `  ${problem.message}（字段 ${problem.field}）`)
    const more = read.problems.length > LISTED ? [`  ……另有 ${read.problems.length - LISTED} 个问题`] : []
    throw new CliFailure([`错误：线段文件“${options.segments}”有 ${read.problems.length} 个问题，未分配、未写出任何结果：`, ...listed, ...more].join('\n'), EXIT.unusable)
  }
  let result: BalanceResult
  try {
    result = balance({ lines: read.lines, beats: options.beats, gapM: options.gapM, seed: options.seed })
  } catch (error) {
    if (error instanceof BalanceError) {
      const segment = error.lineIndex !== null ? `（segment ${String(read.segments[error.lineIndex])}）` : ''
      throw new CliFailure(`错误：${error.messageZh}${segment}`, EXIT.unusable)
    }
    throw error
  }
  const segmentOf = new Map(read.lines.map((line, k) => [line.id, read.segments[k]]))
  for (const line of summary(result, options, read.lines.length)) process.stdout.write(`${line}\n`)
  if (options.out === undefined) {
    process.stdout.write('未给出 --out：只显示摘要。加 --out 结果.geojson（每段一条线要素）或 --out 结果.csv（每段一行）写出分段结果。\n')
    return EXIT.ok
  }
  try {
    writeFileSync(options.out, outputText(result, segmentOf, options.out))
  } catch (error) {
    throw new CliFailure(`错误：无法写入“${options.out}”：${writeErrorText(error)}`, EXIT.unusable)
  }
  process.stdout.write(`已写出 ${result.pieces.length} 段到 ${options.out}\n`)
  return EXIT.ok
}

await runCli(USAGE, readOptions, run, EXIT.unusable)
