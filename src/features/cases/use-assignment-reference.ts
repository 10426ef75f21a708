/**
 * The browser's copy of the placement rules (grids, segments, routing, limits, calendar).
 * Loaded once per session: the import preview places rows with it, and the case filters
 * list its departments.
 */
import { useQuery } from '@tanstack/react-query'
import { queryKeys, useRepository } from '../../data/hooks.ts'

export function useAssignmentReference(options: { enabled?: boolean } = {}) {
  const repository = useRepository()
  return useQuery({
    queryKey: [...queryKeys.all, 'assignmentReference'],
    queryFn: () => repository.assignmentReference(),
    staleTime: Infinity,
    ...options,
  })
}
