/**
 * public.admin_set_user (supabase/migrations/20261206000200_user_admin.sql), run unchanged on
 * PGlite and on native PostgreSQL 15. Needs only the shim, the migrations and one admin: the
 * demo admin of scripts/seed/reference-data.ts in auth.users and public.profiles. Every call
 * runs in a transaction that is rolled back, so the shared database is left as it was.
 */
import { expect, it } from 'vitest'
import { DEMO_USERS } from '../../scripts/seed/reference-data.ts'
import { setUserAndDepartment, UsersAddError } from '../../scripts/users-add.ts'
import { failure, withSavepoints, type Engine, type Query } from './engine.ts'

const ADMIN_ID = DEMO_USERS.find((candidate) => candidate.role === 'admin')!.id

/** bcrypt (cost 10) of "UrbanGrid-测试-2026", made with libxcrypt (Python's crypt module). */
const BCRYPT_HASH = '$2b$10$uIrTVcIM00QJTwt3NNCY.Otcqo7crMmoQFYqjg7VoJqRdDYa7rCzS'

const ADMIN_SET_USER = `select public.admin_set_user($1, $2, $3, $4) as result`

interface SetUserResult {
  user_id: string
  email: string
  role: string
  display_name: string
  created: boolean
  password_set: boolean
}

interface AuthUserRow {
  id: string
  instance_id: string
  aud: string
  role: string
  email: string
  encrypted_password: string
  email_confirmed_at: Date | string | null
  confirmation_token: string
  recovery_token: string
  email_change_token_new: string
  email_change: string
  raw_app_meta_data: Record<string, unknown>
  identities: { provider: string; provider_id: string; email: string }[]
}

async function setUser(as: Query, email: string | null, role: string | null, name: string | null = null, hash: string | null = null) {
  const [row] = await as<{ result: SetUserResult }>(ADMIN_SET_USER, [email, role, name, hash])
  return row.result
}

/** Switches the acting user inside the running API transaction (the role stays `authenticated`). */
async function actAs(as: Query, userId: string) {
  await as(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })])
}

/** Reads what the API roles may not see, inside the running transaction, then goes back to `role`. */
async function asOwnerWithin<T>(as: Query, role: string, work: () => Promise<T>): Promise<T> {
  await as('set local role none')
  try {
    return await work()
  } finally {
    await as(`set local role ${role}`)
  }
}

async function authUser(as: Query, email: string): Promise<AuthUserRow | undefined> {
  const [row] = await as<AuthUserRow>(
    `select u.id, u.instance_id, u.aud, u.role, u.email, u.encrypted_password, u.email_confirmed_at,
            u.confirmation_token, u.recovery_token, u.email_change_token_new, u.email_change, u.raw_app_meta_data,
            coalesce((select jsonb_agg(jsonb_build_object('provider', i.provider, 'provider_id', i.provider_id, 'email', i.email))
                      from auth.identities i where i.user_id = u.id), '[]'::jsonb) as identities
     from auth.users u where lower(u.email) = lower($1)`,
    [email],
  )
  return row
}

/** Everything the function may change, to show that a refused call changed none of it. */
const STATE_SQL = `
  select (select count(*)::int from auth.users) as users,
         (select count(*)::int from auth.identities) as identities,
         (select md5(coalesce(string_agg(concat_ws(':', user_id, role, display_name), ',' order by user_id), '')) from public.profiles) as profiles`

