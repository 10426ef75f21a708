/**
 * Getis–Ord Gi* hotspots (issue 17 item 3): weights, the statistic, p, FDR and bins, for
 * polygons and for points binned on square cells. One implementation for the command
 * (`npm run hotspots`) and the 热点分析 workspace. Method: docs/hotspots.md.
 */
export { HotspotError, HOTSPOT_ERROR_MESSAGES, type HotspotErrorCode } from './hotspot-error.ts'
export { parseWeightsSpec, describeWeights, WEIGHTS_SPEC_HELP, type WeightsSpec } from './weights-spec.ts'
export { neighbourListFromArrays, neighboursOf, isolatedUnits, type NeighbourList } from './neighbour-list.ts'
export { contiguityNeighbours, CONTIGUITY_TOLERANCE, type PolygonGeometry } from './contiguity-weights.ts'
export { distanceBandNeighbours, knnNeighbours } from './distance-weights.ts'
export { toMetres, looksLikeLonLat, localPlaneFor, METRES_PER_DEGREE, EARTH_RADIUS_M, type CoordinateKind } from './local-metric.ts'
export { polygonCentroid } from './polygon-centroid.ts'
export { polygonNeighbours } from './polygon-weights.ts'
export { computeGiStar, type GiStarValues } from './gi-star.ts'
export { erfc, twoSidedNormalP } from './normal-p.ts'
export { benjaminiHochberg } from './benjamini-hochberg.ts'
export { giBin, CONFIDENCE_LEVELS } from './gi-bin.ts'
export { readUnitValues, type RawUnitValue } from './unit-values.ts'
export { analyseHotspots, MINIMUM_UNITS, type HotspotOptions, type HotspotResult, type HotspotSummary } from './hotspot-analysis.ts'
export { gridParametersFor, makeGrid, binPoints, cellId, cellPolygon, cellCentresInMetres, MAXIMUM_GRID_CELLS, type SquareGrid, type GridParameters, type Extent, type BinnedPoints } from './square-grid.ts'
export { boundsCells, type BoundsCells } from './bounds-cells.ts'
export { gridNeighbours } from './grid-weights.ts'
export { mannKendall, MANN_KENDALL_ALPHA, type MannKendallResult, type TrendDirection } from './mann-kendall.ts'
export { classifyEmergingHotspots, emergingHotspotsFromSteps, EmergingHotspotError, EMERGING_CATEGORIES, EMERGING_CATEGORY_LABELS, EMERGING_ERROR_MESSAGES, RECOMMENDED_TIME_STEPS, MINIMUM_TIME_STEPS, type EmergingCategory, type EmergingErrorCode, type EmergingHotspotOptions, type EmergingHotspotResult, type EmergingHotspotSummary, type EmergingHotspotUnit, type UnitSeries } from './emerging-hotspots.ts'
export { caseCell, cellContainsPoint, h3CellProblem, cellFromBigint, cellToDecimal, H3_RESOLUTION } from './h3-cell.ts'
export { h3Units, type H3Units } from './h3-units.ts'
export { h3Neighbours } from './h3-weights.ts'
export { countCasesPerCell, completeCaseCells, type H3Counts } from './h3-values.ts'
export { h3CellPolygon } from './h3-polygon.ts'
