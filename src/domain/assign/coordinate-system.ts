/**
 * Declared coordinate systems of input data and their conversion to WGS84 (gcoord).
 * Chinese web-map data (Amap, Tencent, DataV) is GCJ-02; Baidu's is BD-09.
 */
import gcoord from 'gcoord'

export type CoordinateSystem = 'wgs84' | 'gcj02' | 'bd09'
export const COORDINATE_SYSTEMS: readonly CoordinateSystem[] = ['wgs84', 'gcj02', 'bd09']

const GCOORD_NAMES = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

/** (lon, lat) in `from` → WGS84; identity for WGS84 input. */
export function toWgs84(lon: number, lat: number, from: CoordinateSystem): [number, number] {
  if (from === 'wgs84') return [lon, lat]
  const [x, y] = gcoord.transform([lon, lat], GCOORD_NAMES[from], gcoord.WGS84) as [number, number]
  return [x, y]
}
