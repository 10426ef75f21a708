/**
 * Did the user declare the right coordinate system? Try each system on (a sample of) the
 * points and count how many land in the district. GCJ-02 is only ≈ 500 m off WGS84, so in a
 * district 10 km across a wrong choice pushes out just the points near the boundary: the rule
 * compares shares instead of waiting for "most points outside".
 */
import {
  COORDINATE_SYSTEMS,
  COORDINATE_SYSTEM_SHORT_NAMES,
  toWgs84,
  type CoordinateSystem,
} from './coordinate-system.ts'
import { toDistrictArea, type DistrictInput } from './district-area.ts'

export interface CoordinateSystemSniff {
  declared: CoordinateSystem
  /** share of sampled points inside the district under each interpretation, 0..1 */
  shares: Record<CoordinateSystem, number>
  sampled: number
  /** the system that puts most points inside (the declared one on a tie) */
  likely: CoordinateSystem
  /** Chinese warning when the declaration looks wrong or the points do not fit at all; null when fine */
  warning: string | null
}

const SAMPLE_SIZE = 2000

/** `points` as read from the file, in the declared system. */
export function sniffCrs(
  points: readonly (readonly [number, number])[],
  districtInput: DistrictInput,
  declared: CoordinateSystem,
): CoordinateSystemSniff {
  const district = toDistrictArea(districtInput)
  const sample = evenSample(points, SAMPLE_SIZE)
  const inside = {} as Record<CoordinateSystem, number>
  for (const system of COORDINATE_SYSTEMS) {
    inside[system] = sample.filter(([lon, lat]) => district.contains(...toWgs84(lon, lat, system))).length
  }
  const shares = Object.fromEntries(
    COORDINATE_SYSTEMS.map((system) => [system, sample.length === 0 ? 0 : inside[system] / sample.length]),
  ) as Record<CoordinateSystem, number>
  let likely = declared
  for (const system of COORDINATE_SYSTEMS) if (inside[system] > inside[likely]) likely = system

  let warning: string | null = null
  const outsideDeclared = sample.length - inside[declared]
  const outsideLikely = sample.length - inside[likely]
  // A clear improvement: several points and a few percent more land inside.
  const clearlyBetter = likely !== declared && outsideDeclared - outsideLikely >= Math.max(5, 0.03 * sample.length)
  const percent = (share: number) => `${Math.round(share * 100)}%`
  if (clearlyBetter) {
    warning =
      `按声明的 ${COORDINATE_SYSTEM_SHORT_NAMES[declared]} 解释，${percent(1 - shares[declared])} 的点落在本区范围外；` +
      `按 ${COORDINATE_SYSTEM_SHORT_NAMES[likely]} 解释则 ${percent(shares[likely])} 在区内——看起来是 ${COORDINATE_SYSTEM_SHORT_NAMES[likely]} 坐标`
  } else if (sample.length > 0 && shares[declared] < 0.5) {
    warning = `${percent(1 - shares[declared])} 的点落在本区范围外，换用其他坐标系也不能改善：请检查经纬度列是否选对、坐标是否属于本区`
  }
  return { declared, shares, sampled: sample.length, likely, warning }
}

/** Every k-th point, so a sorted file is sampled across its whole extent. */
function evenSample<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items]
  const step = items.length / size
  return Array.from({ length: size }, (_unused, index) => items[Math.floor(index * step)])
}
