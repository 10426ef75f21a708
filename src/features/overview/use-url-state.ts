/**
 * The 总览 view state, read from the URL once and written back with `replaceState` on every
 * change (no history entry per pan: Back should leave the page, not replay the drags).
 */
import { useCallback, useEffect, useState } from 'react'
import { decodeUrlState, encodeUrlState, type OverviewUrlState } from './url-state.ts'

export function useUrlState(): [OverviewUrlState, (update: (state: OverviewUrlState) => OverviewUrlState) => void] {
  const [state, setState] = useState<OverviewUrlState>(() => decodeUrlState(window.location.search))

  useEffect(() => {
    const search = encodeUrlState(state, window.location.search)
    if (search !== window.location.search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`)
    }
  }, [state])

  const update = useCallback((change: (state: OverviewUrlState) => OverviewUrlState) => setState(change), [])
  return [state, update]
}
