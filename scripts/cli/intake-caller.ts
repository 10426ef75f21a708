/**
 * The database the import command writes to: native PostgreSQL over `pg`, or a throwaway copy
 * of the embedded demo database (PGlite) when no URL is given. Every call is one transaction as
 * the given user (`set local role authenticated` and the user's claims), like PostgREST and the
 * embedded transport, so row level security applies as in the app.
 */
import { existsSync, readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import pg from 'pg'
import { asCaller } from '../../src/data/embedded/embedded-calls.ts'
import { CliFailure, EXIT } from './exit-codes.ts'

export interface Caller {
  call<T>(sql: string, params?: unknown[]): Promise<T>
  close(): Promise<void>
  label: string
}

export async function pgliteCaller(userId: string): Promise<Caller> {
  const { SNAPSHOT_FILE, ensureDemo } = await import('../ensure-demo.ts')
  if (!existsSync(SNAPSHOT_FILE)) await ensureDemo({ log: (line: string) => console.error(line) })
  const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)]) })
  await db.waitReady
  return {
    label: '内置演示数据库（临时副本，导入结果不会写回）',
    async call<T>(sql: string, params: unknown[] = []) {
      const result = await asCaller(db, { sub: userId, role: 'authenticated' }, (tx) => tx.query<{ result: T }>(sql, params))
      return result.rows[0]?.result as T
    },
    close: () => db.close(),
  }
}

export async function postgresCaller(url: string, userId: string): Promise<Caller> {
  const client = new pg.Client({ connectionString: url })
  // A server that goes away between calls makes the idle client emit 'error'; the next call
  // reports it, so it must not crash the process here.
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    throw new CliFailure(`无法连接数据库 ${redacted(url)}：${error instanceof Error ? error.message : error}`, EXIT.unusable)
  }
  return {
    label: redacted(url),
    async call<T>(sql: string, params: unknown[] = []) {
      await client.query('begin')
      try {
        await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })])
        await client.query('set local role authenticated')
        const result = await client.query<{ result: T }>(sql, params)
        await client.query('commit')
        return result.rows[0]?.result as T
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      }
    },
    close: () => client.end().catch(() => {}),
  }
}

export function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}
