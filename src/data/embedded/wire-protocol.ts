/**
 * The few PostgreSQL frontend messages one RPC call needs (protocol 3.0, text format), so a
 * whole call — begin, claims, role, the function, commit — reaches PGlite as ONE batch.
 *
 * Why by hand: PGliteWorker sends every protocol message of `transaction()`/`query()` to
 * the worker separately, and each goes through a BroadcastChannel and back: ~45 round trips
 * per call, which cost more than the SQL on a busy page. PGlite's own serializer is only
 * exported from its main entry, which would pull the whole 600 KB engine into the page.
 * Backend messages are still parsed by PGlite, in the worker (`execProtocol`).
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

const encoder = new TextEncoder()

class MessageWriter {
  private readonly parts: Uint8Array[] = []

  message(type: string, body: (write: BodyWriter) => void = () => {}): this {
    const writer = new BodyWriter()
    body(writer)
    const payload = writer.bytes()
    const header = new Uint8Array(5)
    header[0] = type.charCodeAt(0)
    new DataView(header.buffer).setInt32(1, payload.byteLength + 4)
    this.parts.push(header, payload)
    return this
  }

  bytes(): Uint8Array {
    return concatenate(this.parts)
  }
}

class BodyWriter {
  private readonly parts: Uint8Array[] = []

  cstring(value: string): this {
    if (value.includes('\u0000')) throw new Error('协议字符串不能包含 NUL 字符')
    this.parts.push(encoder.encode(value), new Uint8Array([0]))
    return this
  }

  int16(value: number): this {
    const bytes = new Uint8Array(2)
    new DataView(bytes.buffer).setInt16(0, value)
    this.parts.push(bytes)
    return this
  }

  int32(value: number): this {
    const bytes = new Uint8Array(4)
    new DataView(bytes.buffer).setInt32(0, value)
    this.parts.push(bytes)
    return this
  }

  raw(bytes: Uint8Array): this {
    this.parts.push(bytes)
    return this
  }

  bytes(): Uint8Array {
    return concatenate(this.parts)
  }
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}

/**
 * A JavaScript value as PostgreSQL's text input for the parameter; the statement casts each
 * parameter (`$1::double precision[]`), so the server parses it as that type.
 */
export function toTextParameter(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN'
    return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : '-Infinity'
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return arrayLiteral(value)
  return JSON.stringify(value)
}

/** `{"a","b \"c\"",NULL}`: every element quoted, so commas, braces and spaces are safe. */
function arrayLiteral(values: unknown[]): string {
  const elements = values.map((element) => {
    if (Array.isArray(element)) return arrayLiteral(element)
    const text = toTextParameter(element)
    return text === null ? 'NULL' : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  })
  return `{${elements.join(',')}}`
}

export interface ExtendedStatement {
  sql: string
  params?: unknown[]
  /** ask for the row description (needed to know how to parse the result column) */
  describe?: boolean
}

/** Frontend messages, appended in order; `bytes()` is what `execProtocol` takes. */
export class ProtocolBatch {
  private readonly writer = new MessageWriter()

  /** Simple query: may hold several statements, takes no parameters. */
  query(sql: string): this {
    this.writer.message('Q', (body) => body.cstring(sql))
    return this
  }

  /** Parse + Bind + (Describe) + Execute on the unnamed statement and portal. */
  extended({ sql, params = [], describe = false }: ExtendedStatement): this {
    this.writer.message('P', (body) => body.cstring('').cstring(sql).int16(0))
    this.writer.message('B', (body) => {
      body.cstring('').cstring('').int16(0).int16(params.length)
      for (const param of params) {
        const text = toTextParameter(param)
        if (text === null) body.int32(-1)
        else {
          const bytes = encoder.encode(text)
          body.int32(bytes.byteLength).raw(bytes)
        }
      }
      body.int16(0)
    })
    if (describe) this.writer.message('D', (body) => body.raw(new Uint8Array([0x50])).cstring(''))
    this.writer.message('E', (body) => body.cstring('').int32(0))
    return this
  }

  /** Ends the extended-protocol sequence; after an error the server skips to here. */
  sync(): this {
    this.writer.message('S')
    return this
  }

  bytes(): Uint8Array {
    return this.writer.bytes()
  }
}
