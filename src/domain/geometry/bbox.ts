/**
 * A bounding box in WGS84 degrees, as the SQL API takes and returns it (`bbox` parameters,
 * `search`, `district_summary`): the one shape the map, the reads and the importers share.
 */
import { z } from 'zod'

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number]

export const bboxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()])
