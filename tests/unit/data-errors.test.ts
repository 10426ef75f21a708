import { describe, expect, test } from 'vitest'
import { RepositoryError, kindOf, toRepositoryError } from '../../src/data/errors.ts'
import { answerValue, errorFields } from '../../src/data/embedded/embedded-calls.ts'

describe('toRepositoryError', () => {
  test('a Postgres error from PGlite keeps SQLSTATE, column and message', () => {
    const error = Object.assign(new Error('code: 网格编码必须为 15 位数字'), { code: 'UG001', column: 'code' })
    const mapped = toRepositoryError(error)
    expect(mapped).toBeInstanceOf(RepositoryError)
    expect(mapped).toMatchObject({ code: 'UG001', field: 'code', kind: 'validation', message: 'code: 网格编码必须为 15 位数字' })
    expect(mapped.cause).toBe(error)
  })

  test('a PostgREST error (supabase-js) without a column recovers the field from the message', () => {
    const mapped = toRepositoryError({ code: '22023', message: 'p_rows[3].lon: 经度超出范围', details: null, hint: null })
    expect(mapped).toMatchObject({ code: '22023', field: 'p_rows[3].lon', kind: 'validation' })
  })

  test('refused permissions, missing functions and network failures get their kind', () => {
    expect(toRepositoryError({ code: '42501', message: 'permission denied for function edit_grids' }).kind).toBe('permission')
    expect(toRepositoryError({ code: 'PGRST202', message: 'Could not find the function' }).kind).toBe('not_found')
    const network = toRepositoryError(new TypeError('Failed to fetch'))
    expect(network.kind).toBe('network')
    expect(network.message).toContain('无法连接数据库服务')
  })

  test('a RepositoryError passes through unchanged; anything else becomes one', () => {
    const original = new RepositoryError('already mapped', { code: 'UG002' })
    expect(toRepositoryError(original)).toBe(original)
    expect(toRepositoryError('plain string')).toMatchObject({ message: 'plain string', kind: 'unknown' })
    expect(kindOf('')).toBe('unknown')
  })
})

describe('database errors through the PGlite worker', () => {
  /** What the worker's answer becomes on the main thread: a structured clone (comlink). */
  const hop = (error: unknown) => {
    try {
      answerValue(structuredClone({ error: errorFields(error) }))
    } catch (thrown) {
      return thrown
    }
    throw new Error('an error answer must throw')
  }

  test('SQLSTATE and column survive a message-only hop and map like a direct error', () => {
    const original = Object.assign(new Error('new row violates row-level security policy for table "grids"'), {
      code: '42501',
      table: 'grids',
    })
    const decoded = hop(original) as Error & { code?: string; table?: string }
    expect(decoded.message).toBe(original.message)
    expect(decoded.code).toBe('42501')
    expect(decoded.table).toBe('grids')
    expect(toRepositoryError(decoded)).toMatchObject({ code: '42501', kind: 'permission', message: original.message })
  })

  test('errors without database fields are left alone', () => {
    const plain = new Error('Transaction is closed')
    const decoded = hop(plain) as Error & { code?: string }
    expect(decoded.message).toBe(plain.message)
    expect(decoded.code).toBeUndefined()
    expect(toRepositoryError(decoded)).toMatchObject({ kind: 'unknown', message: plain.message })
  })
})
