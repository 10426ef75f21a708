/**
 * Any table the UI shows, as a file a city office opens in Excel or WPS: CSV (UTF-8 with a
 * BOM, without which Excel on a Chinese Windows reads the file as GBK and shows mojibake) and
 * XLSX (typed cells, so sums and sorting work without "convert to number").
 *
 * Values are written as data, not as the screen shows them: numbers unformatted, percentages
 * as fractions (0.25 is 25 %; the XLSX cell carries a % format), times as ISO 8601 at the
 * district's offset from UTC (China: +08:00) so a reader in another zone is not misled.
 *
 * exceljs is loaded on first use: it is large and only an XLSX export needs it.
 */
import type { Workbook, Worksheet } from 'exceljs'
import { formatAt } from '../../../domain/time/local-time.ts'
import { csvRecords, UTF8_BOM } from '../../../domain/tabular/write-csv.ts'

export type ExportColumnType = 'text' | 'number' | 'percent' | 'date'

export interface ExportColumn {
  /** the row's property this column shows */
  key: string
  /** the header as the user reads it (already translated) */
  title: string
  /** how cells are written; 'text' when absent */
  type?: ExportColumnType
}

/** A date column takes a Date, an ISO string ('YYYY-MM-DD' is a calendar day) or epoch ms. */
export type ExportCell = string | number | boolean | Date | null | undefined
export type ExportRow = Readonly<Record<string, ExportCell>>

export interface TableExportOptions {
  /**
   * Hours east of UTC at which instants are written (app_settings.timezone_offset_hours);
   * 8 (China) when absent.
   */
  utcOffsetHours?: number
}

export const CSV_MIME = 'text/csv;charset=utf-8'
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const DEFAULT_OFFSET_HOURS = 8
const HOUR_MS = 3_600_000
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/

/** A date cell read: a calendar day stays a day, anything else is an instant. */
type DateValue = { day: string } | { instantMs: number }

function dateValue(value: ExportCell): DateValue | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { instantMs: value.getTime() }
  if (typeof value === 'number') return Number.isFinite(value) ? { instantMs: value } : null
  if (typeof value !== 'string') return null
  if (CALENDAR_DAY.test(value)) return { day: value }
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? null : { instantMs: parsed }
}

