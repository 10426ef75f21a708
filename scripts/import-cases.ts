/**
 * Nightly case import from the command line: reads a CSV/XLSX/GeoJSON/Open311 export, checks
 * every row like the 案件 workspace does, and takes the good rows in through
 * public.intake_incidents in batches, as a dispatcher (row level security applies as in the app).
 *
 *   npm run import:cases -- --file export.csv [--preset "12319 热线导出" | --mapping '{"lon":"经度",…}']
 *       [--crs wgs84|gcj02|bd09] [--source hotline_12319] [--aliases aliases.json] [--keep-outside]
 *       [--database-url postgres://…] [--user-id <uuid>] [--batch-size 1000] [--dry-run] [--errors errors.csv]
 *
 * Without --database-url it runs against a throwaway copy of the embedded demo database, so it
 * can be tried with no setup; nothing is written back.
 *
 * CSV and XLSX are streamed and each batch is sent as soon as it is full; a batch the database
 * refuses whole is split until the bad row stands alone (commitBatch), so one bad row never
 * costs another. Every row read is accounted for in the summary.
 *
 * Exit codes (scripts/cli/exit-codes.ts, docs/import.md): 0 the run completed (row errors are
 * reported, not fatal); 1 wrong usage, or --errors cannot be written (checked before anything
 * is read); 2 nothing was written: the file, or the database, cannot be used; 3 stopped
 * part-way after some batches were committed — the summary and the error report say which rows
 * were written and which were not.
 */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  BUILT_IN_PRESETS,
  checkMapping,
  columnMappingSchema,
  commitBatch,
  completeMapping,
  COORDINATE_SYSTEMS,
  createCategoryResolver,
  DEFAULT_CATEGORY_ALIASES,
  errorReportCsv,
  findPreset,
  INCIDENT_SOURCES,
  isBatchWideError,
  mappingForPreset,
  mergeIntakeResults,
  RowValidator,
  suggestMapping,
  TARGET_LABELS,
  withIntakeCell,
  type ColumnMapping,
  type CoordinateSystem,
  type DirectoryEntry,
  type ImportPreset,
  type IncidentSource,
  type IntakeOutcome,
  type IntakeRow,
  type RowError,
  type RowWarning,
} from '../src/domain/import/index.ts'
import { TableError } from '../src/domain/tabular/index.ts'
import { APP_SETTING_DEFAULTS } from '../src/domain/settings/app-settings.ts'
import { DEMO_USERS } from './seed/reference-data.ts'
import { CliFailure, EXIT, unexpectedFailureText, type ExitCode } from './cli/exit-codes.ts'
import { pgliteCaller, postgresCaller, type Caller } from './cli/intake-caller.ts'
import { outputPathProblem, writeErrorText } from './cli/output-path.ts'
import { InputFileError, readInput } from './cli/read-input.ts'
import { buildAddressGazetteer, type AddressGazetteer, type GazetteerEntry } from '../src/domain/import/address-match.ts'

interface Options {
  file: string
  preset?: ImportPreset
  mappingOverride: Partial<ColumnMapping>
  crs?: CoordinateSystem
  source?: IncidentSource
  aliases: Record<string, string>
  keepOutside: boolean
  databaseUrl?: string
  userId: string
  batchSize: number
  dryRun: boolean
  errorsFile?: string
}

const USAGE = `用法：npm run import:cases -- --file <文件> [--preset <预设名称或 id>] [--mapping <JSON>] [--crs wgs84|gcj02|bd09]
  [--source <默认来源>] [--aliases <类别对照表 JSON 文件>] [--keep-outside] [--database-url postgres://…]
  [--user-id <用户 uuid>] [--batch-size 1000] [--dry-run] [--errors <错误报告.csv>]
内置预设：${BUILT_IN_PRESETS.map((preset) => `“${preset.name}”`).join('、')}`

const usage = (message: string) => new CliFailure(`${message}\n${USAGE}`, EXIT.usage)

