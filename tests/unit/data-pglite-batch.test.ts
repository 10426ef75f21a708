/**
 * The embedded transport runs each RPC as one transaction where the database is
 * (embedded-calls.ts: PGlite's transaction(), query() and exec(), JSON results carried as
 * text and parsed by the page). Oracle: PGlite's own client path (`asCaller`: transaction(),
 * query() with PGlite's serialisers and parsers) on the same database must give the same
 * answer for any input, the same SQLSTATE and column on errors, and leave no role or claims
 * behind. A write answers only once the database says it is persisted; a read never waits.
 */
import { PGlite } from '@electric-sql/pglite'
import fc from 'fast-check'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { asCaller, embeddedCalls, type Claims, type EmbeddedCalls } from '../../src/data/embedded/embedded-calls.ts'
import { NotPersistedError, PgliteTransport } from '../../src/data/embedded/pglite-transport.ts'
import { rpcToSql, type RpcSpec } from '../../src/data/rpc.ts'

const SCHEMA = `
  create role anon nologin;
  create role authenticated nologin;
  create table public.notes (id serial primary key, body text not null);
  grant usage on schema public to anon, authenticated;
  grant select, insert on public.notes to authenticated;
  grant usage on sequence public.notes_id_seq to authenticated;
  create function public.echo(p_text text default null, p_numbers double precision[] default null,
                              p_codes text[] default null, p_flag boolean default null,
                              p_rows jsonb default null, p_limit integer default null, p_at timestamptz default null)
  returns jsonb language sql stable security invoker set search_path = '' as $$
    select jsonb_build_object('text', p_text, 'numbers', to_jsonb(p_numbers), 'codes', to_jsonb(p_codes),
      'flag', p_flag, 'rows', p_rows, 'limit', p_limit, 'at', p_at,
      'user', current_user, 'claims', nullif(current_setting('request.jwt.claims', true), '')::jsonb)
  $$;
  create function public.add_note(p_body text) returns jsonb language plpgsql security invoker set search_path = '' as $$
  begin
    insert into public.notes (body) values (p_body);
    if p_body like 'bad%' then
      raise exception using errcode = 'UG042', message = 'p_body: 不能以 bad 开头', column = 'p_body';
    end if;
    return jsonb_build_object('count', (select count(*) from public.notes));
  end $$;
  grant execute on function public.echo(text, double precision[], text[], boolean, jsonb, integer, timestamptz) to authenticated;
  grant execute on function public.add_note(text) to authenticated;
  revoke execute on function public.echo(text, double precision[], text[], boolean, jsonb, integer, timestamptz) from public;
  revoke execute on function public.add_note(text) from public;
`

const echo: RpcSpec = {
  name: 'echo',
  args: {
    p_text: 'text',
    p_numbers: 'double precision[]',
    p_codes: 'text[]',
    p_flag: 'boolean',
    p_rows: 'jsonb',
    p_limit: 'integer',
    p_at: 'timestamptz',
  },
  result: z.unknown(),
}
// Any watched table will do: only that the function writes matters here.
const addNote: RpcSpec = { name: 'add_note', args: { p_body: 'text' }, result: z.unknown(), writes: ['incidents'] }
const user: Claims = { sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', email: "o'brien@demo.local" }

let db: PGlite
let transport: PgliteTransport
let writes = 0

beforeAll(async () => {
  db = await PGlite.create()
  await db.exec(SCHEMA)
  transport = new PgliteTransport(embeddedCalls(db, async () => {}), () => user, () => (writes += 1))
}, 120_000)

afterAll(async () => {
  await db?.close()
})

/** The reference: PGlite's own transaction and parameter handling. */
async function reference(rpc: RpcSpec, args: Record<string, unknown>, claims: Claims | null): Promise<unknown> {
  const { sql, params } = rpcToSql(rpc, args)
  return asCaller(db, claims, async (tx) => (await tx.query<{ result: unknown }>(sql, params)).rows[0]?.result ?? null)
}

const awkwardText = fc.oneof(
  fc.string(),
  fc.constantFrom("'", '"', '\\', '{', '}', ',', 'NULL', ' ', '', "x'); drop table public.notes; --", '网格 "A" \\ {1,2}', '\t\n'),
)
const textWithoutNul = awkwardText.map((text) => text.split(String.fromCharCode(0)).join(''))

describe('embedded transport: one transaction per call', () => {
  test('answers exactly as PGlite’s own client path for any arguments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          p_text: fc.option(textWithoutNul, { nil: null }),
          p_numbers: fc.option(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 }), { nil: null }),
          p_codes: fc.option(fc.array(fc.option(textWithoutNul, { nil: null }), { maxLength: 4 }), { nil: null }),
          p_flag: fc.option(fc.boolean(), { nil: null }),
          p_rows: fc.option(fc.array(fc.record({ code: textWithoutNul, n: fc.integer() }), { maxLength: 3 }), { nil: null }),
          p_limit: fc.option(fc.integer({ min: -2_000_000, max: 2_000_000 }), { nil: null }),
          p_at: fc.option(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()), {
            nil: null,
          }),
        }),
        async (args) => {
          expect(await transport.call(echo, args)).toEqual(await reference(echo, args, user))
        },
      ),
      { numRuns: 60 },
    )
  })

  test('runs as the API role with the caller’s claims, and anon without a user', async () => {
    const signedIn = (await transport.call(echo, { p_text: 'x' })) as { user: string; claims: unknown }
    expect(signedIn.user).toBe('authenticated')
    expect(signedIn.claims).toEqual(user)
    const anonymous = new PgliteTransport(embeddedCalls(db, async () => {}), () => null)
    await expect(anonymous.call(echo, { p_text: 'x' })).rejects.toMatchObject({ code: '42501' })
  })

  test('leaves no role or claims behind for the next statement', async () => {
    await transport.call(echo, { p_text: 'x' })
    const after = await db.query<{ role: string; claims: string | null }>(
      `select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims`,
    )
    expect(after.rows[0]).toEqual({ role: 'postgres', claims: null })
  })

  test('a failing call throws its SQLSTATE and column, writes nothing, and the next call works', async () => {
    const before = ((await transport.call(addNote, { p_body: 'first' })) as { count: number }).count
    const writesBefore = writes
    const failure = await transport.call(addNote, { p_body: 'bad note' }).catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'UG042', column: 'p_body', message: 'p_body: 不能以 bad 开头' })
    expect(writes).toBe(writesBefore)
    const notes = await db.query<{ count: number }>('select count(*)::int as count from public.notes')
    expect(notes.rows[0].count).toBe(before)
    expect(((await transport.call(addNote, { p_body: 'second' })) as { count: number }).count).toBe(before + 1)
    expect(writes).toBe(writesBefore + 1)
    expect((await db.query<{ open: boolean }>(`select pg_current_xact_id_if_assigned() is null as open`)).rows[0].open).toBe(true)
  })
})

