/**
 * The last gate before a row goes to the database: the exact shape intake_incidents accepts,
 * with the database's own limits (intake-limits.ts). Everything upstream should already
 * guarantee it; a failure here is reported as a row error rather than sent.
 */
import { z } from 'zod'
import { characterCount, EARLIEST_REPORTED_AT, EARLIEST_REPORTED_AT_MS, MAX_DESCRIPTION_LENGTH, MAX_EXTERNAL_ID_LENGTH } from './intake-limits.ts'
import { INCIDENT_SOURCES } from './intake-row.ts'

export { MAX_DESCRIPTION_LENGTH, MAX_EXTERNAL_ID_LENGTH } from './intake-limits.ts'

export const intakeRowSchema = z.object({
  external_id: z
    .string()
    .min(1)
    .refine((value) => characterCount(value) <= MAX_EXTERNAL_ID_LENGTH, `外部编号最多 ${MAX_EXTERNAL_ID_LENGTH} 个字符`),
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  category_code: z.string().regex(/^\d{5}$/),
  source: z.enum(INCIDENT_SOURCES),
  description: z.string().refine((value) => characterCount(value) <= MAX_DESCRIPTION_LENGTH, `问题描述最多 ${MAX_DESCRIPTION_LENGTH} 个字符`),
  reported_at: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) >= EARLIEST_REPORTED_AT_MS, `上报时间早于 ${EARLIEST_REPORTED_AT.slice(0, 10)}`),
})
