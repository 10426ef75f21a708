/**
 * Signing in to the embedded demo: there is no password and no auth server, only the demo
 * users the seed put into auth.users and public.profiles (one per role). Choosing one sets
 * the JWT claims every call runs with, so row level security behaves as in production.
 * The choice is remembered in localStorage.
 */
import type { AuthProvider, SessionUser } from '../repository.ts'
import { RepositoryError } from '../errors.ts'
import { APP_ROLES, type AppRole } from '../schemas.ts'
import type { Claims } from './pglite-transport.ts'

export const DEMO_USER_STORAGE_KEY = 'urbangrid.demoUser'

/** Reads the demo users; run by the backend itself (as the database owner), not by the UI. */
export type DemoUserSource = () => Promise<SessionUser[]>

export const DEMO_USERS_SQL = `select u.id::text as id, u.email, p.display_name, p.role
  from auth.users u join public.profiles p on p.user_id = u.id
  order by array_position(array['admin','planner','manager','dispatcher','staff','viewer'], p.role), u.email`

export function toSessionUsers(rows: { id: string; email: string | null; display_name: string; role: string }[]): SessionUser[] {
  return rows
    .filter((row): row is typeof row & { email: string; role: AppRole } => !!row.email && (APP_ROLES as readonly string[]).includes(row.role))
    .map((row) => ({ id: row.id, email: row.email, displayName: row.display_name, role: row.role }))
}

/** The email chosen last time ('' when none: the admin is chosen), readable before the database. */
export function rememberedDemoUser(): string {
  return storage()?.getItem(DEMO_USER_STORAGE_KEY) ?? ''
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export class DemoAuth implements AuthProvider {
  private readonly source: DemoUserSource
  private loaded: Promise<SessionUser[]> | null = null
  private user: SessionUser | null = null
  private readonly listeners = new Set<(user: SessionUser | null) => void>()

  constructor(source: DemoUserSource) {
    this.source = source
  }

  /** Loads the demo users and picks the remembered one (default: the admin). */
  ready(): Promise<SessionUser[]> {
    if (!this.loaded) {
      this.loaded = this.source().then((users) => {
        if (users.length === 0) throw new RepositoryError('演示数据库中没有演示用户（auth.users / profiles 为空）')
        const remembered = storage()?.getItem(DEMO_USER_STORAGE_KEY)
        this.user = users.find((user) => user.email === remembered) ?? users.find((user) => user.role === 'admin') ?? users[0]
        return users
      })
      // A failed load (database not booted) is retried on the next call.
      this.loaded.catch(() => {
        this.loaded = null
      })
    }
    return this.loaded
  }

  users(): Promise<SessionUser[]> {
    return this.ready()
  }

  /** The claims of the acting user; null (anon) until the users are loaded. */
  claims(): Claims | null {
    return this.user ? { sub: this.user.id, role: 'authenticated', email: this.user.email } : null
  }

  async currentUser(): Promise<SessionUser | null> {
    await this.ready()
    return this.user
  }

  async signIn(email: string): Promise<SessionUser> {
    const users = await this.ready()
    const user = users.find((candidate) => candidate.email === email)
    if (!user) throw new RepositoryError(`没有这个演示用户：${email}`, { kind: 'permission' })
    this.user = user
    storage()?.setItem(DEMO_USER_STORAGE_KEY, user.email)
    this.emit()
    return user
  }

  async signOut(): Promise<void> {
    this.user = null
    storage()?.removeItem(DEMO_USER_STORAGE_KEY)
    this.emit()
  }

  onChange(listener: (user: SessionUser | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit() {
    for (const listener of this.listeners) listener(this.user)
  }
}
