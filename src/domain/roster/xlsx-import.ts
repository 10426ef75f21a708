/**
 * Roster imports from XLSX (or CSV): 保洁员 (cleaners), 排班 (assignments) and 设施包干 (facility
 * duties). Files are read by the tabular readers every import shares (src/domain/tabular), rows
 * validated with zod into typed rows; every problem is reported by row and field in Chinese, and
 * every valid row is returned alongside the errors, so nothing valid is lost. Checks against the
 * database's data (unknown employee numbers, back streets, segments) are the resolve step
 * (import-resolve.ts); the SQL import functions check again, all-or-nothing.
 */
import { z } from 'zod'
import { cellText } from '../tabular/read-xlsx.ts'
import { cleanHeaderCells, columnsFromHeader, isBlankRow, recordFromCells } from '../tabular/header.ts'
import { readTable } from '../tabular/read-table.ts'
import { parseStrictNumber } from '../tabular/parse-number.ts'
import { rowNumberOf, type Table } from '../tabular/table.ts'
import { TableError } from '../tabular/table-error.ts'
import { detectRosterKind, labelOf, mapColumns, ROSTER_IMPORT_COLUMNS, type RosterImportKind } from './import-columns.ts'
import { ROSTER_MESSAGES, rowMessage } from './messages.ts'
import { SHIFT_CODES, type ShiftCode, type ShiftDef } from './types.ts'

export interface RosterRowError {
  /** spreadsheet row (header = 1); 1 for a problem with the header */
  row: number
  /** the column's Chinese label */
  field: string
  reason: string
  /** 「第 N 行 <字段>：<原因>」 */
  message: string
  /** the worksheet, when a workbook held several */
  sheet?: string
}

export interface CleanerImportRow {
  row: number
  employeeNo: string
  name: string
  team: string
  phone: string
  shift: ShiftCode | null
}

export interface AssignmentImportRow {
  row: number
  employeeNo: string
  backStreet: string
  seq: number
  shift: ShiftCode
  /** null: from the segment's start */
  fromM: number | null
  /** null: to the segment's end */
  toM: number | null
}

export interface FacilityDutyImportRow {
  row: number
  facility: string
  employeeNo: string
  deputyEmployeeNo: string | null
}

export interface RosterImportRows {
  cleaners: CleanerImportRow
  assignments: AssignmentImportRow
  facilityDuties: FacilityDutyImportRow
}

export interface RosterImportResult<K extends RosterImportKind = RosterImportKind> {
  kind: K
  rows: RosterImportRows[K][]
  errors: RosterRowError[]
  /** rows in the file (valid + with errors) */
  rowCount: number
  /** warnings from reading the file (other sheets, encodings, control characters removed) */
  notices: string[]
}

export interface RosterImportOptions {
  /** the configured shifts, whose names are accepted beside the built-in ones */
  shifts?: readonly ShiftDef[]
}

const BUILT_IN_SHIFT_NAMES: Record<ShiftCode, string[]> = {
  early: ['早班', '早', '早间', 'early', 'morning', 'e'],
  day: ['白班', '中班', '日班', '白', 'day', 'd'],
  late: ['晚班', '晚', '夜班', 'late', 'evening', 'night', 'l'],
}

/** A shift code from what a person wrote (早班, early, a configured name …), or null. */
export function parseShift(text: string, shifts: readonly ShiftDef[] = []): ShiftCode | null {
  const wanted = text.normalize('NFKC').trim().toLowerCase()
  if (wanted === '') return null
  for (const shift of shifts) if (shift.name.trim().toLowerCase() === wanted) return shift.code
  for (const code of SHIFT_CODES) if (BUILT_IN_SHIFT_NAMES[code].includes(wanted)) return code
  return null
}

function shiftNamesHint(shifts: readonly ShiftDef[]): string {
  const names = shifts.length > 0 ? shifts.map((shift) => shift.name) : ['早班', '白班', '晚班']
  return [...names, ...SHIFT_CODES].join('、')
}

const MAX_TEXT = 100

function requiredText(max = MAX_TEXT) {
  return z.string().trim().min(1, ROSTER_MESSAGES.empty).max(max, ROSTER_MESSAGES.tooLong(max))
}

function optionalText(max = MAX_TEXT) {
  return z.string().trim().max(max, ROSTER_MESSAGES.tooLong(max))
}

function shiftField(shifts: readonly ShiftDef[], required: boolean) {
  return z.string().transform((text, context) => {
    const trimmed = text.trim()
    if (trimmed === '') {
      if (required) context.addIssue({ code: 'custom', message: ROSTER_MESSAGES.empty })
      return null
    }
    const code = parseShift(trimmed, shifts)
    if (code === null) context.addIssue({ code: 'custom', message: ROSTER_MESSAGES.unknownShift(trimmed, shiftNamesHint(shifts)) })
    return code
  })
}

const metresField = z.string().transform((text, context): number | null => {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = parseStrictNumber(trimmed)
  if (value === null) {
    context.addIssue({ code: 'custom', message: ROSTER_MESSAGES.notNumber(trimmed) })
    return null
  }
  if (value < 0) context.addIssue({ code: 'custom', message: ROSTER_MESSAGES.negative })
  return value
})

