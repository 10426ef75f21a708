/**
 * The last gate before a row goes to the database: the exact shape intake_incidents accepts,
 * with the database's own limits (intake-limits.ts). Everything upstream should already
 * guarantee it; a failure here is reported as a row error rather than sent.
 */
import { z } from 'zod'
import { characterCount, EARLIEST_REPORTED_AT, EARLIEST_REPORTED_AT_MS, MAX_DESCRIPTION_LENGTH, MAX_EXTERNAL_ID_LENGTH } from './intake-limits.ts'
import { INCIDENT_SOURCES } from './intake-row.ts'

export { MAX_DESCRIPTION_LENGTH, MAX_EXTERNAL_ID_LENGTH } from './intake-limits.ts'

/**
 * The file readers remove these; a row built some other way must not carry them either: one
 * NUL makes PostgreSQL refuse the whole jsonb batch, half a surrogate pair too.
 */
// eslint-disable-next-line no-control-regex -- NUL is what must be caught
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const storableText = (schema: z.ZodString) =>
  schema.refine((text) => !UNSTORABLE.test(text), '含有数据库不接受的字符（NUL 或不成对的代理项）')

export const intakeRowSchema = z.object({
  external_id: storableText(
    z.string().min(1).refine((value) => characterCount(value) <= MAX_EXTERNAL_ID_LENGTH, `外部编号最多 ${MAX_EXTERNAL_ID_LENGTH} 个字符`),
  ),
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  category_code: z.string().regex(/^\d{5}$/),
  source: z.enum(INCIDENT_SOURCES),
  description: storableText(
    z.string().refine((value) => characterCount(value) <= MAX_DESCRIPTION_LENGTH, `问题描述最多 ${MAX_DESCRIPTION_LENGTH} 个字符`),
  ),
  reported_at: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) >= EARLIEST_REPORTED_AT_MS, `上报时间早于 ${EARLIEST_REPORTED_AT.slice(0, 10)}`),
})
