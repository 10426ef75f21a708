/**
 * What the SQL API returns, as zod schemas shared by both backends. Every response is
 * parsed here, so a migration that changes a shape fails loudly in one place.
 */
import { z } from 'zod'
import { categorySchema } from '../domain/categories/category.ts'
import { CASE_ACTIONS, CASE_SOURCES, CASE_STATUSES, CLOSURE_TYPES } from '../domain/cases/workflow.ts'
import { CASE_STAGES } from '../domain/cases/stage-deadlines.ts'
import { FACILITY_KINDS } from '../domain/facilities/facility-kind.ts'
import { bboxSchema } from '../domain/geometry/bbox.ts'
import { GRID_LEVELS } from '../domain/grids/grid-level.ts'
import { LAND_USES } from '../domain/grids/editing/types.ts'

const position = z.tuple([z.number(), z.number()]).rest(z.number())
export const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
])
export type Geometry = z.infer<typeof geometrySchema>

function featureCollection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number(),
        geometry: geometrySchema,
        properties,
      }),
    ),
    truncated: z.boolean(),
    limit: z.number(),
  })
}

export const areaPropertiesSchema = z.object({
  id: z.number(),
  level: z.enum(GRID_LEVELS),
  code: z.string(),
  name: z.string(),
  is_synthetic: z.boolean().optional(),
  area_m2: z.number().optional(),
  street_name: z.string().optional(),
  community_name: z.string().optional(),
  version: z.number().optional(),
  responsible_person: z.string().optional(),
  responsible_body: z.string().optional(),
  land_use: z.string().optional(),
  management_level: z.number().optional(),
  valid_from: z.string().optional(),
})
export const areaCollectionSchema = featureCollection(areaPropertiesSchema)
export type AreaCollection = z.infer<typeof areaCollectionSchema>
export type AreaProperties = z.infer<typeof areaPropertiesSchema>

export const roadCollectionSchema = featureCollection(
  z.object({ id: z.number(), name: z.string(), kind: z.enum(['main', 'secondary']) }),
)
export type RoadCollection = z.infer<typeof roadCollectionSchema>

export const segmentPropertiesSchema = z.object({
  id: z.number(),
  back_street_id: z.number(),
  back_street_name: z.string(),
  seq: z.number(),
  length_m: z.number(),
  cleaning_grade: z.number(),
  grid_code: z.string().nullable(),
  cleaners: z.array(z.string()),
  assigned: z.boolean(),
})
export const segmentCollectionSchema = featureCollection(segmentPropertiesSchema)
export type SegmentCollection = z.infer<typeof segmentCollectionSchema>
export type SegmentProperties = z.infer<typeof segmentPropertiesSchema>

export const marketCollectionSchema = featureCollection(
  z.object({ id: z.number(), name: z.string(), stalls: z.number(), operator: z.string(), component_code: z.string() }),
)
export type MarketCollection = z.infer<typeof marketCollectionSchema>

export const CONSTRUCTION_STATUSES = ['active', 'suspended', 'completed'] as const
export const constructionSitePropertiesSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(CONSTRUCTION_STATUSES),
  permit_start: z.string(),
  permit_end: z.string(),
  contractor: z.string(),
  has_enclosure: z.boolean(),
  has_wheel_wash: z.boolean(),
  permit_expired: z.boolean(),
})
export const constructionSiteCollectionSchema = featureCollection(constructionSitePropertiesSchema)
export type ConstructionSiteCollection = z.infer<typeof constructionSiteCollectionSchema>

export const facilityCollectionSchema = featureCollection(
  z.object({
    id: z.number(),
    kind: z.enum(FACILITY_KINDS),
    name: z.string(),
    component_code: z.string(),
    is_local_extension: z.boolean(),
  }),
)
export type FacilityCollection = z.infer<typeof facilityCollectionSchema>

