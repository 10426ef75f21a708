/**
 * The Repository: the only door between the UI and the database. Methods are written once
 * over an RpcTransport; each backend (embedded PGlite, Supabase) supplies only the transport
 * and its sign-in story. Results are parsed with the shared zod schemas.
 */
import type { AssignmentReference } from './assignment-schemas.ts'
import { toRepositoryError } from './errors.ts'
import { RPC, type RpcSpec } from './rpc.ts'
import type {
  AppRole,
  AreaCollection,
  BBox,
  Category,
  ConstructionSiteCollection,
  DistrictSummary,
  FacilityCollection,
  FacilityKind,
  GridCounts,
  GridEdit,
  GridEditResult,
  GridLevel,
  IncidentCollection,
  IncidentIntakeRow,
  IncidentStatus,
  IntakeResult,
  MarketCollection,
  RoadCollection,
  SearchResult,
  SegmentCollection,
} from './schemas.ts'

export type BackendKind = 'embedded' | 'supabase'

export interface RpcTransport {
  readonly kind: BackendKind
  /** Calls one SQL API function with named arguments and returns its raw jsonb result. */
  call(rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown>
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

  /** What the browser needs to place cases exactly as the database trigger does. */
  assignmentReference(): Promise<AssignmentReference> {
    return this.call(RPC.assignmentReference, {})
  }

  intakeIncidents(rows: IncidentIntakeRow[]): Promise<IntakeResult[]> {
    return this.call(RPC.intakeIncidents, { p_rows: rows })
  }

  editGrids(edits: GridEdit[]): Promise<GridEditResult[]> {
    return this.call(RPC.editGrids, { p_edits: edits })
  }
}
