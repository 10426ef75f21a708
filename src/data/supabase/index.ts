/** The Supabase backend: a hosted (or local) Supabase project with the same migrations. */
import { createClient } from '@supabase/supabase-js'
import { Repository } from '../repository.ts'
import { SupabaseAuth } from './supabase-auth.ts'
import { SupabaseTransport } from './supabase-transport.ts'

export interface SupabaseBackend {
  repository: Repository
  auth: SupabaseAuth
}

export function createSupabaseBackend(url: string, anonKey: string): SupabaseBackend {
  const client = createClient(url, anonKey, { auth: { persistSession: true, autoRefreshToken: true } })
  const auth = new SupabaseAuth(client)
  return { repository: new Repository(new SupabaseTransport(client), auth, url), auth }
}
