/**
 * Which level of the grid hierarchy a view outlines at a zoom. The demo district (~80 km²)
 * fits the screen around zoom 12.5; a 单元网格 (~2.7 ha) is ~40 px wide at zoom 15, which is
 * where its outline stops being noise. The map draws by it and the 总览's reads ask by it
 * (src/data/overview-reads.ts), so both live here rather than in either.
 */
import type { GridLevel } from './grid-level.ts'

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
