/**
 * The 热点分析 workspace's read (supabase/migrations/20261206001200_hotspot_reads.sql): every
 * case of one period as columns, parsed into typed arrays once, so binning 100,000 cases on
 * any unit, playing them by day and ranking places need no further parsing.
 */
import { z } from 'zod'
import { defineRead } from './reads.ts'
import type { RpcSpec } from './rpc.ts'
import { INCIDENT_SOURCES } from './schemas.ts'

const columnsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    id: z.array(z.number()),
    /** whole micro-degrees (WGS84 × 10⁶) */
    lon_e6: z.array(z.number()),
    lat_e6: z.array(z.number()),
    /** reported_at, whole epoch seconds */
    t: z.array(z.number()),
    category: z.array(z.string()),
    source: z.array(z.enum(INCIDENT_SOURCES)),
    /** the case's grid of today (15 digits); null only for a case outside every grid */
    grid: z.array(z.string().nullable()),
    segment: z.array(z.number().nullable()),
    /** H3 resolution-9 cells as h3-js writes them (asked for with cells: true); null for a case stored without one */
    h3: z.array(z.string().nullable()).nullable(),
  })
  .refine(({ from: _from, to: _to, h3, ...columns }) => [...Object.values(columns), ...(h3 ? [h3] : [])].every((column) => column.length === columns.id.length), 'hotspot_cases: columns of unequal length')

/** The cases of a period, in reported order. */
export interface PeriodCases {
  length: number
  id: Int32Array
  lon: Float64Array
  lat: Float64Array
  /** reported_at in epoch milliseconds */
  time: Float64Array
  category: string[]
  source: string[]
  grid: (string | null)[]
  segment: (number | null)[]
  /** with `cells`: each case's H3 resolution-9 cell (null where none was stored) */
  h3: (string | null)[] | null
}

export const periodCasesSchema = columnsSchema.transform(
  (columns): PeriodCases => ({
    length: columns.id.length,
    id: Int32Array.from(columns.id),
    lon: Float64Array.from(columns.lon_e6, (value) => value / 1e6),
    lat: Float64Array.from(columns.lat_e6, (value) => value / 1e6),
    time: Float64Array.from(columns.t, (seconds) => seconds * 1000),
    category: columns.category,
    source: columns.source,
    grid: columns.grid,
    segment: columns.segment,
    h3: columns.h3,
  }),
)

export interface PeriodCasesQuery {
  /** ISO-8601 instants; `to` is exclusive */
  from: string
  to: string
  /** 2-digit 大类 and/or 5-digit 小类 codes; null = all */
  categories: string[] | null
  sources: string[] | null
  /** also each case's H3 cell (the hexagon analysis) */
  cells?: boolean
}

const HOTSPOT_CASES: RpcSpec<typeof periodCasesSchema> = {
  name: 'hotspot_cases',
  args: { p_from: 'timestamptz', p_to: 'timestamptz', p_categories: 'text[]', p_sources: 'text[]', p_cells: 'boolean' },
  result: periodCasesSchema,
}

export const PERIOD_CASES_READ = defineRead({
  kind: 'periodCases',
  fetch: (repository, query: PeriodCasesQuery) =>
    repository.rpc(HOTSPOT_CASES, { p_from: query.from, p_to: query.to, p_categories: query.categories, p_sources: query.sources, p_cells: query.cells ?? false }),
  keepPrevious: true,
  tables: ['incidents', 'grids'],
})
