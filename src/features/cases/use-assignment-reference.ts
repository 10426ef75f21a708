/**
 * The browser's copy of the placement rules (grids, segments, routing, limits, calendar).
 * The import preview places rows with it, and the case filters list its departments.
 * Never stale by age: it is dropped when grids change (data/invalidation.ts), by this app's
 * edits or, through Repository.watch, by another tab or user.
 */
import { useQuery } from '@tanstack/react-query'
import { queryKeys, useRepository } from '../../data/hooks.ts'

export function useAssignmentReference(options: { enabled?: boolean } = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.assignmentReference(),
    queryFn: () => repository.assignmentReference(),
    staleTime: Infinity,
    ...options,
  })
}

/**
 * The district's place names (back streets and their segments, markets, facilities, sites,
 * roads, communities), to place import rows that have an address and no coordinates. None of
 * them is edited through the app yet, so it is read once.
 */
export function useAddressGazetteer(options: { enabled?: boolean } = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: queryKeys.addressGazetteer(),
    queryFn: () => repository.addressGazetteer(),
    staleTime: Infinity,
    ...options,
  })
}
