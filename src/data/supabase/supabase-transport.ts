/**
 * Calls the SQL API through PostgREST with supabase-js `rpc`: the function name and its
 * arguments by the exact names of the RPC table, nothing else. Row level security applies
 * to the signed-in user's JWT, which supabase-js attaches.
 */
import type { SupabaseClient } from '@supabase/supabase-js'
import { toRepositoryError } from '../errors.ts'
import type { RpcTransport } from '../repository.ts'
import type { RpcSpec, WatchedTable } from '../rpc.ts'

/** Only the arguments the function declares, and only those given (PostgREST applies defaults). */
export function rpcArguments(rpc: RpcSpec, values: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {}
  for (const name of Object.keys(rpc.args)) {
    if (values[name] !== undefined) args[name] = values[name]
  }
  return args
}

export class SupabaseTransport implements RpcTransport {
  readonly kind = 'supabase' as const
  private readonly client: SupabaseClient

  constructor(client: SupabaseClient) {
    this.client = client
  }

  async call(rpc: RpcSpec, args: Record<string, unknown>): Promise<unknown> {
    const { data, error } = await this.client.rpc(rpc.name, rpcArguments(rpc, args))
    if (error) throw toRepositoryError(error)
    return data
  }

  /** Supabase realtime: the tables are in the supabase_realtime publication (see the migrations). */
  watch(tables: readonly WatchedTable[], listener: () => void): () => void {
    const channel = this.client.channel(`urbangrid-${tables.join('-')}-${Math.random().toString(36).slice(2)}`)
    for (const table of tables) channel.on('postgres_changes', { event: '*', schema: 'public', table }, () => listener())
    channel.subscribe()
    return () => {
      void this.client.removeChannel(channel)
    }
  }
}
