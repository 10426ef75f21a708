/**
 * react-query hooks over the Repository: one generic read hook over the reads declared in
 * data/reads.ts, and the mutations. Query keys start with 'urbangrid' and the kind of read,
 * so a write can invalidate exactly the reads it touches (data/invalidation.ts).
 */
import { createContext, useContext, useEffect } from 'react'
import { useMutation, useQuery, useQueryClient, type QueryClient, type UseMutationOptions } from '@tanstack/react-query'
import { invalidateAfterWrite, invalidateOnChange } from './invalidation.ts'
import { READS, queryKeys, readOptions, type ReadSpec } from './reads.ts'
import type {
  CaseListQuery,
  CaseTransitionOptions,
  GridDraftInput,
  GridHistoryQuery,
  GridWhatIfQuery,
  IncidentQuery,
  LayerQuery,
  Repository,
} from './repository.ts'
import { RPC, type WatchedTable } from './rpc.ts'
import type { FacilityKind } from '../domain/facilities/facility-kind.ts'
import type { BBox } from '../domain/geometry/bbox.ts'
import type { GridLevel } from '../domain/grids/grid-level.ts'
import { appSettingsFrom } from '../domain/settings/app-settings.ts'
import type { CaseActionName, CaseDetail, GridEdit, IncidentIntakeRow } from './schemas.ts'

// Callers (and the persisted-key tests) know the keys and the district roads from here.
export { DISTRICT_ROADS, queryKeys } from './reads.ts'

export const RepositoryContext = createContext<Repository | null>(null)

export function useRepository(): Repository {
  const repository = useContext(RepositoryContext)
  if (!repository) throw new Error('useRepository() outside <RepositoryContext.Provider>')
  return repository
}

interface Options {
  enabled?: boolean
}

/**
 * The one query hook: a read from data/reads.ts with its arguments. The key, the fetch and
 * how long an answer holds come from the read's spec; callers only say when to ask.
 */
export function useRead<Args extends unknown[], Result>(spec: ReadSpec<Args, Result>, args: Args, options: Options = {}) {
  const repository = useRepository()
  const askable = spec.askable?.(...args) ?? true
  return useQuery({ ...readOptions(spec, repository, args), ...(askable ? options : { enabled: false }) })
}

export const useDistrictSummary = (options?: Options) => useRead(READS.summary, [], options)
export const useCategoryDirectory = (options?: Options) => useRead(READS.categories, [], options)
export const useAreas = (level: GridLevel, query: LayerQuery, options?: Options) => useRead(READS.areas, [level, query], options)
export const useRoads = (query: LayerQuery, options?: Options) => useRead(READS.roads, [query], options)
export const useSegments = (query: LayerQuery, options?: Options) => useRead(READS.segments, [query], options)
export const useMarkets = (query: LayerQuery, options?: Options) => useRead(READS.markets, [query], options)
export const useConstructionSites = (query: LayerQuery & { on?: string | null }, options?: Options) => useRead(READS.constructionSites, [query], options)
export const useFacilities = (query: LayerQuery & { kinds?: FacilityKind[] | null }, options?: Options) => useRead(READS.facilities, [query], options)
export const useIncidents = (query: IncidentQuery, options?: Options) => useRead(READS.incidents, [query], options)
export const useIncidentCountsByGrid = (query: IncidentQuery, options?: Options) => useRead(READS.incidentCounts, [query], options)
export const useSearch = (text: string, options?: Options) => useRead(READS.search, [text], options)
export const useCases = (query: CaseListQuery, options?: Options) => useRead(READS.cases, [query], options)
/** No case chosen asks for nothing (the key of id -1 stays empty). */
export const useCaseDetail = (id: number | null, options: Options = {}) =>
  useRead(READS.caseDetail, [id ?? -1], { enabled: id !== null && (options.enabled ?? true) })
export const useCaseReasons = (options?: Options) => useRead(READS.caseReasons, [], options)
export const useCaseHandlers = (options?: Options) => useRead(READS.caseHandlers, [], options)
export const useMyCases = (options?: Options) => useRead(READS.myCases, [], options)
export const useAssignmentReference = (options?: Options) => useRead(READS.assignmentReference, [], options)
export const useAddressGazetteer = (options?: Options) => useRead(READS.addressGazetteer, [], options)

// The grid editor (网格规划). A scope is a 12-digit community or a 9-digit street code; null asks nothing.
export const useGridsForEdit = (scope: string | null, options?: Options) => useRead(READS.gridsForEdit, [scope], options)
/** `{ code }` for one grid's versions, `{ community }` for all of a community's; neither asks nothing. */
export const useGridHistory = (query: GridHistoryQuery, options?: Options) =>
  useRead(READS.gridHistory, [{ code: query.code ?? null, community: query.community ?? null }], options)
