/**
 * Keeps the draft: in this browser at every change (localStorage, so a reload keeps it), and
 * in the database a moment later (`save_grid_draft`, so another device keeps it). An empty
 * change set removes both. What the status line says comes from here.
 */
import { useEffect, useRef, useState } from 'react'
import { useRepository } from '../../data/hooks.ts'
import { draftBaseVersions, draftFromChanges, type DraftPayload } from '../../domain/grids/editing/draft.ts'
import type { GridEditor } from './use-grid-editor.ts'

export interface DraftStatus {
  state: 'clean' | 'local' | 'saving' | 'saved' | 'failed'
  at: string | null
}

const SAVE_DELAY_MS = 1500

export const localDraftKey = (scope: string) => `urbangrid.grid-draft.${scope}`

export function readLocalDraft(scope: string): DraftPayload | null {
  try {
    const text = localStorage.getItem(localDraftKey(scope))
    if (!text) return null
    const payload = JSON.parse(text) as DraftPayload
    return payload && payload.format === 1 && Array.isArray(payload.changes) ? payload : null
  } catch {
    return null
  }
}

export function clearLocalDraft(scope: string): void {
  try {
    localStorage.removeItem(localDraftKey(scope))
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}

const clock = () => new Date().toLocaleTimeString('zh-CN', { hour12: false })

export function useDraftPersistence(editor: GridEditor): DraftStatus {
  const repository = useRepository()
  const [status, setStatus] = useState<DraftStatus>({ state: 'clean', at: null })
  const scope = editor.loaded.scope.code
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const values = editor.values
  const committing = editor.committing

  const untouched = values === editor.loaded.grids
  useEffect(() => {
    // Nothing done yet: a draft kept from before is being offered, not replaced.
    if (committing || untouched) return
    const changes = editor.session.changeSet()
    if (timer.current) clearTimeout(timer.current)
    if (changes.length === 0) {
      const hadDraft = readLocalDraft(scope) !== null
      clearLocalDraft(scope)
      // After a publish or an undo back to the base the database copy goes too.
      if (hadDraft) void repository.discardGridDraft(scope).catch(() => undefined)
      timer.current = null
      queueMicrotask(() => setStatus({ state: 'clean', at: null }))
      return
    }
    const payload = draftFromChanges(scope, changes, new Date().toISOString())
    try {
      localStorage.setItem(localDraftKey(scope), JSON.stringify(payload))
    } catch {
      // A full storage still leaves the database copy.
    }
    queueMicrotask(() => setStatus({ state: 'local', at: clock() }))
    timer.current = setTimeout(() => {
      setStatus({ state: 'saving', at: clock() })
      repository
        .saveGridDraft({ scope, payload: payload as unknown as Record<string, unknown>, base: draftBaseVersions(payload) })
        .then(() => setStatus({ state: 'saved', at: clock() }))
        .catch(() => setStatus({ state: 'failed', at: clock() }))
    }, SAVE_DELAY_MS)
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
  }, [values, committing, untouched, scope, repository, editor.session])

  return status
}
