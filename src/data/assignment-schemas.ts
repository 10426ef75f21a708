/**
 * The reference data for placing cases in the browser (public.assignment_reference): the
 * current grids, the segments, routing, time limits, the work calendar and the settings
 * the database trigger reads.
 */
import { z } from 'zod'

const position = z.tuple([z.number(), z.number()])
const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) })
const multiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) })

export const assignmentReferenceSchema = z.object({
  grids: z.array(
    z.object({
      code: z.string().regex(/^[0-9]{15}$/),
      management_level: z.number().int().min(1).max(3),
      geometry: z.union([polygonGeometry, multiPolygonGeometry]),
    }),
  ),
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
