/**
 * The grid version that answered for a location at a moment — private.grid_for_case in
 * TypeScript: among the versions valid then (valid_from ≤ t < valid_to, current versions
 * open-ended) the one covering the point with the smallest code; a case reported before
 * any version existed takes today's grid. A case reported after the last grid change can
 * only be in today's grids, so that (the common) case uses the index over today's grids.
 */
import { buildPolygonIndex, type PolygonIndex } from '../assign/polygon-index.ts'
import { coversPoint } from '../assign/covers-point.ts'

type GridGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon

export interface GridVersionInput {
  code: string
  management_level: number
  geometry: GridGeometry
  /** ISO time the version took effect; absent = always */
  valid_from?: string | null
  /** ISO time the version was closed; absent or null = current */
  valid_to?: string | null
}

export interface GridAnswer {
  code: string
  managementLevel: number
}

export interface GridsOverTime {
  /** the version valid at `at` that covers the point, or null outside every grid */
  locate(lon: number, lat: number, at: Date): GridAnswer | null
}

interface Version {
  code: string
  managementLevel: number
  geometry: GridGeometry
  from: number
  to: number
  box: [number, number, number, number]
}

const time = (value: string | null | undefined, otherwise: number) => (value ? Date.parse(value) : otherwise)

function boxOf(geometry: GridGeometry): [number, number, number, number] {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [x, y] of ring) {
        if (x < west) west = x
        if (x > east) east = x
        if (y < south) south = y
        if (y > north) north = y
      }
  return [west, south, east, north]
}

export function buildGridsOverTime(current: readonly GridVersionInput[], closed: readonly GridVersionInput[] = []): GridsOverTime {
  const today: PolygonIndex = buildPolygonIndex(current.map((grid) => ({ id: grid.code, geometry: grid.geometry })))
  const answerToday = (lon: number, lat: number): GridAnswer | null => {
    const index = today.locate(lon, lat)
    return index >= 0 ? { code: current[index].code, managementLevel: current[index].management_level } : null
  }
  const versions: Version[] = [...current, ...closed].map((grid) => ({
    code: grid.code,
    managementLevel: grid.management_level,
    geometry: grid.geometry,
    from: time(grid.valid_from, -Infinity),
    to: time(grid.valid_to, Infinity),
    box: boxOf(grid.geometry),
  }))
  // Before this moment the set of valid versions may differ from today's.
  const lastChange = Math.max(
    -Infinity,
    ...versions.map((version) => version.from),
    ...versions.filter((version) => Number.isFinite(version.to)).map((version) => version.to),
  )
  return {
    locate(lon, lat, at) {
      const t = at.getTime()
      if (t >= lastChange) return answerToday(lon, lat)
      let best: Version | null = null
      for (const version of versions) {
        if (version.from > t || version.to <= t) continue
        const [west, south, east, north] = version.box
        if (lon < west || lon > east || lat < south || lat > north) continue
        if (best && best.code <= version.code) continue
        if (coversPoint(version.geometry, lon, lat)) best = version
      }
      return best ? { code: best.code, managementLevel: best.managementLevel } : answerToday(lon, lat)
    },
  }
}