function readOptions(argv: string[]): Options | null {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        preset: { type: 'string' },
        mapping: { type: 'string' },
        crs: { type: 'string' },
        source: { type: 'string' },
        aliases: { type: 'string' },
        'keep-outside': { type: 'boolean', default: false },
        'database-url': { type: 'string' },
        'user-id': { type: 'string' },
        'batch-size': { type: 'string', default: '1000' },
        'dry-run': { type: 'boolean', default: false },
        errors: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error))
  }
  if (values.help) return null
  if (!values.file) throw usage('缺少 --file')
  let preset: ImportPreset | undefined
  if (values.preset) {
    preset = findPreset(BUILT_IN_PRESETS, values.preset)
    if (!preset) throw usage(`未知的预设“${values.preset}”。`)
  }
  let mappingOverride: Partial<ColumnMapping> = {}
  if (values.mapping) {
    let parsed: unknown
    try {
      parsed = JSON.parse(values.mapping)
    } catch {
      throw usage('--mapping 不是有效的 JSON，例如 {"lon":"经度","lat":"纬度","category":"问题类别"}')
    }
    const checked = columnMappingSchema.partial().safeParse(parsed)
    if (!checked.success) throw usage(`--mapping 无效：${checked.error.issues[0].path.join('.')} ${checked.error.issues[0].message}`)
    mappingOverride = checked.data
  }
  if (values.crs && !(COORDINATE_SYSTEMS as readonly string[]).includes(values.crs)) {
    throw usage(`--crs 应为 ${COORDINATE_SYSTEMS.join('、')} 之一，收到 ${values.crs}`)
  }
  if (values.source && !(INCIDENT_SOURCES as readonly string[]).includes(values.source)) {
    throw usage(`--source 应为 ${INCIDENT_SOURCES.join('、')} 之一，收到 ${values.source}`)
  }
  const batchSize = Number(values['batch-size'])
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw usage('--batch-size 应为 1 至 10000 的整数')
  // Checked before anything is read or written: the report must not be lost after the rows were committed.
  if (values.errors !== undefined) {
    const problem = outputPathProblem(values.errors, '--errors')
    if (problem) throw new CliFailure(problem, EXIT.usage)
  }
  let aliases: Record<string, string> = {}
  if (values.aliases) {
    try {
      aliases = JSON.parse(readFileSync(values.aliases, 'utf8')) as Record<string, string>
    } catch (error) {
      throw new CliFailure(`无法读取类别对照表 ${values.aliases}：${error instanceof Error ? error.message : error}`, EXIT.unusable)
    }
  }
  const dispatcher = DEMO_USERS.find((user) => user.role === 'dispatcher')!
  return {
    file: resolve(values.file),
    preset,
    mappingOverride,
    crs: values.crs as CoordinateSystem | undefined,
    source: values.source as IncidentSource | undefined,
    aliases,
    keepOutside: values['keep-outside'],
    databaseUrl: values['database-url'],
    userId: values['user-id'] ?? dispatcher.id,
    batchSize,
    dryRun: values['dry-run'],
    errorsFile: values.errors,
  }
}

