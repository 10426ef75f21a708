/**
 * Every read the UI caches, declared once: its query-key kind, how the Repository answers
 * it and how long an answer holds. The react-query hooks (data/hooks.ts), the demo build's
 * prepared first view (scripts/first-view.ts) and one-off fetches all go through this
 * table, so a read's key and its fetch cannot drift apart.
 *
 * Keys are `['urbangrid', <kind>, ...args]`. They are a persisted contract: the layer cache
 * and the prepared first view are stored under them (data/embedded/layer-persistence.ts),
 * and writes drop reads by kind (data/invalidation.ts). Free of React, so scripts use it.
 */
import { keepPreviousData, type QueryKey } from '@tanstack/react-query'
import type { FacilityKind } from '../domain/facilities/facility-kind.ts'
import type { GridLevel } from '../domain/grids/grid-level.ts'
import type { CaseListQuery, GridHistoryQuery, GridWhatIfQuery, IncidentQuery, LayerQuery, Repository } from './repository.ts'
import type { WatchedTable } from './rpc.ts'

export const QUERY_ROOT = 'urbangrid'

export interface ReadSpec<Args extends unknown[], Result, Kind extends string = string> {
  /** the key's second element; invalidation drops reads by it */
  kind: Kind
  fetch: (repository: Repository, ...args: Args) => Promise<Result>
  /**
   * Keep showing the previous arguments' answer while the next loads, so panning never
   * flashes an empty map and paging never an empty table.
   */
  keepPrevious?: boolean
  /**
   * Answered by a background RPC (data/rpc.ts `priority`): where calls queue, it waits for
   * the interactive ones and for a map's first view (data/call-queue.ts).
   */
  background?: boolean
  /** Infinity: never stale by age, only dropped by invalidation */
  staleTime?: number
  /** arguments that ask for nothing (an empty search) */
  askable?: (...args: Args) => boolean
  /** for reads declared outside READS (layer modules): the tables whose changes make it stale */
  tables?: readonly WatchedTable[]
}

const read = <Kind extends string, Args extends unknown[], Result>(spec: ReadSpec<Args, Result, Kind>) => spec

export const READS = {
  summary: read({ kind: 'summary', fetch: (repository) => repository.districtSummary(), background: true }),
  categories: read({ kind: 'categories', fetch: (repository) => repository.categoryDirectory(), staleTime: Infinity, background: true }),
  areas: read({
    kind: 'areas',
    fetch: (repository, level: GridLevel, query: LayerQuery) => repository.areas(level, query),
    keepPrevious: true,
  }),
  roads: read({ kind: 'roads', fetch: (repository, query: LayerQuery) => repository.roads(query), keepPrevious: true }),
  segments: read({ kind: 'segments', fetch: (repository, query: LayerQuery) => repository.segments(query), keepPrevious: true }),
  markets: read({ kind: 'markets', fetch: (repository, query: LayerQuery) => repository.markets(query), keepPrevious: true }),
  constructionSites: read({
    kind: 'constructionSites',
    fetch: (repository, query: LayerQuery & { on?: string | null }) => repository.constructionSites(query),
    keepPrevious: true,
  }),
  facilities: read({
    kind: 'facilities',
    fetch: (repository, query: LayerQuery & { kinds?: FacilityKind[] | null }) => repository.facilities(query),
    keepPrevious: true,
  }),
  incidents: read({ kind: 'incidents', fetch: (repository, query: IncidentQuery) => repository.incidents(query), keepPrevious: true }),
  incidentCounts: read({
    kind: 'incidentCounts',
    fetch: (repository, query: IncidentQuery) => repository.incidentCountsByGrid(query),
    keepPrevious: true,
  }),
  search: read({ kind: 'search', fetch: (repository, text: string) => repository.search(text), askable: (text: string) => text.trim().length > 0 }),
  cases: read({ kind: 'cases', fetch: (repository, query: CaseListQuery) => repository.cases(query), keepPrevious: true }),
  caseDetail: read({ kind: 'case', fetch: (repository, id: number) => repository.caseDetail(id) }),
  /** The standard reason lists; changed by an admin only now and then. */
  caseReasons: read({ kind: 'caseReasons', fetch: (repository) => repository.caseReasons(), staleTime: 5 * 60_000 }),
  /** Who a case can be dispatched to (all departments: the form filters), with their open cases. */
  caseHandlers: read({ kind: 'caseHandlers', fetch: (repository) => repository.caseHandlers(null) }),
  /** The signed-in handler's open cases. */
  myCases: read({ kind: 'myCases', fetch: (repository) => repository.myCases(50) }),
  /**
   * The browser's copy of the placement rules and settings (grids, segments, routing,
   * limits, calendar, app_settings). Never stale by age: dropped when grids change.
   */
  assignmentReference: read({
    kind: 'assignmentReference',
    fetch: (repository) => repository.assignmentReference(),
    staleTime: Infinity,
    background: true,
  }),
  /** The grid editor's load of a scope (12-digit community or 9-digit street code); no scope asks nothing. */
  gridsForEdit: read({
    kind: 'gridsForEdit',
    fetch: (repository, scope: string | null) => repository.gridsForEdit(scope ?? ''),
    askable: (scope: string | null) => scope !== null && scope.length > 0,
  }),
  /** Every version of one grid or of a community's grids, with the change events. */
  gridHistory: read({
    kind: 'gridHistory',
    fetch: (repository, query: GridHistoryQuery) => repository.gridHistory(query),
    askable: (query: GridHistoryQuery) => Boolean(query.code) !== Boolean(query.community),
  }),
  /** One version by id (for a restore); versions never change, so never stale by age. */
  gridVersion: read({
    kind: 'gridVersion',
    fetch: (repository, id: number) => repository.gridVersion(id),
    staleTime: Infinity,
    askable: (id: number) => id > 0,
  }),
  /** The signed-in planner's draft of a scope, or null. */
  gridDraft: read({
    kind: 'gridDraft',
    fetch: (repository, scope: string | null) => repository.gridDraft(scope ?? ''),
    askable: (scope: string | null) => scope !== null && scope.length > 0,
  }),
  /** The signed-in planner's drafts, without their payloads. */
  gridDrafts: read({ kind: 'gridDrafts', fetch: (repository) => repository.gridDrafts() }),
  /** What a proposed tiling is weighed against inside a box: cases of a period, segments, facilities, markets, sites. */
  gridWhatIfInputs: read({
    kind: 'gridWhatIfInputs',
    fetch: (repository, query: GridWhatIfQuery) => repository.gridWhatIfInputs(query),
    keepPrevious: true,
    askable: (query: GridWhatIfQuery) => query.bbox !== null && query.from !== null && query.to !== null,
  }),
  /** The district's place names; none of them is edited through the app yet, so read once. */
  addressGazetteer: read({
    kind: 'addressGazetteer',
    fetch: (repository) => repository.addressGazetteer(),
    staleTime: Infinity,
    background: true,
  }),
}

