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
 * Exit codes: 0 done (row errors are reported, not fatal); 1 the file or the options are
 * unusable; 2 the database is unreachable or refuses the user; 3 an unexpected failure.
 */
import { openAsBlob, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import pg from 'pg'
import {
  BUILT_IN_PRESETS,
  checkMapping,
  columnMappingSchema,
  completeMapping,
  COORDINATE_SYSTEMS,
  createCategoryResolver,
  DEFAULT_CATEGORY_ALIASES,
  errorReportCsv,
  findPreset,
  INCIDENT_SOURCES,
  mappingForPreset,
  mergeIntakeResults,
  RowValidator,
  suggestMapping,
  type BatchOutcome,
  type ColumnMapping,
  type CommitSummary,
  type CoordinateSystem,
  type DirectoryEntry,
  type ImportPreset,
  type IncidentSource,
  type IntakeOutcome,
  type IntakeRow,
  type RowError,
  type RowWarning,
} from '../src/domain/import/index.ts'
import { extensionOf, readTable, streamCsv, TableError, type Table } from '../src/domain/tabular/index.ts'
import { DEMO_USERS } from './seed/reference-data.ts'
import { asCaller } from '../src/data/embedded/pglite-transport.ts'

const EXIT_UNUSABLE = 1
const EXIT_DATABASE = 2
const EXIT_UNEXPECTED = 3

class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message)
  }
}

/** One SQL API call per transaction, as the given user, like PostgREST and the embedded transport do. */
interface Caller {
  call<T>(sql: string, params?: unknown[]): Promise<T>
  close(): Promise<void>
  label: string
}

function claimsOf(userId: string): string {
  return JSON.stringify({ sub: userId, role: 'authenticated' })
}

async function pgliteCaller(userId: string): Promise<Caller> {
  const { SNAPSHOT_FILE, ensureDemo } = await import('./ensure-demo.ts')
  if (!existsSync(SNAPSHOT_FILE)) await ensureDemo({ log: (line: string) => console.error(line) })
  const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) })
  await db.waitReady
  return {
    label: '内置演示数据库（临时副本，导入结果不会写回）',
    async call<T>(sql: string, params: unknown[] = []) {
      const result = await asCaller(db, { sub: userId, role: 'authenticated' }, (tx) => tx.query<{ result: T }>(sql, params))
      return result.rows[0]?.result as T
    },
    close: () => db.close(),
  }
}

async function postgresCaller(url: string, userId: string): Promise<Caller> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch (error) {
    throw new CliError(`无法连接数据库 ${redacted(url)}：${error instanceof Error ? error.message : error}`, EXIT_DATABASE)
  }
  return {
    label: redacted(url),
    async call<T>(sql: string, params: unknown[] = []) {
      await client.query('begin')
      try {
        await client.query(`select set_config('request.jwt.claims', $1, true)`, [claimsOf(userId)])
        await client.query('set local role authenticated')
        const result = await client.query<{ result: T }>(sql, params)
        await client.query('commit')
        return result.rows[0]?.result as T
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      }
    },
    close: () => client.end(),
  }
}

function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

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

function readOptions(argv: string[]): Options {
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
    throw new CliError(`${error instanceof Error ? error.message : error}\n${USAGE}`, EXIT_UNUSABLE)
  }
  if (values.help || !values.file) throw new CliError(USAGE, values.help ? 0 : EXIT_UNUSABLE)
  let preset: ImportPreset | undefined
  if (values.preset) {
    preset = findPreset(BUILT_IN_PRESETS, values.preset)
    if (!preset) throw new CliError(`未知的预设“${values.preset}”。${USAGE}`, EXIT_UNUSABLE)
  }
  let mappingOverride: Partial<ColumnMapping> = {}
  if (values.mapping) {
    let parsed: unknown
    try {
      parsed = JSON.parse(values.mapping)
    } catch {
      throw new CliError('--mapping 不是有效的 JSON，例如 {"lon":"经度","lat":"纬度","category":"问题类别"}', EXIT_UNUSABLE)
    }
    const checked = columnMappingSchema.partial().safeParse(parsed)
    if (!checked.success) throw new CliError(`--mapping 无效：${checked.error.issues[0].path.join('.')} ${checked.error.issues[0].message}`, EXIT_UNUSABLE)
    mappingOverride = checked.data
  }
  if (values.crs && !(COORDINATE_SYSTEMS as readonly string[]).includes(values.crs)) {
    throw new CliError(`--crs 应为 ${COORDINATE_SYSTEMS.join('、')} 之一，收到 ${values.crs}`, EXIT_UNUSABLE)
  }
  if (values.source && !(INCIDENT_SOURCES as readonly string[]).includes(values.source)) {
    throw new CliError(`--source 应为 ${INCIDENT_SOURCES.join('、')} 之一，收到 ${values.source}`, EXIT_UNUSABLE)
  }
  let aliases: Record<string, string> = {}
  if (values.aliases) {
    try {
      aliases = JSON.parse(readFileSync(values.aliases, 'utf8')) as Record<string, string>
    } catch (error) {
      throw new CliError(`无法读取类别对照表 ${values.aliases}：${error instanceof Error ? error.message : error}`, EXIT_UNUSABLE)
    }
  }
  const batchSize = Number(values['batch-size'])
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new CliError('--batch-size 应为 1 至 10000 的整数', EXIT_UNUSABLE)
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

