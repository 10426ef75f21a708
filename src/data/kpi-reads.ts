/**
 * 考核 (supabase/migrations/20261209000300_kpi_monthly.sql, docs/evaluation.md): the monthly
 * figures, score, grade and rank of every street, community, grid or department, the weight
 * set in force for a month with the presets, and the admins' write of a weight set.
 */
import { z } from 'zod'
import { KPI_GRADES, KPI_WEIGHT_KEYS, type KpiWeightKey } from '../domain/kpi/kpi-score.ts'
import { defineRead } from './reads.ts'
import type { RpcSpec } from './rpc.ts'

export const KPI_LEVELS = ['street', 'community', 'grid', 'department'] as const
export type KpiLevel = (typeof KPI_LEVELS)[number]

const count = z.number().int().nonnegative()
/** an unrounded fraction 0–1; null when its denominator is 0 */
const rate = z.number().min(0).max(1).nullable()

export const kpiUnitSchema = z.object({
  /** 9/12/15-digit code (street, community, grid) or the department's code */
  unit_code: z.string(),
  unit_name: z.string(),
  registered: count,
  due: count,
  closed: count,
  closed_on_time: count,
  reworked: count,
  public_verified: count,
  /** of due: cases with a late 受理, 核实, 立案, 派遣 or 核查 */
  stage_late: count,
  closure_rate: rate,
  on_time_rate: rate,
  rework_rate: rate,
  public_report_rate: rate,
  stage_late_rate: rate,
  /** 以克论净: the month's sample weighings on the unit's back-street segments, and those within the limit (departments: 0) */
  cleaning_samples: count,
  cleaning_passed: count,
  /** passed / samples; null without samples (and for departments) */
  cleaning_pass_rate: rate,
  /** 0–100, two decimals; null when no weighted figure has a rate */
  score: z.number().min(0).max(100).nullable(),
  grade: z.enum(KPI_GRADES).nullable(),
  /** 1 = best; equal scores share a rank; null without a score */
  rank: z.number().int().positive().nullable(),
  /** the rank in the previous month (its own weights); null before the data or without a score then */
  previous_rank: z.number().int().positive().nullable(),
})
export type KpiUnit = z.infer<typeof kpiUnitSchema>
export type KpiGrade = NonNullable<KpiUnit['grade']>
export const kpiMonthlySchema = z.array(kpiUnitSchema)

const weightsSchema = z.object(Object.fromEntries(KPI_WEIGHT_KEYS.map((key) => [key, z.number().nonnegative()])) as Record<KpiWeightKey, z.ZodNumber>)

export const kpiWeightsSchema = z.object({
  month: z.string(),
  effective_month: z.string().nullable(),
  preset: z.string().nullable(),
  weights: weightsSchema.nullable(),
  sets: z.array(z.object({ effective_month: z.string(), preset: z.string().nullable(), weights: weightsSchema })),
  presets: z.array(z.object({ code: z.string(), label: z.string(), weights: weightsSchema, source: z.string() })),
})
export type KpiWeightsAnswer = z.infer<typeof kpiWeightsSchema>

const weightSetSchema = z.object({
  effective_month: z.string(),
  preset: z.string().nullable(),
  weights: weightsSchema,
  set_by: z.string().nullable(),
  set_at: z.string(),
})

export const KPI_RPC = {
  monthly: { name: 'kpi_monthly', args: { p_month: 'date', p_level: 'text' }, result: kpiMonthlySchema },
  weights: { name: 'kpi_weights', args: { p_month: 'date' }, result: kpiWeightsSchema },
  setWeights: {
    name: 'set_kpi_weights',
    args: { p_effective_month: 'date', p_weights: 'jsonb' },
    result: weightSetSchema,
    writes: ['kpi_weight_sets'],
  },
} satisfies Record<string, RpcSpec>

/** The tables a month's figures are computed from. */
const KPI_TABLES = ['incidents', 'case_history', 'grids', 'kpi_weight_sets'] as const

export const KPI_MONTHLY_READ = defineRead({
  kind: 'kpiMonthly',
  /** month: 'YYYY-MM-DD', any day of the month */
  fetch: (repository, month: string, level: KpiLevel) => repository.rpc(KPI_RPC.monthly, { p_month: month, p_level: level }),
  keepPrevious: true,
  tables: KPI_TABLES,
})

export const KPI_WEIGHTS_READ = defineRead({
  kind: 'kpiWeights',
  fetch: (repository, month: string | null) => repository.rpc(KPI_RPC.weights, { p_month: month }),
  tables: ['kpi_weight_sets'],
})