const seqField = z.string().transform((text, context): number => {
  const trimmed = text.trim()
  if (trimmed === '') {
    context.addIssue({ code: 'custom', message: ROSTER_MESSAGES.empty })
    return 0
  }
  // 「第3段」 and 「3」 both mean segment 3.
  const value = parseStrictNumber(trimmed.replace(/^第\s*/, '').replace(/\s*段$/, ''))
  if (value === null || !Number.isInteger(value) || value < 1) context.addIssue({ code: 'custom', message: ROSTER_MESSAGES.notPositiveInteger(trimmed) })
  return value ?? 0
})

const phoneField = optionalText(30).refine((text) => text === '' || /^[0-9+\-\s()]{3,30}$/.test(text.normalize('NFKC')), {
  error: (issue) => ROSTER_MESSAGES.notPhone(String(issue.input)),
})

function schemas(options: RosterImportOptions) {
  const shifts = options.shifts ?? []
  return {
    cleaners: z.object({
      employeeNo: requiredText(40),
      name: requiredText(40),
      team: requiredText(),
      phone: phoneField,
      shift: shiftField(shifts, false),
    }),
    assignments: z
      .object({
        employeeNo: requiredText(40),
        backStreet: requiredText(),
        seq: seqField,
        shift: shiftField(shifts, true),
        fromM: metresField,
        toM: metresField,
      })
      .superRefine((row, context) => {
        if (row.fromM !== null && row.toM !== null && row.fromM >= 0 && row.toM >= 0 && row.toM <= row.fromM) {
          context.addIssue({ code: 'custom', path: ['toM'], message: ROSTER_MESSAGES.fromNotBeforeTo(row.fromM, row.toM) })
        }
      }),
    facilityDuties: z
      .object({
        facility: requiredText(),
        employeeNo: requiredText(40),
        deputyEmployeeNo: optionalText(40).transform((text) => (text === '' ? null : text)),
      })
      .superRefine((row, context) => {
        if (row.deputyEmployeeNo !== null && row.deputyEmployeeNo === row.employeeNo) {
          context.addIssue({ code: 'custom', path: ['deputyEmployeeNo'], message: ROSTER_MESSAGES.deputySameAsResponsible })
        }
      }),
  }
}

function rowError(row: number, field: string, reason: string, sheet?: string): RosterRowError {
  const error: RosterRowError = { row, field, reason, message: rowMessage(row, field, reason) }
  if (sheet !== undefined) error.sheet = sheet
  return error
}

/** Validates a table already read (XLSX, CSV) as one kind of roster import. */
export function parseRosterTable<K extends RosterImportKind>(kind: K, table: Table, options: RosterImportOptions = {}, sheet?: string): RosterImportResult<K> {
  const notices = [...(table.notices ?? []).map((notice) => notice.message), ...(table.issues ?? []).map((issue) => rowMessage(issue.row, issue.field, issue.message))]
  const { byField, missing } = mapColumns(kind, table.columns)
  if (missing.length > 0) {
    return {
      kind,
      rows: [],
      errors: missing.map((label) => rowError(1, label, ROSTER_MESSAGES.missingColumn, sheet)),
      rowCount: table.rows.length,
      notices,
    }
  }
  const schema = schemas(options)[kind]
  const rows: RosterImportRows[K][] = []
  const errors: RosterRowError[] = []
  table.rows.forEach((record, index) => {
    const row = rowNumberOf(table, index)
    const raw: Record<string, string> = {}
    for (const column of ROSTER_IMPORT_COLUMNS[kind]) raw[column.field] = record[byField.get(column.field) ?? ''] ?? ''
    const parsed = schema.safeParse(raw)
    if (parsed.success) {
      rows.push({ row, ...parsed.data } as RosterImportRows[K])
      return
    }
    const seen = new Set<string>()
    for (const issue of parsed.error.issues) {
      const field = labelOf(kind, String(issue.path[0] ?? ''))
      if (seen.has(field + issue.message)) continue
      seen.add(field + issue.message)
      errors.push(rowError(row, field, issue.message, sheet))
    }
  })
  const kept = withinFileChecks(kind, rows, errors, sheet)
  errors.sort((a, b) => a.row - b.row)
  return { kind, rows: kept, errors, rowCount: table.rows.length, notices }
}

/**
 * What no single row shows: a 工号 twice among the cleaners, a run of one segment and shift
 * given twice (overlapping), one facility twice. The first row stands; the later is the error.
 */
