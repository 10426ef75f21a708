/**
 * Calls the SQL API on a PGlite database (in the browser's worker via PGliteWorker, or
 * in Node for tests and benchmarks). Each call is one transaction that takes the API role
 * and the caller's claims with `set local`, exactly like PostgREST does per request, so row
 * level security is the same as in production and nothing leaks between calls.
 */
import type { PGliteInterface, Transaction } from '@electric-sql/pglite'
import type { RpcTransport } from '../repository.ts'
import { rpcToSql, type RpcSpec } from '../rpc.ts'

export interface Claims {
  sub: string
  role: 'authenticated'
  email?: string
}

export type Database = Pick<PGliteInterface, 'transaction'>

/** Runs `work` as the API role with the given claims (null = anon). */
export async function asCaller<T>(db: Database, claims: Claims | null, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims ?? { role: 'anon' })])
    await tx.exec(claims ? 'set local role authenticated' : 'set local role anon')
    return work(tx)
  })
}

export class PgliteTransport implements RpcTransport {
  readonly kind = 'embedded' as const
  private readonly db: Database
  private readonly claims: () => Claims | null
  private readonly afterWrite: () => void
  private readonly listeners = new Set<() => void>()

  constructor(db: Database, claims: () => Claims | null, afterWrite: () => void = () => {}) {
    this.db = db
    this.claims = claims
    this.afterWrite = afterWrite
  }

  async call(rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown> {
    const { sql, params } = rpcToSql(rpc, args)
    const result = await asCaller(this.db, this.claims(), (tx) => tx.query<{ result: unknown }>(sql, params))
    if (rpc.writes) {
      this.afterWrite()
      for (const listener of this.listeners) listener()
    }
    return result.rows[0]?.result ?? null
  }

  /** One tab owns the embedded database, so its own writes are all the changes there are. */
  watch(_tables: readonly string[], listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
