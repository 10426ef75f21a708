/**
 * Which columns hold longitude and latitude, guessed from their names. An exact name (经度,
 * lon, longitude …) beats a name that merely contains one ("事发经度", "lat_gcj02", "pointLng");
 * Latin words must match a whole word so "platform" or "along" are not taken for coordinates.
 */
const LONGITUDE_NAMES = ['lon', 'lng', 'long', 'longitude', '经度', 'x', 'point_x', '坐标x', 'x坐标']
const LATITUDE_NAMES = ['lat', 'latitude', '纬度', 'y', 'point_y', '坐标y', 'y坐标']
const LONGITUDE_WORDS = new Set(['lon', 'lng', 'long', 'longitude'])
const LATITUDE_WORDS = new Set(['lat', 'latitude'])

function exactName(column: string): string {
  return column.trim().toLowerCase().replace(/\s+/g, '')
}

function latinWords(column: string): string[] {
  return column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word !== '')
}

function containsName(column: string, words: Set<string>, chinese: string): boolean {
  return column.includes(chinese) || latinWords(column).some((word) => words.has(word))
}

function find(columns: string[], exact: string[], words: Set<string>, chinese: string, exclude?: string): string | undefined {
  const candidates = columns.filter((column) => column !== exclude)
  for (const name of exact) {
    const hit = candidates.find((column) => exactName(column) === name)
    if (hit) return hit
  }
  return candidates.find((column) => containsName(column, words, chinese))
}

export function detectCoordinateColumns(columns: string[]): { lon?: string; lat?: string } {
  const lon = find(columns, LONGITUDE_NAMES, LONGITUDE_WORDS, '经度')
  const lat = find(columns, LATITUDE_NAMES, LATITUDE_WORDS, '纬度', lon)
  const result: { lon?: string; lat?: string } = {}
  if (lon) result.lon = lon
  if (lat) result.lat = lat
  return result
}
