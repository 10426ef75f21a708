/**
 * One import, from file to rows ready for the database, kept in a Web Worker so that
 * parsing, validating and placing a file of any size never blocks the page. The worker
 * (case-import.worker.ts) only exposes this class through comlink; everything here is plain
 * TypeScript and runs in Node tests too.
 *
 * Flow: open(file) reads the header and a sample (mapping step) → check(options) streams the
 * whole file through the row validator, placing every valid row with the browser's copy of
 * the trigger's rules (grid, segment, department, deadline) and asking the database, through
 * a callback to the page, which rows it already has → planCommit() picks the rows to send
 * and rows(from, count) hands them out in batches for the commit, which goes through the
 * Repository.
 */
import { buildIncidentPlacer, type IncidentPlacer, type PlacementReference } from '../../../domain/placement/incident-placer.ts'
import { buildAddressGazetteer, type AddressGazetteer, type GazetteerEntry } from '../../../domain/import/address-match.ts'
import {
  alignExistingAnswers,
  ArrivalTally,
  createCategoryResolver,
  DEFAULT_CATEGORY_ALIASES,
  errorReportCsv,
  EXISTING_CHECK_BATCH,
  existingQuery,
  refusedRowCount,
  RowValidator,
  suggestMapping,
  type ArrivalCheck,
  type ColumnMapping,
  type CoordinateSystem,
  type DirectoryEntry,
  type ExistingAnswer,
  type ExistingCase,
  type ExistingMatchKind,
  type ExistingQueryRow,
  type DistrictInput,
  type ImportNote,
  type IncidentSource,
  type IntakeRow,
  type RowError,
  type RowWarning,
  type UnknownCategory,
  type ValidationResult,
} from '../../../domain/import/index.ts'
import {
  readTable,
  rowNumberOf,
  streamCsv,
  TableError,
  type ReadIssue,
  type ReadNotice,
  type Table,
  type TableFormat,
  type TextEncodingName,
} from '../../../domain/tabular/index.ts'

/** Files above this size must be CSV: XLSX and JSON are read whole. */
export const MAX_WHOLE_FILE_BYTES = 64 * 1024 * 1024
const SAMPLE_BYTES = 256 * 1024
const SAMPLE_ROWS = 20
const SLICE_ROWS = 5_000
/** errors and warnings listed in the preview; the report file has all of them */
const LISTED_PROBLEMS = 500
/** points drawn on the preview map */
const MAP_POINTS = 20_000

export interface ImportSetup {
  reference: PlacementReference
  directory: DirectoryEntry[]
  district: DistrictInput | null
  /** the district's place names, for rows with an address and no coordinates */
  gazetteer?: GazetteerEntry[] | null
}

export interface OpenedFile {
  name: string
  size: number
  format: TableFormat
  encoding: TextEncodingName | null
  columns: string[]
  sample: Record<string, string>[]
  hasGeometries: boolean
  suggested: Partial<ColumnMapping>
  /** the built-in preset the file looks like (suggestMapping), if any */
  suggestedPreset: string | null
  /** whether the whole file is streamed (large CSV) rather than read at once */
  streamed: boolean
}

export interface CheckOptions {
  mapping: ColumnMapping
  crs: CoordinateSystem
  defaultSource: IncidentSource
  outsideDistrict: 'error' | 'keep'
  /** the preset's own phrasings → matter codes, on top of the default table */
  categoryAliases?: Record<string, string>
  /** locations chosen on the map (WGS84) for rows that could not be placed otherwise */
  manualPoints?: readonly ManualPoint[]
}

export interface ManualPoint {
  row: number
  lon: number
  lat: number
}

/** A row refused only for its location: the dispatcher may place it on the map. */
export interface UnplacedRow {
  row: number
  /** the address cell, if the mapping has one */
  address: string
  /** the start of its description */
  description: string
  reason: string
}

export interface CheckProgress {
  phase: 'reading' | 'checking'
  done: number
  total: number
  rowsRead: number
}

export interface CountEntry {
  key: string
  count: number
}

export interface PreviewPoint {
  lon: number
  lat: number
  row: number
  gridCode: string | null
  /** its deadline is already past: it would arrive overdue */
  overdue: boolean
  /** how the database already has it, if it does */
  existing: ExistingMatchKind | null
}

/**
 * Asks the database which rows it already has (Repository.existingIncidents, called on the
 * page: the worker has no database). At most EXISTING_CHECK_BATCH rows per call.
 */
export type FindExisting = (rows: ExistingQueryRow[]) => Promise<ExistingAnswer[]>

