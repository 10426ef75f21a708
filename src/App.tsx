/**
 * The application: one backend (chosen in data/backend.ts), react-query over its
 * Repository, and the shell with the workspaces. The shell renders at once; the embedded
 * database boots behind it and the workspaces fill in when it is ready.
 */
import { Suspense, lazy, useEffect, useState } from 'react'
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import type { Backend } from './data/backend.ts'
import { RepositoryContext, useInvalidateOnChange } from './data/hooks.ts'
import { AttachmentStoreContext } from './data/attachment-store.ts'
import type { WatchedTable } from './data/rpc.ts'
import { BootPanel } from './app/BootPanel.tsx'
import { Header } from './app/Header.tsx'
import { SignInForm } from './app/SignInForm.tsx'
import { SessionContext } from './app/use-operation.ts'
import { useSession } from './app/use-session.ts'
import { initialWorkspace, rememberWorkspace, type WorkspaceId } from './app/workspaces.ts'
import { decodeRoute, encodeRoute, type Route } from './app/route.ts'
import { WorkspaceNavigationContext, type CasesIntent, type WorkspaceNavigation } from './app/workspace-navigation.ts'

// Each workspace is its own chunk, loaded when first shown: the shell and the database
// worker start while the map's large chunk (MapLibre, deck.gl) downloads.
const OverviewWorkspace = lazy(() => import('./features/overview/OverviewWorkspace.tsx').then((module) => ({ default: module.OverviewWorkspace })))
const CasesWorkspace = lazy(() => import('./features/cases/CasesWorkspace.tsx').then((module) => ({ default: module.CasesWorkspace })))
const GridsWorkspace = lazy(() => import('./features/grids/GridsWorkspace.tsx').then((module) => ({ default: module.GridsWorkspace })))
const RosterWorkspace = lazy(() => import('./features/roster/RosterWorkspace.tsx').then((module) => ({ default: module.RosterWorkspace })))
const HotspotsWorkspace = lazy(() => import('./features/hotspots/HotspotsWorkspace.tsx').then((module) => ({ default: module.HotspotsWorkspace })))
const KpiWorkspace = lazy(() => import('./features/kpi/KpiWorkspace.tsx').then((module) => ({ default: module.KpiWorkspace })))

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 60_000 },
    },
  })
}

export function App({ backend }: { backend: Backend }) {
  const [client] = useState(createQueryClient)
  // Where the backend keeps them: the map's last layers come back while the database boots.
  useEffect(() => backend.layerCache?.persist(client), [client, backend])
  return (
    <QueryClientProvider client={client}>
      <RepositoryContext.Provider value={backend.repository}>
        <AttachmentStoreContext.Provider value={backend.attachments}>
          <Shell backend={backend} />
        </AttachmentStoreContext.Provider>
      </RepositoryContext.Provider>
    </QueryClientProvider>
  )
}

/** Grids feed every workspace (layers, counts, search, the placement reference). */
const SHARED_TABLES: readonly WatchedTable[] = ['grids']

/**
 * The route in the browser's history. The 总览's view keys are remembered when another
 * workspace is opened, so coming back through the header finds the map as it was left.
 */
function createRouteHistory(setRoute: (route: Route) => void) {
  let overviewSearch = ''
  const write = (route: Route, mode: 'push' | 'replace') => {
    const current = window.location.search
    const currentRoute = decodeRoute(current)
    const onOverview = currentRoute === null || currentRoute.workspace === 'overview'
    if (onOverview) overviewSearch = current
    const search = encodeRoute(route, route.workspace === 'overview' ? (onOverview ? current : overviewSearch) : '')
    const url = `${window.location.pathname}${search}${window.location.hash}`
    if (mode === 'push' && search !== current) window.history.pushState(null, '', url)
    else window.history.replaceState(window.history.state, '', url)
    rememberWorkspace(route.workspace)
  }
  return {
    push: (route: Route) => {
      write(route, 'push')
      setRoute(route)
    },
    /** the URL of the route already shown */
    replace: (route: Route) => write(route, 'replace'),
    /** after Back or Forward: the URL is already the one to show */
    restore: () => {
      const route = decodeRoute(window.location.search) ?? { workspace: 'overview' as const, caseId: null }
      rememberWorkspace(route.workspace)
      setRoute(route)
    },
  }
}

