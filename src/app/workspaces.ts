/** The workspaces of the header, in the order an office uses them. */
export const WORKSPACES = ['overview', 'grids', 'cases', 'hotspots', 'roster', 'kpi'] as const
export type WorkspaceId = (typeof WORKSPACES)[number]

const STORAGE_KEY = 'urbangrid.workspace'

export function initialWorkspace(): WorkspaceId {
  try {
    const value = sessionStorage.getItem(STORAGE_KEY)
    return (WORKSPACES as readonly string[]).includes(value ?? '') ? (value as WorkspaceId) : 'overview'
  } catch {
    return 'overview'
  }
}

export function rememberWorkspace(workspace: WorkspaceId): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, workspace)
  } catch {
    // Not worth failing over.
  }
}
