/**
 * A viewport's bbox rounded outward to a coarse step, so small pans ask with the same bbox
 * (and hit react-query's cache) instead of asking the database again.
 */
import type { BBox } from './bbox.ts'

/** ~0.005° is ~500 m here: a few percent of a typical viewport. */
export function roundBboxOutward(bbox: BBox, step = 0.005): BBox {
  const down = (value: number) => Number((Math.floor(value / step) * step).toFixed(6))
  const up = (value: number) => Number((Math.ceil(value / step) * step).toFixed(6))
  return [down(bbox[0]), down(bbox[1]), up(bbox[2]), up(bbox[3])]
}
