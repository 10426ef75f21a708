/**
 * Calls the SQL API on a PGlite database (in the browser's worker via PGliteWorker, or
 * in Node for tests and benchmarks). Each call is one transaction that takes the API role
 * and the caller's claims with `set local`, exactly like PostgREST does per request, so row
 * level security is the same as in production and nothing leaks between calls.
 *
 * The whole transaction travels as one batch of protocol messages (wire-protocol.ts) under
 * PGlite's transaction lock: three worker round trips per call instead of ~45.
 */
import type { PGliteInterface, Transaction } from '@electric-sql/pglite'
import type { RpcTransport } from '../repository.ts'
import { RepositoryError } from '../errors.ts'
import { rpcToSql, type RpcSpec, type WatchedTable } from '../rpc.ts'
import { ProtocolBatch } from './wire-protocol.ts'

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

/** Backend messages as PGlite parses them (plain objects once they crossed from the worker). */
export interface ServerMessage {
  name: string
  fields?: unknown[]
}

/**
 * A database that runs a batch of protocol messages while nobody else can interleave, and
 * throws the database's error (with its SQLSTATE fields) if any statement failed.
 */
export interface BatchDatabase {
  runBatch(batch: Uint8Array): Promise<ServerMessage[]>
  /** resolves once every committed change is stored where the next start will find it */
  persist(): Promise<void>
}

/** PGlite and PGliteWorker both: `execProtocol` under the lock `transaction()` itself takes. */
export function batchDatabase(
  db: Pick<PGliteInterface, 'execProtocol' | 'syncToFs'> & { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> },
): BatchDatabase {
  return {
    runBatch: (batch) => db._runExclusiveTransaction(async () => (await db.execProtocol(batch)).messages as ServerMessage[]),
    persist: () => db.syncToFs(),
  }
}

/** A write committed in the database that could not be stored for the next start. */
export class NotPersistedError extends RepositoryError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`修改已生效，但未能保存到浏览器存储（IndexedDB）：${reason}。关闭或刷新页面后这次修改会丢失。`, { kind: 'unknown', cause })
    this.name = 'NotPersistedError'
  }
}

/** One RPC as a single batch: begin, claims, role, the call (described), sync, commit. */
export function callBatch(rpc: RpcSpec, args: Record<string, unknown>, claims: Claims | null): Uint8Array {
  const { sql, params } = rpcToSql(rpc, args)
  return (
    new ProtocolBatch()
      .query('begin')
      .extended({ sql: `select set_config('request.jwt.claims', $1, true)`, params: [JSON.stringify(claims ?? { role: 'anon' })] })
      .extended({ sql: claims ? 'set local role authenticated' : 'set local role anon' })
      .extended({ sql, params, describe: true })
      // After a failed statement the server skips to Sync; the commit then rolls back.
      .sync()
      .query('commit')
      .bytes()
  )
}

const JSON_TYPES = new Set([114, 3802])
const TEXT_TYPES = new Set([25, 1043])
const NUMBER_TYPES = new Set([21, 23, 700, 701])
const BOOLEAN_TYPE = 16

/** The value of the described statement's single column, typed like PGlite's own parsers would. */
export function resultOf(messages: ServerMessage[]): unknown {
  const described = messages.findIndex((message) => message.name === 'rowDescription')
  if (described < 0) throw new Error('数据库没有返回结果描述')
  const column = (messages[described].fields ?? [])[0] as { name: string; dataTypeID: number } | undefined
  const row = messages.slice(described + 1).find((message) => message.name === 'dataRow')
  if (!column || !row) return null
  const text = (row.fields ?? [])[0] as string | null
  if (text === null) return null
  if (JSON_TYPES.has(column.dataTypeID)) return JSON.parse(text) as unknown
  if (TEXT_TYPES.has(column.dataTypeID)) return text
  if (NUMBER_TYPES.has(column.dataTypeID)) return Number(text)
  if (column.dataTypeID === BOOLEAN_TYPE) return text === 't'
  throw new Error(`无法解析数据库返回的类型（oid ${column.dataTypeID}）：${column.name}`)
}

