/**
 * Issue 12: the browser's placement reference (and every other read fed by grids) is
 * dropped by any grid write — this app's own (the editGrids mutation) and anyone else's
 * (Repository.watch('grids')) — and case writes never drop it.
 */
import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { AssignmentReference } from '../../src/data/assignment-schemas.ts'
import type { EmbeddedCalls } from '../../src/data/embedded/embedded-calls.ts'
import { PgliteTransport } from '../../src/data/embedded/pglite-transport.ts'
import { editGridsMutation, intakeIncidentsMutation, queryKeys } from '../../src/data/hooks.ts'
import { CHANGE_COALESCE_MS, READS_OF_TABLE, invalidateOnChange, readsOf } from '../../src/data/invalidation.ts'
import { Repository, type AuthProvider, type RpcTransport } from '../../src/data/repository.ts'
import { RPC, WATCHED_TABLES, type RpcSpec, type WatchedTable } from '../../src/data/rpc.ts'

const square = (west: number): AssignmentReference['grids'][number]['geometry'] => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, 30],
      [west + 0.01, 30],
      [west + 0.01, 30.01],
      [west, 30.01],
      [west, 30],
    ],
  ],
})

/** A database of one grid whose geometry edit_grids replaces; watchers as Supabase realtime would call them. */
function fakeDatabase() {
  let west = 120
  const calls: string[] = []
  const watchers = new Set<{ tables: readonly WatchedTable[]; listener: () => void }>()
  const reference = (): AssignmentReference => ({
    grids: [{ code: '329001001001001', management_level: 2, geometry: square(west) }],
    closed_grids: [],
    segments: [],
    departments: [],
    routes: [],
    time_limits: [],
    calendar: [],
    settings: { segment_match_distance_m: 30, work_hours: [['09:00', '17:00']], timezone_offset_hours: 8 },
  })
  const transport: RpcTransport = {
    kind: 'supabase',
    async call(rpc: RpcSpec) {
      calls.push(rpc.name)
      if (rpc.name === 'assignment_reference') return reference()
      if (rpc.name === 'edit_grids') {
        west += 0.01
        return [{ code: '329001001001001', id: 2, version: 2, previous_id: 1 }]
      }
      if (rpc.name === 'intake_incidents') return [{ index: 0, ok: true, duplicate: false, id: 7 }]
      throw new Error(`unexpected ${rpc.name}`)
    },
    watch(tables, listener) {
      const watcher = { tables, listener }
      watchers.add(watcher)
      return () => watchers.delete(watcher)
    },
  }
  /** Someone else changed rows of `table` (one notification per row, like realtime). */
  const changedElsewhere = (table: WatchedTable, rows = 1) => {
    if (table === 'grids') west += 0.01
    for (let row = 0; row < rows; row += 1) for (const watcher of watchers) if (watcher.tables.includes(table)) watcher.listener()
  }
  const repository = new Repository(transport, {} as AuthProvider, 'test')
  return { repository, calls, changedElsewhere, watchers, referenceCalls: () => calls.filter((name) => name === 'assignment_reference').length }
}

/** The reference as the import panel holds it: an active query that is never stale by age. */
function watchReference(client: QueryClient, repository: Repository) {
  const observer = new QueryObserver(client, {
    queryKey: queryKeys.assignmentReference(),
    queryFn: () => repository.assignmentReference(),
    staleTime: Infinity,
  })
  const unsubscribe = observer.subscribe(() => {})
  const west = () => (observer.getCurrentResult().data?.grids[0].geometry.coordinates[0] as number[][] | undefined)?.[0][0]
  return { observer, unsubscribe, west }
}

let client: QueryClient
beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
})
afterEach(() => {
  client.clear()
  vi.useRealTimers()
})

describe('what a change makes stale', () => {
  test('a grid change drops the placement reference and the grid-fed map reads, not the cases', () => {
    expect(readsOf(['grids'])).toEqual(expect.arrayContaining(['assignmentReference', 'areas', 'incidentCounts', 'segments', 'summary']))
    expect(readsOf(['grids'])).not.toContain('cases')
    expect(readsOf(['incidents', 'case_history'])).not.toContain('assignmentReference')
    // Every read kind named is a real query key kind.
    const kinds = new Set(Object.keys(queryKeys).filter((key) => key !== 'all'))
    const keyKind: Record<string, string> = { summary: 'summary', caseDetail: 'case', areas: 'areas', search: 'search' }
    const known = new Set([...kinds].map((key) => keyKind[key] ?? key))
    for (const table of WATCHED_TABLES) for (const kind of READS_OF_TABLE[table]) expect(known, kind).toContain(kind)
  })

  test('each writing function declares the tables it changes', () => {
    expect(RPC.editGrids.writes).toEqual(['grids'])
    expect(RPC.intakeIncidents.writes).toEqual(['incidents'])
    expect(RPC.transitionCase.writes).toEqual(['incidents', 'case_history'])
    expect(RPC.saveGridDraft.writes).toEqual(['grid_drafts'])
    expect(RPC.discardGridDraft.writes).toEqual(['grid_drafts'])
    // the editor's reads are dropped by what they show: drafts by draft writes, a scope and history by grid edits
    expect(readsOf(['grid_drafts'])).toEqual(['gridDraft', 'gridDrafts'])
    expect(readsOf(['grids'])).toEqual(expect.arrayContaining(['gridsForEdit', 'gridHistory']))
    expect(readsOf(['grids'])).not.toContain('gridVersion')
  })
})