/** Reads declared by layer modules (src/layers), by kind: invalidation finds them here. */
export const MODULE_READS = new Map<string, ReadSpec<never[], unknown>>()

/**
 * A read a layer module declares for itself. Its kind must not be one of READS' (the key is
 * the contract); the tables it names are followed like READS_OF_TABLE's (data/invalidation.ts).
 */
export function defineRead<Kind extends string, Args extends unknown[], Result>(spec: ReadSpec<Args, Result, Kind>): ReadSpec<Args, Result, Kind> {
  if (Object.values(READS).some((read) => read.kind === spec.kind)) throw new Error(`read kind ${spec.kind} is already declared in READS`)
  MODULE_READS.set(spec.kind, spec as unknown as ReadSpec<never[], unknown>)
  return spec
}

export type ReadName = keyof typeof READS
/** The kinds of cached read, e.g. 'areas' or 'case'. */
export type QueryKind = (typeof READS)[ReadName]['kind']

type ArgsOf<Spec> = Spec extends ReadSpec<infer Args, unknown> ? Args : never

const BACKGROUND_KINDS: readonly string[] = Object.values(READS)
  .filter((spec: ReadSpec<never[], unknown>) => spec.background === true)
  .map((spec) => spec.kind)

/** Whether a cached read's key is one of the background reads. */
export function isBackgroundRead(queryKey: QueryKey): boolean {
  return queryKey[0] === QUERY_ROOT && typeof queryKey[1] === 'string' && BACKGROUND_KINDS.includes(queryKey[1])
}

export function queryKeyOf<Args extends unknown[]>(spec: ReadSpec<Args, unknown>, args: Args): QueryKey {
  return [QUERY_ROOT, spec.kind, ...args]
}

/**
 * The react-query options of one read with these arguments. Only what the spec sets is
 * passed, so the client's defaults (staleTime, retry) hold for the rest.
 */
export function readOptions<Args extends unknown[], Result>(spec: ReadSpec<Args, Result>, repository: Repository, args: Args) {
  return {
    queryKey: queryKeyOf(spec, args),
    queryFn: () => spec.fetch(repository, ...args),
    ...(spec.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(spec.staleTime !== undefined ? { staleTime: spec.staleTime } : {}),
  }
}

/** Query keys by read name: `queryKeys.areas(level, query)`; `queryKeys.all` is every read. */
export const queryKeys = {
  all: [QUERY_ROOT] as const,
  ...(Object.fromEntries(
    Object.entries(READS).map(([name, spec]) => [name, (...args: unknown[]) => queryKeyOf(spec as ReadSpec<unknown[], unknown>, args)]),
  ) as { [Name in ReadName]: (...args: ArgsOf<(typeof READS)[Name]>) => QueryKey }),
}

/** The whole district's roads (the offline basemap draws all of them): one read, one cache entry for every map. */
export const DISTRICT_ROADS: LayerQuery = { limit: 20000 }
