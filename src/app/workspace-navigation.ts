/**
 * Going from one workspace to another with something in hand: 热点分析 opens a recurring
 * problem's cases in 案件, 考核 a unit's cases of a month, the 总览's case panel opens its case there. The shell provides it; a workspace asks for it with
 * useWorkspaceNavigation() and never imports another workspace.
 */
import { createContext, useContext } from 'react'
import type { CaseListQuery } from '../data/repository.ts'
import type { WorkspaceId } from './workspaces.ts'

/** The list filters another workspace may set when it opens 案件 (考核: a unit's month). */
export type CasesFilters = Pick<CaseListQuery, 'gridCode' | 'departmentId' | 'from' | 'to' | 'overdue' | 'lateStage'>

/**
 * Cases to list in 案件, with the words that say where they came from: named cases (`ids`,
 * at most 1000), or the list's own filters set as the other workspace chose them (`filters`,
 * shown in the filter panel and changed there as any filter is).
 */
export interface CasesIntent {
  ids?: number[]
  filters?: CasesFilters
  label: string
  /** the workspace the cases come from, named in 案件's banner; 热点分析 when absent */
  from?: WorkspaceId
}

export interface WorkspaceNavigation {
  openCases(intent: CasesIntent): void
  /** 案件 with this case open (its URL: `?ws=cases&case=<id>`) */
  openCase(id: number): void
}

export const WorkspaceNavigationContext = createContext<WorkspaceNavigation | null>(null)

export function useWorkspaceNavigation(): WorkspaceNavigation | null {
  return useContext(WorkspaceNavigationContext)
}