export interface ImportPreview {
  rowsRead: number
  valid: number
  /** rows refused by the checks (one row may have several errors) */
  refusedRows: number
  errorCount: number
  errors: RowError[]
  warningCount: number
  warnings: RowWarning[]
  unknownCategories: UnknownCategory[]
  notes: ImportNote[]
  crsCheck: ValidationResult['crsCheck']
  /** valid rows per grid code, most first; rows in no grid under key '' */
  /** rows refused only for their location (first LISTED_PROBLEMS), and how many there are */
  unplaced: UnplacedRow[]
  unplacedCount: number
  perGrid: CountEntry[]
  /** valid rows per department id ('' = none) */
  perDepartment: CountEntry[]
  onSegment: number
  /** rows the database already has, rows overdue on arrival */
  arrival: ArrivalCheck
  points: PreviewPoint[]
  /** time spent placing rows (grid, segment, department, deadline), and the whole check */
  placeMs: number
  checkMs: number
}

/** What the database said about a valid row: 0 not there, 1 by external id, 2 by content. */
const NEW = 0
const BY_ID = 1
const BY_CONTENT = 2

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

const count = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
const sorted = (counts: Map<string, number>): CountEntry[] =>
  [...counts].map(([key, value]) => ({ key, count: value })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))

export class ImportSession {
  private setup: {
    placer: IncidentPlacer
    directory: DirectoryEntry[]
    district: DistrictInput | null
    addresses: AddressGazetteer | null
    /** the database's timezone_offset_hours: times written without a zone are local there */
    offsetHours: number
  } | null = null
  private file: Blob | null = null
  private opened: OpenedFile | null = null
  private table: Table | null = null
  private valid: IntakeRow[] = []
  private validRows: number[] = []
  /** per valid row: NEW, BY_ID or BY_CONTENT */
  private found: number[] = []
  private arrivalChecked = false
  /** indexes into `valid` of the rows a commit sends, in file order; null: all of them */
  private plan: number[] | null = null
  private errors: RowError[] = []
  private abort: AbortController | null = null

  configure(setup: ImportSetup): { grids: number; segments: number; buildMs: number } {
    const started = performance.now()
    const placer = buildIncidentPlacer(setup.reference)
    const addresses = setup.gazetteer ? buildAddressGazetteer(setup.gazetteer) : null
    this.setup = { placer, directory: setup.directory, district: setup.district, addresses, offsetHours: setup.reference.settings.timezone_offset_hours }
    return { grids: setup.reference.grids.length, segments: setup.reference.segments.length, buildMs: performance.now() - started }
  }

  async open(file: Blob, name: string): Promise<OpenedFile> {
    this.reset()
    if (file.size === 0) throw new TableError('empty_file')
    const streamed = /\.(csv|txt|tsv)$/i.test(name) && file.size > SAMPLE_BYTES
    let table: Table
    if (streamed) {
      // The header and the first rows, from the first slice only: enough to map the columns.
      const sample: Record<string, string>[] = []
      const result = await streamCsv(file.slice(0, SAMPLE_BYTES), {
        onRows: (rows) => {
          sample.push(...rows.slice(0, SAMPLE_ROWS - sample.length))
        },
      })
      table = { columns: result.columns, rows: sample, format: 'csv', encoding: result.encoding }
    } else {
      if (file.size > MAX_WHOLE_FILE_BYTES) throw new ImportError('too_large_for_format', `文件 ${name} 超过 ${MAX_WHOLE_FILE_BYTES / 1024 / 1024} MB：大文件请另存为 CSV 后导入（CSV 按块流式读取，不受大小限制）`)
      table = await readTable(new Uint8Array(await file.arrayBuffer()), name)
      this.table = table
    }
    const hasGeometries = (table.geometries ?? []).some((geometry) => geometry !== null)
    const suggestion = suggestMapping(table.columns, { hasGeometries })
    this.file = file
    this.opened = {
      name,
      size: file.size,
      format: table.format,
      encoding: table.encoding ?? null,
      columns: table.columns,
      sample: table.rows.slice(0, SAMPLE_ROWS),
      hasGeometries,
      suggested: suggestion.mapping,
      suggestedPreset: suggestion.preset?.id ?? null,
      streamed,
    }
    return this.opened
  }