// The workflow's own lists (src/domain/cases/workflow.ts), so the API's schemas and the
// workflow table can never disagree on a status or a source.
export const INCIDENT_STATUSES = CASE_STATUSES
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
export const INCIDENT_SOURCES = CASE_SOURCES
export type IncidentSource = (typeof INCIDENT_SOURCES)[number]

export const incidentPropertiesSchema = z.object({
  id: z.number(),
  external_id: z.string().nullable(),
  category_code: z.string(),
  category_name: z.string(),
  source: z.enum(INCIDENT_SOURCES),
  status: z.enum(INCIDENT_STATUSES),
  reported_at: z.string(),
  deadline_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  grid_code: z.string().nullable(),
  segment_id: z.number().nullable(),
  department_name: z.string().nullable(),
  overdue: z.boolean(),
})
export const incidentCollectionSchema = featureCollection(incidentPropertiesSchema)
export type IncidentCollection = z.infer<typeof incidentCollectionSchema>

export const gridCountsSchema = z.array(
  z.object({ grid_id: z.number(), grid_code: z.string(), count: z.number(), lon: z.number(), lat: z.number() }),
)
export type GridCounts = z.infer<typeof gridCountsSchema>

export const categoryDirectorySchema = z.array(categorySchema)

export const districtSummarySchema = z.object({
  district: z
    .object({
      code: z.string(),
      name: z.string(),
      is_synthetic: z.boolean(),
      area_m2: z.number(),
      bbox: bboxSchema,
    })
    .nullable(),
  streets: z.number(),
  communities: z.number(),
  grids: z.number(),
  back_streets: z.number(),
  segments: z.number(),
  segments_assigned: z.number(),
  markets: z.number(),
  construction_sites: z.number(),
  facilities: z.record(z.string(), z.number()),
  cleaners: z.number(),
  incidents: z.number(),
  incidents_from: z.string().nullable(),
  incidents_to: z.string().nullable(),
})
export type DistrictSummary = z.infer<typeof districtSummarySchema>

/** One case to take in; either lon/lat or a GeoJSON Point. */
export const incidentIntakeRowSchema = z.object({
  external_id: z.string().optional(),
  lon: z.number().optional(),
  lat: z.number().optional(),
  geometry: z.object({ type: z.literal('Point'), coordinates: position }).optional(),
  category_code: z.string(),
  source: z.enum(INCIDENT_SOURCES),
  description: z.string().optional(),
  reported_at: z.string().optional(),
  /** the H3 resolution-9 cell of the point; the Repository adds it (withIntakeCell) */
  h3: z.string().optional(),
})
export type IncidentIntakeRow = z.infer<typeof incidentIntakeRowSchema>

export const intakeResultSchema = z.array(
  z.discriminatedUnion('ok', [
    z.object({
      index: z.number(),
      ok: z.literal(true),
      duplicate: z.boolean(),
      id: z.number(),
      grid_code: z.string().nullable().optional(),
      segment_id: z.number().nullable().optional(),
      department_id: z.number().nullable().optional(),
      deadline_at: z.string().nullable().optional(),
    }),
    z.object({
      index: z.number(),
      ok: z.literal(false),
      code: z.string(),
      field: z.string().nullable(),
      message: z.string(),
    }),
  ]),
)
export type IntakeResult = z.infer<typeof intakeResultSchema>[number]

/** What public.existing_incidents is asked about one row (the keys intake_incidents takes). */
export const existingIncidentQuerySchema = z.object({
  external_id: z.string().nullable().optional(),
  lon: z.number().nullable().optional(),
  lat: z.number().nullable().optional(),
  category_code: z.string().nullable().optional(),
  reported_at: z.string().nullable().optional(),
})
export type ExistingIncidentQuery = z.infer<typeof existingIncidentQuerySchema>

/** Its answer, one per row asked, in order: the case already there, or nulls. */
export const existingIncidentsSchema = z.array(
  z.object({
    index: z.number().int(),
    match: z.enum(['external_id', 'content']).nullable(),
    id: z.number().nullable(),
    case_number: z.string().nullable(),
    external_id: z.string().nullable(),
    status: z.enum(INCIDENT_STATUSES).nullable(),
    reported_at: z.string().nullable(),
    distance_m: z.number().nullable(),
    seconds_apart: z.number().nullable(),
  }),
)
export type ExistingIncident = z.infer<typeof existingIncidentsSchema>[number]