function Shell({ backend }: { backend: Backend }) {
  const client = useQueryClient()
  // Another tab's or user's grid edit (Supabase realtime), or this app's own.
  useInvalidateOnChange(SHARED_TABLES)
  const [generation, setGeneration] = useState(0)
  const session = useSession(backend.repository, generation)
  // The URL says where the app is (app/route.ts): Back and Forward move between workspaces
  // and cases, a reload or a link opens the same place.
  const [route, setRoute] = useState<Route>(() => decodeRoute(window.location.search) ?? { workspace: initialWorkspace(), caseId: null })
  const workspace = route.workspace
  const boot = backend.boot
  // Cases handed over by another workspace (a recurring problem's, from 热点分析; a unit's month, from 考核).
  const [casesIntent, setCasesIntent] = useState<CasesIntent | null>(null)
  const [history] = useState(() => createRouteHistory(setRoute))

  useEffect(() => {
    // The workspace chosen before this tab's reload (no query) goes into the URL too.
    history.replace(route)
    const onPopState = () => history.restore()
    window.addEventListener('popstate', onPopState)
    return () => window.removeEventListener('popstate', onPopState)
    // Once: later routes are written by history.push.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history])

  const selectWorkspace = (next: WorkspaceId) => history.push({ workspace: next, caseId: null })
  const [navigation] = useState<WorkspaceNavigation>(() => ({
    openCases: (intent) => {
      setCasesIntent(intent)
      history.push({ workspace: 'cases', caseId: null })
    },
    openCase: (id) => history.push({ workspace: 'cases', caseId: id }),
  }))

  const retry = async () => {
    await boot?.restart().catch(() => {
      // The boot panel shows the new failure.
    })
    setGeneration((value) => value + 1)
    await client.resetQueries()
  }

  let content
  if (backend.session.kind === 'password' && session.status === 'signed-out') {
    content = (
      <div className="centered">
        <SignInForm repository={backend.repository} />
      </div>
    )
  } else if (workspace === 'overview') {
    content = (
      <Suspense fallback={null}>
        <OverviewWorkspace />
      </Suspense>
    )
  } else if (workspace === 'cases') {
    content = (
      <Suspense fallback={null}>
        <CasesWorkspace
          key={casesIntent?.label ?? 'cases'}
          intent={casesIntent}
          onIntentCleared={() => setCasesIntent(null)}
          caseId={route.caseId}
          onCase={(caseId) => history.push({ workspace: 'cases', caseId })}
        />
      </Suspense>
    )
  } else if (workspace === 'grids') {
    content = (
      <Suspense fallback={null}>
        <GridsWorkspace />
      </Suspense>
    )
  } else if (workspace === 'hotspots') {
    content = (
      <Suspense fallback={null}>
        <HotspotsWorkspace />
      </Suspense>
    )
  } else if (workspace === 'roster') {
    content = (
      <Suspense fallback={null}>
        <RosterWorkspace />
      </Suspense>
    )
  } else {
    content = (
      <Suspense fallback={null}>
        <KpiWorkspace />
      </Suspense>
    )
  }

  return (
    <div className="app">
      <Header backend={backend} session={session} workspace={workspace} onWorkspace={selectWorkspace} />
      <main className="workspace" data-workspace={workspace}>
        <WorkspaceNavigationContext.Provider value={navigation}>
          <SessionContext.Provider value={session}>{content}</SessionContext.Provider>
        </WorkspaceNavigationContext.Provider>
        {boot && <BootPanel boot={boot} onRetry={retry} />}
      </main>
    </div>
  )
}
