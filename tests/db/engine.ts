/**
 * The two database engines behind one small interface, so one suite of assertions runs on
 * PGlite (npm test) and on native PostgreSQL 15 + PostGIS 3.3 (npm run test:postgres).
 */
import type { PGlite, Transaction } from '@electric-sql/pglite'
import type pg from 'pg'

export interface Query {
  <T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
}

export interface Engine {
  name: string
  /** as the table owner (superuser), outside any API role */
  query: Query
  exec(sql: string): Promise<void>
  /**
   * Runs `work` in one transaction as the API role `authenticated` with the user's claims
   * (or as `anon` when userId is null), the way PostgREST runs a request. The transaction
   * is always rolled back, so tests that write leave the shared database as it was.
   */
  asUser<T>(userId: string | null, work: (query: Query) => Promise<T>): Promise<T>
  /**
   * Runs `work` in one rolled-back transaction as the connection's own role (the database
   * owner, as the seed and the migrations run), for what only the owner can try.
   */
  asOwner<T>(work: (query: Query) => Promise<T>): Promise<T>
}

/**
 * Each statement inside asUser runs under a savepoint, so one expected failure does not
 * abort the rest of the test's transaction (PostgREST runs each request on its own too).
 */
export function withSavepoints(raw: Query): Query {
  return (async (sql: string, params?: unknown[]) => {
    await raw('savepoint statement')
    try {
      const rows = await raw(sql, params)
      await raw('release savepoint statement')
      return rows
    } catch (error) {
      await raw('rollback to savepoint statement')
      throw error
    }
  }) as Query
}

const claimsFor = (userId: string | null) => JSON.stringify(userId ? { sub: userId, role: 'authenticated' } : { role: 'anon' })

export function pgliteEngine(db: PGlite): Engine {
  const query: Query = async (sql, params) => (await db.query(sql, params)).rows as never
  return {
    name: 'PGlite',
    query,
    exec: async (sql) => {
      await db.exec(sql)
    },
    async asUser(userId, work) {
      return rolledBack(async (tx) => {
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [claimsFor(userId)])
        await tx.exec(userId ? 'set local role authenticated' : 'set local role anon')
      }, work)
    },
    asOwner: (work) => rolledBack(async () => {}, work),
  }

  async function rolledBack<T>(prepare: (tx: Transaction) => Promise<void>, work: (query: Query) => Promise<T>): Promise<T> {
    let outcome: { value: unknown } | { error: unknown } = { value: undefined }
    await db
      .transaction(async (tx) => {
        await prepare(tx)
        try {
          outcome = { value: await work(withSavepoints(async (sql, params) => (await tx.query(sql, params)).rows as never)) }
        } catch (error) {
          outcome = { error }
        }
        await tx.rollback()
      })
      .catch(() => {})
    if ('error' in outcome) throw outcome.error
    return outcome.value as never
  }
}

export function postgresEngine(client: pg.Client): Engine {
  const query: Query = async (sql, params) => (await client.query(sql, params as unknown[])).rows as never
  return {
    name: 'PostgreSQL',
    query,
    exec: async (sql) => {
      await client.query(sql)
    },
    async asUser(userId, work) {
      await client.query('begin')
      try {
        await client.query(`select set_config('request.jwt.claims', $1, true)`, [claimsFor(userId)])
        await client.query(userId ? 'set local role authenticated' : 'set local role anon')
        return await work(withSavepoints(query))
      } finally {
        await client.query('rollback')
      }
    },
    async asOwner(work) {
      await client.query('begin')
      try {
        return await work(withSavepoints(query))
      } finally {
        await client.query('rollback')
      }
    },
  }
}

/** Runs `promise` and returns the Postgres error it failed with (or throws if it did not fail). */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; column?: string }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; message: string; column?: string }
  }
  throw new Error('expected the statement to fail, but it succeeded')
}

/**
 * Starts `statement` on a second connection while the first holds a lock, checks that it
 * waits (still unsettled after 300 ms), then lets the first commit and returns the waiting
 * statement's outcome as a failure (the second transaction is rolled back).
 */
export async function raceAfterCommit(
  first: { query: Query },
  second: { query: Query },
  statement: () => Promise<unknown>,
): Promise<{ waited: boolean; error: { code: string; message: string; column?: string } }> {
  const racing = statement()
  let settled = false
  void racing.then(
    () => (settled = true),
    () => (settled = true),
  )
  await new Promise((resolve) => setTimeout(resolve, 300))
  const waited = !settled
  await first.query('commit')
  const error = await failure(racing)
  await second.query('rollback')
  return { waited, error }
}
