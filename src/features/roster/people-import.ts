/**
 * Reading a roster spreadsheet (XLSX, or CSV) for the people and facility panels, and turning
 * the cleaners' sheet (工号 / 姓名 / 班组 / 电话 / 班次) into the rows `roster_import_cleaners`
 * takes, with every bad row reported by row and field. Nothing here writes: the panel sends
 * the rows only when there is no error at all.
 *
 * `readRosterSheet` is the one place a file becomes a table; the domain's roster XLSX import
 * (domain/roster/xlsx-import.ts) can take its place without the panels changing.
 */
import { readTable, rowNumberOf, type Table } from '../../domain/tabular/index.ts'
import { SHIFT_CODES, type ShiftCode, type ShiftDef } from '../../domain/roster/types.ts'

/** Why a row cannot be imported; the panel words it (i18n `people.reason.*`). */
export type ImportReason = 'missing' | 'duplicate' | 'badShift' | 'badPhone' | 'tooLong' | 'unknownFacility' | 'sameAsResponsible' | 'noColumn'

export interface ImportRowError {
  /** the spreadsheet row (header = 1); 0 for the file as a whole (a missing column) */
  row: number
  /** the column as the file names it (工号, 姓名, …) */
  field: string
  reason: ImportReason
  /** the offending text, when there is one */
  value?: string
}

export interface ImportResult<Row> {
  rows: Row[]
  errors: ImportRowError[]
  /** data rows read from the file */
  read: number
}

/** The file's first sheet (or a CSV) as named columns of strings. */
export async function readRosterSheet(file: Blob & { name: string }): Promise<Table> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  return readTable(bytes, file.name)
}

/** The column a header names, accepting a few spellings (trimmed, case-insensitive). */
export function findColumn(columns: readonly string[], names: readonly string[]): string | null {
  const wanted = names.map((name) => name.toLowerCase())
  return columns.find((column) => wanted.includes(column.trim().toLowerCase())) ?? null
}

export const CLEANER_COLUMNS = {
  employeeNo: ['工号', '员工编号', 'employee_no', 'employee no'],
  name: ['姓名', 'name'],
  team: ['班组', '所属班组', '保洁队', 'team'],
  phone: ['电话', '联系电话', '手机', 'phone'],
  shift: ['班次', 'shift'],
} as const

/** One row of `roster_import_cleaners` (snake_case, as the SQL reads it). */
export interface CleanerImportRow {
  row: number
  employee_no: string
  name: string
  team: string
  /** only when the file has the column: an absent key keeps the stored value */
  phone?: string
  /** only when the file has the column; null = any shift (不限 or empty) */
  shift?: ShiftCode | null
}

const ANY_SHIFT = ['', '不限', '任意', 'any']

/** A 班次 cell: a shift's name (早班/白班/晚班, or as configured), its code, or 不限/empty for any. */
export function parseShift(text: string, shifts: readonly Pick<ShiftDef, 'code' | 'name'>[]): ShiftCode | null | undefined {
  const value = text.trim()
  if (ANY_SHIFT.includes(value.toLowerCase())) return null
  const byName = shifts.find((shift) => shift.name === value)
  if (byName) return byName.code
  const code = SHIFT_CODES.find((candidate) => candidate === value.toLowerCase())
  if (code) return code
  const fallback: Record<string, ShiftCode> = { 早班: 'early', 白班: 'day', 中班: 'day', 晚班: 'late' }
  return fallback[value]
}

const PHONE = /^[0-9+\-\s()]{3,20}$/

/**
 * The cleaners' sheet as import rows. A row without 班组 joins `defaultTeam` (the team being
 * looked at); without one either, 班组 is missing. Duplicate 工号 within the file are errors
 * on every later occurrence.
 */
