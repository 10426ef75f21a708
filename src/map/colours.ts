/**
 * The colours of every thematic layer, in one place so the map style and the legend can
 * never disagree. Colours are [r, g, b] so deck.gl can use them directly; `toCss` turns them
 * into what MapLibre and the DOM want.
 */
import type { FacilityKind } from '../domain/facilities/facility-kind.ts'

export type Rgb = readonly [number, number, number]

export function toCss([red, green, blue]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${red}, ${green}, ${blue})` : `rgba(${red}, ${green}, ${blue}, ${alpha})`
}

/** 一级 is the most demanding cleaning standard, so it gets the strongest colour. */
export const CLEANING_GRADE_COLOURS: Record<1 | 2 | 3, Rgb> = {
  1: [214, 39, 40],
  2: [255, 127, 14],
  3: [44, 160, 44],
}
const UNKNOWN_GRADE: Rgb = [127, 127, 127]

export function cleaningGradeColour(grade: number): Rgb {
  return grade === 1 || grade === 2 || grade === 3 ? CLEANING_GRADE_COLOURS[grade] : UNKNOWN_GRADE
}

/** Unassigned segments are the ones staff must act on, so they shout. */
export const ASSIGNMENT_COLOURS = { assigned: [31, 119, 180] as Rgb, unassigned: [227, 26, 28] as Rgb }

export const CONSTRUCTION_STATUS_COLOURS = {
  active: [230, 145, 0] as Rgb,
  suspended: [150, 110, 190] as Rgb,
  completed: [140, 140, 140] as Rgb,
}
/** Still working past the permit end: outlined in red whatever the status. */
export const PERMIT_EXPIRED_COLOUR: Rgb = [220, 0, 0]

export const MARKET_COLOUR: Rgb = [0, 150, 136]

export const FACILITY_COLOURS: Record<FacilityKind, Rgb> = {
  compactor_station: [121, 85, 72],
  transfer_station: [94, 53, 177],
  collection_point: [0, 121, 107],
  public_toilet: [25, 118, 210],
}

export const GRID_OUTLINE_COLOURS = { street: [40, 40, 120] as Rgb, community: [70, 90, 160] as Rgb, grid: [110, 130, 190] as Rgb }

export const INCIDENT_COLOURS = { open: [240, 80, 30] as Rgb, closed: [120, 120, 120] as Rgb, overdue: [180, 0, 80] as Rgb }

/** Heatmap ramp from few to many incidents, yellow → red. */
export const HEATMAP_COLOUR_RANGE: Rgb[] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
]

export const HIGHLIGHT_COLOUR: Rgb = [255, 215, 0]
export const SELECTED_COLOUR: Rgb = [0, 200, 255]
