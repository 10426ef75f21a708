import { describe, expect, test } from 'vitest'
import { RepositoryError } from '../../src/data/errors.ts'
import { Repository, type AuthProvider, type RpcTransport } from '../../src/data/repository.ts'
import { RPC, rpcToSql, type RpcSpec } from '../../src/data/rpc.ts'

function recordingRepository(answer: unknown) {
  const calls: { name: string; args: Record<string, unknown> }[] = []
  const transport: RpcTransport = {
    kind: 'embedded',
    async call(rpc: RpcSpec, args: Record<string, unknown>) {
      calls.push({ name: rpc.name, args })
      return answer
    },
  }
  return { repository: new Repository(transport, {} as AuthProvider, 'test'), calls }
}

describe('case API calls', () => {
  test('list filters map to the SQL arguments, typed for PGlite', () => {
    const { repository, calls } = recordingRepository({ total: 0, limit: 20, offset: 40, rows: [] })
    void repository.cases({ statuses: ['dispatched'], overdue: true, gridCode: '329001007', departmentId: 2, limit: 20, offset: 40 })
    expect(calls[0].args).toMatchObject({
      p_statuses: ['dispatched'],
      p_overdue: true,
      p_grid_code: '329001007',
      p_department_id: 2,
      p_category: null,
      p_limit: 20,
      p_offset: 40,
    })
    expect(rpcToSql(RPC.listCases, calls[0].args).sql).toContain('p_overdue => $2::boolean')
    expect(rpcToSql(RPC.caseDetail, { p_id: 7 }).sql).toBe('select public.case_detail(p_id => $1::bigint) as result')
    expect(RPC.transitionCase.writes).toEqual(['incidents', 'case_history'])
  })

  test('a step sends only the payload fields given, and the status the user saw', async () => {
    const { repository, calls } = recordingRepository(null)
    await expect(repository.transitionCase(5, 'check', { expectedStatus: 'handled', passed: false, note: '仍有垃圾' })).rejects.toMatchObject({
      code: 'UG201',
    })
    expect(calls[0]).toEqual({
      name: 'transition_case',
      args: { p_id: 5, p_action: 'check', p_expected_status: 'handled', p_payload: { passed: false, note: '仍有垃圾' } },
    })
    await expect(repository.transitionCase(5, 'dispatch')).rejects.toBeInstanceOf(RepositoryError)
    expect(calls[1].args.p_payload).toEqual({})
  })
})
