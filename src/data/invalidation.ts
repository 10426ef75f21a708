/**
 * Which cached reads a change of a table makes stale — the one list both the app's own
 * writes (the mutations in hooks.ts, the import's batches) and other people's writes
 * (Repository.watch: Supabase realtime, the embedded database's own writes) go through.
 *
 * Query keys are `['urbangrid', <kind>, …]` (the reads in reads.ts); a kind here drops every
 * query of that kind, and only declared kinds type-check. Active queries refetch at once,
 * the others when next shown. Which tables a view follows is derived from here too
 * (tablesFeeding), so this is the one list of what depends on what.
 */
import type { QueryClient } from '@tanstack/react-query'
import { MODULE_READS, QUERY_ROOT, type QueryKind } from './reads.ts'
import type { Repository } from './repository.ts'
import { WATCHED_TABLES, type RpcSpec, type WatchedTable } from './rpc.ts'

export const READS_OF_TABLE: Readonly<Record<WatchedTable, readonly QueryKind[]>> = {
  // Grids are versioned: an edit closes a version and adds the next. Everything that draws,
  // counts, finds or places by the current grids changes with it. Cases keep the version of
  // their report time (DESIGN.md §3), so the case list and details do not.
  // The grid editor's load of a scope and the history follow the grids too (a version that
  // exists never changes, so one version read by id never goes stale).
  grids: ['areas', 'segments', 'incidentCounts', 'summary', 'search', 'assignmentReference', 'gridsForEdit', 'gridHistory'],
  incidents: ['cases', 'case', 'incidents', 'incidentCounts', 'summary', 'gridWhatIfInputs', 'caseHandlers', 'myCases'],
  case_history: ['case'],
  // A user's own drafts: dropped by this app's own save and discard.
  grid_drafts: ['gridDraft', 'gridDrafts'],
  // The roster (保洁排班): the segments layer shows who cleans a segment; the summary counts
  // assigned segments and active cleaners. The roster workspace's own reads declare these
  // tables themselves (data/roster-reads.ts).
  segment_assignments: ['segments', 'summary'],
  cleaners: ['segments', 'summary'],
  facility_duties: [],
  cleaning_inspections: [],
  // A case's photos and files: their own reads declare the table (data/attachment-reads.ts).
  case_attachments: [],
  // 考核 weight sets: the evaluation's own reads declare the table (data/kpi-reads.ts).
  kpi_weight_sets: [],
}

/** The query kinds these tables feed, each once: READS' and the layer modules' own (defineRead). */
export function readsOf(tables: readonly WatchedTable[]): QueryKind[] {
  const modules = [...MODULE_READS.values()].filter((spec) => spec.tables?.some((table) => tables.includes(table))).map((spec) => spec.kind as QueryKind)
  return [...new Set([...tables.flatMap((table) => READS_OF_TABLE[table]), ...modules])]
}

/** The tables whose changes make any of these reads stale: what a view showing them follows. */
export function tablesFeeding(kinds: readonly QueryKind[]): WatchedTable[] {
  return WATCHED_TABLES.filter((table) => readsOf([table]).some((kind) => kinds.includes(kind)))
}

/** Drops the reads of these tables; resolves when the active ones have refetched. */
export async function invalidateTables(client: QueryClient, tables: readonly WatchedTable[]): Promise<void> {
  // A refetch already under way may have read before the change: it is restarted
  // (react-query's default), not joined.
  await Promise.all(readsOf(tables).map((kind) => client.invalidateQueries({ queryKey: [QUERY_ROOT, kind] })))
}

/** After a successful call of a writing function: drops what the tables it writes feed. */
export function invalidateAfterWrite(client: QueryClient, rpc: RpcSpec): Promise<void> {
  return invalidateTables(client, rpc.writes ?? [])
}

/**
 * One commit notifies once per changed row (an import of 1,000 cases, a grid edit that
 * closes and adds versions): changes within this window are answered with one invalidation.
 */
export const CHANGE_COALESCE_MS = 250

/** Follows changes of these tables and drops their reads; returns the unsubscribe. */
export function invalidateOnChange(
  repository: Pick<Repository, 'watch'>,
  client: QueryClient,
  tables: readonly WatchedTable[],
  coalesceMs = CHANGE_COALESCE_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const stop = repository.watch(tables, () => {
    if (timer !== null) return
    timer = setTimeout(() => {
      timer = null
      void invalidateTables(client, tables)
    }, coalesceMs)
  })
  return () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    stop()
  }
}
