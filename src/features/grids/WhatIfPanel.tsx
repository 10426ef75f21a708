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
import { gridWhatIf, type GridWhatIfResult } from '../../domain/grids/what-if.ts'
import type { GridWhatIfInputs } from '../../data/schemas.ts'
import type { ChangeSet } from '../../domain/edit/types.ts'
import type { EditableGrid } from '../../domain/grids/editing/types.ts'
import { formatNumber } from '../../i18n/format.ts'
import { boxOf } from './editor-features.ts'
import type { GridEditor } from './use-grid-editor.ts'

const DAY_MS = 86_400_000
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, value) => total + value, 0)

/** The what-if of the asked change set over the inputs read for it (the same assignment engine as intake). */
function useWhatIf(inputs: GridWhatIfInputs | undefined, changes: ChangeSet<string, EditableGrid> | null): GridWhatIfResult | null {
  return useMemo(() => {
    if (!inputs || !changes) return null
    const { incidents } = inputs
    return gridWhatIf({
      before: changes.flatMap((change) => (change.kind === 'created' ? [] : [change.base])),
      after: changes.flatMap((change) => (change.kind === 'deleted' ? [] : [change.value])),
      incidents: incidents.ids.map((id, index) => ({ id, lon: incidents.lon_e6[index] / 1e6, lat: incidents.lat_e6[index] / 1e6 })),
      segments: inputs.segments,
      facilities: inputs.facilities,
      places: [
        ...inputs.markets.map((market) => ({ id: `market-${market.id}`, kind: 'market', lon: market.lon, lat: market.lat })),
        ...inputs.construction_sites.map((site) => ({ id: `site-${site.id}`, kind: 'site', lon: site.lon, lat: site.lat })),
      ],
    })
  }, [inputs, changes])
}

export function WhatIfPanel({ editor }: { editor: GridEditor }) {
  const { t, i18n } = useTranslation('grids')
  // What was asked: the change set at that moment (editing on makes it stale: 重新计算).
  const [asked, setAsked] = useState<{ at: number; changes: ChangeSet<string, EditableGrid> } | null>(null)
  const changes = editor.session.changeSet()
  const box = boxOf(changes.flatMap((change) => (change.kind === 'created' ? [change.value] : change.kind === 'deleted' ? [change.base] : [change.base, change.value])).map((grid) => grid.geometry))
  const period = useMemo(() => {
    if (!asked) return null
    return { from: new Date(asked.at - 365 * DAY_MS).toISOString(), to: new Date(asked.at).toISOString() }
  }, [asked])
  const inputs = useGridWhatIfInputs(asked ? box : null, period?.from ?? null, period?.to ?? null, { enabled: Boolean(asked && box) })
  const result = useWhatIf(inputs.data, asked?.changes ?? null)
  const n = (value: number) => formatNumber(Math.round(value), i18n.language)

  if (changes.length === 0) return null
  return (
    <div className="whatif-panel" data-testid="whatif-panel">
      <Typography.Title level={5}>{t('whatif.title')}</Typography.Title>
      <Button size="small" onClick={() => setAsked({ at: Date.now(), changes: editor.session.changeSet() })} loading={inputs.isFetching}>
        {asked ? t('whatif.again') : t('whatif.run')}
      </Button>
      {inputs.error && <p className="error">{(inputs.error as Error).message}</p>}
      {result && (
        <>
          <p className="muted" data-testid="whatif-summary">{t('whatif.summary', { moved: n(result.cases_changing_grid), cases: n(result.totals.cases_before + result.totals.cases_outside_before) })}</p>
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
              { title: t('whatif.facilities'), key: 'facilities', render: (_, row) => `${n(sum(row.facilities_before) + sum(row.places_before))} → ${n(sum(row.facilities_after) + sum(row.places_after))}` },
            ]}
          />
        </>
      )}
    </div>
  )
}