  async check(options: CheckOptions, onProgress?: (progress: CheckProgress) => void, findExisting?: FindExisting): Promise<ImportPreview> {
    const setup = this.setup
    const opened = this.opened
    const file = this.file
    if (!setup) throw new ImportError('not_configured', '导入尚未准备好：参考数据（网格、路段、派遣规则）还未加载')
    if (!opened || !file) throw new ImportError('no_file', '请先选择要导入的文件')
    const started = performance.now()
    this.valid = []
    this.validRows = []
    this.found = []
    this.plan = null
    this.arrivalChecked = false
    this.errors = []
    this.abort = new AbortController()
    const signal = this.abort.signal
    const validator = new RowValidator({
      mapping: options.mapping,
      crs: options.crs,
      defaultSource: options.defaultSource,
      categories: createCategoryResolver(setup.directory, { ...DEFAULT_CATEGORY_ALIASES, ...options.categoryAliases }),
      district: setup.district,
      addresses: setup.addresses,
      manualPoints: new Map((options.manualPoints ?? []).map((point) => [point.row, [point.lon, point.lat] as const])),
      outsideDistrict: options.outsideDistrict,
      offsetHours: setup.offsetHours,
      format: opened.format,
    })
    const warnings: RowWarning[] = []
    let warningCount = 0
    const perGrid = new Map<string, number>()
    const perDepartment = new Map<string, number>()
    const points: PreviewPoint[] = []
    const unplaced: UnplacedRow[] = []
    let unplacedCount = 0
    let onSegment = 0
    let placeMs = 0
    // Overdue is measured against one instant, the start of the check.
    const arrival = new ArrivalTally(new Date())
    if (!findExisting) arrival.unasked()

    // Which of these rows the database has, in calls of at most EXISTING_CHECK_BATCH rows.
    // A failure (no connection, an older database without the function) stops the asking
    // and is reported; the check goes on, and the commit still relies on intake_incidents.
    const lookUp = async (rows: readonly IntakeRow[]) => {
      const answers: (ExistingCase | null)[] = []
      for (let start = 0; start < rows.length; start += EXISTING_CHECK_BATCH) {
        const chunk = rows.slice(start, start + EXISTING_CHECK_BATCH)
        if (findExisting && arrival.asking) {
          try {
            answers.push(...alignExistingAnswers(chunk.length, await findExisting(chunk.map(existingQuery))))
            continue
          } catch (error) {
            arrival.fail(message(error))
          }
        }
        answers.push(...chunk.map(() => null))
      }
      return answers
    }

    const take = async (
      rows: readonly Record<string, string>[],
      rowNumbers: readonly number[],
      geometries?: readonly (GeoJSON.Geometry | null)[],
      read?: { issues?: readonly ReadIssue[]; notices?: readonly ReadNotice[] },
    ) => {
      // The reader's refusals and warnings go to the validator, so rows read = valid + refused.
      const result = await validator.validate({ rows, rowNumbers, geometries, issues: read?.issues, notices: read?.notices })
      const placing = performance.now()
      const placements = result.ok.map((row) => {
        const placed = setup.placer.place({ lon: row.lon, lat: row.lat, categoryCode: row.category_code, reportedAt: new Date(row.reported_at) })
        count(perGrid, placed.gridCode ?? '')
        count(perDepartment, placed.departmentId === null ? '' : String(placed.departmentId))
        if (placed.segmentId !== null) onSegment++
        return placed
      })
      placeMs += performance.now() - placing
      const existing = await lookUp(result.ok)
      result.ok.forEach((row, index) => {
        const entry = arrival.add({
          row: result.rowNumbers[index],
          externalId: row.external_id,
          categoryCode: row.category_code,
          reportedAt: row.reported_at,
          deadlineAt: placements[index].deadlineAt?.toISOString() ?? null,
          existing: existing[index],
        })
        this.found.push(entry.existing === null ? NEW : entry.existing.match === 'external_id' ? BY_ID : BY_CONTENT)
        if (points.length < MAP_POINTS) {
          points.push({
            lon: row.lon,
            lat: row.lat,
            row: result.rowNumbers[index],
            gridCode: placements[index].gridCode,
            overdue: entry.overdue,
            existing: entry.existing?.match ?? null,
          })
        }
      })
      for (const row of result.ok) this.valid.push(row)
      for (const row of result.rowNumbers) this.validRows.push(row)
      for (const error of result.errors) this.errors.push(error)
      // Rows whose every error is about the location: a point chosen on the map would make them valid.
      const byRow = new Map<number, RowError[]>()
      for (const error of result.errors) byRow.set(error.row, [...(byRow.get(error.row) ?? []), error])
      const index = new Map(rowNumbers.map((row, position) => [row, position]))
      for (const [row, errors] of byRow) {
        if (!errors.every((error) => error.target === 'lon' || error.target === 'lat')) continue
        const position = index.get(row)
        if (position === undefined) continue
        unplacedCount++
        if (unplaced.length >= LISTED_PROBLEMS) continue
        const record = rows[position]
        unplaced.push({
          row,
          address: options.mapping.address ? (record[options.mapping.address] ?? '') : '',
          description: (options.mapping.description ? (record[options.mapping.description] ?? '') : '').slice(0, 60),
          reason: errors.map((error) => error.reason).join('；'),
        })
      }
      warningCount += result.warnings.length
      for (const warning of result.warnings) if (warnings.length < LISTED_PROBLEMS) warnings.push(warning)
    }

    if (opened.streamed) {
      await streamCsv(file, {
        signal,
        onRows: async (rows, progress, rowNumbers, read) => {
          await take(rows, rowNumbers, undefined, read)
          onProgress?.({ phase: 'reading', done: progress.bytesRead, total: progress.totalBytes, rowsRead: progress.rowsRead })
        },
      })
    } else {
      const table = this.table!
      // At least one pass, so the reader's issues are taken even when it refused every row.
      for (let start = 0; start < Math.max(table.rows.length, 1); start += SLICE_ROWS) {
        if (signal.aborted) throw new ImportError('cancelled', '已取消')
        const end = Math.min(table.rows.length, start + SLICE_ROWS)
        // The table's own row numbers: rows after a blank or refused row are not index + 2.
        const rowNumbers = Array.from({ length: end - start }, (_, offset) => rowNumberOf(table, start + offset))
        await take(table.rows.slice(start, end), rowNumbers, table.geometries?.slice(start, end),
          start === 0 ? { issues: table.issues, notices: table.notices } : undefined)
        onProgress?.({ phase: 'checking', done: end, total: table.rows.length, rowsRead: end })
      }
    }
    this.abort = null
    this.errors.sort((a, b) => a.row - b.row)
    const summary = validator.summary()
    const checked = arrival.result()
    this.arrivalChecked = checked.checked
    return {
      rowsRead: summary.rowsRead,
      valid: this.valid.length,
      refusedRows: refusedRowCount(this.errors),
      errorCount: this.errors.length,
      errors: this.errors.slice(0, LISTED_PROBLEMS),
      warningCount,
      warnings,
      unknownCategories: summary.unknownCategories,
      notes: summary.notes,
      crsCheck: summary.crsCheck,
      unplaced: unplaced.sort((a, b) => a.row - b.row),
      unplacedCount,
      perGrid: sorted(perGrid),
      perDepartment: sorted(perDepartment),
      onSegment,
      arrival: checked,
      points,
      placeMs,
      checkMs: performance.now() - started,
    }
  }

