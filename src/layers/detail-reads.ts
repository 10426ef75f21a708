/**
 * The fetch-by-id reads of the inspect panel for layers drawn by the thousand
 * (supabase/migrations/20261206000700_inspect_details.sql): a 街道 or 社区 with its figures,
 * a facility with where it is, a segment with its grid by name and its cleaners by shift.
 * Answers are features with the layer's own properties and more, or null for no such id.
 */
import { z } from 'zod'
import { defineRead } from '../data/reads.ts'
import type { RpcSpec } from '../data/rpc.ts'

const feature = z
  .object({ type: z.literal('Feature'), id: z.number(), geometry: z.object({ type: z.string() }).passthrough(), properties: z.record(z.string(), z.unknown()) })
  .nullable()

const AREA_DETAIL: RpcSpec<typeof feature> = {
  name: 'area_detail',
  args: { p_level: 'text', p_id: 'bigint', p_from: 'timestamptz', p_to: 'timestamptz' },
  result: feature,
}
const FACILITY_DETAIL: RpcSpec<typeof feature> = { name: 'facility_detail', args: { p_id: 'bigint' }, result: feature }
const SEGMENT_DETAIL: RpcSpec<typeof feature> = { name: 'segment_detail', args: { p_id: 'bigint' }, result: feature }
const INCIDENT_FEATURE: RpcSpec<typeof feature> = { name: 'incident_feature', args: { p_id: 'bigint' }, result: feature }

/** A 街道 or 社区 with its figures; its case counts follow the period. */
export const AREA_DETAIL_READ = defineRead({
  kind: 'areaDetail',
  fetch: (repository, level: 'street' | 'community', id: number, from: string | null, to: string | null) =>
    repository.rpc(AREA_DETAIL, { p_level: level, p_id: id, p_from: from, p_to: to }),
  tables: ['grids', 'incidents'],
})

export const FACILITY_DETAIL_READ = defineRead({
  kind: 'facilityDetail',
  fetch: (repository, id: number) => repository.rpc(FACILITY_DETAIL, { p_id: id }),
  tables: ['grids'],
})

export const SEGMENT_DETAIL_READ = defineRead({
  kind: 'segmentDetail',
  fetch: (repository, id: number) => repository.rpc(SEGMENT_DETAIL, { p_id: id }),
  tables: ['grids'],
})

/** A case as the 总览's case panel shows it, with its platform number (case_number). */
export const INCIDENT_FEATURE_READ = defineRead({
  kind: 'incidentFeature',
  fetch: (repository, id: number) => repository.rpc(INCIDENT_FEATURE, { p_id: id }),
  tables: ['incidents'],
})