export const useGridVersion = (id: number | null, options?: Options) => useRead(READS.gridVersion, [id ?? -1], options)
export const useGridDraft = (scope: string | null, options?: Options) => useRead(READS.gridDraft, [scope], options)
export const useGridDrafts = (options?: Options) => useRead(READS.gridDrafts, [], options)
export const useGridWhatIfInputs = (bbox: BBox | null, from: string | null, to: string | null, options?: Options) =>
  useRead(READS.gridWhatIfInputs, [{ bbox, from, to } satisfies GridWhatIfQuery], options)

/**
 * The offset of local time from UTC the database works in (app_settings.timezone_offset_hours),
 * to turn the UI's calendar days into instants and back. It comes with the placement
 * reference, the one read that carries app_settings; that read is large (every grid's and
 * segment's geometry), so a view that does not hold it anyway asks for it only while it has
 * days to convert (`enabled`). Until it arrives, or if it fails, the default stands.
 */
export function useLocalOffsetHours(options?: Options): number {
  return appSettingsFrom(useAssignmentReference(options).data?.settings).timezone_offset_hours
}

/** The one mutation hook: a mutation factory below, over this app's repository and cache. */
function useWrite<Variables, Result>(factory: (repository: Repository, client: QueryClient) => UseMutationOptions<Result, Error, Variables>) {
  return useMutation(factory(useRepository(), useQueryClient()))
}

/** Registers cases; afterwards every view of cases (list, detail, map, counts) refetches. */
export function intakeIncidentsMutation(repository: Repository, client: QueryClient) {
  return {
    mutationFn: (rows: IncidentIntakeRow[]) => repository.intakeIncidents(rows),
    onSuccess: () => void invalidateAfterWrite(client, RPC.intakeIncidents),
  }
}

/**
 * Edits grids; afterwards the grid layers, counts by grid, segments, search, the summary
 * and the browser's placement reference (the import places rows with it) refetch.
 */
export function editGridsMutation(repository: Repository, client: QueryClient) {
  return {
    mutationFn: (edits: GridEdit[]) => repository.editGrids(edits),
    onSuccess: () => void invalidateAfterWrite(client, RPC.editGrids),
  }
}

/** Saves the planner's draft of a scope; afterwards the draft and the list of drafts refetch. */
export function saveGridDraftMutation(repository: Repository, client: QueryClient) {
  return {
    mutationFn: (draft: GridDraftInput) => repository.saveGridDraft(draft),
    onSuccess: () => void invalidateAfterWrite(client, RPC.saveGridDraft),
  }
}

/**
 * Drops the planner's draft of a scope (publishing is editGrids, then this); afterwards the
 * draft and the list of drafts refetch.
 */
export function discardGridDraftMutation(repository: Repository, client: QueryClient) {
  return {
    mutationFn: (scope: string) => repository.discardGridDraft(scope),
    onSuccess: () => void invalidateAfterWrite(client, RPC.discardGridDraft),
  }
}

export const useEditGrids = () => useWrite(editGridsMutation)
export const useSaveGridDraft = () => useWrite(saveGridDraftMutation)
export const useDiscardGridDraft = () => useWrite(discardGridDraftMutation)

/**
 * While mounted, drops the reads of these tables whenever someone changes them: another
 * tab or user (Supabase realtime) or, in the embedded database, this app itself.
 */
export function useInvalidateOnChange(tables: readonly WatchedTable[]) {
  const repository = useRepository()
  const client = useQueryClient()
  const key = tables.join(',')
  useEffect(() => invalidateOnChange(repository, client, key.split(',') as WatchedTable[]), [repository, client, key])
}

export interface CaseTransitionInput extends CaseTransitionOptions {
  id: number
  action: CaseActionName
}

/** A workflow step; afterwards every view of cases (list, detail, map, counts) refetches. */
export function transitionCaseMutation(repository: Repository, client: QueryClient) {
  return {
    mutationFn: ({ id, action, ...options }: CaseTransitionInput) => repository.transitionCase(id, action, options),
    onSuccess: (detail: CaseDetail) => {
      client.setQueryData(queryKeys.caseDetail(detail.id), detail)
    },
    // Also after a refusal: a UG204 means someone else moved the case, so show what it is now.
    onSettled: () => void invalidateAfterWrite(client, RPC.transitionCase),
  }
}

export const useTransitionCase = () => useWrite(transitionCaseMutation)