describe('embedded transport: a write answers once it is persisted', () => {
  /** The real calls, with a persist that ends when the test says so. */
  function withPersist() {
    const pending: { resolve: () => void; reject: (error: Error) => void }[] = []
    const database: EmbeddedCalls = embeddedCalls(db, () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })))
    let notified = 0
    const durable = new PgliteTransport(database, () => user, () => (notified += 1))
    return { durable, pending, notified: () => notified }
  }

  test('a write resolves only after persist() has, and then tells the listeners', async () => {
    const { durable, pending, notified } = withPersist()
    let answer: unknown = null
    const call = durable.call(addNote, { p_body: 'kept' }).then((result) => (answer = result))
    await expect.poll(() => pending.length).toBe(1)
    // Committed in the database but not yet persisted: the caller is not told it worked.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(answer).toBeNull()
    pending[0].resolve()
    await call
    expect(answer).toMatchObject({ count: expect.any(Number) })
    expect(notified()).toBe(1)
  })

  test('reads never wait for persistence', async () => {
    const { durable, pending } = withPersist()
    expect(await durable.call(echo, { p_text: 'quick' })).toMatchObject({ text: 'quick' })
    expect(pending).toHaveLength(0)
  })

  test('a failed write asks for no persistence', async () => {
    const { durable, pending } = withPersist()
    await expect(durable.call(addNote, { p_body: 'bad again' })).rejects.toMatchObject({ code: 'UG042' })
    expect(pending).toHaveLength(0)
  })

  test('a write that could not be persisted says so, and what shows the data still refreshes', async () => {
    const { durable, pending, notified } = withPersist()
    const call = durable.call(addNote, { p_body: 'committed, not stored' })
    await expect.poll(() => pending.length).toBe(1)
    pending[0].reject(new Error('QuotaExceededError'))
    const error = await call.catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(NotPersistedError)
    expect((error as Error).message).toContain('未能保存到浏览器存储')
    expect((error as Error).message).toContain('QuotaExceededError')
    expect(notified()).toBe(1)
  })

  test('a bulk run persists and tells the listeners once, at its end', async () => {
    const { durable, pending, notified } = withPersist()
    let finished = false
    const run = durable
      .bulk(async () => {
        for (const body of ['one', 'two', 'three']) await durable.call(addNote, { p_body: body })
        return 'done'
      })
      .then((value) => {
        finished = true
        return value
      })
    await expect.poll(() => pending.length).toBe(1)
    // Three writes answered without waiting; the run waits for its one persist.
    expect(notified()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(finished).toBe(false)
    pending[0].resolve()
    expect(await run).toBe('done')
    expect(pending).toHaveLength(1)
    expect(notified()).toBe(1)
  })

  test('a bulk run persists what it committed when its work fails, and reports the work\'s failure', async () => {
    const { durable, pending, notified } = withPersist()
    const run = durable.bulk(async () => {
      await durable.call(addNote, { p_body: 'kept before the failure' })
      await durable.call(addNote, { p_body: 'bad again' })
    })
    await expect.poll(() => pending.length).toBe(1)
    pending[0].resolve()
    await expect(run).rejects.toMatchObject({ code: 'UG042' })
    expect(notified()).toBe(1)
  })

  test('a bulk run of reads persists nothing; a write after it persists on its own again', async () => {
    const { durable, pending, notified } = withPersist()
    expect(await durable.bulk(() => durable.call(echo, { p_text: 'only a read' }))).toMatchObject({ text: 'only a read' })
    expect(pending).toHaveLength(0)
    expect(notified()).toBe(0)
    const call = durable.call(addNote, { p_body: 'alone' })
    await expect.poll(() => pending.length).toBe(1)
    pending[0].resolve()
    await call
    expect(notified()).toBe(1)
  })
})
