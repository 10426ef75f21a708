/**
 * One write of the roster panels (人员、设施包干、以克论净): a call of one SQL function, then the
 * reads of the tables it writes are dropped. A refusal is kept as the database worded it
 * (Chinese, naming the row and field) for the panel to show verbatim; nothing else is done.
 */
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useRepository } from '../../data/hooks.ts'
import { invalidateAfterWrite } from '../../data/invalidation.ts'
import type { RpcSpec } from '../../data/rpc.ts'

export interface RosterWrite {
  /** resolves to the function's result, or undefined when it was refused (see `error`) */
  run: (rpc: RpcSpec, args: Record<string, unknown>) => Promise<unknown>
  pending: boolean
  error: string | null
  clear: () => void
}

export function useRosterWrite(): RosterWrite {
  const repository = useRepository()
  const client = useQueryClient()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown> => {
    setPending(true)
    setError(null)
    try {
      const result = await repository.rpc(rpc, args)
      await invalidateAfterWrite(client, rpc)
      return result ?? true
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
      return undefined
    } finally {
      setPending(false)
    }
  }
  return { run, pending, error, clear: () => setError(null) }
}
