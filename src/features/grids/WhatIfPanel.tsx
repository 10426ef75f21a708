/**
 * What-if before publishing: for the grids the draft changes, the last 12 months' cases,
 * back-street segment length and facilities before and after, per grid — with the same
 * assignment engine the cases pipeline uses (src/domain/grids/what-if.ts). Computed on
 * request: it reads the cases of the changed area.
 */
import { useMemo, useState } from 'react'
import { Button, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useGridWhatIfInputs } from '../../data/hooks.ts'
import { gridWhatIf } from '../../domain/grids/what-if.ts'
import { formatNumber } from '../../i18n/format.ts'
import { boxOf } from './editor-features.ts'
import type { GridEditor } from './use-grid-editor.ts'

const DAY_MS = 86_400_000

export function WhatIfPanel({ editor }: { editor: GridEditor }) {
  const { t, i18n } = useTranslation('grids')
  const [asked, setAsked] = useState<{ changes: number; at: number } | null>(null)
  const changes = editor.session.changeSet()
  const before = changes.flatMap((change) => (change.kind === 'created' ? [] : [change.base]))
  const after = changes.flatMap((change) => (change.kind === 'deleted' ? [] : [change.value]))
  const box = boxOf([...before, ...after].map((grid) => grid.geometry))
  const period = useMemo(() => {
    if (!asked) return null
    return { from: new Date(asked.at - 365 * DAY_MS).toISOString(), to: new Date(asked.at).toISOString() }
  }, [asked])
  const inputs = useGridWhatIfInputs(box ?? [0, 0, 0, 0], period?.from ?? '', period?.to ?? '', { enabled: Boolean(asked && box) })
  const result = useMemo(() => (inputs.data && asked ? gridWhatIf({ before, after, ...inputs.data }) : null), [inputs.data, asked, before, after])
  const n = (value: number) => formatNumber(Math.round(value), i18n.language)

  if (changes.length === 0) return null
  return (
    <div className="whatif-panel" data-testid="whatif-panel">
      <Typography.Title level={5}>{t('whatif.title')}</Typography.Title>
      <Button size="small" onClick={() => setAsked({ changes: changes.length, at: Date.now() })} loading={inputs.isFetching}>
        {asked ? t('whatif.again') : t('whatif.run')}
      </Button>
      {inputs.error && <p className="error">{(inputs.error as Error).message}</p>}
      {result && (
        <>
          <p className="muted">{t('whatif.summary', { moved: n(result.totals.casesMoved), cases: n(result.totals.casesBefore) })}</p>
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            dataSource={result.grids}
            columns={[
              { title: t('whatif.code'), dataIndex: 'code', render: (code: string) => code.slice(12) },
              { title: t('whatif.status'), dataIndex: 'status', render: (status: string) => t(`change.${status}`) },
              { title: t('whatif.cases'), key: 'cases', render: (_, row) => `${n(row.cases_before)} → ${n(row.cases_after)}` },
              { title: t('whatif.segments'), key: 'segments', render: (_, row) => `${n(row.segment_m_before)} → ${n(row.segment_m_after)}` },
              { title: t('whatif.facilities'), key: 'facilities', render: (_, row) => `${n(row.facilities_before_total)} → ${n(row.facilities_after_total)}` },
            ]}
          />
        </>
      )}
    </div>
  )
}
