/**
 * The coordinate systems Chinese exports come in. WGS84 is GPS and what we store; GCJ-02 is
 * what Amap, Tencent and most hotline/government map pickers hand out (≈ 500 m off WGS84 here);
 * BD-09 is Baidu's. Converting with gcoord is exact to millimetres for GCJ-02 and centimetres
 * for BD-09 — far below what a case location needs.
 */
import gcoord from 'gcoord'

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number]

export const COORDINATE_SYSTEM_LABELS: Record<CoordinateSystem, string> = {
  wgs84: 'WGS84（GPS、天地图）',
  gcj02: 'GCJ-02（高德、腾讯）',
  bd09: 'BD-09（百度）',
}

export const COORDINATE_SYSTEM_SHORT_NAMES: Record<CoordinateSystem, string> = {
  wgs84: 'WGS84',
  gcj02: 'GCJ-02',
  bd09: 'BD-09',
}

const GCOORD_SYSTEM = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

/** [lon, lat] in `from` → WGS84. Outside China gcoord leaves GCJ-02/BD-09 points unshifted, as the systems define. */
export function toWgs84(lon: number, lat: number, from: CoordinateSystem): [number, number] {
  if (from === 'wgs84') return [lon, lat]
  const [x, y] = gcoord.transform([lon, lat], GCOORD_SYSTEM[from], gcoord.WGS84) as [number, number]
  return [x, y]
}

/** WGS84 → `to`; used to write test and demo files the way other systems export them. */
export function fromWgs84(lon: number, lat: number, to: CoordinateSystem): [number, number] {
  if (to === 'wgs84') return [lon, lat]
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, GCOORD_SYSTEM[to]) as [number, number]
  return [x, y]
}
