/** The levels of the grid hierarchy: 区 → 街道 → 社区 → 单元网格 (public.grids.level). */
export const GRID_LEVELS = ['district', 'street', 'community', 'grid'] as const
export type GridLevel = (typeof GRID_LEVELS)[number]
