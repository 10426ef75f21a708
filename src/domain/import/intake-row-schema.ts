/**
 * The last gate before a row goes to the database: the exact shape intake_incidents accepts.
 * Everything upstream should already guarantee it; a failure here is reported as a row error
 * rather than sent.
 */
import { z } from 'zod'
import { INCIDENT_SOURCES } from './intake-row.ts'

export const MAX_EXTERNAL_ID_LENGTH = 100
export const MAX_DESCRIPTION_LENGTH = 2000

/**
 * The file readers remove these; a row built some other way must not carry them either: one
 * NUL makes PostgreSQL refuse the whole jsonb batch, half a surrogate pair too.
 */
// eslint-disable-next-line no-control-regex -- NUL is what must be caught
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const storableText = (schema: z.ZodString) =>
  schema.refine((text) => !UNSTORABLE.test(text), '含有数据库不接受的字符（NUL 或不成对的代理项）')

export const intakeRowSchema = z.object({
  external_id: storableText(z.string().min(1).max(MAX_EXTERNAL_ID_LENGTH)),
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  category_code: z.string().regex(/^\d{5}$/),
  source: z.enum(INCIDENT_SOURCES),
  description: storableText(z.string().max(MAX_DESCRIPTION_LENGTH)),
  reported_at: z.iso.datetime({ offset: true }),
})
