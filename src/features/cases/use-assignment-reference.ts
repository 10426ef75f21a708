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
