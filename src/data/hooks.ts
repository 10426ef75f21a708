/**
 * react-query hooks over the Repository. Query keys start with 'urbangrid' and the kind of
 * read, so a write can invalidate exactly the reads it touches (data/invalidation.ts).
 */
import { createContext, useContext, useEffect } from 'react'
import { useMutation, useQuery, useQueryClient, keepPreviousData, type QueryClient } from '@tanstack/react-query'
import { invalidateAfterWrite, invalidateOnChange } from './invalidation.ts'
import type { CaseListQuery, CaseTransitionOptions, IncidentQuery, LayerQuery, Repository } from './repository.ts'
import { RPC, type WatchedTable } from './rpc.ts'
import type { FacilityKind } from '../domain/facilities/facility-kind.ts'
import type { GridLevel } from '../domain/grids/grid-level.ts'
import type { CaseActionName, CaseDetail, GridEdit, IncidentIntakeRow } from './schemas.ts'

export const RepositoryContext = createContext<Repository | null>(null)

export function useRepository(): Repository {
  const repository = useContext(RepositoryContext)
  if (!repository) throw new Error('useRepository() outside <RepositoryContext.Provider>')
  return repository
}

export const queryKeys = {
  all: ['urbangrid'] as const,
  summary: () => [...queryKeys.all, 'summary'] as const,
  categories: () => [...queryKeys.all, 'categories'] as const,
  areas: (level: GridLevel, query: LayerQuery) => [...queryKeys.all, 'areas', level, query] as const,
  roads: (query: LayerQuery) => [...queryKeys.all, 'roads', query] as const,
  segments: (query: LayerQuery) => [...queryKeys.all, 'segments', query] as const,
  markets: (query: LayerQuery) => [...queryKeys.all, 'markets', query] as const,
  constructionSites: (query: LayerQuery & { on?: string | null }) => [...queryKeys.all, 'constructionSites', query] as const,
  facilities: (query: LayerQuery & { kinds?: FacilityKind[] | null }) => [...queryKeys.all, 'facilities', query] as const,
  incidents: (query: IncidentQuery) => [...queryKeys.all, 'incidents', query] as const,
  incidentCounts: (query: IncidentQuery) => [...queryKeys.all, 'incidentCounts', query] as const,
  search: (text: string) => [...queryKeys.all, 'search', text] as const,
  cases: (query: CaseListQuery) => [...queryKeys.all, 'cases', query] as const,
  caseDetail: (id: number) => [...queryKeys.all, 'case', id] as const,
  assignmentReference: () => [...queryKeys.all, 'assignmentReference'] as const,
  addressGazetteer: () => [...queryKeys.all, 'addressGazetteer'] as const,
}

interface Options {
  enabled?: boolean
}

export function useDistrictSummary(options: Options = {}) {
  const repository = useRepository()
  return useQuery({ queryKey: queryKeys.summary(), queryFn: () => repository.districtSummary(), ...options })
}

export function useCategoryDirectory(options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.categories(),
    queryFn: () => repository.categoryDirectory(),
    staleTime: Infinity,
    ...options,
  })
}

// Layer queries keep the previous viewport's data while the next one loads, so panning
// never flashes an empty map.
export function useAreas(level: GridLevel, query: LayerQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.areas(level, query),
    queryFn: () => repository.areas(level, query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

/** The whole district's roads (the offline basemap draws all of them): one read, one cache entry for every map. */
export const DISTRICT_ROADS: LayerQuery = { limit: 20000 }

export function useRoads(query: LayerQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({ queryKey: queryKeys.roads(query), queryFn: () => repository.roads(query), placeholderData: keepPreviousData, ...options })
}

export function useSegments(query: LayerQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.segments(query),
    queryFn: () => repository.segments(query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useMarkets(query: LayerQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({ queryKey: queryKeys.markets(query), queryFn: () => repository.markets(query), placeholderData: keepPreviousData, ...options })
}

export function useConstructionSites(query: LayerQuery & { on?: string | null }, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.constructionSites(query),
    queryFn: () => repository.constructionSites(query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useFacilities(query: LayerQuery & { kinds?: FacilityKind[] | null }, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.facilities(query),
    queryFn: () => repository.facilities(query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useIncidents(query: IncidentQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.incidents(query),
    queryFn: () => repository.incidents(query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useIncidentCountsByGrid(query: IncidentQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.incidentCounts(query),
    queryFn: () => repository.incidentCountsByGrid(query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

/** Registers cases; afterwards every view of cases (list, detail, map, counts) refetches. */
export function intakeIncidentsMutation(repository: Repository, client: QueryClient) {
  return {
    mutationFn: (rows: IncidentIntakeRow[]) => repository.intakeIncidents(rows),
    onSuccess: () => void invalidateAfterWrite(client, RPC.intakeIncidents),
  }
}

export function useIntakeIncidents() {
  const repository = useRepository()
  const client = useQueryClient()
  return useMutation(intakeIncidentsMutation(repository, client))
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

export function useEditGrids() {
  const repository = useRepository()
  const client = useQueryClient()
  return useMutation(editGridsMutation(repository, client))
}

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

export function useSearch(text: string, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.search(text),
    queryFn: () => repository.search(text),
    enabled: text.trim().length > 0 && (options.enabled ?? true),
  })
}

// The case list keeps the previous page while the next one loads, like the map layers.
export function useCases(query: CaseListQuery, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.cases(query),
    queryFn: () => repository.cases(query),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useCaseDetail(id: number | null, options: Options = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.caseDetail(id ?? -1),
    queryFn: () => repository.caseDetail(id!),
    enabled: id !== null && (options.enabled ?? true),
  })
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

export function useTransitionCase() {
  const repository = useRepository()
  const client = useQueryClient()
  return useMutation(transitionCaseMutation(repository, client))
}
