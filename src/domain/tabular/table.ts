/**
 * A file's contents as the importers see it: named columns, every value a string (exactly what
 * the user typed or the cell showed), rows in file order. Typing and validation happen later,
 * per row, so one bad cell never loses the rest of the file.
 */
export type TableFormat = 'csv' | 'xlsx' | 'geojson' | 'open311'
export type TextEncodingName = 'utf-8' | 'gbk'

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
}

/** 1-based row number the user sees for the row at `index`. */
export function rowNumberOf(table: Pick<Table, 'rowNumbers' | 'format'>, index: number): number {
  if (table.rowNumbers && table.rowNumbers[index] !== undefined) return table.rowNumbers[index]
  return table.format === 'csv' || table.format === 'xlsx' ? index + 2 : index + 1
}
