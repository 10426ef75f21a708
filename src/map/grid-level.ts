/**
 * Which level of the grid hierarchy the map outlines at a zoom. The demo district (~80 km²)
 * fits the screen around zoom 12.5; a 单元网格 (~2.7 ha) is ~40 px wide at zoom 15, which is
 * where its outline stops being noise.
 */
import type { GridLevel } from '../domain/grids/grid-level.ts'

export type DisplayedGridLevel = Exclude<GridLevel, 'district'>
export type GridLevelChoice = DisplayedGridLevel | 'auto'

export const GRID_LEVEL_ZOOMS = { community: 13.2, grid: 14.8 } as const

export function gridLevelForZoom(zoom: number): DisplayedGridLevel {
  if (zoom >= GRID_LEVEL_ZOOMS.grid) return 'grid'
  if (zoom >= GRID_LEVEL_ZOOMS.community) return 'community'
  return 'street'
}

export function resolveGridLevel(choice: GridLevelChoice, zoom: number): DisplayedGridLevel {
  return choice === 'auto' ? gridLevelForZoom(zoom) : choice
}

/** Incidents switch from the per-grid heatmap to individual points at this zoom. */
export const INCIDENT_POINTS_MIN_ZOOM = 15
