/**
 * The reference data for placing cases in the browser (public.assignment_reference): the
 * current and the closed grid versions with their validity, the segments, routing, time limits, the work calendar and the settings
 * the database trigger reads.
 */
import { z } from 'zod'

const position = z.tuple([z.number(), z.number()])
const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) })
const multiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) })

const gridVersion = z.object({
  code: z.string().regex(/^[0-9]{15}$/),
  management_level: z.number().int().min(1).max(3),
  valid_from: z.string().nullish(),
  valid_to: z.string().nullish(),
  geometry: z.union([polygonGeometry, multiPolygonGeometry]),
})

export const assignmentReferenceSchema = z.object({
  /** today's grids */
  grids: z.array(gridVersion),
  /** closed versions, to place a case reported before a grid edit as the database does */
  closed_grids: z.array(gridVersion).default([]),
  segments: z.array(z.object({ id: z.number().int(), coordinates: z.array(position).min(2) })),
  departments: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), is_default: z.boolean() })),
  routes: z.array(z.object({ category_pattern: z.string(), department_id: z.number().int() })),
  time_limits: z.array(
    z.object({
      id: z.number().int(),
      category_pattern: z.string(),
      management_level: z.number().int().nullable(),
      amount: z.number().positive(),
      unit: z.enum(['work_hours', 'work_days', 'natural_hours']),
    }),
  ),
  calendar: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), is_workday: z.boolean() })),
  settings: z.object({
    segment_match_distance_m: z.number().positive(),
    work_hours: z.array(z.tuple([z.string(), z.string()])).min(1),
    timezone_offset_hours: z.number(),
  }),
})
export type AssignmentReference = z.infer<typeof assignmentReferenceSchema>

/** public.address_gazetteer(): the district's place names with a point each (address-match.ts). */
export const gazetteerSchema = z.array(
  z.object({
    kind: z.enum(['segment', 'grid', 'back_street', 'market', 'facility', 'construction_site', 'road', 'community']),
    id: z.number().int(),
    name: z.string(),
    seq: z.number().int().nullable(),
    lon: z.number(),
    lat: z.number(),
    community_code: z.string().nullable(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  }),
)
export type Gazetteer = z.infer<typeof gazetteerSchema>