export function defineUserAdminSuite(engine: () => Engine) {
  /** As the database owner (no API role, no claims) in one transaction that is rolled back. */
  async function asOwner<T>(work: (query: Query) => Promise<T>): Promise<T> {
    const raw = engine().query
    await raw('begin')
    try {
      return await work(withSavepoints(raw))
    } finally {
      await raw('rollback')
    }
  }

  it('lets an admin create an account through the API, with a role GoTrue can sign in', async () => {
    await engine().asUser(ADMIN_ID, async (as) => {
      const result = await setUser(as, '  Zhang.San@Example.CN ', 'dispatcher', '张三', BCRYPT_HASH)
      expect(result).toMatchObject({ email: 'zhang.san@example.cn', role: 'dispatcher', display_name: '张三', created: true, password_set: true })
      expect(result.user_id).toMatch(/^[0-9a-f-]{36}$/)

      const [profile] = await as<{ role: string; display_name: string }>(`select role, display_name from public.profiles where user_id = $1`, [result.user_id])
      expect(profile).toEqual({ role: 'dispatcher', display_name: '张三' })
      const [audit] = await as<{ actor: string; action: string }>(
        `select actor, action from public.audit_log where table_name = 'profiles' and row_id = $1 and new_row ->> 'user_id' = $1`,
        [result.user_id],
      )
      expect(audit).toEqual({ actor: ADMIN_ID, action: 'insert' })

      const account = await asOwnerWithin(as, 'authenticated', () => authUser(as, 'zhang.san@example.cn'))
      expect(account).toMatchObject({
        id: result.user_id,
        instance_id: '00000000-0000-0000-0000-000000000000',
        aud: 'authenticated',
        role: 'authenticated',
        email: 'zhang.san@example.cn',
        encrypted_password: BCRYPT_HASH,
        // GoTrue scans these into Go strings: NULL would break every sign-in ("Database error querying schema")
        confirmation_token: '',
        recovery_token: '',
        email_change_token_new: '',
        email_change: '',
        raw_app_meta_data: { provider: 'email', providers: ['email'] },
        identities: [{ provider: 'email', provider_id: result.user_id, email: 'zhang.san@example.cn' }],
      })
      expect(account!.email_confirmed_at).not.toBeNull()

      // The new user acts with the role at once.
      await actAs(as, result.user_id)
      const [current] = await as<{ profile: { role: string; display_name: string } }>(`select public.current_profile() as profile`)
      expect(current.profile).toMatchObject({ role: 'dispatcher', display_name: '张三' })
    })
  })

  it('lets the database owner and service_role create accounts (the users:add path)', async () => {
    await asOwner(async (as) => {
      const result = await setUser(as, 'ops@example.cn', 'admin')
      // without a name, the email's local part; without a hash, no password (magic link or reset)
      expect(result).toMatchObject({ email: 'ops@example.cn', role: 'admin', display_name: 'ops', created: true, password_set: false })
      const account = await authUser(as, 'ops@example.cn')
      expect(account).toMatchObject({ id: result.user_id, aud: 'authenticated', encrypted_password: '' })
      expect(account!.email_confirmed_at).not.toBeNull()
      const [profile] = await as<{ role: string }>(`select role from public.profiles where user_id = $1`, [result.user_id])
      expect(profile.role).toBe('admin')

      await as('set local role service_role')
      const byService = await setUser(as, 'service@example.cn', 'viewer', '值班员')
      expect(byService).toMatchObject({ role: 'viewer', display_name: '值班员', created: true })
    })
  })

  it('puts the person in a department by its code with users:add --department, and names the codes there are when it is unknown', async () => {
    await asOwner(async (as) => {
      const query = (sql: string, params: unknown[]) => as<Record<string, unknown>>(sql, params)
      const options = { email: 'cleaner.hw@example.cn', role: 'staff' as const, name: '李师傅', department: 'HW' }
      const result = await setUserAndDepartment(query, options, null)
      expect(result).toMatchObject({ role: 'staff', display_name: '李师傅', created: true, department: { code: 'HW', name: '区环境卫生管理处' } })
      const [profile] = await as<{ code: string }>(
        `select d.code from public.profiles p join public.departments d on d.id = p.department_id where p.user_id = $1`,
        [result.user_id],
      )
      expect(profile.code).toBe('HW')
      // an unknown code is refused before the department is touched; --no-department takes them out
      const refused = await setUserAndDepartment(query, { ...options, department: 'XX' }, null).then(
        () => null,
        (error: Error) => error,
      )
      expect(refused).toBeInstanceOf(UsersAddError)
      expect(refused!.message).toMatch(/没有代码为“XX”的部门，未作任何修改。现有部门：.*HW 区环境卫生管理处/)
      const out = await setUserAndDepartment(query, { ...options, department: '' }, null)
      expect(out.department).toBeNull()
      const [after] = await as<{ department_id: number | null }>(`select department_id from public.profiles where user_id = $1`, [result.user_id])
      expect(after.department_id).toBeNull()
    })
  })

  it('refuses everyone else with 42501 and a Chinese message, changing nothing', async () => {
    await engine().asUser(ADMIN_ID, async (as) => {
      const dispatcher = await setUser(as, 'dispatcher.test@example.cn', 'dispatcher')
      const viewer = await setUser(as, 'viewer.test@example.cn', 'viewer')
      // counted as the owner: an API role sees only its own profile (an admin, all)
      const counted = async () =>
        asOwnerWithin(as, 'authenticated', async () => (await as<{ profiles: number }>(`select count(*)::int as profiles from public.profiles`))[0].profiles)
      const profiles = await counted()
      for (const [userId, label] of [
        [dispatcher.user_id, '受理派遣员'],
        [viewer.user_id, '访客'],
      ]) {
        await actAs(as, userId)
        const refused = await failure(as(ADMIN_SET_USER, ['intruder@example.cn', 'admin', null, null]))
        expect(refused.code).toBe('42501')
        expect(refused.message).toContain('无权管理用户账号')
        expect(refused.message).toContain(label)
        // promoting oneself is the same call
        expect((await failure(as(ADMIN_SET_USER, [userId === dispatcher.user_id ? 'dispatcher.test@example.cn' : 'viewer.test@example.cn', 'admin', null, null]))).code).toBe('42501')
        // the security-definer helper checks too, should anyone reach it without the API
        expect((await failure(as(`select private.set_user_account('intruder@example.cn', 'admin', null, null)`))).code).toBe('42501')
        expect((await failure(as(`insert into public.profiles (user_id, role) values ($1, 'admin')`, [userId]))).code).toBe('42501')
      }
      // signed in, but without a profile
      await actAs(as, '00000000-0000-4000-8000-0000000000ff')
      const stranger = await failure(as(ADMIN_SET_USER, ['intruder@example.cn', 'admin', null, null]))
      expect([stranger.code, stranger.message.includes('未分配')]).toEqual(['42501', true])
      expect(await counted()).toBe(profiles)
      const [roles] = await asOwnerWithin(as, 'authenticated', () =>
        as<{ dispatcher: string; viewer: string }>(
          `select (select role from public.profiles where user_id = $1) as dispatcher, (select role from public.profiles where user_id = $2) as viewer`,
          [dispatcher.user_id, viewer.user_id],
        ),
      )
      expect(roles).toEqual({ dispatcher: 'dispatcher', viewer: 'viewer' })
    })
    await engine().asUser(null, async (as) => {
      expect((await failure(as(ADMIN_SET_USER, ['intruder@example.cn', 'admin', null, null]))).code).toBe('42501')
    })
  })

  it('names the field of a bad email (UG301), role (UG302) or password hash (UG303), and changes nothing', async () => {
    const cases: [string | null, string | null, string | null, string, string][] = [
      [null, 'viewer', null, 'UG301', 'email'],
      ['   ', 'viewer', null, 'UG301', 'email'],
      ['not-an-email', 'viewer', null, 'UG301', 'email'],
      ['a@b', 'viewer', null, 'UG301', 'email'],
      ['two words@example.cn', 'viewer', null, 'UG301', 'email'],
      [`${'x'.repeat(250)}@example.cn`, 'viewer', null, 'UG301', 'email'],
      ['new.user@example.cn', 'superuser', null, 'UG302', 'role'],
      ['new.user@example.cn', null, null, 'UG302', 'role'],
      ['new.user@example.cn', '', null, 'UG302', 'role'],
      ['new.user@example.cn', 'viewer', 'hunter2-plain-password', 'UG303', 'password_hash'],
      ['new.user@example.cn', 'viewer', BCRYPT_HASH.slice(0, 59), 'UG303', 'password_hash'],
    ]
    const before = await asOwner((as) => as(STATE_SQL))
    for (const [email, role, hash, code, field] of cases) {
      const label = JSON.stringify([email, role, hash])
      await engine().asUser(ADMIN_ID, async (as) => {
        const error = await failure(setUser(as, email, role, null, hash))
        expect([error.code, error.column], label).toEqual([code, field])
        expect(error.message, label).toMatch(new RegExp(`^${field}: .*[\\u4e00-\\u9fff]`))
      })
      await asOwner(async (as) => {
        const error = await failure(setUser(as, email, role, null, hash))
        expect([error.code, error.column], label).toEqual([code, field])
        expect(await as(STATE_SQL), label).toEqual(before)
      })
    }
    // accepted as they come: upper case, a bare role in capitals, a $2a$ hash
    await asOwner(async (as) => {
      const result = await setUser(as, 'A.B@EXAMPLE.CN', ' Planner ', null, BCRYPT_HASH.replace('$2b$', '$2a$'))
      expect(result).toMatchObject({ email: 'a.b@example.cn', role: 'planner', created: true })
    })
  })

  it('updates the role of an existing email without creating a second account', async () => {
    await asOwner(async (as) => {
      const first = await setUser(as, 'li.si@example.cn', 'dispatcher', '李四')
      const again = await setUser(as, 'LI.SI@example.cn', 'viewer')
      expect(again).toMatchObject({ user_id: first.user_id, email: 'li.si@example.cn', role: 'viewer', display_name: '李四', created: false, password_set: false })
      const [counts] = await as<{ users: number; identities: number; profiles: number }>(
        `select (select count(*)::int from auth.users where lower(email) = 'li.si@example.cn') as users,
                (select count(*)::int from auth.identities where user_id = $1) as identities,
                (select count(*)::int from public.profiles where user_id = $1) as profiles`,
        [first.user_id],
      )
      expect(counts).toEqual({ users: 1, identities: 1, profiles: 1 })
      expect((await authUser(as, 'li.si@example.cn'))!.encrypted_password).toBe('')

      // a new name and a new password for the same account
      const renamed = await setUser(as, 'li.si@example.cn', 'staff', '李四（环卫）', BCRYPT_HASH)
      expect(renamed).toMatchObject({ user_id: first.user_id, role: 'staff', display_name: '李四（环卫）', created: false, password_set: true })
      expect((await authUser(as, 'li.si@example.cn'))!.encrypted_password).toBe(BCRYPT_HASH)

      // an account made elsewhere (GoTrue's own invite) gets its first profile
      await as(`insert into auth.users (id, email) values ('00000000-0000-4000-8000-0000000000aa', 'invited@example.cn')`)
      const invited = await setUser(as, 'invited@example.cn', 'manager')
      expect(invited).toMatchObject({ user_id: '00000000-0000-4000-8000-0000000000aa', role: 'manager', display_name: 'invited', created: false })
    })
    await engine().asUser(ADMIN_ID, async (as) => {
      const first = await setUser(as, 'wang.wu@example.cn', 'planner')
      const again = await setUser(as, 'wang.wu@example.cn', 'manager', '王五')
      expect(again).toMatchObject({ user_id: first.user_id, role: 'manager', display_name: '王五', created: false })
    })
  })

  it('keeps at least one admin (UG304)', async () => {
    await engine().asUser(ADMIN_ID, async (as) => {
      const adminEmail = await asOwnerWithin(as, 'authenticated', async () => {
        // the seeded database may hold other admins; here the signed-in one is the only one
        await as(`update public.profiles set role = 'viewer' where role = 'admin' and user_id <> $1`, [ADMIN_ID])
        return (await as<{ email: string }>(`select email from auth.users where id = $1`, [ADMIN_ID]))[0].email
      })
      const refused = await failure(setUser(as, adminEmail, 'viewer'))
      expect([refused.code, refused.column]).toEqual(['UG304', 'role'])
      expect(refused.message).toContain('唯一的系统管理员')
      await setUser(as, 'deputy@example.cn', 'admin')
      expect(await setUser(as, adminEmail, 'viewer')).toMatchObject({ user_id: ADMIN_ID, role: 'viewer', created: false })
    })
  })
}
