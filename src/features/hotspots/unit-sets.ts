/**
 * The units of analysis the manager chooses: 单元网格, 社区 and 街道 as the database draws
 * them, or 250 m squares cut over the district. Each set knows its units' ids, names,
 * outlines and areas, the unit of every case, and its neighbours under a weights choice.
 */
import {
  boundsCells,
  cellId,
  cellPolygon,
  gridNeighbours,
  gridParametersFor,
  caseCell,
  h3CellPolygon,
  h3Neighbours,
  h3Units,
  makeGrid,
  polygonNeighbours,
  type NeighbourList,
  type PolygonGeometry,
  type WeightsSpec,
} from '../../domain/hotspots/index.ts'
import { sphericalArea } from '../../domain/geometry/spherical-area.ts'
import { unitsOnSquareGrid } from '../../domain/hotspots/square-units.ts'
import { unitIndexOfCases, type UnitLevel } from '../../domain/hotspots/unit-index.ts'
import type { PeriodCases } from '../../data/hotspot-reads.ts'

export const UNIT_KINDS = ['grid', 'community', 'street', 'square', 'hexagon'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

/** The side of the square cells, as the issue and ArcGIS's fishnet examples use for a district. */
export const SQUARE_METRES = 250

export interface UnitSet {
  kind: UnitKind
  ids: string[]
  names: string[]
  geometries: PolygonGeometry[]
  areaKm2: Float64Array
  bboxes: [number, number, number, number][]
  unitOfCases(cases: PeriodCases): Int32Array
  neighbours(spec: WeightsSpec): NeighbourList
}

function bboxOf(geometry: PolygonGeometry): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity]
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      west = Math.min(west, lon)
      east = Math.max(east, lon)
      south = Math.min(south, lat)
      north = Math.max(north, lat)
    }
  }
  return [west, south, east, north]
}

function cached(build: (spec: WeightsSpec) => NeighbourList): (spec: WeightsSpec) => NeighbourList {
  const memo = new Map<string, NeighbourList>()
  return (spec) => {
    const key = JSON.stringify(spec)
    let list = memo.get(key)
    if (!list) {
      list = build(spec)
      memo.set(key, list)
    }
    return list
  }
}

export function codedUnitSet(kind: UnitLevel, features: readonly GeoJSON.Feature[]): UnitSet {
  const polygons = features.filter((feature) => feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon')
  const ids = polygons.map((feature) => String(feature.properties?.code ?? ''))
  const geometries = polygons.map((feature) => feature.geometry as PolygonGeometry)
  const areaKm2 = Float64Array.from(polygons, (feature) => {
    const stored = Number(feature.properties?.area_m2)
    return (Number.isFinite(stored) && stored > 0 ? stored : sphericalArea(feature.geometry as PolygonGeometry)) / 1_000_000
  })
  return {
    kind,
    ids,
    names: polygons.map((feature) => String(feature.properties?.name ?? feature.properties?.code ?? '')),
    geometries,
    areaKm2,
    bboxes: geometries.map(bboxOf),
    unitOfCases: (cases) => unitIndexOfCases(cases.grid, ids, kind),
    neighbours: cached((spec) => polygonNeighbours(geometries, spec, 'lonlat')),
  }
}

export function squareUnitSet(district: PolygonGeometry, cellMetres = SQUARE_METRES): UnitSet {
  const [west, south, east, north] = bboxOf(district)
  const parameters = gridParametersFor({ west, south, east, north }, cellMetres)
  const cells = boundsCells(parameters, [district])
  const grid = makeGrid(parameters, cells.active)
  const units = grid.cellOfUnit.length
  const geometries: PolygonGeometry[] = []
  const ids: string[] = []
  for (let unit = 0; unit < units; unit++) {
    geometries.push(cellPolygon(grid, unit))
    ids.push(cellId(grid, unit))
  }
  const cellKm2 = (cellMetres * cellMetres) / 1_000_000
  return {
    kind: 'square',
    ids,
    names: ids,
    geometries,
    areaKm2: new Float64Array(units).fill(cellKm2),
    bboxes: geometries.map(bboxOf),
    unitOfCases: (cases) => unitsOnSquareGrid(grid, cases.lon, cases.lat, cells.partial, cells.covers),
    neighbours: cached((spec) => gridNeighbours(grid, spec)),
  }
}

/** Each case's H3 cell: the one stored at intake, else computed from its point. */
function cellsOfCases(cases: PeriodCases): string[] {
  return Array.from({ length: cases.length }, (_unused, k) => cases.h3?.[k] ?? caseCell(cases.lon[k], cases.lat[k]))
}

/**
 * H3 resolution-9 hexagons (~0.1 km²): the cells whose centre lies in the district, plus any
 * cell holding a case of either period (so no case near the edge is lost and both periods
 * count on the same units). Hexagons share an edge with each of their six neighbours, so
 * queen and rook are the same ring-1 contiguity; knn and distance bands use cell centres.
 */
export function hexagonUnitSet(district: PolygonGeometry, periods: readonly PeriodCases[]): UnitSet {
  const caseCells = periods.map(cellsOfCases)
  const units = h3Units(district, caseCells.flat())
  const geometries: PolygonGeometry[] = units.cells.map(h3CellPolygon)
  const byPeriod = new Map(periods.map((cases, index) => [cases, caseCells[index]]))
  const contiguity = h3Neighbours(units, 1)
  return {
    kind: 'hexagon',
    ids: units.cells,
    names: units.cells,
    geometries,
    areaKm2: Float64Array.from(geometries, (geometry) => sphericalArea(geometry) / 1_000_000),
    bboxes: geometries.map(bboxOf),
    unitOfCases: (cases) => {
      const cells = byPeriod.get(cases) ?? cellsOfCases(cases)
      return Int32Array.from(cells, (cell) => units.unitOf.get(cell) ?? -1)
    },
    neighbours: cached((spec) => (spec.kind === 'queen' || spec.kind === 'rook' ? contiguity : polygonNeighbours(geometries, spec, 'lonlat'))),
  }
}
