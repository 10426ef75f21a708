/**
 * Reading a roster spreadsheet (XLSX, or CSV) for the people and facility panels, and turning
 * the cleaners' sheet (工号 / 姓名 / 班组 / 电话 / 班次) into the rows `roster_import_cleaners`
 * takes. Rows are read and checked by the roster's import (domain/roster/xlsx-import.ts: every
 * bad row reported 「第 N 行 字段：原因」); this adds what the panel knows (the team being looked
 * at) and the payload. Nothing here writes: the panel sends the rows only when there is no
 * error at all.
 */
import { mapColumns } from '../../domain/roster/import-columns.ts'
import type { ShiftCode, ShiftDef } from '../../domain/roster/types.ts'
import { parseRosterTable, type RosterRowError } from '../../domain/roster/xlsx-import.ts'
import { readTable, type Table } from '../../domain/tabular/index.ts'

export type { RosterRowError } from '../../domain/roster/xlsx-import.ts'

export interface ImportResult<Row> {
  rows: Row[]
  /** every bad row (and missing column), each worded 「第 N 行 字段：原因」 */
  errors: RosterRowError[]
  /** data rows read from the file */
  read: number
  /** about the file as a whole (other sheets not read, characters removed, …) */
  notices: string[]
}

/** The file's first sheet (or a CSV) as named columns of strings. */
export async function readRosterSheet(file: Blob & { name: string }): Promise<Table> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  return readTable(bytes, file.name)
}

/** One row of `roster_import_cleaners` (snake_case, as the SQL reads it). */
export interface CleanerImportPayload {
  row: number
  employee_no: string
  name: string
  team: string
  /** only when the file has the column: an absent key keeps the stored value */
  phone?: string
  /** only when the file has the column; null = any shift (不限 or empty) */
  shift?: ShiftCode | null
}

const ANY_SHIFT = new Set(['不限', '任意', 'any'])

/**
 * The cleaners' sheet as import rows, read by the roster's import (domain/roster/xlsx-import.ts).
 * Without a 班组 column every row joins `defaultTeam` (the team being looked at); 不限 in 班次
 * means any shift. 电话 and 班次 are sent only when the file has them, so a sheet of names and
 * numbers does not wipe the phones and shifts already stored.
 */
export function cleanerRowsFromTable(table: Table, shifts: readonly ShiftDef[], defaultTeam: string | null): ImportResult<CleanerImportPayload> {
  let input = table
  // The SQL names a team 保洁队; a sheet may too.
  const teamAlias = table.columns.find((column) => TEAM_ALIASES.includes(column.trim()))
  if (teamAlias && !mapColumns('cleaners', table.columns).byField.has('team')) {
    input = { ...input, columns: input.columns.map((column) => (column === teamAlias ? TEAM_COLUMN : column)), rows: input.rows.map(({ [teamAlias]: team, ...rest }) => ({ ...rest, [TEAM_COLUMN]: team })) }
  }
  const { byField } = mapColumns('cleaners', input.columns)
  const shiftColumn = byField.get('shift')
  if (!byField.has('team') && defaultTeam) {
    input = { ...input, columns: [...input.columns, TEAM_COLUMN], rows: input.rows.map((record) => ({ ...record, [TEAM_COLUMN]: defaultTeam })) }
  }
  if (shiftColumn) {
    input = { ...input, rows: input.rows.map((record) => (ANY_SHIFT.has((record[shiftColumn] ?? '').trim().toLowerCase()) ? { ...record, [shiftColumn]: '' } : record)) }
  }
  const parsed = parseRosterTable('cleaners', input, { shifts })
  const rows = parsed.rows.map((row) => ({
    row: row.row,
    employee_no: row.employeeNo,
    name: row.name,
    team: row.team,
    ...(byField.has('phone') ? { phone: row.phone } : {}),
    ...(shiftColumn ? { shift: row.shift } : {}),
  }))
  return { rows, errors: parsed.errors, read: parsed.rowCount, notices: parsed.notices }
}

const TEAM_COLUMN = '班组'
const TEAM_ALIASES = ['保洁队', '所属保洁队', '保洁队名称']

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