function checkFile(file: string): void {
  let stats
  try {
    stats = statSync(file)
    accessSync(file, constants.R_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CliFailure(`文件不存在：${file}`, EXIT.unusable)
    throw new CliFailure(`无法读取文件 ${file}：${code === 'EACCES' ? '没有读取权限' : writeErrorText(error)}`, EXIT.unusable)
  }
  if (stats.isDirectory()) throw new CliFailure(`“${file}”是一个目录，不是文件`, EXIT.unusable)
}

function chooseMapping(options: Options, columns: string[], hasGeometries: boolean): { mapping: ColumnMapping; preset: ImportPreset | null } {
  const suggestion = suggestMapping(columns, { hasGeometries })
  const preset = options.preset ?? suggestion.preset
  const base = preset ? mappingForPreset(preset, columns, hasGeometries) : suggestion.mapping
  const mapping = completeMapping({ ...base, ...options.mappingOverride })
  if (!mapping) {
    const missing = (['lon', 'lat', 'category'] as const).filter((field) => !({ ...base, ...options.mappingOverride })[field])
    throw new CliFailure(
      `无法确定${missing.map((field) => ({ lon: '经度', lat: '纬度', category: '问题类别' })[field]).join('、')}列。文件的列：${columns.join('、')}。` +
        '请用 --preset 或 --mapping 指定，例如 --mapping \'{"lon":"经度","lat":"纬度","category":"问题类别"}\'',
      EXIT.unusable,
    )
  }
  const problems = checkMapping(mapping, columns, hasGeometries)
  const required = problems.filter((problem) => problem.field === 'lon' || problem.field === 'lat' || problem.field === 'category')
  if (required.length > 0) throw new CliFailure(`列映射与文件不符：${required.map((problem) => problem.reason).join('；')}`, EXIT.unusable)
  // Optional columns the file lacks are dropped rather than failing every row.
  for (const problem of problems) delete mapping[problem.field]
  return { mapping, preset }
}

/** Stops reading: the database can no longer take rows (connection lost, permission withdrawn). */
class StopImport extends Error {}

/** Where every row read went; the parts add up to `read`. */
interface Account {
  read: number
  inserted: number
  duplicates: number
  /** valid rows the database refused, each alone */
  refusedByDatabase: number
  /** rows with at least one validation error */
  invalid: number
  /** valid rows not written because the run stopped (or a batch failed as a whole) */
  notWritten: number
  /** valid rows in a dry run */
  checkedOnly: number
}

async function run(options: Options): Promise<ExitCode> {
  checkFile(options.file)
  const caller = options.databaseUrl ? await postgresCaller(options.databaseUrl, options.userId) : await pgliteCaller(options.userId)
  try {
    return await runWith(caller, options)
  } finally {
    await caller.close()
  }
}

async function runWith(caller: Caller, options: Options): Promise<ExitCode> {
  console.log(`数据库：${caller.label}`)
  let directory: DirectoryEntry[]
  let district: GeoJSON.Polygon | GeoJSON.MultiPolygon | null
  let offsetHours = APP_SETTING_DEFAULTS.timezone_offset_hours
  let addresses: AddressGazetteer | null = null
  try {
    directory = await caller.call<DirectoryEntry[]>('select public.category_directory() as result')
    // The district's place names: rows with an address and no coordinates are placed by them.
    const gazetteer = await caller.call<GazetteerEntry[]>('select public.address_gazetteer() as result').catch(() => null)
    if (gazetteer) addresses = buildAddressGazetteer(gazetteer)
    else console.log('提示：数据库没有地名表（address_gazetteer），没有经纬度的行不能按地址定位')
    const districts = await caller.call<GeoJSON.FeatureCollection>(`select public.layer_grids('district') as result`)
    const geometry = districts?.features?.[0]?.geometry
    district = geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ? geometry : null
    const offset = await caller
      .call<number | null>(`select (value #>> '{}')::int as result from public.app_settings where key = 'timezone_offset_hours'`)
      .catch(() => null)
    if (typeof offset === 'number') offsetHours = offset
  } catch (error) {
    throw new CliFailure(`读取类别目录和辖区范围失败：${error instanceof Error ? error.message : error}`, EXIT.unusable)
  }
  if (!district) console.log('提示：数据库中没有辖区边界，不检查点位是否在辖区内')

  let validator: RowValidator | null = null
  let mapping: ColumnMapping | null = null
  // Rows waiting for a full batch; sent rows are dropped, so a 200 MB file is never held whole.
  let pending: IntakeRow[] = []
  let pendingRows: number[] = []
  const errors: RowError[] = []
  const refused: RowError[] = []
  const warnings: RowWarning[] = []
  const invalidRows = new Set<number>()
  const account: Account = { read: 0, inserted: 0, duplicates: 0, refusedByDatabase: 0, invalid: 0, notWritten: 0, checkedOnly: 0 }
  let batchesCommitted = 0
  let valid = 0
  let sent = 0
  let lastRowRead = 0
  let readComplete = false
  let stopped: string | null = null

  const send = async (final: boolean) => {
    while (pending.length >= options.batchSize || (final && pending.length > 0)) {
      const rows = pending.slice(0, options.batchSize)
      const rowNumbers = pendingRows.slice(0, options.batchSize)
      pending = pending.slice(rows.length)
      pendingRows = pendingRows.slice(rows.length)
      const committed = await commitBatch(rows, (batch) => caller.call<IntakeOutcome[]>('select public.intake_incidents($1::json) as result', [JSON.stringify(batch.map(withIntakeCell))]), {
        isBatchWide: isBatchWideError,
      })
      const merged = mergeIntakeResults(committed.outcomes, { ok: rows, rowNumbers }, mapping ?? undefined)
      const unwritten = committed.outcomes.reduce((sum, outcome) => sum + ('error' in outcome && outcome.error.scope !== 'row' ? outcome.count : 0), 0)
      account.inserted += merged.inserted
      account.duplicates += merged.duplicates
      account.notWritten += unwritten
      account.refusedByDatabase += merged.refused.length - unwritten
      refused.push(...merged.refused)
      // A call the database answered is a committed transaction, whatever it held.
      if (committed.outcomes.some((outcome) => 'results' in outcome)) batchesCommitted += 1
      sent += rows.length
      if (committed.calls > 1 && !committed.stopped) console.error(`  第 ${rowNumbers[0]}–${rowNumbers[rowNumbers.length - 1]} 行这一批被数据库整批拒绝，已拆分重试，其余行已写入`)
      if (sent % (options.batchSize * 20) === 0) console.error(`  已提交 ${sent.toLocaleString('zh-CN')} 行`)
      if (committed.stopped) {
        const record = committed.stopped
        stopped =
          record.code === '42501' ? `数据库拒绝导入：${record.message}（用户 ${options.userId}）`
          : `数据库不能再接收数据：${record.message}${record.code ? `（${record.code}）` : ''}`
        throw new StopImport(stopped)
      }
    }
  }

  try {
    await readInput(
      options.file,
      async (slice, info) => {
        if (!validator) {
          const chosen = chooseMapping(options, info.columns, !!slice.geometries)
          mapping = chosen.mapping
          const crs = options.crs ?? chosen.preset?.crs ?? 'wgs84'
          console.log(`文件：${options.file}（${info.format.toUpperCase()}${info.streamed ? '，逐块读取' : ''}）`)
          console.log(`预设：${chosen.preset?.name ?? '（按列名推断）'}；坐标系：${crs}；列映射：${JSON.stringify(mapping)}`)
          validator = new RowValidator({
            mapping,
            crs,
            defaultSource: options.source ?? chosen.preset?.defaultSource ?? 'hotline_12319',
            categories: createCategoryResolver(directory, { ...DEFAULT_CATEGORY_ALIASES, ...chosen.preset?.categoryAliases, ...options.aliases }),
            district,
            outsideDistrict: options.keepOutside ? 'keep' : 'error',
            offsetHours,
            format: info.format,
            addresses,
          })
        }
        const checked = await validator.validate(slice)
        if (slice.rowNumbers.length > 0) lastRowRead = slice.rowNumbers[slice.rowNumbers.length - 1]
        for (const error of checked.errors) invalidRows.add(error.row)
        valid += checked.ok.length
        if (options.dryRun) account.checkedOnly += checked.ok.length
        else {
          pending.push(...checked.ok)
          pendingRows.push(...checked.rowNumbers)
        }
        errors.push(...checked.errors)
        warnings.push(...checked.warnings)
        await send(false)
      },
      { log: (line) => console.error(line) },
    )
    readComplete = true
    await send(true)
  } catch (error) {
    if (!(error instanceof StopImport)) {
      // Before the first row nothing can have been written: the file is unusable as it is.
      if (!validator) {
        if (error instanceof CliFailure) throw error
        throw new CliFailure(error instanceof TableError || error instanceof InputFileError ? `无法读取文件：${error.message}` : unexpectedFailureText(error), EXIT.unusable)
      }
      // Later, what was read and written so far is reported like a stop for any other reason.
      stopped = error instanceof TableError || error instanceof InputFileError ? `读取文件中止：${error.message}` : unexpectedFailureText(error)
    }
  }
  if (!validator) throw new CliFailure('文件中没有数据行', EXIT.unusable)

  // Valid rows read but never sent because the run stopped: reported, not forgotten.
  for (let index = 0; index < pending.length; index++) {
    refused.push({
      row: pendingRows[index], field: TARGET_LABELS.row, value: pending[index].external_id,
      reason: `未写入数据库：导入在此之前中止（${stopped}）`, code: 'database', target: 'row',
    })
  }
  account.notWritten += pending.length
  pending = []

  const summary = (validator as RowValidator).summary()
  account.read = summary.rowsRead
  account.invalid = invalidRows.size
  const allErrors = [...errors, ...refused].sort((a, b) => a.row - b.row)

  console.log('')
  console.log(`读取 ${summary.rowsRead} 行，校验通过 ${valid} 行，有错误 ${errors.length} 处（${account.invalid} 行），警告 ${warnings.length} 条`)
  for (const note of summary.notes) console.log(`  · ${note.message}`)
  if (summary.unknownCategories.length > 0) {
    console.log(`  · 未知问题类别：${summary.unknownCategories.map((entry) => `“${entry.text}” ${entry.count} 行`).join('，')}（可用 --aliases 补充对照表）`)
  }
  for (const warning of warnings.slice(0, 5)) console.log(`  · 第 ${warning.row} 行：${warning.message}`)
  if (options.dryRun) {
    console.log('试运行（--dry-run）：未写入数据库')
    console.log(`合计：读取 ${account.read} 行 = 校验通过 ${account.checkedOnly} + 校验未通过 ${account.invalid}`)
  } else {
    console.log(`新增 ${account.inserted} 件，已存在（重复导入）${account.duplicates} 件，数据库拒绝 ${account.refusedByDatabase} 行` + (account.notWritten > 0 ? `，未写入 ${account.notWritten} 行` : ''))
    console.log(
      `合计：读取 ${account.read} 行 = 新增 ${account.inserted} + 已存在 ${account.duplicates} + 数据库拒绝 ${account.refusedByDatabase} + 校验未通过 ${account.invalid}` +
        (account.notWritten > 0 ? ` + 未写入 ${account.notWritten}` : ''),
    )
  }
  const accounted = options.dryRun ? account.checkedOnly + account.invalid : account.inserted + account.duplicates + account.refusedByDatabase + account.invalid + account.notWritten
  if (accounted !== account.read || valid + account.invalid !== account.read) console.log(`  !! 合计不符：各项相加为 ${accounted} 行，与读取的 ${account.read} 行不同。请报告此问题。`)
  if (stopped) {
    console.log(`导入中止：${stopped}`)
    console.log(
      `  ${readComplete ? '文件已全部读取' : `已读取到第 ${lastRowRead} 行，之后的行未读取`}；有效行中已写入 ${account.inserted + account.duplicates} 行，` +
        `未写入 ${account.notWritten} 行（见错误报告）。解决问题后重新运行同一命令即可：已写入的行会被识别为“已存在”，不会重复。`,
    )
  }
  writeReport(allErrors, options.errorsFile)
  if (!stopped) return EXIT.ok
  return batchesCommitted > 0 ? EXIT.partial : EXIT.unusable
}

/** The full error report, or the first ten errors. A report that cannot be written where asked goes to a temporary file rather than being lost. */
function writeReport(allErrors: RowError[], errorsFile: string | undefined): void {
  if (allErrors.length === 0) return
  if (!errorsFile) {
    for (const error of allErrors.slice(0, 10)) console.log(`  第 ${error.row} 行 [${error.field}] ${error.reason}`)
    if (allErrors.length > 10) console.log(`  …… 共 ${allErrors.length} 处，用 --errors errors.csv 导出全部`)
    return
  }
  const report = errorReportCsv(allErrors)
  try {
    writeFileSync(errorsFile, report)
    console.log(`错误报告（${allErrors.length} 行）已写入 ${resolve(errorsFile)}`)
  } catch (error) {
    const fallback = join(tmpdir(), `urbangrid-错误报告-${process.pid}-${Date.now()}.csv`)
    writeFileSync(fallback, report)
    console.log(`错误报告不能写入 ${resolve(errorsFile)}（${writeErrorText(error)}），已改写到 ${fallback}（${allErrors.length} 行）`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm run import:cases … | head` closes the pipe early: the import itself goes on to the end.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') console.error(unexpectedFailureText(error))
  })
  try {
    const options = readOptions(process.argv.slice(2))
    if (!options) console.log(USAGE)
    else process.exitCode = await run(options)
  } catch (error) {
    if (error instanceof CliFailure) {
      console.error(error.message)
      process.exitCode = error.exitCode
    } else {
      console.error(unexpectedFailureText(error))
      process.exitCode = EXIT.unusable
    }
  }
}
