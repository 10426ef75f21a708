/** The signed-in user of the active backend, kept in step with its AuthProvider. */
import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { Repository, SessionUser } from '../data/repository.ts'

export type SessionState = { status: 'loading' } | { status: 'signed-in'; user: SessionUser } | { status: 'signed-out' }

/** `generation` changes when the backend restarts, so the user is read again. */
export function useSession(repository: Repository, generation = 0): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const client = useQueryClient()
  useEffect(() => {
    let live = true
    const apply = (user: SessionUser | null) => {
      if (live) setState(user ? { status: 'signed-in', user } : { status: 'signed-out' })
    }
    repository.auth.currentUser().then(apply, () => {
      // The embedded database may still be booting or have failed; the boot panel says so.
    })
    const unsubscribe = repository.auth.onChange((user) => {
      apply(user)
      // Another user may see other rows (row level security): read everything again.
      void client.invalidateQueries()
    })
    return () => {
      live = false
      unsubscribe()
    }
  }, [repository, client, generation])
  return state
}