/**
 * How long a bulk run's writes may wait for IndexedDB: a tab closed mid-import loses at most
 * this much of it (the rows already sent are then simply imported again: intake skips ids it has).
 */
export const BULK_PERSIST_MS = 15_000

export class PgliteTransport implements RpcTransport {
  readonly kind = 'embedded' as const
  private readonly db: BatchDatabase
  private readonly claims: () => Claims | null
  private readonly afterWrite: () => void
  private readonly watchers = new Set<{ tables: readonly WatchedTable[]; listener: () => void }>()
  /** a bulk run in progress: the tables it wrote, when it last persisted */
  private run: { tables: Set<WatchedTable>; persistedAt: number } | null = null

  constructor(db: BatchDatabase, claims: () => Claims | null, afterWrite: () => void = () => {}) {
    this.db = db
    this.claims = claims
    this.afterWrite = afterWrite
  }

  /**
   * A write answers only once it is persisted: the embedded database copies its files to
   * IndexedDB lazily (pglite.worker.ts), and a tab closed right after a successful edit would
   * otherwise lose it. Reads do not wait for anything.
   */
  async call(rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown> {
    const result = resultOf(await this.db.runBatch(callBatch(rpc, args, this.claims())))
    const written = rpc.writes
    if (!written) return result
    const run = this.run
    if (run) {
      // Part of a bulk run: announced at its end, persisted now and then.
      for (const table of written) run.tables.add(table)
      if (performance.now() - run.persistedAt >= BULK_PERSIST_MS) {
        run.persistedAt = performance.now()
        await this.persist()
      }
      return result
    }
    try {
      await this.persist()
    } finally {
      this.announce(written)
    }
    return result
  }

  /**
   * Runs `work` (a series of calls) as one bulk run: its writes are persisted every
   * BULK_PERSIST_MS and at the end, and watchers hear of them once, at the end — an import of
   * 100 batches otherwise copied the data directory to IndexedDB 100 times and had the open
   * lists and map layers read again after every batch, on the same one-call-at-a-time
   * database. A run inside a run is part of it.
   */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    if (this.run) return work()
    const run = { tables: new Set<WatchedTable>(), persistedAt: performance.now() }
    this.run = run
    let outcome: { value: T } | { error: unknown }
    try {
      outcome = { value: await work() }
    } catch (error) {
      outcome = { error }
    } finally {
      this.run = null
    }
    if (run.tables.size > 0) {
      try {
        await this.persist()
      } catch (error) {
        // The work's own failure says more; a lost persist is reported when the work succeeded.
        if ('value' in outcome) outcome = { error }
      } finally {
        this.announce([...run.tables])
      }
    }
    if ('error' in outcome) throw outcome.error
    return outcome.value
  }

  private async persist(): Promise<void> {
    try {
      await this.db.persist()
    } catch (error) {
      throw new NotPersistedError(error)
    }
  }

  /** Committed, persisted or not: whatever shows these tables must read them again. */
  private announce(written: readonly WatchedTable[]): void {
    this.afterWrite()
    for (const watcher of [...this.watchers]) {
      if (watcher.tables.some((table) => written.includes(table))) watcher.listener()
    }
  }

  /**
   * One tab owns the embedded database, so its own writes are all the changes there are;
   * a write tells the watchers of the tables its function declares (RPC `writes`).
   */
  watch(tables: readonly WatchedTable[], listener: () => void): () => void {
    const watcher = { tables, listener }
    this.watchers.add(watcher)
    return () => {
      this.watchers.delete(watcher)
    }
  }
}

/**
 * The transport the app uses: calls wait for `ready` (the database and the acting user: an
 * early call would otherwise run as anon and be refused); watching needs neither.
 */
export function waitingTransport(ready: () => Promise<unknown>, calls: PgliteTransport): RpcTransport {
  return {
    kind: 'embedded',
    async call(rpc, args) {
      await ready()
      return calls.call(rpc, args)
    },
    bulk: (work) => calls.bulk(work),
    watch: (tables, listener) => calls.watch(tables, listener),
  }
}
