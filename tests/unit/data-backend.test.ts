import { describe, expect, test } from 'vitest'
import { backendConfigFrom } from '../../src/data/backend.ts'
import { rpcArguments } from '../../src/data/supabase/supabase-transport.ts'
import { RPC } from '../../src/data/rpc.ts'
import { DemoAuth, toSessionUsers } from '../../src/data/embedded/demo-auth.ts'
import { dataDirName, idbDatabaseName } from '../../src/data/embedded/boot-protocol.ts'

describe('backend selection', () => {
  test('both Supabase variables set → Supabase, trailing slash dropped', () => {
    expect(backendConfigFrom({ VITE_SUPABASE_URL: 'https://abc.supabase.co/', VITE_SUPABASE_ANON_KEY: 'key', BASE_URL: '/' })).toEqual({
      kind: 'supabase',
      url: 'https://abc.supabase.co',
      anonKey: 'key',
    })
  })

  test('nothing set, only one set, or blanks → embedded demo database', () => {
    expect(backendConfigFrom({ BASE_URL: '/' })).toEqual({ kind: 'embedded', demoBaseUrl: '/demo/' })
    expect(backendConfigFrom({ VITE_SUPABASE_URL: 'https://abc.supabase.co', BASE_URL: '/' }).kind).toBe('embedded')
    expect(backendConfigFrom({ VITE_SUPABASE_ANON_KEY: 'key' }).kind).toBe('embedded')
    expect(backendConfigFrom({ VITE_SUPABASE_URL: '  ', VITE_SUPABASE_ANON_KEY: ' ' }).kind).toBe('embedded')
  })

  test('the demo files follow the deployment base path', () => {
    expect(backendConfigFrom({ BASE_URL: '/urbangrid/' })).toEqual({ kind: 'embedded', demoBaseUrl: '/urbangrid/demo/' })
    expect(backendConfigFrom({ BASE_URL: '/urbangrid' })).toEqual({ kind: 'embedded', demoBaseUrl: '/urbangrid/demo/' })
  })

  test('the IndexedDB name is versioned by the snapshot hash', () => {
    expect(dataDirName('9bef89d1adeef03d')).toBe('urbangrid-9bef89d1adeef03d')
    expect(idbDatabaseName('9bef89d1adeef03d')).toBe('/pglite/urbangrid-9bef89d1adeef03d')
  })
})

describe('Supabase rpc arguments', () => {
  test('only the declared names, and only the values given', () => {
    expect(rpcArguments(RPC.layerGrids, { p_level: 'grid', p_bbox: null, p_limit: undefined, extra: 1 })).toEqual({
      p_level: 'grid',
      p_bbox: null,
    })
    expect(rpcArguments(RPC.districtSummary, { anything: 1 })).toEqual({})
  })

  test('jsonb arguments stay objects (PostgREST serialises them)', () => {
    const rows = [{ category_code: '06010', source: 'hotline', lon: 120, lat: 32 }]
    expect(rpcArguments(RPC.intakeIncidents, { p_rows: rows })).toEqual({ p_rows: rows })
  })
})

describe('embedded demo sign-in', () => {
  const rows = [
    { id: '00000000-0000-4000-8000-000000000002', email: 'planner@demo.urbangrid.local', display_name: '网格规划员', role: 'planner' },
    { id: '00000000-0000-4000-8000-000000000001', email: 'admin@demo.urbangrid.local', display_name: '系统管理员', role: 'admin' },
    { id: 'x', email: null, display_name: 'no email', role: 'admin' },
    { id: 'y', email: 'odd@demo', display_name: 'unknown role', role: 'superuser' },
  ]

  test('rows without an email or with an unknown role are not offered', () => {
    expect(toSessionUsers(rows).map((user) => user.role)).toEqual(['planner', 'admin'])
  })

  test('defaults to the admin, switches by email, refuses unknown users, claims follow', async () => {
    const auth = new DemoAuth(async () => toSessionUsers(rows))
    expect(auth.claims()).toBeNull()
    expect((await auth.currentUser())?.role).toBe('admin')
    expect(auth.claims()).toEqual({ sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', email: 'admin@demo.urbangrid.local' })
    const seen: (string | null)[] = []
    auth.onChange((user) => seen.push(user?.role ?? null))
    await auth.signIn('planner@demo.urbangrid.local')
    expect(auth.claims()?.sub).toBe('00000000-0000-4000-8000-000000000002')
    await expect(auth.signIn('nobody@demo.urbangrid.local')).rejects.toThrow('没有这个演示用户')
    await auth.signOut()
    expect(auth.claims()).toBeNull()
    expect(seen).toEqual(['planner', null])
  })

  test('a failed user load is retried on the next call', async () => {
    let attempts = 0
    const auth = new DemoAuth(async () => {
      attempts += 1
      if (attempts === 1) throw new Error('database not ready')
      return toSessionUsers(rows)
    })
    await expect(auth.currentUser()).rejects.toThrow('database not ready')
    expect((await auth.currentUser())?.role).toBe('admin')
  })
})
