/** The Supabase backend: a hosted (or local) Supabase project with the same migrations. */
import { createClient } from '@supabase/supabase-js'
import type { AttachmentStore } from '../attachment-store.ts'
import { Repository } from '../repository.ts'
import { storageAttachmentStore } from './supabase-attachments.ts'
import { SupabaseAuth } from './supabase-auth.ts'
import { SupabaseTransport } from './supabase-transport.ts'

export interface SupabaseBackend {
  repository: Repository
  auth: SupabaseAuth
  /** case photos and files: bytes in Storage (bucket case-attachments), rows in the database */
  attachments: AttachmentStore
}

export function createSupabaseBackend(url: string, anonKey: string): SupabaseBackend {
  const client = createClient(url, anonKey, { auth: { persistSession: true, autoRefreshToken: true } })
  const auth = new SupabaseAuth(client)
  const repository = new Repository(new SupabaseTransport(client), auth, url)
  return { repository, auth, attachments: storageAttachmentStore(client.storage, repository) }
}
