/**
 * Issue 14: the reads are declared once (src/data/reads.ts). Their keys are a persisted
 * contract (the layer cache, the demo build's prepared first view), so they are pinned here.
 */
import { describe, expect, test } from 'vitest'
import { QUERY_ROOT, READS, isBackgroundRead, queryKeyOf, queryKeys, readOptions } from '../../src/data/reads.ts'
import { Repository, type AuthProvider, type RpcTransport } from '../../src/data/repository.ts'
import { callPriority, type RpcSpec } from '../../src/data/rpc.ts'

describe('read keys', () => {
  test('keep the shape the persisted caches were written with', () => {
    expect(queryKeys.summary()).toEqual(['urbangrid', 'summary'])
    expect(queryKeys.areas('district', {})).toEqual(['urbangrid', 'areas', 'district', {}])
    expect(queryKeys.roads({ limit: 20000 })).toEqual(['urbangrid', 'roads', { limit: 20000 }])
    expect(queryKeys.incidentCounts({ bbox: null })).toEqual(['urbangrid', 'incidentCounts', { bbox: null }])
    expect(queryKeys.constructionSites({})).toEqual(['urbangrid', 'constructionSites', {}])
    expect(queryKeys.caseDetail(7)).toEqual(['urbangrid', 'case', 7])
    expect(queryKeys.search('海陵')).toEqual(['urbangrid', 'search', '海陵'])
    expect(queryKeys.assignmentReference()).toEqual(['urbangrid', 'assignmentReference'])
    expect(queryKeys.all).toEqual([QUERY_ROOT])
  })

  test('a read asks the repository with the arguments of its key', async () => {
    const asked: unknown[][] = []
    const repository = { areas: async (...args: unknown[]) => asked.push(args) } as unknown as Repository
    const options = readOptions(READS.areas, repository, ['street', { bbox: [1, 2, 3, 4], limit: 5 }])
    expect(options.queryKey).toEqual(queryKeyOf(READS.areas, ['street', { bbox: [1, 2, 3, 4], limit: 5 }]))
    await options.queryFn()
    expect(asked).toEqual([['street', { bbox: [1, 2, 3, 4], limit: 5 }]])
  })

  test('only what a read sets is passed, so the client defaults hold for the rest', () => {
    const repository = {} as Repository
    expect(Object.keys(readOptions(READS.summary, repository, []))).toEqual(['queryKey', 'queryFn'])
    expect(readOptions(READS.categories, repository, []).staleTime).toBe(Infinity)
    expect('placeholderData' in readOptions(READS.segments, repository, [{}])).toBe(true)
    expect(READS.search.askable?.('  ')).toBe(false)
  })
})

describe('background reads', () => {
  test('are exactly the reads whose RPC is a background call', async () => {
    const asked: RpcSpec[] = []
    const transport: RpcTransport = {
      kind: 'embedded',
      call: async (rpc) => {
        asked.push(rpc)
        throw new Error('not answered here')
      },
    }
    const repository = new Repository(transport, {} as AuthProvider, 'test')
    const sample: Record<string, unknown[]> = { areas: ['street', {}], search: ['海陵'], caseDetail: [7] }
    for (const [name, spec] of Object.entries(READS)) {
      asked.length = 0
      const fetch = spec.fetch as (repository: Repository, ...args: unknown[]) => Promise<unknown>
      await fetch(repository, ...(sample[name] ?? [{}])).catch(() => {})
      expect(asked, name).toHaveLength(1)
      expect(spec.background === true, name).toBe(callPriority(asked[0]) === 'background')
      expect(isBackgroundRead(queryKeyOf(spec as never, sample[name] ?? [{}])), name).toBe(spec.background === true)
    }
  })
})

describe('the tables a view follows', () => {
  test('come from the one list of what each table feeds', async () => {
    const { tablesFeeding } = await import('../../src/data/invalidation.ts')
    expect(tablesFeeding(['cases', 'case'])).toEqual(['incidents', 'case_history'])
    expect(tablesFeeding(['assignmentReference'])).toEqual(['grids'])
    expect(tablesFeeding(['categories'])).toEqual([])
  })
})