describe('the placement reference after a grid write', () => {
  test('editGrids succeeding refetches it, and the new geometry is what the browser then places with', async () => {
    const database = fakeDatabase()
    const reference = watchReference(client, database.repository)
    await vi.waitFor(() => expect(reference.west()).toBe(120))
    expect(database.referenceCalls()).toBe(1)
    // Counts by grid of the overview map, cached but not on screen: marked stale, refetched when shown.
    client.setQueryData(queryKeys.incidentCounts({}), [])
    client.setQueryData(queryKeys.cases({}), { total: 0, limit: 50, offset: 0, rows: [] })

    await new MutationObserver(client, editGridsMutation(database.repository, client)).mutate([{ code: '329001001001001', geometry: square(120.01) }])

    await vi.waitFor(() => expect(reference.west()).toBeCloseTo(120.01, 6))
    expect(database.referenceCalls()).toBe(2)
    expect(client.getQueryState(queryKeys.incidentCounts({}))?.isInvalidated).toBe(true)
    expect(client.getQueryState(queryKeys.cases({}))?.isInvalidated).toBe(false)
    reference.unsubscribe()
  })

  test('a refused grid write drops nothing', async () => {
    const database = fakeDatabase()
    const reference = watchReference(client, database.repository)
    await vi.waitFor(() => expect(database.referenceCalls()).toBe(1))
    const refusing = new Repository(
      { kind: 'supabase', call: async () => Promise.reject(Object.assign(new Error('无权修改网格'), { code: '42501' })) },
      {} as AuthProvider,
      'test',
    )
    await expect(new MutationObserver(client, editGridsMutation(refusing, client)).mutate([{ code: '329001001001001' }])).rejects.toThrow()
    expect(client.getQueryState(queryKeys.assignmentReference())?.isInvalidated).toBe(false)
    expect(database.referenceCalls()).toBe(1)
    reference.unsubscribe()
  })

  test('registering cases leaves it alone', async () => {
    const database = fakeDatabase()
    const reference = watchReference(client, database.repository)
    await vi.waitFor(() => expect(database.referenceCalls()).toBe(1))
    await new MutationObserver(client, intakeIncidentsMutation(database.repository, client)).mutate([])
    expect(client.getQueryState(queryKeys.assignmentReference())?.isInvalidated).toBe(false)
    expect(database.referenceCalls()).toBe(1)
    reference.unsubscribe()
  })

  test("another tab's or user's grid edit (watch('grids')) refetches it once per burst of row changes", async () => {
    const database = fakeDatabase()
    const reference = watchReference(client, database.repository)
    await vi.waitFor(() => expect(reference.west()).toBe(120))
    const stop = invalidateOnChange(database.repository, client, ['grids'])

    vi.useFakeTimers()
    // One edit_grids closes a version and adds the next: two row changes, one commit.
    database.changedElsewhere('grids', 2)
    expect(database.referenceCalls()).toBe(1)
    await vi.advanceTimersByTimeAsync(CHANGE_COALESCE_MS)
    vi.useRealTimers()
    await vi.waitFor(() => expect(reference.west()).toBeCloseTo(120.01, 6))
    expect(database.referenceCalls()).toBe(2)

    // Case changes are not grid changes.
    database.changedElsewhere('incidents', 3)
    await new Promise((resolve) => setTimeout(resolve, CHANGE_COALESCE_MS + 50))
    expect(database.referenceCalls()).toBe(2)

    stop()
    expect(database.watchers.size).toBe(0)
    database.changedElsewhere('grids')
    await new Promise((resolve) => setTimeout(resolve, CHANGE_COALESCE_MS + 50))
    expect(database.referenceCalls()).toBe(2)
    reference.unsubscribe()
  })
})

describe('the embedded backend tells watchers of its own writes', () => {
  /** A database whose every call answers `[]` as jsonb. */
  const answering: EmbeddedCalls = {
    call: async () => ({ value: '[]', json: true }),
    ownerRows: async () => [],
    persist: async () => {},
  }

  test('a write reaches the watchers of the tables it changes, through the transport the app uses', async () => {
    const transport = new PgliteTransport(answering, () => null, undefined, { ready: async () => {} })
    const repository = new Repository(transport, {} as AuthProvider, 'test')
    const heard: string[] = []
    const stopGrids = repository.watch(['grids'], () => heard.push('grids'))
    repository.watch(['incidents', 'case_history'], () => heard.push('cases'))

    await repository.editGrids([{ code: '329001001001001' }])
    expect(heard).toEqual(['grids'])
    await repository.transitionCase(1, 'accept').catch(() => {})
    await repository.intakeIncidents([])
    expect(heard).toEqual(['grids', 'cases', 'cases'])
    // Reads tell nobody.
    await repository.categoryDirectory()
    expect(heard).toHaveLength(3)
    stopGrids()
    await repository.editGrids([{ code: '329001001001001' }])
    expect(heard).toHaveLength(3)
  })
})
