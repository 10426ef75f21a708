/**
 * The Repository: the only door between the UI and the database. Methods are written once
 * over an RpcTransport; each backend (embedded PGlite, Supabase) supplies only the transport
 * and its sign-in story. Results are parsed with the shared zod schemas.
 */
import type { z } from 'zod'
import type { Category } from '../domain/categories/category.ts'
import type { FacilityKind } from '../domain/facilities/facility-kind.ts'
import type { BBox } from '../domain/geometry/bbox.ts'
import type { GridLevel } from '../domain/grids/grid-level.ts'
import type { CaseStage } from '../domain/cases/stage-deadlines.ts'
import { withIntakeCell } from '../domain/import/intake-cell.ts'
import type { AssignmentReference, Gazetteer } from './assignment-schemas.ts'
import { toRepositoryError } from './errors.ts'
import { RPC, type RpcSpec, type WatchedTable } from './rpc.ts'
import type {
  AppRole,
  AreaCollection,
  CaseActionName,
  CaseDetail,
  CaseHandler,
  CaseReason,
  MyCase,
  CaseList,
  ConstructionSiteCollection,
  DistrictSummary,
  ExistingIncident,
  ExistingIncidentQuery,
  FacilityCollection,
  GridCounts,
  GridDraft,
  GridDraftSummary,
  GridEdit,
  GridEditResult,
  GridHistory,
  GridsForEdit,
  GridVersion,
  GridWhatIfInputs,
  IncidentCollection,
  IncidentIntakeRow,
  IncidentSource,
  IncidentStatus,
  IntakeResult,
  MarketCollection,
  RoadCollection,
  SavedGridDraft,
  SearchResult,
  SegmentCollection,
} from './schemas.ts'

export type BackendKind = 'embedded' | 'supabase'

/** The most rows public.existing_incidents takes in one call. */
export const EXISTING_INCIDENTS_LIMIT = 1000

export interface RpcTransport {
  readonly kind: BackendKind
  /** Calls one SQL API function with named arguments and returns its raw jsonb result. */
  call(rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown>
  /**
   * Tells `listener` when rows of these tables change, whoever changed them (Supabase
   * realtime; the embedded database reports its own writes). Returns the unsubscribe.
   */
  watch?(tables: readonly WatchedTable[], listener: () => void): () => void
  /**
   * Runs a long series of writes (an import's batches) as one run: the embedded database
   * persists to IndexedDB every BULK_PERSIST_MS and once at the end instead of after every
   * write, and tells the watchers once, at the end. Without it, `work` just runs.
   */
  bulk?<T>(work: () => Promise<T>): Promise<T>
}

export interface SessionUser {
  id: string
  email: string
  displayName: string
  role: AppRole
}

/** Signing in: Supabase Auth for a Supabase project; a demo user per role when embedded. */
export interface AuthProvider {
  currentUser(): Promise<SessionUser | null>
  /** Supabase: email + password. Embedded: the email of one of the demo users, no password. */
  signIn(email: string, password: string): Promise<SessionUser>
  signOut(): Promise<void>
  onChange(listener: (user: SessionUser | null) => void): () => void
}

export interface LayerQuery {
  bbox?: BBox | null
  limit?: number
}

export interface IncidentQuery extends LayerQuery {
  /** ISO-8601 instants; `to` is exclusive */
  from?: string | null
  to?: string | null
  /** 5-digit matter codes and/or 2-digit 大类 codes */
  categories?: string[] | null
  statuses?: IncidentStatus[] | null
}

/** Filters of the case list (public.list_cases); all optional, combined with "and". */
export interface CaseListQuery {
  statuses?: IncidentStatus[] | null
  /** true: only late cases; false: only cases on time (see docs/workflow.md) */
  overdue?: boolean | null
  /** prefix of the 15-digit grid code: 9 digits = a street, 12 = a community */
  gridCode?: string | null
  departmentId?: number | null
  /** 2-digit 大类 or 5-digit 小类 (a prefix) */
  category?: string | null
  sources?: IncidentSource[] | null
  /** ISO-8601 instants on reported_at; `to` is exclusive */
  from?: string | null
  to?: string | null
  /** the platform's case number (e.g. 20260315-000123), the id or the external system's id */
  search?: string | null
  /** only these cases (e.g. a recurring problem's, opened from 热点分析), at most 1000 */
  ids?: number[] | null
  /** the column the server orders by (default reported_at); ties by id in the same direction */
  sort?: CaseSortKey | null
  /** default true (newest / latest first) */
  descending?: boolean | null
  /** only cases with this stage late (recorded late, or in it past its deadline), or 'any' stage */
  lateStage?: CaseStage | 'any' | null
  /** page size, at most 5000 (default 50) */
  limit?: number
  offset?: number
}

/** What list_cases orders by (p_sort); anything else is refused with UG230. */
export const CASE_SORT_KEYS = ['reported_at', 'deadline_at', 'status', 'category', 'grid', 'department', 'number'] as const
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number]