/** Rows arrive in slices: the whole file at once, or slices of a large CSV read as a stream. */
type SliceHandler = (slice: { rows: Record<string, string>[]; rowNumbers: number[]; geometries?: (GeoJSON.Geometry | null)[] }, columns: string[], table: Pick<Table, 'format'>) => Promise<void>

async function readSlices(file: string, onSlice: SliceHandler): Promise<void> {
  if (extensionOf(file) === 'csv' || extensionOf(file) === 'txt') {
    const blob = await openAsBlob(file)
    let lastPercent = -10
    await streamCsv(blob, {
      onRows: async (rows, progress, rowNumbers) => {
        const percent = Math.floor((100 * progress.bytesRead) / progress.totalBytes)
        if (blob.size > 5_000_000 && percent >= lastPercent + 10) {
          lastPercent = percent
          console.error(`  读取 ${percent}%（${progress.rowsRead.toLocaleString('zh-CN')} 行）`)
        }
        await onSlice({ rows, rowNumbers }, progress.columns, { format: 'csv' })
      },
    })
    return
  }
  const table = await readTable(new Uint8Array(readFileSync(file)), basename(file))
  const rowNumbers = table.rows.map((_row, index) => table.rowNumbers?.[index] ?? index + 2)
  await onSlice({ rows: table.rows, rowNumbers, geometries: table.geometries }, table.columns, table)
}

function chooseMapping(options: Options, columns: string[], hasGeometries: boolean): { mapping: ColumnMapping; preset: ImportPreset | null } {
  const suggestion = suggestMapping(columns, { hasGeometries })
  const preset = options.preset ?? suggestion.preset
  const base = preset ? mappingForPreset(preset, columns, hasGeometries) : suggestion.mapping
  const mapping = completeMapping({ ...base, ...options.mappingOverride })
  if (!mapping) {
    const missing = (['lon', 'lat', 'category'] as const).filter((field) => !({ ...base, ...options.mappingOverride })[field])
    throw new CliError(
      `无法确定${missing.map((field) => ({ lon: '经度', lat: '纬度', category: '问题类别' })[field]).join('、')}列。文件的列：${columns.join('、')}。` +
        '请用 --preset 或 --mapping 指定，例如 --mapping \'{"lon":"经度","lat":"纬度","category":"问题类别"}\'',
      EXIT_UNUSABLE,
    )
  }
  const problems = checkMapping(mapping, columns, hasGeometries)
  const required = problems.filter((problem) => problem.field === 'lon' || problem.field === 'lat' || problem.field === 'category')
  if (required.length > 0) throw new CliError(`列映射与文件不符：${required.map((problem) => problem.reason).join('；')}`, EXIT_UNUSABLE)
  // Optional columns the file lacks are dropped rather than failing every row.
  for (const problem of problems) delete mapping[problem.field]
  return { mapping, preset }
}

