/**
 * 网格规划: the planner's desk. Pick a community (or a whole street) to edit; its grids load
 * as the base of an edit session, a kept draft can be restored (rebased when someone published
 * meanwhile), and the editor does the rest (GridEditor.tsx). Editing needs the planner or
 * admin role; others are told so.
 */
import { useMemo, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Empty, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useOperation } from '../../app/use-operation.ts'
import { queryKeys, useAreas, useGridDraft, useGridsForEdit, useRepository } from '../../data/hooks.ts'
import { staleGrids, type DraftPayload } from '../../domain/grids/editing/draft.ts'
import { AntdScope } from '../shared/AntdScope.tsx'
import { GridEditor } from './GridEditor.tsx'
import { clearLocalDraft, readLocalDraft } from './use-draft-persistence.ts'
import { newerDraft, restoreDraft } from './draft-restore.ts'
import { loadedFromRead } from './loaded-scope.ts'
import { normaliseLoaded, useGridEditor, type LoadedScope } from './use-grid-editor.ts'
import './grids.css'
import './i18n.ts'

const SCOPE_KEY = 'urbangrid.grid-scope'

function initialScope(): string | null {
  try {
    return sessionStorage.getItem(SCOPE_KEY)
  } catch {
    return null
  }
}

export function GridsWorkspace() {
  return (
    <AntdScope>
      <GridsDesk />
    </AntdScope>
  )
}

function GridsDesk() {
  const { t } = useTranslation('grids')
  const permission = useOperation('editGrids')
  const [scope, setScope] = useState<string | null>(initialScope)
  const [generation, setGeneration] = useState(0)
  // A draft carried over a reload (a stale publish being rebased), offered before any kept one.
  const [carried, setCarried] = useState<DraftPayload | null>(null)
  const streets = useAreas('street', {})
  const communities = useAreas('community', {})
  // One group per street: the whole street first, then its communities; typing filters by name or code.
  const options = useMemo(() => {
    const byStreet = new Map<string, { value: string; label: string }[]>()
    for (const feature of communities.data?.features ?? []) {
      const code = String(feature.properties?.code)
      const list = byStreet.get(code.slice(0, 9)) ?? []
      list.push({ value: code, label: `${feature.properties?.name}（${code}）` })
      byStreet.set(code.slice(0, 9), list)
    }
    return (streets.data?.features ?? []).map((feature) => {
      const code = String(feature.properties?.code)
      const name = String(feature.properties?.name)
      return { label: name, title: name, options: [{ value: code, label: t('scope.wholeStreet', { name, code }) }, ...(byStreet.get(code) ?? [])] }
    })
  }, [streets.data, communities.data, t])

  const choose = (value: string) => {
    try {
      sessionStorage.setItem(SCOPE_KEY, value)
    } catch {
      // The choice just is not remembered.
    }
    setScope(value)
  }

  return (
    <div className="grids-workspace" data-testid="grids-workspace">
      <div className="grids-scope-bar">
        <span className="grids-title">{t('title')}</span>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 360 }}
          placeholder={t('scope.placeholder')}
          value={scope ?? undefined}
          onChange={choose}
          options={options}
          data-testid="grid-scope"
          popupMatchSelectWidth={false}
        />
        <span className="muted">{t('scope.help')}</span>
      </div>
      {!permission.available && !permission.pending && <Alert type="warning" showIcon title={permission.reason} className="grids-permission" data-testid="grids-permission" />}
      {scope && permission.available ? (
        <ScopeLoader
          key={`${scope}#${generation}`}
          scope={scope}
          carried={carried?.scope === scope ? carried : null}
          onReload={(draft) => {
            setCarried(draft)
            setGeneration((value) => value + 1)
          }}
        />
      ) : (
        <Empty className="grids-empty" description={t('scope.choose')} />
      )}
    </div>
  )
}

function ScopeLoader({ scope, carried, onReload }: { scope: string; carried: DraftPayload | null; onReload: (draft: DraftPayload) => void }) {
  const { t } = useTranslation('grids')
  const client = useQueryClient()
  const read = useGridsForEdit(scope)
  const remote = useGridDraft(scope)
  const loaded = useMemo(() => (read.data ? normaliseLoaded(loadedFromRead(read.data)) : null), [read.data])
  if (read.error) return <Alert type="error" showIcon title={(read.error as Error).message} />
  if (!loaded || remote.isLoading) return <p className="muted grids-loading">{t('common.loading')}</p>
  const rebase = (draft: DraftPayload) => {
    // The grids as they are now: what was read before is what the draft is stale against.
    void client.resetQueries({ queryKey: queryKeys.gridsForEdit(scope) })
    onReload(draft)
  }
  const draft = carried ?? newerDraft(readLocalDraft(scope), (remote.data?.payload as DraftPayload | undefined) ?? null)
  return <ScopeEditor loaded={loaded} draft={draft} onRebase={rebase} />
}

function ScopeEditor({ loaded, draft, onRebase }: { loaded: LoadedScope; draft: DraftPayload | null; onRebase: (draft: DraftPayload) => void }) {
  const { t } = useTranslation('grids')
  const editor = useGridEditor(loaded)
  const repository = useRepository()
  const [offer, setOffer] = useState<DraftPayload | null>(draft && draft.changes.length > 0 ? draft : null)
  const stale = offer ? staleGrids(loaded.grids, offer) : []

  const restore = (rebase: boolean) => {
    if (!offer) return
    editor.apply(restoreDraft(editor.values, offer, rebase, rebase ? t('draft.rebasedLabel') : t('draft.restoredLabel')))
    setOffer(null)
  }
  const discard = () => {
    clearLocalDraft(loaded.scope.code)
    void repository.discardGridDraft(loaded.scope.code).catch(() => undefined)
    setOffer(null)
  }

  return (
    <>
      {offer && (
        <Alert
          type={stale.length > 0 ? 'warning' : 'info'}
          showIcon
          className="draft-offer"
          data-testid="draft-offer"
          title={t('draft.found', { count: offer.changes.length, at: new Date(offer.savedAt).toLocaleString('zh-CN', { hour12: false }) })}
          description={
            stale.length > 0 ? (
              <div data-testid="draft-stale">
                <p>{t('draft.staleIntro')}</p>
                <ul>
                  {stale.map((grid) => (
                    <li key={grid.code}>{t('draft.staleGrid', { code: grid.code, base: grid.draftBase ?? t('draft.none'), current: grid.current ?? t('draft.retired') })}</li>
                  ))}
                </ul>
              </div>
            ) : undefined
          }
          action={
            <Space direction="vertical">
              {stale.length > 0 ? (
                <Button size="small" type="primary" onClick={() => restore(true)} data-testid="draft-rebase">
                  {t('draft.rebase')}
                </Button>
              ) : (
                <Button size="small" type="primary" onClick={() => restore(false)} data-testid="draft-restore">
                  {t('draft.restore')}
                </Button>
              )}
              <Button size="small" danger onClick={discard}>
                {t('draft.discard')}
              </Button>
            </Space>
          }
        />
      )}
      <GridEditor editor={editor} onRebase={onRebase} />
    </>
  )
}
