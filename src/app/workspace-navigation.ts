/**
 * Going from one workspace to another with something in hand: 热点分析 opens a recurring
 * problem's cases in 案件, the 总览's case panel opens its case there. The shell provides it; a workspace asks for it with
 * useWorkspaceNavigation() and never imports another workspace.
 */
import { createContext, useContext } from 'react'

/** Cases to list in 案件, with the words that say where they came from. */
export interface CasesIntent {
  ids: number[]
  label: string
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
