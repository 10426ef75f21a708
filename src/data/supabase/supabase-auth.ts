/**
 * Supabase Auth with email + password. The role comes from public.profiles (readable by
 * every authenticated user under RLS); reading it here keeps supabase-js inside the backend.
 */
import { RPC } from '../rpc.ts'
import type { Session, SupabaseClient } from '@supabase/supabase-js'
import { RepositoryError, toRepositoryError } from '../errors.ts'
import type { AuthProvider, SessionUser } from '../repository.ts'
import { APP_ROLES, type AppRole } from '../schemas.ts'

export class SupabaseAuth implements AuthProvider {
  private readonly client: SupabaseClient

  constructor(client: SupabaseClient) {
    this.client = client
  }

  async currentUser(): Promise<SessionUser | null> {
    const { data, error } = await this.client.auth.getSession()
    if (error) throw toRepositoryError(error)
    return data.session ? this.profileOf(data.session) : null
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    const { data, error } = await this.client.auth.signInWithPassword({ email, password })
    if (error) {
      throw new RepositoryError(error.message === 'Invalid login credentials' ? '邮箱或密码不正确' : error.message, {
        code: error.code ?? String(error.status ?? ''),
        kind: 'permission',
        cause: error,
      })
    }
    return this.profileOf(data.session)
  }

  async signOut(): Promise<void> {
    const { error } = await this.client.auth.signOut()
    if (error) throw toRepositoryError(error)
  }

  onChange(listener: (user: SessionUser | null) => void): () => void {
    const { data } = this.client.auth.onAuthStateChange((_event, session) => {
      // supabase-js holds its auth lock while this callback runs; querying the profile
      // inside it would deadlock, so do it right after.
      setTimeout(() => {
        if (!session) return listener(null)
        this.profileOf(session).then(listener, () => listener(null))
      }, 0)
    })
    return () => data.subscription.unsubscribe()
  }

  private async profileOf(session: Session): Promise<SessionUser> {
    // Through the SQL API like every other read: the UI's one door to the database.
    const { data: raw, error } = await this.client.rpc(RPC.currentProfile.name)
    if (error) throw toRepositoryError(error)
    const data = RPC.currentProfile.result.parse(raw)
    // A user without a profile row has not been given a role yet: least privilege.
    const role: AppRole = data && (APP_ROLES as readonly string[]).includes(data.role) ? (data.role as AppRole) : 'viewer'
    return {
      id: session.user.id,
      email: session.user.email ?? '',
      displayName: data?.display_name || session.user.email || session.user.id,
      role,
    }
  }
}
