/**
 * The 考核 workspace's read: public.kpi_monthly(p_month, p_level), one object per unit of a
 * level for a month (issue 19; definitions in docs/evaluation.md).
 *
 * At merge this spec moves to src/data/kpi-reads.ts, written with the SQL; the field names
 * here are the function's own, so switching is a change of import. Nullable fields are
 * accepted wherever a unit can lack the figure (a rate whose denominator is 0, a unit without
 * a score, a unit not ranked the month before).
 */
import { z } from 'zod'
import { defineRead } from '../../data/reads.ts'
import type { RpcSpec } from '../../data/rpc.ts'

export const KPI_LEVELS = ['street', 'community', 'grid', 'department'] as const
export type KpiLevel = (typeof KPI_LEVELS)[number]

const count = z.number().int().nonnegative()
const rate = z.number().min(0).max(1).nullable()

export const kpiUnitSchema = z.object({
  unit_code: z.string(),
  unit_name: z.string(),
  registered: count,
  due: count,
  closed: count,
  closed_on_time: count,
  reworked: count,
  public_verified: count,
  closure_rate: rate,
  on_time_rate: rate,
  rework_rate: rate,
  public_report_rate: rate,
  stage_late: count.optional(),
  stage_late_rate: rate.optional(),
  score: z.number().min(0).max(100).nullable(),
  grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
  rank: z.number().int().positive().nullable(),
  previous_rank: z.number().int().positive().nullable(),
})
export type KpiUnit = z.infer<typeof kpiUnitSchema>
export type KpiGrade = NonNullable<KpiUnit['grade']>

export const kpiMonthlySchema = z.array(kpiUnitSchema)

export const KPI_MONTHLY: RpcSpec<typeof kpiMonthlySchema> = {
  name: 'kpi_monthly',
  args: { p_month: 'date', p_level: 'text' },
  result: kpiMonthlySchema,
}

/** One month of one level; a month is 'YYYY-MM-01'. A past month's figures change only with late edits, so they are kept a while. */
export const KPI_MONTHLY_READ = defineRead({
  kind: 'kpiMonthly',
  fetch: (repository, month: string, level: KpiLevel) => repository.rpc(KPI_MONTHLY, { p_month: month, p_level: level }),
  keepPrevious: true,
  staleTime: 5 * 60_000,
  tables: ['incidents', 'case_history', 'grids'],
})
