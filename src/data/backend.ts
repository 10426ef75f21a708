/**
 * Which backend runs: a Supabase project when VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY
 * are both set, otherwise the embedded demo database. Each backend is its own chunk, so the
 * embedded app never downloads supabase-js and a Supabase deployment never loads PGlite.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { Repository } from './repository.ts'

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

export interface Backend {
  config: BackendConfig
  repository: Repository
  /** Embedded: starts the database again after a failed boot. Supabase: nothing to restart. */
  restart(): Promise<void>
  /** Embedded: the demo users to act as; Supabase: empty (real accounts sign in). */
  demoUsers(): Promise<import('./repository.ts').SessionUser[]>
  /**
   * Embedded: keeps the map's last layer answers in IndexedDB, so a second start draws them
   * while the database boots; returns the teardown. Supabase: absent (nothing to hide).
   */
  persistLayers?(client: QueryClient): () => void
}

export async function createBackend(config: BackendConfig): Promise<Backend> {
  if (config.kind === 'supabase') {
    const { createSupabaseBackend } = await import('./supabase/index.ts')
    const { repository } = createSupabaseBackend(config.url, config.anonKey)
    return { config, repository, restart: async () => {}, demoUsers: async () => [] }
  }
  const { createEmbeddedBackend } = await import('./embedded/index.ts')
  const { repository, database, auth, persistLayers } = createEmbeddedBackend(config.demoBaseUrl)
  return {
    config,
    repository,
    restart: async () => {
      await database.restart()
    },
    demoUsers: () => auth.users(),
    persistLayers,
  }
}
