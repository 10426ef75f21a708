/**
 * Publishing the draft: what it changes, what the validator says (errors block; warnings the
 * draft introduced need a written reason to be accepted), the what-if of the changed grids,
 * and one `edit_grids` call with every changed grid and the version it was based on. A stale
 * base is refused by the database naming the grids; nothing is written then, and the draft
 * stays (reload it to rebase onto the new versions).
 */
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Checkbox, Input, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRepository } from '../../data/hooks.ts'
import { invalidateAfterWrite } from '../../data/invalidation.ts'
import { RPC } from '../../data/rpc.ts'
import { draftFromChanges, editsFromChanges, type DraftPayload } from '../../domain/grids/editing/draft.ts'
import type { EditableGrid } from '../../domain/grids/editing/types.ts'
import { WhatIfPanel } from './WhatIfPanel.tsx'
import type { GridEditor } from './use-grid-editor.ts'

/** The database's refusal of a stale base (UG108) names the grids; the draft is kept for a rebase. */
const STALE = /已被他人修改|modified by someone else/

interface Props {
  editor: GridEditor
  /** reload the scope's grids and offer this draft on them (after a stale refusal) */
  onRebase: (draft: DraftPayload) => void
}

export function PublishPanel({ editor, onRebase }: Props) {
  const { t } = useTranslation('grids')
  const repository = useRepository()
  const client = useQueryClient()
  const [reason, setReason] = useState('')
  const [accepted, setAccepted] = useState<Record<string, string>>({})
  const [outcome, setOutcome] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const changes = editor.session.changeSet()
  const errors = editor.issues.filter((issue) => issue.severity === 'error')
  const introducedErrors = errors.filter((issue) => issue.introduced)
  const warnings = editor.issues.filter((issue) => issue.severity === 'warning' && issue.introduced)
  const unaccepted = warnings.filter((issue) => (accepted[issue.key] ?? '').trim().length < 2)

  const blockers: string[] = []
  if (changes.length === 0) blockers.push(t('publish.nothing'))
  if (errors.length > 0) blockers.push(t('publish.errors', { count: errors.length, introduced: introducedErrors.length }))
  if (unaccepted.length > 0) blockers.push(t('publish.warnings', { count: unaccepted.length }))
  // With nothing to publish, that alone is said (not also the empty reason).
  if (changes.length > 0 && reason.trim().length < 2) blockers.push(t('publish.reasonNeeded'))
  if (editor.committing) blockers.push(t('toolbar.committing'))

  const publish = async () => {
    setOutcome(null)
    const warningNotes = warnings.map((issue) => `${t(`issueType.${issue.type}`)}（${issue.ids.join('、')}）：${accepted[issue.key].trim()}`)
    const fullReason = [reason.trim(), ...warningNotes].join('；')
    const result = await editor.session.commit((net) => repository.editGrids(editsFromChanges(net, fullReason) as never), {
      settle: (rows, net) => {
        const versions = new Map(rows.filter((row) => row.id !== undefined).map((row) => [row.code, row.version]))
        const settled: [string, EditableGrid][] = []
        for (const change of net) {
          if (change.kind === 'deleted') continue
          const version = versions.get(change.key)
          if (version === undefined) throw new Error(t('publish.noVersion', { code: change.key }))
          settled.push([change.key, { ...change.value, version }])
        }
        return settled
      },
    })
    if (result.status === 'committed') {
      await invalidateAfterWrite(client, RPC.editGrids)
      setOutcome({ kind: 'success', text: t('publish.done', { count: result.changes.length }) })
      setReason('')
      setAccepted({})
    } else if (result.status === 'failed') {
      setOutcome({ kind: 'error', text: (result.error as Error)?.message ?? String(result.error) })
    }
  }

  return (
    <div className="publish-panel" data-testid="publish-panel">
      <Typography.Title level={5}>{t('publish.changes', { count: changes.length })}</Typography.Title>
      <List
        size="small"
        dataSource={changes.map((change) => ({ code: change.key, kind: change.kind, labels: change.labels }))}
        renderItem={(item) => (
          <List.Item data-testid="publish-change">
            <Space size={4}>
              <Tag color={item.kind === 'created' ? 'green' : item.kind === 'deleted' ? 'red' : 'gold'}>{t(`change.${item.kind}`)}</Tag>
              <span>{item.code}</span>
              <span className="muted">{item.labels.join('、')}</span>
            </Space>
          </List.Item>
        )}
      />
      {warnings.length > 0 && (
        <div className="accept-warnings">
          <Typography.Title level={5}>{t('publish.acceptTitle')}</Typography.Title>
          {warnings.map((issue) => (
            <div key={issue.key} className="accept-warning">
              <Checkbox checked={(accepted[issue.key] ?? '').trim().length >= 2} disabled>
                {issue.message}
              </Checkbox>
              <Input size="small" placeholder={t('publish.acceptReason')} value={accepted[issue.key] ?? ''} onChange={(event) => setAccepted({ ...accepted, [issue.key]: event.target.value })} />
            </div>
          ))}
        </div>
      )}
      <WhatIfPanel editor={editor} />
      <Typography.Title level={5}>{t('publish.reason')}</Typography.Title>
      <Input.TextArea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} placeholder={t('publish.reasonPlaceholder')} data-testid="publish-reason" maxLength={200} />
      {blockers.length > 0 && (
        <ul className="publish-blockers" data-testid="publish-blockers">
          {blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      )}
      <Button type="primary" disabled={blockers.length > 0} onClick={() => void publish()} loading={editor.committing} data-testid="publish-button">
        {t('publish.button')}
      </Button>
      {outcome && (
        <Alert
          className="publish-outcome"
          type={outcome.kind}
          title={outcome.text}
          showIcon
          data-testid="publish-outcome"
          action={
            outcome.kind === 'error' && STALE.test(outcome.text) ? (
              <Button size="small" onClick={() => onRebase(draftFromChanges(editor.loaded.scope.code, editor.session.changeSet(), new Date().toISOString()))} data-testid="rebase-reload">
                {t('publish.reloadToRebase')}
              </Button>
            ) : undefined
          }
        />
      )}
    </div>
  )
}
