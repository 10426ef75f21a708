/**
 * Turning raw cell arrays into named records. Shared by the whole-file and the streaming CSV
 * readers and by the XLSX reader, so all three name columns and skip blank rows alike.
 */

/**
 * Column names from a header row: trimmed; a blank header becomes 列N; a repeated name gets
 * " (2)", " (3)" … so no value is silently overwritten.
 */
export function columnsFromHeader(cells: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return cells.map((cell, index) => {
    const base = cell.replace(/^\uFEFF/, '').trim() || `列${index + 1}`
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    return count === 1 ? base : `${base} (${count})`
  })
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

/** Missing trailing cells read as ''; cells beyond the header are dropped (they have no name). */
export function recordFromCells(columns: readonly string[], cells: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {}
  for (let index = 0; index < columns.length; index++) record[columns[index]] = cells[index] ?? ''
  return record
}

/**
 * A first row made only of numbers is data, not a header: the file was exported without
 * column names, and guessing them would map the wrong columns.
 */
export function looksLikeDataRow(cells: readonly string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter((cell) => cell !== '')
  return filled.length > 0 && filled.every((cell) => /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell))
}
