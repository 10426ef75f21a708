/**
 * Which backend runs: a Supabase project when VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY
 * are both set, otherwise the embedded demo database. Each backend is its own chunk, so the
 * embedded app never downloads supabase-js and a Supabase deployment never loads PGlite.
 *
 * This is the only place that knows which backend is live. The UI asks the Backend what it
 * offers (how people sign in, whether there is a boot to show, whether layers are kept for a
 * second start), never which one it is (DESIGN.md §2, issue 14 item 5).
 */
import type { QueryClient } from '@tanstack/react-query'
import { rowAttachmentStore, type AttachmentStore } from './attachment-store.ts'
import { getBootProgress, reportDatabase, subscribeBootProgress, type BootProgress } from './boot-progress.ts'
import type { Repository, SessionUser } from './repository.ts'

export type BackendConfig = { kind: 'embedded'; demoBaseUrl: string } | { kind: 'supabase'; url: string; anonKey: string }

export interface BackendEnvironment {
  VITE_SUPABASE_URL?: string
  VITE_SUPABASE_ANON_KEY?: string
  BASE_URL?: string
}

export function backendConfigFrom(env: BackendEnvironment): BackendConfig {
  const url = env.VITE_SUPABASE_URL?.trim() ?? ''
  const anonKey = env.VITE_SUPABASE_ANON_KEY?.trim() ?? ''
  if (url && anonKey) return { kind: 'supabase', url: url.replace(/\/+$/, ''), anonKey }
  const base = env.BASE_URL ?? '/'
  return { kind: 'embedded', demoBaseUrl: `${base.endsWith('/') ? base : `${base}/`}demo/` }
}

/** How people act: by choosing one of the demo users (no password), or by signing in. */
export type SessionCapability =
  | {
      kind: 'demo'
      /** the demo users to act as, one per role */
      users(): Promise<SessionUser[]>
    }
  | { kind: 'password' }

/** A database that starts in the page: its progress to show, and a retry after a failure. */
export interface BootCapability {
  progress(): BootProgress
  subscribe(listener: () => void): () => void
  /** starts the database again after a failed boot */
  restart(): Promise<void>
}

/** The map's last layer answers, kept for a second start. */
export interface LayerCacheCapability {
  /** hydrates `client` from the kept answers and keeps them up to date; returns the teardown */
  persist(client: QueryClient): () => void
}

export interface Backend {
  repository: Repository
  session: SessionCapability
  /** the data is the synthetic demo district, and the UI says so (DESIGN.md §4) */
  syntheticData: boolean
  /** absent when there is nothing to boot in the page (a hosted database is simply there) */
  boot?: BootCapability
  /** absent when the layers are not kept (nothing to hide: the database answers at once) */
  layerCache?: LayerCacheCapability
  /** where a case's photos and files keep their bytes: in the row (embedded), in Storage (Supabase) */
  attachments: AttachmentStore
}

export async function createBackend(config: BackendConfig): Promise<Backend> {
  if (config.kind === 'supabase') {
    const { createSupabaseBackend } = await import('./supabase/index.ts')
    const { repository, attachments } = createSupabaseBackend(config.url, config.anonKey)
    // Nothing boots in the page: what waits for the boot may go at once.
    reportDatabase({ stage: 'ready' })
    return { repository, session: { kind: 'password' }, syntheticData: false, attachments }
  }
  const { createEmbeddedBackend } = await import('./embedded/index.ts')
  const { repository, database, auth, persistLayers } = createEmbeddedBackend(config.demoBaseUrl)
  return {
    repository,
    session: { kind: 'demo', users: () => auth.users() },
    syntheticData: true,
    boot: {
      progress: getBootProgress,
      subscribe: subscribeBootProgress,
      restart: async () => {
        await database.restart()
      },
    },
    layerCache: { persist: persistLayers },
    attachments: rowAttachmentStore(repository),
  }
}
