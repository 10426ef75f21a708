/**
 * What the embedded database offers the page: one RPC as one transaction, run where the
 * database is (in the worker, exposed through comlink; in Node, on the PGlite itself), with
 * PGlite's public API only: `transaction()`, `query()`, `exec()`.
 *
 * Each call is one transaction that takes the API role and the caller's claims with
 * `set local`, exactly like PostgREST does per request, so row level security is the same as
 * in production and nothing leaks between calls. The page pays one round trip per call
 * (PGliteWorker's own `transaction()` sends every protocol message across separately,
 * ~45 round trips per call, which cost more than the SQL).
 *
 * No runtime import of PGlite here: the page imports this file for its types and decoding.
 */
import type { PGliteInterface, Transaction } from '@electric-sql/pglite'

export interface Claims {
  sub: string
  role: 'authenticated'
  email?: string
}

export interface CallRequest {
  sql: string
  params: unknown[]
  /** the acting user; null = anon */
  claims: Claims | null
}

/** The fields of a PostgreSQL error the Repository maps (SQLSTATE, the column our functions name…). */
const ERROR_FIELDS = ['code', 'column', 'detail', 'hint', 'constraint', 'table', 'schema'] as const
export type DatabaseErrorFields = { message: string } & Partial<Record<(typeof ERROR_FIELDS)[number], string>>

/**
 * A call's outcome as plain data: a structured clone (comlink) keeps only an error's message,
 * so the database's error travels as its fields. JSON results travel as their text and are
 * parsed by the page, as PGlite itself would parse them.
 */
export type CallAnswer = { value: unknown; json: boolean } | { error: DatabaseErrorFields }

export interface EmbeddedCalls {
  /** one RPC as one transaction, as the caller */
  call(request: CallRequest): Promise<CallAnswer>
  /** rows of a read as the database owner, in a transaction of its own (the demo users) */
  ownerRows(sql: string): Promise<Record<string, unknown>[]>
  /** resolves once every committed change is stored where the next start will find it */
  persist(): Promise<void>
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

/** json and jsonb (PostgreSQL type oids) */
const JSON_TYPES = new Set([114, 3802])
const asText = (text: string) => text
const JSON_AS_TEXT = { 114: asText, 3802: asText }

export function errorFields(error: unknown): DatabaseErrorFields {
  if (!(error instanceof Error)) return { message: String(error) }
  const record = error as Error & Record<string, unknown>
  const fields: DatabaseErrorFields = { message: error.message }
  for (const field of ERROR_FIELDS) {
    if (typeof record[field] === 'string') fields[field] = record[field]
  }
  return fields
}

/** The calls on a PGlite (or anything with its `transaction()`); `persist` is the database's durable flush. */
export function embeddedCalls(db: Database, persist: () => Promise<void>): EmbeddedCalls {
  return {
    async call({ sql, params, claims }) {
      try {
        return await asCaller(db, claims, async (tx) => {
          const result = await tx.query<{ result: unknown }>(sql, params, { parsers: JSON_AS_TEXT })
          const column = result.fields[0]
          return { value: result.rows[0]?.result ?? null, json: column !== undefined && JSON_TYPES.has(column.dataTypeID) }
        })
      } catch (error) {
        return { error: errorFields(error) }
      }
    },
    async ownerRows(sql) {
      return db.transaction(async (tx) => (await tx.query<Record<string, unknown>>(sql)).rows)
    },
    persist,
  }
}

/** The page's side: the call's value, or the database's error with its fields. */
export function answerValue(answer: CallAnswer): unknown {
  if ('error' in answer) throw Object.assign(new Error(answer.error.message), answer.error)
  if (answer.json && typeof answer.value === 'string') return JSON.parse(answer.value) as unknown
  return answer.value
}
