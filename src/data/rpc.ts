/**
 * The SQL API as a table: function name, its arguments with their SQL types, and the zod
 * schema of its result. Both backends call functions only through this table, the Supabase
 * one with supabase-js `rpc`, the embedded one with a parameterised `select` in PGlite.
 */
import type { z } from 'zod'
import type { CallPriority } from './call-queue.ts'
import { assignmentReferenceSchema, gazetteerSchema } from './assignment-schemas.ts'
import {
  areaCollectionSchema,
  caseDetailSchema,
  caseHandlerListSchema,
  caseReasonListSchema,
  myCaseListSchema,
  caseListSchema,
  categoryDirectorySchema,
  currentProfileSchema,
  constructionSiteCollectionSchema,
  discardedGridDraftSchema,
  existingIncidentsSchema,
  districtSummarySchema,
  facilityCollectionSchema,
  gridCountsSchema,
  gridDraftListSchema,
  gridDraftSchema,
  gridEditResultSchema,
  gridHistorySchema,
  gridsForEditSchema,
  gridVersionSchema,
  gridWhatIfInputsSchema,
  savedGridDraftSchema,
  incidentCollectionSchema,
  intakeResultSchema,
  marketCollectionSchema,
  roadCollectionSchema,
  searchResultsSchema,
  segmentCollectionSchema,
} from './schemas.ts'

export type SqlType =
  | 'text'
  | 'integer'
  | 'bigint'
  | 'boolean'
  | 'date'
  | 'timestamptz'
  | 'json'
  | 'jsonb'
  | 'double precision[]'
  | 'text[]'
  | 'bigint[]'

export interface RpcSpec<S extends z.ZodType = z.ZodType> {
  name: string
  args: Record<string, SqlType>
  result: S
  /**
   * The tables a writing function changes. Watchers of those tables hear of the write in the
   * embedded backend (Supabase realtime tells them itself), and react-query drops the reads
   * that depend on them (data/invalidation.ts). The embedded backend answers a write only
   * once the change is persisted in IndexedDB.
   */
  writes?: readonly WatchedTable[]
  /**
   * 'background' for reads nobody is looking at yet (sidebar figures, the placement
   * reference, the gazetteer): where calls queue (the embedded database answers one at a
   * time), they wait for the interactive ones (call-queue.ts). Default: interactive.
   */
  priority?: CallPriority
}

/** Where a call goes in a queue: a write is always interactive, and so keeps its order. */
export function callPriority(rpc: RpcSpec): CallPriority {
  return rpc.writes ? 'interactive' : (rpc.priority ?? 'interactive')
}

/**
 * Tables whose changes the app follows (published to supabase_realtime, see the migrations),
 * and grid_drafts: one user's own, large rows, not published; its reads are dropped by this
 * app's own draft writes (and the embedded backend persists a write only when it declares one).
 */
export const WATCHED_TABLES = ['grids', 'incidents', 'case_history', 'grid_drafts', 'segment_assignments', 'cleaners', 'facility_duties', 'cleaning_inspections', 'case_attachments', 'kpi_weight_sets'] as const
export type WatchedTable = (typeof WATCHED_TABLES)[number]

const spec = <S extends z.ZodType>(value: RpcSpec<S>) => value

