/**
 * One error shape for both backends. `code` is the SQLSTATE (class UG for our own checks,
 * 42501 for a refused permission, …), `field` the input that is wrong when the database
 * named one, `message` the database's Chinese explanation.
 */
export type RepositoryErrorKind = 'validation' | 'permission' | 'not_found' | 'network' | 'unknown'

export class RepositoryError extends Error {
  readonly code: string
  readonly field: string | null
  readonly kind: RepositoryErrorKind

  constructor(message: string, options: { code?: string; field?: string | null; kind?: RepositoryErrorKind; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'RepositoryError'
    this.code = options.code ?? ''
    this.field = options.field ?? null
    this.kind = options.kind ?? kindOf(this.code)
  }
}

export function kindOf(code: string): RepositoryErrorKind {
  if (code.startsWith('UG') || code.startsWith('22') || code.startsWith('23')) return 'validation'
  if (code === '42501' || code === 'PGRST301' || code === '401' || code === '403') return 'permission'
  if (code === 'PGRST202' || code === '42883') return 'not_found'
  return 'unknown'
}

/** Postgres error fields as PGlite and node-postgres expose them; supabase-js uses `code`/`message`/`details`. */
export function toRepositoryError(error: unknown): RepositoryError {
  if (error instanceof RepositoryError) return error
  if (error && typeof error === 'object') {
    const record = error as { code?: unknown; message?: unknown; column?: unknown; details?: unknown }
    const code = typeof record.code === 'string' ? record.code : ''
    const message = typeof record.message === 'string' ? record.message : String(error)
    const field = typeof record.column === 'string' && record.column.length > 0 ? record.column : fieldFromMessage(message)
    if (error instanceof TypeError && /fetch|network/i.test(message)) {
      return new RepositoryError(`无法连接数据库服务：${message}`, { kind: 'network', cause: error })
    }
    return new RepositoryError(message, { code, field, cause: error })
  }
  return new RepositoryError(String(error), { cause: error })
}

/** Our SQL messages start with "field: …"; PostgREST drops the column field, so recover it. */
function fieldFromMessage(message: string): string | null {
  const match = /^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+)?):\s/.exec(message)
  return match ? match[1] : null
}