/** Whose versions public.grid_history lists: one grid (15-digit code) or every grid of a community (12 digits); exactly one. */
export interface GridHistoryQuery {
  code?: string | null
  community?: string | null
}

/** The box and period public.grid_whatif_inputs reads; null asks for nothing (the hook waits). */
export interface GridWhatIfQuery {
  bbox: BBox | null
  /** ISO-8601 instants; `to` is exclusive; at most 731 days apart */
  from: string | null
  to: string | null
}

/** A draft to save: the client's own object (at most 5 MB as JSON) and the versions it was based on. */
export interface GridDraftInput {
  /** 12-digit community or 9-digit street code */
  scope: string
  payload: Record<string, unknown>
  /** grid code → the version the draft was based on (null for grids the draft creates) */
  base?: Record<string, number | null> | null
}

export interface CaseTransitionOptions {
  /** the status the user saw; the step is refused (UG204) if the case has moved on since */
  expectedStatus?: IncidentStatus | null
  note?: string
  /** dispatch (optional: the routed department otherwise) and redispatch (required) */
  departmentId?: number | null
  /** check: passed or sent back for 返工 (a note is then required) */
  passed?: boolean
  /** close: 'error' or 'special' (with a note); normal/overdue follow from the clock */
  closureType?: 'error' | 'special' | null
  /**
   * dispatch/redispatch: the named handler (a 作业人员 of the department the case goes to);
   * none leaves the case to the department as a whole
   */
  handlerId?: string | null
  /**
   * reject, failed check, redispatch, special/error close: a standard reason (public.case_reasons);
   * without one the note is the reason
   */
  reasonCode?: string | null
}

export class Repository {
  readonly transport: RpcTransport
  readonly auth: AuthProvider
  /** What the header shows: "内置演示数据库" or the Supabase project URL */
  readonly label: string

  constructor(transport: RpcTransport, auth: AuthProvider, label: string) {
    this.transport = transport
    this.auth = auth
    this.label = label
  }

  get kind(): BackendKind {
    return this.transport.kind
  }

