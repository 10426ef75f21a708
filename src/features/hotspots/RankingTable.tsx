/**
 * The 排名 tab: units of analysis, back-street segments, 农贸市场 or 建筑工地 ranked by cases
 * in the period, with the previous period, the change, the rate (per km² or per km of
 * segment) and a sparkline of this period by week; a click flies the map to the object.
 * Ties share a rank.
 */
import { useMemo } from 'react'
import { InputNumber, Select, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import type { RankingRow } from '../../domain/hotspots/index.ts'
import { formatNumber } from '../../i18n/format.ts'
import { RANKING_TARGETS, type RankedObjects, type RankingTarget } from './ranking-targets.ts'

interface Row extends RankingRow {
  name: string
  id: string
}

function Sparkline({ values }: { values: ArrayLike<number> | null }) {
  if (!values || values.length < 2) return null
  const max = Math.max(1, ...Array.from(values))
  const points = Array.from(values, (value, index) => `${((index / (values.length - 1)) * 60).toFixed(1)},${(16 - (value / max) * 14).toFixed(1)}`).join(' ')
  return (
    <svg className="hotspots-sparkline" width="60" height="18" viewBox="0 0 60 18" aria-hidden="true">
      <polyline points={points} fill="none" stroke="#1d4ed8" strokeWidth="1.2" />
    </svg>
  )
}

export interface RankingTableProps {
  target: RankingTarget
  onTarget: (target: RankingTarget) => void
  bufferMetres: number
  onBuffer: (metres: number) => void
  unitLabel: string
  ranked: RankedObjects | null
  loading: boolean
  selected: string | null
  onSelect: (index: number) => void
}

export function RankingTable({ target, onTarget, bufferMetres, onBuffer, unitLabel, ranked, loading, selected, onSelect }: RankingTableProps) {
  const { t, i18n } = useTranslation('hotspots')
  const n = (value: number, digits = 0) => formatNumber(value, i18n.language, digits)
  const rows = useMemo(
    () => (ranked ? ranked.rows.map((row): Row => ({ ...row, name: ranked.names[row.unit], id: ranked.ids[row.unit] })) : []),
    [ranked],
  )
  const objectLabel = target === 'units' ? unitLabel : t(`rankingTarget.${target}`)

  return (
    <div className="hotspots-ranking">
      <div className="hotspots-ranking-controls">
        <Select<RankingTarget>
          size="small"
          value={target}
          onChange={onTarget}
          options={RANKING_TARGETS.map((entry) => ({ value: entry, label: entry === 'units' ? unitLabel : t(`rankingTarget.${entry}`) }))}
          data-testid="hotspots-ranking-target"
        />
        {(target === 'markets' || target === 'sites') && (
          <label className="hotspots-buffer">
            {t('ranking.buffer')}
            <InputNumber<number>
              size="small"
              min={10}
              max={1000}
              step={10}
              value={bufferMetres}
              onChange={(value) => value !== null && onBuffer(value)}
              data-testid="hotspots-buffer"
            />
            {t('ranking.metres')}
          </label>
        )}
      </div>
      <Table<Row>
        size="small"
        rowKey="unit"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('ranking.total', { count: total }) }}
        rowClassName={(row) => (row.id === selected ? 'hotspots-row-selected' : '')}
        onRow={(row) => ({ onClick: () => onSelect(row.unit) })}
        data-testid="hotspots-ranking"
        columns={[
          { key: 'rank', title: t('ranking.rank'), dataIndex: 'rank', width: 44 },
          { key: 'name', title: objectLabel, render: (_, row) => (row.name === row.id ? <span className="mono">{row.id}</span> : row.name), ellipsis: true },
          { key: 'count', title: t('ranking.count'), dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count, render: (value: number) => n(value) },
          {
            key: 'change',
            title: t('ranking.change'),
            align: 'right',
            sorter: (a, b) => a.change - b.change,
            render: (_, row) => (
              <span className={row.change > 0 ? 'hotspots-up' : row.change < 0 ? 'hotspots-down' : undefined} title={t('ranking.previousWas', { count: row.previous })}>
                {row.change > 0 ? '+' : ''}
                {n(row.change)}
                {row.changePercent !== null && ` (${row.changePercent > 0 ? '+' : ''}${n(row.changePercent, 0)}%)`}
              </span>
            ),
          },
          ...(ranked?.measure
            ? [
                {
                  key: 'rate',
                  title: t(`ranking.rate_${ranked.measure}`),
                  align: 'right' as const,
                  sorter: (a: Row, b: Row) => (a.rate ?? 0) - (b.rate ?? 0),
                  render: (_: unknown, row: Row) => (row.rate === null ? '—' : n(row.rate, 1)),
                },
              ]
            : []),
          { key: 'trend', title: t('ranking.trend'), width: 70, render: (_, row) => <Sparkline values={row.sparkline} /> },
        ]}
      />
    </div>
  )
}
