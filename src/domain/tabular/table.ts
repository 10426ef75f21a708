/**
 * A file's contents as the importers see it: named columns, every value a string (exactly what
 * the user typed or the cell showed), rows in file order. Typing and validation happen later,
 * per row, so one bad cell never loses the rest of the file.
 */
import type { ReadIssue, ReadNotice } from './read-issue.ts'

export type TableFormat = 'csv' | 'xlsx' | 'geojson' | 'open311'
/** GBK files are decoded as GB18030, its superset, so no character GBK lacks is lost. */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be'

export interface Table {
  columns: string[]
  rows: Record<string, string>[]
  format: TableFormat
  encoding?: TextEncodingName
  /** Per row, GeoJSON inputs only (null where a feature has no geometry). */
  geometries?: (GeoJSON.Geometry | null)[]
  /**
   * Per row, where the user finds it: the spreadsheet row number (header = 1) for CSV and
   * XLSX, which differs from index + 2 once blank lines are skipped; the feature or request
   * number (first = 1) for GeoJSON and Open311.
   */
  rowNumbers?: number[]
  /**
   * Rows the reader refused (not among `rows`) and rows it read with a change, by row. Readers
   * always fill it; tables built by hand may leave it out.
   */
  issues?: ReadIssue[]
  /** About the file as a whole, e.g. parts in different encodings. */
  notices?: ReadNotice[]
}

/** 1-based row number the user sees for the row at `index`. */
export function rowNumberOf(table: Pick<Table, 'rowNumbers' | 'format'>, index: number): number {
  if (table.rowNumbers && table.rowNumbers[index] !== undefined) return table.rowNumbers[index]
  return table.format === 'csv' || table.format === 'xlsx' ? index + 2 : index + 1
}