export const gridEditSchema = z.object({
  code: z.string(),
  geometry: geometrySchema.optional(),
  name: z.string().optional(),
  responsible_person: z.string().optional(),
  responsible_body: z.string().optional(),
  land_use: z.string().optional(),
  management_level: z.number().optional(),
  reason: z.string().optional(),
  retire: z.boolean().optional(),
  create: z.boolean().optional(),
  /** the version the planner edited; edit_grids refuses the whole call (UG108) if it has been replaced since */
  base_version: z.number().int().nullable().optional(),
})
export type GridEdit = z.infer<typeof gridEditSchema>
export const gridEditResultSchema = z.array(
  z.object({
    code: z.string(),
    id: z.number().optional(),
    retired_id: z.number().optional(),
    version: z.number(),
    previous_id: z.number().nullable().optional(),
  }),
)
export type GridEditResult = z.infer<typeof gridEditResultSchema>[number]

// The grid editor (supabase/migrations/20261206001300_grid_editor.sql).
const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) })

/** A scope of the editor: one community (12 digits) or a street (9 digits) with all its communities. */
export const gridScopeSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['community', 'street']),
  street_code: z.string(),
  street_name: z.string(),
})
export type GridScope = z.infer<typeof gridScopeSchema>

/** public.grids_for_edit: what the editor loads for a scope, geometries at full precision (15 decimals). */
export const gridsForEditSchema = z.object({
  scope: gridScopeSchema,
  /** the database's time of the read */
  loaded_at: z.string(),
  communities: z.array(z.object({ code: z.string(), name: z.string(), area_m2: z.number(), geometry: polygonSchema })),
  /** the current grids of the scope's communities */
  grids: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      version: z.number().int(),
      community_code: z.string(),
      name: z.string(),
      land_use: z.enum(LAND_USES),
      management_level: z.number().int(),
      responsible_person: z.string(),
      responsible_body: z.string(),
      area_m2: z.number(),
      valid_from: z.string(),
      geometry: polygonSchema,
    }),
  ),
  /** every code the scope's communities have had, retired ones included (never handed out again) */
  used_codes: z.array(z.string()),
  /**
   * current grids of other communities within 1 m of the scope's: not edited by the planner, but a
   * vertex put on the community line they share goes into them too (topology across the line)
   */
  neighbours: z.array(
    z.object({
      code: z.string(),
      version: z.number().int(),
      community_code: z.string(),
      name: z.string(),
      land_use: z.enum(LAND_USES),
      management_level: z.number().int(),
      responsible_person: z.string(),
      responsible_body: z.string(),
      geometry: polygonSchema,
    }),
  ),
})
export type GridsForEdit = z.infer<typeof gridsForEditSchema>

/** One version of a grid (current: valid_to null), as grid_history and grid_version return it. */
export const gridVersionSchema = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number().int(),
  previous_version_id: z.number().nullable(),
  community_code: z.string(),
  name: z.string(),
  responsible_person: z.string(),
  responsible_body: z.string(),
  land_use: z.enum(LAND_USES),
  management_level: z.number().int(),
  area_m2: z.number(),
  valid_from: z.string(),
  valid_to: z.string().nullable(),
  change_reason: z.string(),
  created_by: z.string().nullable(),
  /** the author's display name; null for seeded versions or an account without a name */
  created_by_name: z.string().nullable(),
  geometry: polygonSchema,
})
export type GridVersion = z.infer<typeof gridVersionSchema>

/** A change event: the versions one edit_grids call made (they share its transaction time). */
export const gridChangeEventSchema = z.object({
  at: z.string(),
  reasons: z.array(z.string()),
  created: z.array(z.string()),
  changed: z.array(z.string()),
  retired: z.array(z.string()),
  by: z.array(z.string()),
})
export type GridChangeEvent = z.infer<typeof gridChangeEventSchema>