  /** A long series of writes as one run (RpcTransport.bulk); errors as every other call's. */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    if (!this.transport.bulk) return work()
    try {
      return await this.transport.bulk(work)
    } catch (error) {
      throw toRepositoryError(error)
    }
  }

  /**
   * A function of the SQL API that is declared outside the RPC table: a layer module's read
   * (src/layers). Called, checked and its errors turned into RepositoryErrors like every other.
   */
  rpc<S extends z.ZodType>(rpc: RpcSpec<S>, args: Record<string, unknown>): Promise<z.infer<S>> {
    return this.call(rpc, args)
  }

  private async call<T>(rpc: RpcSpec, args: Record<string, unknown>): Promise<T> {
    let raw: unknown
    try {
      raw = await this.transport.call(rpc, args)
    } catch (error) {
      throw toRepositoryError(error)
    }
    const parsed = rpc.result.safeParse(raw)
    if (!parsed.success) {
      throw toRepositoryError({
        code: 'SCHEMA',
        message: `${rpc.name} 返回的数据格式与预期不符：${parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.')} ${issue.message}`)
          .join('; ')}`,
      })
    }
    return parsed.data as T
  }

  districtSummary(): Promise<DistrictSummary> {
    return this.call(RPC.districtSummary, {})
  }

  categoryDirectory(): Promise<Category[]> {
    return this.call(RPC.categoryDirectory, {})
  }

  areas(level: GridLevel, query: LayerQuery = {}): Promise<AreaCollection> {
    return this.call(RPC.layerGrids, { p_level: level, p_bbox: query.bbox ?? null, p_limit: query.limit ?? null })
  }

  roads(query: LayerQuery = {}): Promise<RoadCollection> {
    return this.call(RPC.layerRoads, { p_bbox: query.bbox ?? null, p_limit: query.limit ?? null })
  }

  segments(query: LayerQuery = {}): Promise<SegmentCollection> {
    return this.call(RPC.layerSegments, { p_bbox: query.bbox ?? null, p_limit: query.limit ?? null })
  }

  markets(query: LayerQuery = {}): Promise<MarketCollection> {
    return this.call(RPC.layerMarkets, { p_bbox: query.bbox ?? null, p_limit: query.limit ?? null })
  }

  /** `on`: the day against which permits count as expired (default: today in the database) */
  constructionSites(query: LayerQuery & { on?: string | null } = {}): Promise<ConstructionSiteCollection> {
    return this.call(RPC.layerConstructionSites, {
      p_bbox: query.bbox ?? null,
      p_limit: query.limit ?? null,
      p_on: query.on ?? null,
    })
  }

  facilities(query: LayerQuery & { kinds?: FacilityKind[] | null } = {}): Promise<FacilityCollection> {
    return this.call(RPC.layerFacilities, {
      p_bbox: query.bbox ?? null,
      p_kinds: query.kinds ?? null,
      p_limit: query.limit ?? null,
    })
  }

  incidents(query: IncidentQuery = {}): Promise<IncidentCollection> {
    return this.call(RPC.layerIncidents, {
      p_bbox: query.bbox ?? null,
      p_from: query.from ?? null,
      p_to: query.to ?? null,
      p_categories: query.categories ?? null,
      p_statuses: query.statuses ?? null,
      p_limit: query.limit ?? null,
    })
  }

  incidentCountsByGrid(query: IncidentQuery = {}): Promise<GridCounts> {
    return this.call(RPC.incidentCountsByGrid, {
      p_bbox: query.bbox ?? null,
      p_from: query.from ?? null,
      p_to: query.to ?? null,
      p_categories: query.categories ?? null,
      p_statuses: query.statuses ?? null,
    })
  }

  search(text: string, limit = 20): Promise<SearchResult[]> {
    return this.call(RPC.searchFeatures, { p_query: text, p_limit: limit })
  }

  /**
   * Calls `listener` whenever rows of these tables change, whoever changed them (Supabase
   * realtime; in the embedded database, this app's own writes). One change of many rows may
   * call it many times. Returns the unsubscribe.
   */
  watch(tables: readonly WatchedTable[], listener: () => void): () => void {
    return this.transport.watch?.(tables, listener) ?? (() => {})
  }

  /** What the browser needs to place cases exactly as the database trigger does. */
  assignmentReference(): Promise<AssignmentReference> {
    return this.call(RPC.assignmentReference, {})
  }

  /** The district's place names, to place rows that have an address and no coordinates. */
  addressGazetteer(): Promise<Gazetteer> {
    return this.call(RPC.addressGazetteer, {})
  }

  /** Each row goes with the H3 cell of its point (stored for hexagon hotspots; see withIntakeCell). */
  intakeIncidents(rows: IncidentIntakeRow[]): Promise<IntakeResult[]> {
    return this.call(RPC.intakeIncidents, { p_rows: rows.map(withIntakeCell) })
  }

  /**
   * Which of these rows (at most EXISTING_INCIDENTS_LIMIT) the database already has: by
   * external id, else by content (same matter code, reported within 60 s, within 5 m). One
   * answer per row, in order. Read only; the import preview asks it before anything is written.
   */
  existingIncidents(rows: ExistingIncidentQuery[]): Promise<ExistingIncident[]> {
    return this.call(RPC.existingIncidents, { p_rows: rows })
  }

  editGrids(edits: GridEdit[]): Promise<GridEditResult[]> {
    return this.call(RPC.editGrids, { p_edits: edits })
  }

  /**
   * The grid editor's load of a scope: its communities, their current grids and the
   * neighbouring grids to snap to, geometries at full precision. Unknown scope: UG111.
   */
  gridsForEdit(scope: string): Promise<GridsForEdit> {
    return this.call(RPC.gridsForEdit, { p_scope: scope })
  }

  /** Every version of one grid or of a community's grids, newest first, with the change events. */
  gridHistory(query: GridHistoryQuery): Promise<GridHistory> {
    return this.call(RPC.gridHistory, { p_code: query.code ?? null, p_community: query.community ?? null })
  }

  /** One grid version by id, with its geometry (to restore it), or null. */
  gridVersion(id: number): Promise<GridVersion | null> {
    return this.call(RPC.gridVersion, { p_id: id })
  }

  /** Cases of a period (as columns), segments, facilities, markets and sites inside a box. */
  gridWhatIfInputs(query: GridWhatIfQuery): Promise<GridWhatIfInputs> {
    return this.call(RPC.gridWhatIfInputs, { p_bbox: query.bbox, p_from: query.from, p_to: query.to })
  }

  /** The signed-in planner's draft of a scope, or null. Other roles: 42501. */
  gridDraft(scope: string): Promise<GridDraft | null> {
    return this.call(RPC.gridDraft, { p_scope: scope })
  }

  /** The signed-in planner's drafts, most recently saved first, without payloads. */
  gridDrafts(): Promise<GridDraftSummary[]> {
    return this.call(RPC.listGridDrafts, {})
  }

  /** Creates or replaces the signed-in planner's draft of a scope. Too large: UG112; unknown scope: UG111. */
  saveGridDraft(draft: GridDraftInput): Promise<SavedGridDraft> {
    return this.call(RPC.saveGridDraft, { p_scope: draft.scope, p_payload: draft.payload, p_base: draft.base ?? {} })
  }

  /** Drops the signed-in planner's draft of a scope (after publishing, or to start over); false when there was none. */
  discardGridDraft(scope: string): Promise<boolean> {
    return this.call(RPC.discardGridDraft, { p_scope: scope })
  }

  cases(query: CaseListQuery = {}): Promise<CaseList> {
    return this.call(RPC.listCases, {
      p_statuses: query.statuses ?? null,
      p_overdue: query.overdue ?? null,
      p_grid_code: query.gridCode ?? null,
      p_department_id: query.departmentId ?? null,
      p_category: query.category ?? null,
      p_sources: query.sources ?? null,
      p_from: query.from ?? null,
      p_to: query.to ?? null,
      p_search: query.search ?? null,
      p_limit: query.limit ?? null,
      p_offset: query.offset ?? null,
      // Sent only when asked, so a backend whose list_cases predates it still answers the rest.
      ...(query.ids ? { p_ids: query.ids } : {}),
      ...(query.sort ? { p_sort: query.sort } : {}),
      ...(query.descending !== undefined && query.descending !== null ? { p_descending: query.descending } : {}),
      ...(query.lateStage ? { p_late_stage: query.lateStage } : {}),
    })
  }

  /** null when the case does not exist or the user may not read it */
  caseDetail(id: number): Promise<CaseDetail | null> {
    return this.call(RPC.caseDetail, { p_id: id })
  }

  /** One workflow step; resolves to the case as it is afterwards. Refusals: RepositoryError with code UG2xx or 42501. */
  async transitionCase(id: number, action: CaseActionName, options: CaseTransitionOptions = {}): Promise<CaseDetail> {
    const payload: Record<string, unknown> = {}
    if (options.note !== undefined) payload.note = options.note
    if (options.departmentId !== undefined && options.departmentId !== null) payload.department_id = options.departmentId
    if (options.passed !== undefined) payload.passed = options.passed
    if (options.closureType) payload.closure_type = options.closureType
    if (options.handlerId) payload.handler_id = options.handlerId
    if (options.reasonCode) payload.reason_code = options.reasonCode
    const detail = await this.call<CaseDetail | null>(RPC.transitionCase, {
      p_id: id,
      p_action: action,
      p_expected_status: options.expectedStatus ?? null,
      p_payload: payload,
    })
    if (detail === null) throw toRepositoryError({ code: 'UG201', message: `id: 案件 ${id} 不存在` })
    return detail
  }

  /** The standard reasons (不予立案, 返工, 改派, 特殊/差错结案), active ones only unless `all`. */
  caseReasons(all = false): Promise<CaseReason[]> {
    return this.call(RPC.caseReasonOptions, { p_all: all })
  }

  /** The 作业人员 a case can be dispatched to, of one department or all. */
  caseHandlers(departmentId: number | null = null): Promise<CaseHandler[]> {
    return this.call(RPC.caseHandlers, { p_department_id: departmentId })
  }

  /** The signed-in handler's open cases, the earliest deadline first. */
  myCases(limit = 50): Promise<MyCase[]> {
    return this.call(RPC.myCases, { p_limit: limit })
  }
}