function withinFileChecks<K extends RosterImportKind>(kind: K, rows: RosterImportRows[K][], errors: RosterRowError[], sheet?: string): RosterImportRows[K][] {
  const kept: RosterImportRows[K][] = []
  if (kind === 'cleaners') {
    const first = new Map<string, number>()
    for (const row of rows as CleanerImportRow[]) {
      const earlier = first.get(row.employeeNo)
      if (earlier !== undefined) errors.push(rowError(row.row, '工号', ROSTER_MESSAGES.duplicateEmployeeNo(earlier), sheet))
      else {
        first.set(row.employeeNo, row.row)
        kept.push(row as RosterImportRows[K])
      }
    }
    return kept
  }
  if (kind === 'facilityDuties') {
    const first = new Map<string, number>()
    for (const row of rows as FacilityDutyImportRow[]) {
      const earlier = first.get(row.facility)
      if (earlier !== undefined) errors.push(rowError(row.row, '设施名称', ROSTER_MESSAGES.duplicateFacility(earlier), sheet))
      else {
        first.set(row.facility, row.row)
        kept.push(row as RosterImportRows[K])
      }
    }
    return kept
  }
  const runs = new Map<string, AssignmentImportRow[]>()
  for (const row of rows as AssignmentImportRow[]) {
    const key = `${row.backStreet}\u0000${row.seq}\u0000${row.shift}`
    const list = runs.get(key) ?? []
    const from = row.fromM ?? 0
    const to = row.toM ?? Infinity
    const clash = list.find((other) => from < (other.toM ?? Infinity) && (other.fromM ?? 0) < to)
    if (clash) errors.push(rowError(row.row, row.fromM !== null || row.toM !== null ? '起点米' : '段号', ROSTER_MESSAGES.overlappingRun(clash.row), sheet))
    else {
      list.push(row)
      runs.set(key, list)
      kept.push(row as RosterImportRows[K])
    }
  }
  return kept
}

/** One file (XLSX first sheet, or CSV) as one kind of import. File-level problems throw TableError. */
export async function readRosterFile<K extends RosterImportKind>(bytes: Uint8Array, fileName: string, kind: K, options: RosterImportOptions = {}): Promise<RosterImportResult<K>> {
  return parseRosterTable(kind, await readTable(bytes, fileName), options)
}

export interface RosterWorkbookResult {
  cleaners?: RosterImportResult<'cleaners'>
  assignments?: RosterImportResult<'assignments'>
  facilityDuties?: RosterImportResult<'facilityDuties'>
  /** sheets with content whose header fits no kind, and sheets of a kind already taken */
  skippedSheets: { sheet: string; reason: string }[]
}

/**
 * A workbook holding any of the three as separate sheets (e.g. 保洁员 / 排班 / 设施包干): each
 * sheet's kind is read from its header, so sheet names and order do not matter. A file that is
 * not a workbook throws TableError, as the other readers do.
 */
export async function readRosterWorkbook(bytes: Uint8Array, options: RosterImportOptions = {}): Promise<RosterWorkbookResult> {
  if (bytes.length === 0) throw new TableError('empty_file')
  const excel = await loadExcel()
  const workbook = new excel.Workbook()
  try {
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer)
  } catch (error) {
    throw new TableError('unreadable_xlsx', error instanceof Error ? error.message : undefined, { cause: error })
  }
  const result: RosterWorkbookResult = { skippedSheets: [] }
  const sheetOfKind = new Map<RosterImportKind, string>()
  for (const sheet of workbook.worksheets) {
    const table = sheetTable(sheet)
    if (!table) continue
    const kind = detectRosterKind(table.columns)
    if (kind === null) {
      result.skippedSheets.push({ sheet: sheet.name, reason: ROSTER_MESSAGES.unknownKind })
      continue
    }
    const taken = sheetOfKind.get(kind)
    if (taken !== undefined) {
      result.skippedSheets.push({ sheet: sheet.name, reason: ROSTER_MESSAGES.kindAlreadyRead(taken) })
      continue
    }
    sheetOfKind.set(kind, sheet.name)
    const parsed = parseRosterTable(kind, table, options, sheet.name)
    ;(result as Record<RosterImportKind, RosterImportResult>)[kind] = parsed
  }
  return result
}

type ExcelModule = typeof import('exceljs')

/** exceljs is large: loaded on first use, as the tabular reader does. */
export async function loadExcel(): Promise<ExcelModule> {
  const loaded = (await import('exceljs')) as ExcelModule & { default?: ExcelModule }
  return loaded.default ?? loaded
}

/** One worksheet as a Table (header in its first non-empty row), or null when it is empty. */
function sheetTable(sheet: import('exceljs').Worksheet): Table | null {
  const lines: { number: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value)
    })
    for (let index = 0; index < cells.length; index++) cells[index] ??= ''
    lines.push({ number: row.number, cells })
  })
  const headerAt = lines.findIndex((line) => !isBlankRow(line.cells))
  if (headerAt < 0) return null
  const header = cleanHeaderCells(lines[headerAt].cells, lines[headerAt].number)
  const columns = columnsFromHeader(header.cells)
  const rows: Record<string, string>[] = []
  const rowNumbers: number[] = []
  const issues = [...header.issues]
  for (const line of lines.slice(headerAt + 1)) {
    if (isBlankRow(line.cells)) continue
    const read = recordFromCells(columns, line.cells, line.number, ' | ')
    rows.push(read.record)
    rowNumbers.push(line.number)
    issues.push(...read.issues)
  }
  return { columns, rows, format: 'xlsx', rowNumbers, issues }
}
