/**
 * Where the app is, in the page's query string: `?ws=cases&case=123` (the 案件 workspace
 * with case 123 open), `?ws=grids`, or no `ws` at all for the 总览, whose own view state
 * (`map=`, `layers=`, `sel=` …, see features/overview/url-state.ts) shares the query.
 * A query string rather than a path: the static build is served as it is by `vite preview`
 * or any static host, with no rewrite of unknown paths to index.html (docs/decisions.md).
 */
import { WORKSPACES, type WorkspaceId } from './workspaces.ts'

export interface Route {
  workspace: WorkspaceId
  /** the case open in 案件, or null */
  caseId: number | null
}

export const ROUTE_KEYS = ['ws', 'case'] as const

/** Reads the route; an unknown workspace or case id is ignored, never an error. */
export function decodeRoute(search: string): Route | null {
  const params = new URLSearchParams(search)
  const ws = params.get('ws')
  const caseText = params.get('case')
  const caseId = caseText !== null && /^\d{1,15}$/.test(caseText) ? Number(caseText) : null
  if (ws !== null && (WORKSPACES as readonly string[]).includes(ws)) {
    const workspace = ws as WorkspaceId
    return { workspace, caseId: workspace === 'cases' ? caseId : null }
  }
  // A bare case link (`?case=123`) still means the 案件 workspace.
  if (caseId !== null) return { workspace: 'cases', caseId }
  // The 总览's own keys (or an unknown workspace) say the link is the 总览's; no query at all
  // leaves the choice to the shell (the workspace of this tab's last visit).
  return search === '' || search === '?' ? null : { workspace: 'overview', caseId: null }
}

/**
 * The query string of a route. Leaving the 总览 drops its view keys (they are the 总览's,
 * remembered by the shell for the way back); staying on it keeps them.
 */
export function encodeRoute(route: Route, search = ''): string {
  const params = new URLSearchParams(route.workspace === 'overview' ? search : '')
  for (const key of ROUTE_KEYS) params.delete(key)
  if (route.workspace !== 'overview') params.set('ws', route.workspace)
  if (route.workspace === 'cases' && route.caseId !== null) params.set('case', String(route.caseId))
  const text = params.toString()
  return text === '' ? '' : `?${text.replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':')}`
}

/** The absolute link of a case, to copy and send. */
export function caseUrl(caseId: number, location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}${encodeRoute({ workspace: 'cases', caseId })}`
}