function finiteNumber(value: ExportCell): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** One cell as CSV text. A value of the wrong kind is written as it is rather than dropped. */
function csvCell(value: ExportCell, type: ExportColumnType, offsetHours: number): string {
  if (value === null || value === undefined) return ''
  if (type === 'number' || type === 'percent') {
    const number = finiteNumber(value)
    if (number !== null) return String(number)
    if (typeof value === 'number') return '' // NaN or ±Infinity: no value, not the word
  }
  if (type === 'date') {
    const date = dateValue(value)
    if (date) return 'day' in date ? date.day : formatAt(date.instantMs, offsetHours)
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatAt(value.getTime(), offsetHours)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return String(value)
}

/**
 * The table as CSV text: a BOM, the header, one CRLF-terminated record per row, quoted as
 * RFC 4180 says (a cell holding a comma, quote or line break is quoted, quotes doubled), and
 * text that a spreadsheet would run as a formula prefixed with ' (write-csv.ts).
 */
export function tableToCsv(columns: readonly ExportColumn[], rows: readonly ExportRow[], options: TableExportOptions = {}): string {
  const offsetHours = options.utcOffsetHours ?? DEFAULT_OFFSET_HOURS
  const records = [
    columns.map((column) => column.title),
    ...rows.map((row) => columns.map((column) => csvCell(row[column.key], column.type ?? 'text', offsetHours))),
  ]
  return UTF8_BOM + csvRecords(records)
}

type ExcelModule = typeof import('exceljs')

/** The interop of read-xlsx.ts: the Node build is CommonJS (a default export), the browser build is not. */
async function loadExcel(): Promise<ExcelModule> {
  const loaded = (await import('exceljs')) as ExcelModule & { default?: ExcelModule }
  return loaded.default ?? loaded
}

// eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot hold: one would make the whole file unreadable
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g
const SHEET_NAME_ILLEGAL = /[\\/?*[\]:]/g
const SHEET_NAME_MAX = 31

/** Excel refuses a sheet name over 31 characters, with any of \ / ? * [ ] :, or edged by an apostrophe. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(XML_ILLEGAL, '').replace(SHEET_NAME_ILLEGAL, '_').replace(/^'+|'+$/g, '').trim()
  return Array.from(cleaned).slice(0, SHEET_NAME_MAX).join('') || 'Sheet1'
}

/** exceljs writes a Date's UTC fields as Excel's zone-less wall-clock time: shift the instant to local. */
function excelDate(date: DateValue, offsetHours: number): Date {
  return 'day' in date ? new Date(`${date.day}T00:00:00Z`) : new Date(date.instantMs + offsetHours * HOUR_MS)
}

type XlsxValue = string | number | boolean | Date | null

function xlsxCell(value: ExportCell, type: ExportColumnType, offsetHours: number): XlsxValue {
  if (value === null || value === undefined) return null
  if (type === 'number' || type === 'percent') {
    const number = finiteNumber(value)
    if (number !== null) return number
    if (typeof value === 'number') return null
  }
  if (type === 'date') {
    const date = dateValue(value)
    if (date) return excelDate(date, offsetHours)
  }
  if (typeof value === 'boolean') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : excelDate({ instantMs: value.getTime() }, offsetHours)
  // A string is stored as a string (never a formula), so no ' is needed as it is in CSV.
  return String(value).replace(XML_ILLEGAL, '')
}

const PERCENT_FORMAT = '0.0%'
const DAY_FORMAT = 'yyyy-mm-dd'
const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss'
const MIN_WIDTH = 6
const MAX_WIDTH = 60

/** Width in Excel's character units: CJK and other wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const character of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(character) ? 2 : 1
  return width
}

function shownText(value: XlsxValue, format: string | undefined): string {
  if (value === null) return ''
  if (value instanceof Date) return format ?? TIME_FORMAT
  if (typeof value === 'number' && format === PERCENT_FORMAT) return `${(value * 100).toFixed(1)}%`
  return String(value)
}

/**
 * The table as an .xlsx workbook of one sheet: the header row bold and frozen with a filter on
 * it, numbers and times as typed cells, percentages as fractions shown with %, columns as wide
 * as their longest text (up to a limit).
 */
export async function tableToXlsx(
  sheetName: string,
  columns: readonly ExportColumn[],
  rows: readonly ExportRow[],
  options: TableExportOptions = {},
): Promise<Blob> {
  return tablesToXlsx([{ name: sheetName, columns, rows }], options)
}

export interface ExportSheet {
  name: string
  columns: readonly ExportColumn[]
  rows: readonly ExportRow[]
}

/** Several tables as one workbook, a sheet each, every sheet written as tableToXlsx writes its one. */
export async function tablesToXlsx(sheets: readonly ExportSheet[], options: TableExportOptions = {}): Promise<Blob> {
  const offsetHours = options.utcOffsetHours ?? DEFAULT_OFFSET_HOURS
  const excel = await loadExcel()
  const workbook: Workbook = new excel.Workbook()
  for (const { name, columns, rows } of sheets) {
    const sheet: Worksheet = workbook.addWorksheet(safeSheetName(name), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] })
    const values = rows.map((row) => columns.map((column) => xlsxCell(row[column.key], column.type ?? 'text', offsetHours)))
    const formats = columns.map((column, index) => columnFormat(column.type ?? 'text', values, index))

    sheet.addRow(columns.map((column) => column.title)).font = { bold: true }
    for (const cells of values) sheet.addRow(cells)
    columns.forEach((column, index) => {
      const sheetColumn = sheet.getColumn(index + 1)
      if (formats[index]) sheetColumn.numFmt = formats[index]
      const longest = values.reduce((widest, cells) => Math.max(widest, displayWidth(shownText(cells[index], formats[index]))), displayWidth(column.title))
      sheetColumn.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2))
    })
    if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Blob([buffer as ArrayBuffer], { type: XLSX_MIME })
}

/** A date column shows time of day only if some value in it has one. */
function columnFormat(type: ExportColumnType, values: readonly XlsxValue[][], index: number): string | undefined {
  if (type === 'percent') return PERCENT_FORMAT
  if (type !== 'date') return undefined
  const withTime = values.some((cells) => {
    const value = cells[index]
    return value instanceof Date && value.getTime() % 86_400_000 !== 0
  })
  return withTime ? TIME_FORMAT : DAY_FORMAT
}

/** The CSV text as a file body. */
export function csvBlob(csv: string): Blob {
  return new Blob([csv], { type: CSV_MIME })
}

// Characters Windows refuses in a file name, and controls.
// eslint-disable-next-line no-control-regex -- Windows refuses control characters in file names
const FILE_NAME_ILLEGAL = /[<>:"/\\|?*\u0000-\u001f]/g

/**
 * A file name for an export: the name the user reads (e.g. 热点排名_街道), made safe on
 * Windows, with the local day it was made, e.g. 热点排名_街道_20260305.xlsx.
 */
export function exportFileName(name: string, extension: string, madeAt: Date = new Date(), utcOffsetHours = DEFAULT_OFFSET_HOURS): string {
  const safe = name.replace(FILE_NAME_ILLEGAL, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '') || 'export'
  const day = formatAt(madeAt.getTime(), utcOffsetHours).slice(0, 10).replaceAll('-', '')
  return `${safe}_${day}.${extension}`
}

/**
 * Hands a file to the browser's download (the user's download folder, or its save dialog).
 * The object URL is released once the click has been dispatched and the download has begun.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers (older Safari, Firefox).
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