export const RPC = {
  districtSummary: spec({ name: 'district_summary', args: {}, result: districtSummarySchema, priority: 'background' }),
  categoryDirectory: spec({ name: 'category_directory', args: {}, result: categoryDirectorySchema, priority: 'background' }),
  currentProfile: spec({ name: 'current_profile', args: {}, result: currentProfileSchema }),
  layerGrids: spec({
    name: 'layer_grids',
    args: { p_level: 'text', p_bbox: 'double precision[]', p_limit: 'integer' },
    result: areaCollectionSchema,
  }),
  layerRoads: spec({ name: 'layer_roads', args: { p_bbox: 'double precision[]', p_limit: 'integer' }, result: roadCollectionSchema }),
  layerSegments: spec({
    name: 'layer_segments',
    args: { p_bbox: 'double precision[]', p_limit: 'integer' },
    result: segmentCollectionSchema,
  }),
  layerMarkets: spec({
    name: 'layer_markets',
    args: { p_bbox: 'double precision[]', p_limit: 'integer' },
    result: marketCollectionSchema,
  }),
  layerConstructionSites: spec({
    name: 'layer_construction_sites',
    args: { p_bbox: 'double precision[]', p_limit: 'integer', p_on: 'date' },
    result: constructionSiteCollectionSchema,
  }),
  layerFacilities: spec({
    name: 'layer_facilities',
    args: { p_bbox: 'double precision[]', p_kinds: 'text[]', p_limit: 'integer' },
    result: facilityCollectionSchema,
  }),
  layerIncidents: spec({
    name: 'layer_incidents',
    args: {
      p_bbox: 'double precision[]',
      p_from: 'timestamptz',
      p_to: 'timestamptz',
      p_categories: 'text[]',
      p_statuses: 'text[]',
      p_limit: 'integer',
    },
    result: incidentCollectionSchema,
  }),
  incidentCountsByGrid: spec({
    name: 'incident_counts_by_grid',
    args: {
      p_from: 'timestamptz',
      p_to: 'timestamptz',
      p_categories: 'text[]',
      p_statuses: 'text[]',
      p_bbox: 'double precision[]',
    },
    result: gridCountsSchema,
  }),
  searchFeatures: spec({ name: 'search_features', args: { p_query: 'text', p_limit: 'integer' }, result: searchResultsSchema }),
  assignmentReference: spec({ name: 'assignment_reference', args: {}, result: assignmentReferenceSchema, priority: 'background' }),
  addressGazetteer: spec({ name: 'address_gazetteer', args: {}, result: gazetteerSchema, priority: 'background' }),
  // json, not jsonb: jsonb cannot hold U+0000, and a row with one must be refused on its own
  intakeIncidents: spec({ name: 'intake_incidents', args: { p_rows: 'json' }, result: intakeResultSchema, writes: ['incidents'] }),
  /** read only: which of at most 1000 rows to take in are already there, by external id or content */
  existingIncidents: spec({ name: 'existing_incidents', args: { p_rows: 'jsonb' }, result: existingIncidentsSchema }),
  editGrids: spec({ name: 'edit_grids', args: { p_edits: 'jsonb' }, result: gridEditResultSchema, writes: ['grids'] }),
  // The grid editor (网格规划): a scope is a 12-digit community or a 9-digit street code.
  gridsForEdit: spec({ name: 'grids_for_edit', args: { p_scope: 'text' }, result: gridsForEditSchema }),
  gridHistory: spec({ name: 'grid_history', args: { p_code: 'text', p_community: 'text' }, result: gridHistorySchema }),
  gridVersion: spec({ name: 'grid_version', args: { p_id: 'bigint' }, result: gridVersionSchema.nullable() }),
  gridWhatIfInputs: spec({
    name: 'grid_whatif_inputs',
    args: { p_bbox: 'double precision[]', p_from: 'timestamptz', p_to: 'timestamptz' },
    result: gridWhatIfInputsSchema,
  }),
  gridDraft: spec({ name: 'grid_draft', args: { p_scope: 'text' }, result: gridDraftSchema }),
  listGridDrafts: spec({ name: 'list_grid_drafts', args: {}, result: gridDraftListSchema }),
  saveGridDraft: spec({
    name: 'save_grid_draft',
    args: { p_scope: 'text', p_payload: 'jsonb', p_base: 'jsonb' },
    result: savedGridDraftSchema,
    writes: ['grid_drafts'],
  }),
  discardGridDraft: spec({ name: 'discard_grid_draft', args: { p_scope: 'text' }, result: discardedGridDraftSchema, writes: ['grid_drafts'] }),
  listCases: spec({
    name: 'list_cases',
    args: {
      p_statuses: 'text[]',
      p_overdue: 'boolean',
      p_grid_code: 'text',
      p_department_id: 'bigint',
      p_category: 'text',
      p_sources: 'text[]',
      p_from: 'timestamptz',
      p_to: 'timestamptz',
      p_search: 'text',
      p_limit: 'integer',
      p_offset: 'integer',
      p_ids: 'bigint[]',
      p_sort: 'text',
      p_descending: 'boolean',
      p_late_stage: 'text',
    },
    result: caseListSchema,
  }),
  caseDetail: spec({ name: 'case_detail', args: { p_id: 'bigint' }, result: caseDetailSchema }),
  transitionCase: spec({
    name: 'transition_case',
    args: { p_id: 'bigint', p_action: 'text', p_expected_status: 'text', p_payload: 'jsonb' },
    result: caseDetailSchema,
    writes: ['incidents', 'case_history'],
  }),
  caseReasonOptions: spec({ name: 'case_reason_options', args: { p_all: 'boolean' }, result: caseReasonListSchema }),
  caseHandlers: spec({ name: 'case_handlers', args: { p_department_id: 'bigint' }, result: caseHandlerListSchema }),
  myCases: spec({ name: 'my_cases', args: { p_limit: 'integer' }, result: myCaseListSchema }),
} as const

export type RpcName = keyof typeof RPC

/** Turns a spec and named values into a positional, typed SQL call (used by PGlite). */
export function rpcToSql(rpc: RpcSpec, values: Record<string, unknown>): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const named: string[] = []
  for (const [name, type] of Object.entries(rpc.args)) {
    const value = values[name]
    if (value === undefined) continue
    params.push((type === 'json' || type === 'jsonb') && value !== null ? JSON.stringify(value) : value)
    named.push(`${name} => $${params.length}::${type}`)
  }
  return { sql: `select public.${rpc.name}(${named.join(', ')}) as result`, params }
}