/** public.grid_history: every version of one grid or of a community's grids, and the change events, newest first. */
export const gridHistorySchema = z.object({
  code: z.string().nullable(),
  community: z.object({ code: z.string(), name: z.string() }).nullable(),
  versions: z.array(gridVersionSchema),
  events: z.array(gridChangeEventSchema),
})
export type GridHistory = z.infer<typeof gridHistorySchema>

/** public.grid_draft: the caller's draft of a scope (the payload is the client's own shape), or null. */
export const gridDraftSchema = z
  .object({
    id: z.number(),
    scope_code: z.string(),
    payload: z.record(z.string(), z.unknown()),
    /** grid code → the version the draft was based on */
    base: z.record(z.string(), z.number().nullable()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .nullable()
export type GridDraft = NonNullable<z.infer<typeof gridDraftSchema>>

/** public.discard_grid_draft: whether there was a draft to drop */
export const discardedGridDraftSchema = z.boolean()

export const savedGridDraftSchema = z.object({ id: z.number(), scope_code: z.string(), created_at: z.string(), updated_at: z.string() })
export type SavedGridDraft = z.infer<typeof savedGridDraftSchema>

/** public.list_grid_drafts: the caller's drafts without payloads, most recently saved first. */
export const gridDraftListSchema = z.array(
  z.object({
    id: z.number(),
    scope_code: z.string(),
    scope_name: z.string().nullable(),
    scope_level: z.enum(['community', 'street']),
    created_at: z.string(),
    updated_at: z.string(),
    /** the length of the payload's `changes` array, null when it has none */
    changes: z.number().int().nullable(),
    /** the payload's size as JSON text */
    bytes: z.number().int(),
  }),
)
export type GridDraftSummary = z.infer<typeof gridDraftListSchema>[number]

const lonLat = { lon: z.number(), lat: z.number() }
/** public.grid_whatif_inputs: what a proposed tiling is weighed against, inside a box. */
export const gridWhatIfInputsSchema = z.object({
  bbox: bboxSchema,
  from: z.string(),
  to: z.string(),
  /** cases reported in [from, to), as columns in reported order */
  incidents: z
    .object({
      ids: z.array(z.number()),
      /** whole micro-degrees (WGS84 × 10⁶) */
      lon_e6: z.array(z.number()),
      lat_e6: z.array(z.number()),
      /** whole epoch seconds */
      reported_at: z.array(z.number()),
      category: z.array(z.string()),
    })
    .refine((columns) => Object.values(columns).every((column) => column.length === columns.ids.length), 'grid_whatif_inputs: columns of unequal length'),
  segments: z.array(z.object({ id: z.number(), name: z.string(), seq: z.number(), length_m: z.number(), coordinates: z.array(position) })),
  facilities: z.array(z.object({ id: z.number(), kind: z.enum(FACILITY_KINDS), ...lonLat })),
  markets: z.array(z.object({ id: z.number(), name: z.string(), ...lonLat })),
  construction_sites: z.array(z.object({ id: z.number(), name: z.string(), status: z.enum(CONSTRUCTION_STATUSES), ...lonLat })),
})
export type GridWhatIfInputs = z.infer<typeof gridWhatIfInputsSchema>

export const APP_ROLES = ['admin', 'planner', 'manager', 'dispatcher', 'staff', 'viewer'] as const
export type AppRole = (typeof APP_ROLES)[number]

export const searchResultsSchema = z.array(
  z.object({
    /** the layer module's search layer (grid, street, …, camera): which selection a hit makes */
    layer: z.string().min(1),
    id: z.number(),
    code: z.string().nullable(),
    name: z.string(),
    bbox: bboxSchema,
  }),
)
export type SearchResult = z.infer<typeof searchResultsSchema>[number]

/** The signed-in user's profile, or null when they have none yet (they then act as viewer). */
export const currentProfileSchema = z
  .object({ user_id: z.string(), display_name: z.string(), role: z.string() })
  .nullable()

// The case workflow (supabase/migrations/20261122001100_case_workflow.sql).
export const CASE_ACTION_NAMES = CASE_ACTIONS
export const CASE_CLOSURE_TYPES = CLOSURE_TYPES

export const caseListRowSchema = z.object({
  id: z.number(),
  case_number: z.string(),
  external_id: z.string().nullable(),
  category_code: z.string(),
  category_name: z.string(),
  source: z.enum(INCIDENT_SOURCES),
  status: z.enum(INCIDENT_STATUSES),
  grid_code: z.string().nullable(),
  department_id: z.number().nullable(),
  department_name: z.string().nullable(),
  reported_at: z.string(),
  deadline_at: z.string().nullable(),
  /** the end of 处置 (the 剩余/超期 column measures a handled case to it); absent from older backends */
  handled_at: z.string().nullable().optional(),
  closed_at: z.string().nullable(),
  closure_type: z.enum(CASE_CLOSURE_TYPES).nullable(),
  overdue: z.boolean(),
  /** stages recorded late, plus the stage the case is in when past its deadline (20261208000100_case_stages.sql) */
  late_stages: z.array(z.enum(CASE_STAGES)),
  lon: z.number(),
  lat: z.number(),
})
export type CaseListRow = z.infer<typeof caseListRowSchema>
export const caseListSchema = z.object({
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  rows: z.array(caseListRowSchema),
})
export type CaseList = z.infer<typeof caseListSchema>

export const caseTimelineEntrySchema = z.object({
  /** null for entries read from the stamped columns of a case without recorded history */
  id: z.number().nullable(),
  action: z.enum(['report', ...CASE_ACTION_NAMES]),
  from_status: z.enum(INCIDENT_STATUSES).nullable(),
  to_status: z.enum(INCIDENT_STATUSES),
  /** null only for a seeded or imported rejection whose time was never recorded */
  at: z.string().nullable(),
  actor_id: z.string().nullable(),
  actor_role: z.string().nullable(),
  actor_name: z.string().nullable(),
  note: z.string(),
  details: z.object({
    department_id: z.number().nullable().optional(),
    previous_department_id: z.number().nullable().optional(),
    previous_dispatched_at: z.string().nullable().optional(),
    previous_handled_at: z.string().nullable().optional(),
    passed: z.boolean().optional(),
    rework: z.number().optional(),
    closure_type: z.enum(CASE_CLOSURE_TYPES).nullable().optional(),
    /** names recorded with the step (20261208000400_case_reasons.sql), so the timeline needs no lookups */
    department_name: z.string().nullable().optional(),
    handler_id: z.string().nullable().optional(),
    handler_name: z.string().nullable().optional(),
    previous_handler_id: z.string().nullable().optional(),
    previous_handler_name: z.string().nullable().optional(),
    /** the standard reason chosen (public.case_reasons), as it read when the step was taken */
    reason_code: z.string().optional(),
    reason_label: z.string().optional(),
  }),
  /** true when written from the case's stamps rather than by a recorded step */
  derived: z.boolean(),
})
export type CaseTimelineEntry = z.infer<typeof caseTimelineEntrySchema>

/** One stage of a case with its time limit (private.case_stages). */
export const caseStageSchema = z.object({
  key: z.enum(CASE_STAGES),
  label: z.string(),
  /** done, open (the stage the case is in), pending, skipped (核实 of a non-public case), ended (rejected) */
  state: z.enum(['done', 'open', 'pending', 'skipped', 'ended']),
  started_at: z.string().nullable(),
  deadline_at: z.string().nullable(),
  done_at: z.string().nullable(),
  time_limit: z.object({ amount: z.number(), unit: z.enum(['work_hours', 'work_days', 'natural_hours']) }).nullable(),
  /** a finished stage ended in time; null while open, pending or skipped */
  met: z.boolean().nullable(),
  late: z.boolean(),
  /** the stage the case is in, past its deadline */
  overdue: z.boolean(),
})
export type CaseStageTiming = z.infer<typeof caseStageSchema>

export const caseDetailSchema = z
  .object({
    id: z.number(),
    case_number: z.string(),
    external_id: z.string().nullable(),
    category_code: z.string(),
    category_name: z.string(),
    major_code: z.string(),
    major_name: z.string(),
    source: z.enum(INCIDENT_SOURCES),
    status: z.enum(INCIDENT_STATUSES),
    description: z.string(),
    lon: z.number(),
    lat: z.number(),
    reported_at: z.string(),
    accepted_at: z.string().nullable(),
    verified_at: z.string().nullable(),
    registered_at: z.string().nullable(),
    dispatched_at: z.string().nullable(),
    handled_at: z.string().nullable(),
    checked_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    closure_type: z.enum(CASE_CLOSURE_TYPES).nullable(),
    grid: z
      .object({
        id: z.number(),
        code: z.string(),
        name: z.string(),
        management_level: z.number(),
        responsible_person: z.string(),
        community_code: z.string(),
        community_name: z.string(),
        street_code: z.string(),
        street_name: z.string(),
      })
      .nullable(),
    segment: z
      .object({ id: z.number(), back_street_id: z.number(), back_street_name: z.string(), seq: z.number(), distance_m: z.number() })
      .nullable(),
    department: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
    time_limit: z.object({ amount: z.number(), unit: z.enum(['work_hours', 'work_days', 'natural_hours']) }).nullable(),
    deadline_at: z.string().nullable(),
    overdue: z.boolean(),
    stages: z.array(caseStageSchema),
    late_stages: z.array(z.enum(CASE_STAGES)),
    rework_count: z.number(),
    /** what the signed-in user may do now, in workflow order (src/domain/cases/workflow.ts) */
    allowed_actions: z.array(z.enum(CASE_ACTION_NAMES)),
    timeline: z.array(caseTimelineEntrySchema),
    /** the person the case was dispatched to, if any (else the department as a whole) */
    handler: z.object({ id: z.string(), name: z.string(), department_id: z.number().nullable() }).nullable().default(null),
  })
  .nullable()
export type CaseDetail = NonNullable<z.infer<typeof caseDetailSchema>>
export type CaseActionName = (typeof CASE_ACTION_NAMES)[number]

/** The kinds of standard reasons (public.case_reasons): 不予立案, 返工, 改派, 特殊结案, 差错结案. */
export const CASE_REASON_KINDS = ['reject', 'rework', 'redispatch', 'special', 'error'] as const
export type CaseReasonKind = (typeof CASE_REASON_KINDS)[number]

export const caseReasonSchema = z.object({
  kind: z.enum(CASE_REASON_KINDS),
  code: z.string(),
  label: z.string(),
  sort: z.number(),
  active: z.boolean(),
  /** a heading only (其他原因): the step needs a note with it */
  needs_note: z.boolean(),
})
export type CaseReason = z.infer<typeof caseReasonSchema>
export const caseReasonListSchema = z.array(caseReasonSchema)

/** A 作业人员 a case can be dispatched to, with the open cases they hold. */
export const caseHandlerSchema = z.object({
  id: z.string(),
  name: z.string(),
  department_id: z.number(),
  department_name: z.string(),
  open_cases: z.number(),
})
export type CaseHandler = z.infer<typeof caseHandlerSchema>
export const caseHandlerListSchema = z.array(caseHandlerSchema)

/** The signed-in handler's open cases (public.my_cases). */
export const myCaseSchema = z.object({
  id: z.number(),
  case_number: z.string(),
  category_code: z.string(),
  category_name: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  reported_at: z.string(),
  deadline_at: z.string().nullable(),
  overdue: z.boolean(),
  lon: z.number(),
  lat: z.number(),
})
export type MyCase = z.infer<typeof myCaseSchema>
export const myCaseListSchema = z.array(myCaseSchema)