  cancel(): void {
    this.abort?.abort()
  }

  /**
   * Chooses the rows a commit sends and returns how many: every valid row, less the rows the
   * database has by content unless `writeContentMatches`. Rows it has by external id are
   * sent: intake_incidents answers them as duplicates, confirming the preview at commit.
   * When the database could not be asked, every valid row is sent.
   */
  planCommit(writeContentMatches: boolean): number {
    this.plan =
      writeContentMatches || !this.arrivalChecked
        ? null
        : this.found.flatMap((found, index) => (found === BY_CONTENT ? [] : [index]))
    return this.plan?.length ?? this.valid.length
  }

  /** The planned rows for the commit (planCommit; all valid rows before it), in file order, with their file row numbers. */
  rows(from: number, count: number): { rows: IntakeRow[]; rowNumbers: number[] } {
    if (this.plan === null) return { rows: this.valid.slice(from, from + count), rowNumbers: this.validRows.slice(from, from + count) }
    const picked = this.plan.slice(from, from + count)
    return { rows: picked.map((index) => this.valid[index]), rowNumbers: picked.map((index) => this.validRows[index]) }
  }

  /** Every refused row, with rows the database refused at commit added by the caller. */
  errorReport(extra: RowError[] = []): string {
    return errorReportCsv([...this.errors, ...extra].sort((a, b) => a.row - b.row))
  }

  private reset(): void {
    this.abort?.abort()
    this.file = null
    this.opened = null
    this.table = null
    this.valid = []
    this.validRows = []
    this.found = []
    this.plan = null
    this.arrivalChecked = false
    this.errors = []
  }
}

export type ImportErrorCode = 'not_configured' | 'no_file' | 'too_large_for_format' | 'cancelled'

export class ImportError extends Error {
  readonly code: ImportErrorCode
  constructor(code: ImportErrorCode, message: string) {
    super(message)
    this.name = 'ImportError'
    this.code = code
  }
}
