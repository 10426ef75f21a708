/**
 * What the import pipeline produces and the database takes: one row of
 * public.intake_incidents(p_rows json), plus the problems found on the way.
 */
import { CASE_SOURCES } from '../cases/workflow.ts'

/** Where a case came from: the workflow's list (its 核实 step depends on it). */
export const INCIDENT_SOURCES = CASE_SOURCES
export type IncidentSource = (typeof INCIDENT_SOURCES)[number]

export interface IntakeRow {
  external_id: string
  /** WGS84 */
  lon: number
  lat: number
  /** 5-digit GB/T 47678.5 matter code */
  category_code: string
  source: IncidentSource
  description: string
  /** ISO-8601 with an explicit offset, e.g. 2026-03-05T08:05:00+08:00 */
  reported_at: string
}

/** Machine-readable reasons a row is refused; the Chinese text is in RowError.reason. */
export type RowErrorCode =
  | 'missing'
  | 'not_a_number'
  | 'out_of_range'
  | 'outside_china'
  | 'outside_district'
  | 'no_point_geometry'
  | 'unknown_category'
  | 'unknown_source'
  | 'bad_date'
  | 'future_date'
  | 'too_long'
  | 'duplicate_id'
  | 'address_not_placed'
  | 'database'
  /** refused by the file reader: an unclosed quote, bytes no encoding reads, a non-object item */
  | 'unclosed_quote'
  | 'undecodable'
  | 'not_a_record'

export interface RowError {
  /** 1-based row as the user sees it: for CSV/XLSX the spreadsheet row (header = row 1) */
  row: number
  /** the file's column name, or the target field's Chinese label when no column is involved */
  field: string
  value: string
  /** Chinese, says what is wrong and, where possible, how to fix it */
  reason: string
  code: RowErrorCode
  /** which IntakeRow field the problem is about ('row' for the row as a whole) */
  target: keyof IntakeRow | 'row'
}

export type RowWarningCode =
  | 'swapped_coordinates'
  | 'placed_by_address'
  /** the dispatcher chose the location on the map */
  | 'placed_on_map'
  /** from the file reader: the row was read with a change, said in the message */
  | 'extra_cells'
  | 'control_characters'
  | 'stray_quote'
  | 'bad_geometry'

export interface RowWarning {
  row: number
  field: string
  value: string
  message: string
  code: RowWarningCode
}

/** Chinese labels of IntakeRow fields, for messages about a field that has no column. */
export const TARGET_LABELS: Record<keyof IntakeRow | 'row', string> = {
  external_id: '外部编号',
  lon: '经度',
  lat: '纬度',
  category_code: '问题类别',
  source: '来源',
  description: '问题描述',
  reported_at: '上报时间',
  row: '整行',
}
