/**
 * The H3 cell a case is counted in: resolution 9 (about 0.1 km², 174 m from centre to
 * corner), fine enough for a street block, coarse enough that a district of 80 km² has
 * under a thousand cells — what Gi* needs (≥ 30 units, counts mostly above zero).
 *
 * Two spellings of one cell: h3-js's text (lowercase hexadecimal, no leading zero,
 * '8931aa4a8a3ffff') and the 64-bit number the database stores in incidents.h3_r9 (bigint).
 * node-postgres returns a bigint as a decimal string and JSON as a number that loses its low
 * bits, so reads send to_hex(h3_r9) — the text form — and these functions convert the rest.
 */
import { getResolution, isValidCell, latLngToCell } from 'h3-js'

export const H3_RESOLUTION = 9

/** The resolution-9 cell of a WGS84 point. */
export function caseCell(lon: number, lat: number): string {
  return latLngToCell(lat, lon, H3_RESOLUTION)
}

/** Whether the cell is the one the point falls in (the check the database cannot make). */
export function cellContainsPoint(cell: string, lon: number, lat: number): boolean {
  return caseCell(lon, lat) === cell.toLowerCase()
}

/** Why a text is not a resolution-9 cell (Chinese, for the row it came with), or null. */
export function h3CellProblem(cell: string): string | null {
  if (!/^[0-9a-fA-F]{1,16}$/.test(cell)) return `“${cell.slice(0, 40)}”不是 H3 单元编号（应为 15 位十六进制数字）`
  if (!isValidCell(cell)) return `“${cell}”不是有效的 H3 单元编号`
  const resolution = getResolution(cell)
  if (resolution !== H3_RESOLUTION) return `“${cell}”是分辨率 ${resolution} 的 H3 单元，应为分辨率 ${H3_RESOLUTION}`
  return null
}

/** The database's bigint (a decimal string from node-postgres, a bigint or number from PGlite) as h3-js text. */
export function cellFromBigint(value: string | bigint): string {
  return BigInt(value).toString(16)
}

/** h3-js text as the decimal the database's bigint takes as a parameter or a literal. */
export function cellToDecimal(cell: string): string {
  return BigInt(`0x${cell}`).toString(10)
}
