/**
 * The 考核 reads through react-query: one month of one level (the ranking), the twelve months
 * ending with it (the trend: twelve calls of the same read, so a month already shown costs
 * nothing), and every level of a month for the report. All share one cache key per month
 * and level.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { useAssignmentReference, useCases, useRead, useRepository } from '../../data/hooks.ts'
import type { CaseListQuery } from '../../data/repository.ts'
import { readOptions } from '../../data/reads.ts'
import { KPI_LEVELS, KPI_MONTHLY_READ, KPI_WEIGHTS_READ, type KpiLevel, type KpiUnit } from '../../data/kpi-reads.ts'
import { codeLength, monthInstants, monthsEnding, type Month } from './kpi-figures.ts'
import { topCategories, type CategoryCount } from './kpi-report.ts'

export function useKpiMonth(month: Month, level: KpiLevel, enabled: boolean) {
  return useRead(KPI_MONTHLY_READ, [month, level], { enabled })
}

/** The weight set a month is scored with, and the presets. */
export function useKpiWeights(month: Month, enabled: boolean) {
  return useRead(KPI_WEIGHTS_READ, [month], { enabled })
}

export interface KpiTrend {
  months: Month[]
  /** the unit's figures per month, null where it had none */
  units: (KpiUnit | null)[]
  done: number
  error: Error | null
}

export function useKpiTrend(month: Month, level: KpiLevel, unitCode: string | null): KpiTrend {
  const repository = useRepository()
  const months = useMemo(() => monthsEnding(month, 12), [month])
  const results = useQueries({
    queries: months.map((entry) => ({ ...readOptions(KPI_MONTHLY_READ, repository, [entry, level]), enabled: unitCode !== null })),
  })
  const data = results.map((result) => result.data)
  const key = data.map((entry) => (entry ? 1 : 0)).join('')
  const units = useMemo(
    () => data.map((entry) => entry?.find((unit) => unit.unit_code === unitCode) ?? null),
    // The arrays change identity on every render; what matters is which months arrived.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, unitCode, level, month],
  )
  return { months, units, done: results.filter((result) => result.isSuccess).length, error: results.find((result) => result.error)?.error ?? null }
}

/** Every level of a month, read (or taken from the cache) for the report. */
export function useKpiAllLevels(): (month: Month) => Promise<Record<KpiLevel, KpiUnit[]>> {
  const repository = useRepository()
  const client = useQueryClient()
  return useCallback(
    async (month: Month) => {
      const entries: [KpiLevel, KpiUnit[]][] = []
      // One at a time: the embedded database answers one call at a time anyway.
      for (const level of KPI_LEVELS) entries.push([level, await client.fetchQuery(readOptions(KPI_MONTHLY_READ, repository, [month, level]))])
      return Object.fromEntries(entries) as Record<KpiLevel, KpiUnit[]>
    },
    [client, repository],
  )
}

/** list_cases' page cap; a unit's top problems are counted from at most this many of its month's cases. */
export const PROBLEM_SAMPLE = 5000

export interface UnitCases {
  /** the list filter that selects the unit's cases: its code prefix, or its department; null while a department's id is unknown */
  unitFilter: Pick<CaseListQuery, 'gridCode' | 'departmentId'> | null
  /** true when the department named by the unit is not in the database */
  unknownDepartment: boolean
  /** the month as list_cases' period on reported_at */
  bounds: { from: string; to: string }
  problems: ReturnType<typeof useCases>
  top: CategoryCount[]
}

/** The unit's cases reported in the month, from list_cases, and their most frequent 小类. */
export function useUnitCases(unitCode: string | null, level: KpiLevel, month: Month, offsetHours: number): UnitCases {
  const reference = useAssignmentReference({ enabled: level === 'department' && unitCode !== null })
  const department = level === 'department' ? (reference.data?.departments.find((entry) => entry.code === unitCode) ?? null) : null
  const unitFilter =
    unitCode === null ? null : level === 'department' ? (department ? { departmentId: department.id } : null) : { gridCode: unitCode.slice(0, codeLength(level)!) }
  const bounds = monthInstants(month, offsetHours)
  const problems = useCases({ ...unitFilter, from: bounds.from, to: bounds.to, limit: PROBLEM_SAMPLE, offset: 0 }, { enabled: unitFilter !== null })
  const top = useMemo(() => (problems.data ? topCategories(problems.data.rows, 5) : []), [problems.data])
  return { unitFilter, unknownDepartment: level === 'department' && reference.isSuccess && !department, bounds, problems, top }
}