async function run(options: Options): Promise<void> {
  if (!existsSync(options.file)) throw new CliError(`文件不存在：${options.file}`, EXIT_UNUSABLE)
  const caller = options.databaseUrl ? await postgresCaller(options.databaseUrl, options.userId) : await pgliteCaller(options.userId)
  try {
    console.log(`数据库：${caller.label}`)
    let directory: DirectoryEntry[]
    let district: GeoJSON.Polygon | GeoJSON.MultiPolygon | null
    let offsetHours = 8
    try {
      directory = await caller.call<DirectoryEntry[]>('select public.category_directory() as result')
      const districts = await caller.call<GeoJSON.FeatureCollection>(`select public.layer_grids('district') as result`)
      const geometry = districts?.features?.[0]?.geometry
      district = geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ? geometry : null
      const offset = await caller
        .call<number | null>(`select (value #>> '{}')::int as result from public.app_settings where key = 'timezone_offset_hours'`)
        .catch(() => null)
      if (typeof offset === 'number') offsetHours = offset
    } catch (error) {
      throw new CliError(`读取类别目录和辖区范围失败：${error instanceof Error ? error.message : error}`, EXIT_DATABASE)
    }
    if (!district) console.log('提示：数据库中没有辖区边界，不检查点位是否在辖区内')

    let validator: RowValidator | null = null
    let mapping: ColumnMapping | null = null
    // Rows waiting for a full batch; sent rows are dropped, so a 200 MB file is never held whole.
    let pending: IntakeRow[] = []
    let pendingRows: number[] = []
    let valid = 0
    const errors: RowError[] = []
    const warnings: RowWarning[] = []
    const committed: CommitSummary = { inserted: 0, duplicates: 0, withoutGrid: 0, refused: [], placed: [] }
    let sent = 0

    const send = async (final: boolean) => {
      while (pending.length >= options.batchSize || (final && pending.length > 0)) {
        const rows = pending.slice(0, options.batchSize)
        const rowNumbers = pendingRows.slice(0, options.batchSize)
        pending = pending.slice(rows.length)
        pendingRows = pendingRows.slice(rows.length)
        if (options.dryRun) continue
        let outcome: BatchOutcome
        try {
          const results = await caller.call<IntakeOutcome[]>('select public.intake_incidents($1::json) as result', [JSON.stringify(rows)])
          outcome = { start: 0, results }
        } catch (error) {
          const record = error as { code?: string; message?: string }
          // Refused as a whole: no later batch would fare better.
          if (record.code === '42501') throw new CliError(`数据库拒绝导入：${record.message}（用户 ${options.userId}）`, EXIT_DATABASE)
          if (isConnectionError(error)) throw new CliError(`数据库连接中断：${record.message}`, EXIT_DATABASE)
          outcome = { start: 0, count: rows.length, error: { message: record.message ?? String(error), code: record.code } }
        }
        const merged = mergeIntakeResults([outcome], { ok: rows, rowNumbers }, mapping ?? undefined)
        committed.inserted += merged.inserted
        committed.duplicates += merged.duplicates
        committed.withoutGrid += merged.withoutGrid
        committed.refused.push(...merged.refused)
        sent += rows.length
        if (sent % (options.batchSize * 20) === 0) console.error(`  已提交 ${sent.toLocaleString('zh-CN')} 行`)
      }
    }

    try {
      await readSlices(options.file, async (slice, columns, table) => {
        if (!validator) {
          const chosen = chooseMapping(options, columns, !!slice.geometries)
          mapping = chosen.mapping
          const crs = options.crs ?? chosen.preset?.crs ?? 'wgs84'
          console.log(`文件：${options.file}（${table.format.toUpperCase()}）`)
          console.log(`预设：${chosen.preset?.name ?? '（按列名推断）'}；坐标系：${crs}；列映射：${JSON.stringify(mapping)}`)
          validator = new RowValidator({
            mapping,
            crs,
            defaultSource: options.source ?? chosen.preset?.defaultSource ?? 'hotline_12319',
            categories: createCategoryResolver(directory, { ...DEFAULT_CATEGORY_ALIASES, ...chosen.preset?.categoryAliases, ...options.aliases }),
            district,
            outsideDistrict: options.keepOutside ? 'keep' : 'error',
            offsetHours,
            format: table.format,
          })
        }
        const checked = await validator.validate(slice)
        valid += checked.ok.length
        if (!options.dryRun) {
          pending.push(...checked.ok)
          pendingRows.push(...checked.rowNumbers)
        }
        errors.push(...checked.errors)
        warnings.push(...checked.warnings)
        await send(false)
      })
    } catch (error) {
      if (error instanceof TableError) throw new CliError(`无法读取文件：${error.message}`, EXIT_UNUSABLE)
      throw error
    }
    await send(true)
    if (!validator) throw new CliError('文件中没有数据行', EXIT_UNUSABLE)
    const summary = (validator as RowValidator).summary()
    const allErrors = [...errors, ...committed.refused].sort((a, b) => a.row - b.row)

    console.log('')
    console.log(`读取 ${summary.rowsRead} 行，校验通过 ${valid} 行，有错误 ${errors.length} 处，警告 ${warnings.length} 条`)
    for (const note of summary.notes) console.log(`  · ${note.message}`)
    if (summary.unknownCategories.length > 0) {
      console.log(`  · 未知问题类别：${summary.unknownCategories.map((entry) => `“${entry.text}” ${entry.count} 行`).join('，')}（可用 --aliases 补充对照表）`)
    }
    for (const warning of warnings.slice(0, 5)) console.log(`  · 第 ${warning.row} 行：${warning.message}`)
    if (options.dryRun) {
      console.log('试运行（--dry-run）：未写入数据库')
    } else {
      console.log(`新增 ${committed.inserted} 件，已存在（重复导入）${committed.duplicates} 件，数据库拒绝 ${committed.refused.length} 行` +
        (committed.withoutGrid > 0 ? `，其中 ${committed.withoutGrid} 件未落入任何网格` : ''))
    }
    if (allErrors.length > 0) {
      if (options.errorsFile) {
        writeFileSync(options.errorsFile, errorReportCsv(allErrors))
        console.log(`错误报告（${allErrors.length} 行）已写入 ${resolve(options.errorsFile)}`)
      } else {
        for (const error of allErrors.slice(0, 10)) console.log(`  第 ${error.row} 行 [${error.field}] ${error.reason}`)
        if (allErrors.length > 10) console.log(`  …… 共 ${allErrors.length} 处，用 --errors errors.csv 导出全部`)
      }
    }
  } finally {
    await caller.close()
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? ''
  return code.startsWith('08') || code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === '57P01'
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await run(readOptions(process.argv.slice(2)))
  } catch (error) {
    if (error instanceof CliError) {
      if (error.exitCode === 0) console.log(error.message)
      else console.error(error.message)
      process.exit(error.exitCode)
    }
    console.error('导入意外中止：', error)
    process.exit(EXIT_UNEXPECTED)
  }
}