export function cleanerRowsFromTable(table: Table, shifts: readonly Pick<ShiftDef, 'code' | 'name'>[], defaultTeam: string | null): ImportResult<CleanerImportRow> {
  const columns = {
    employeeNo: findColumn(table.columns, CLEANER_COLUMNS.employeeNo),
    name: findColumn(table.columns, CLEANER_COLUMNS.name),
    team: findColumn(table.columns, CLEANER_COLUMNS.team),
    phone: findColumn(table.columns, CLEANER_COLUMNS.phone),
    shift: findColumn(table.columns, CLEANER_COLUMNS.shift),
  }
  const errors: ImportRowError[] = []
  if (!columns.employeeNo) errors.push({ row: 0, field: '工号', reason: 'noColumn' })
  if (!columns.name) errors.push({ row: 0, field: '姓名', reason: 'noColumn' })
  if (!columns.team && !defaultTeam) errors.push({ row: 0, field: '班组', reason: 'noColumn' })
  if (errors.length > 0) return { rows: [], errors, read: table.rows.length }

  const rows: CleanerImportRow[] = []
  const seen = new Set<string>()
  table.rows.forEach((record, index) => {
    const row = rowNumberOf(table, index)
    const cell = (column: string | null) => (column ? (record[column] ?? '').trim() : '')
    const rowErrors: ImportRowError[] = []
    const employeeNo = cell(columns.employeeNo)
    const name = cell(columns.name)
    const team = cell(columns.team) || defaultTeam || ''
    const phone = cell(columns.phone)
    const shiftText = cell(columns.shift)
    if (employeeNo === '') rowErrors.push({ row, field: columns.employeeNo ?? '工号', reason: 'missing' })
    else if (employeeNo.length > 20) rowErrors.push({ row, field: columns.employeeNo ?? '工号', reason: 'tooLong', value: employeeNo })
    else if (seen.has(employeeNo)) rowErrors.push({ row, field: columns.employeeNo ?? '工号', reason: 'duplicate', value: employeeNo })
    if (name === '') rowErrors.push({ row, field: columns.name ?? '姓名', reason: 'missing' })
    else if (name.length > 40) rowErrors.push({ row, field: columns.name ?? '姓名', reason: 'tooLong', value: name })
    if (team === '') rowErrors.push({ row, field: columns.team ?? '班组', reason: 'missing' })
    if (phone !== '' && !PHONE.test(phone)) rowErrors.push({ row, field: columns.phone ?? '电话', reason: 'badPhone', value: phone })
    const shift = parseShift(shiftText, shifts)
    if (shift === undefined) rowErrors.push({ row, field: columns.shift ?? '班次', reason: 'badShift', value: shiftText })
    if (employeeNo !== '') seen.add(employeeNo)
    if (rowErrors.length > 0) {
      errors.push(...rowErrors)
      return
    }
    rows.push({
      row,
      employee_no: employeeNo,
      name,
      team,
      ...(columns.phone ? { phone } : {}),
      ...(columns.shift ? { shift: shift ?? null } : {}),
    })
  })
  return { rows, errors, read: table.rows.length }
}

/** The JSON `roster_save_cleaner` takes: an id updates, none creates. */
export interface CleanerForm {
  name: string
  employeeNo: string
  shift: ShiftCode | 'any'
  phone?: string
}

export function cleanerPayload(values: CleanerForm, teamId: number, id: number | null): Record<string, unknown> {
  return {
    ...(id === null ? {} : { id }),
    team_id: teamId,
    name: values.name.trim(),
    employee_no: values.employeeNo.trim(),
    phone: (values.phone ?? '').trim(),
    shift: values.shift === 'any' ? null : values.shift,
  }
}

/** Distinct segments a cleaner has any piece of (on any shift), among the assignments open on a day. */
export function segmentsHeldBy(assignments: readonly { segmentId: number; cleanerId: number }[], cleanerId: number): number {
  return new Set(assignments.filter((assignment) => assignment.cleanerId === cleanerId).map((assignment) => assignment.segmentId)).size
}

/** `HH:MM` (24 h); the shift editor refuses anything else before anything is sent. */
export function isClock(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text.trim())
}

/** The JSON `roster_save_shifts` takes: every shift with its name and hours. */
export function shiftsPayload(shifts: readonly ShiftDef[]): Record<string, unknown> {
  return { shifts: shifts.map((shift) => ({ code: shift.code, name: shift.name.trim(), starts: shift.starts.trim(), ends: shift.ends.trim() })) }
}

/** 「第 N 行 字段：原因」 (or 「字段：原因」 for the file as a whole), in the UI's words. */
export function errorLine(t: (key: string, options?: Record<string, unknown>) => string, error: ImportRowError): string {
  const reason = t(`people.reason.${error.reason}`, { value: error.value ?? '' })
  return error.row > 0 ? t('people.errorLine', { row: error.row, field: error.field, reason }) : t('people.fileLine', { field: error.field, reason })
}
