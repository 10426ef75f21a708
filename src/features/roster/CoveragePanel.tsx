/**
 * 覆盖: how much of the team's segments have somebody on this shift, as the roster stands in
 * the editor (saved or not): totals, by community, street and team, and every segment with a
 * gap — a click selects it on the map. Uncovered length is red on the map too.
 */
import { useMemo, useState } from 'react'
import { Button, Empty, Segmented, Statistic, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CoverageReport, UnitCoverage } from '../../domain/roster/types.ts'
import { formatMetres, formatPercent } from './format.ts'
import type { RosterPanelProps } from './panel-props.ts'

type Unit = 'community' | 'street' | 'team'

export function CoveragePanel(props: RosterPanelProps & { coverage: CoverageReport }) {
  const { t } = useTranslation('roster')
  const { coverage, data, onSelectSegments } = props
  const [unit, setUnit] = useState<Unit>('community')
  const segments = useMemo(() => new Map(data.segments.map((segment) => [segment.id, segment])), [data.segments])
  const gaps = coverage.segments.filter((segment) => segment.uncoveredM > 0.05).sort((a, b) => b.uncoveredM - a.uncoveredM)
  const doubles = coverage.segments.filter((segment) => segment.doubleM > 0.05)
  const units: UnitCoverage[] = (unit === 'community' ? coverage.byCommunity : unit === 'street' ? coverage.byStreet : coverage.byTeam).filter((row) => row.lengthM > 0)

  return (
    <div className="roster-panel" data-testid="coverage-panel">
      <div className="roster-stats">
        <Statistic title={t('coverage.percent')} value={formatPercent(coverage.totals.percent)} valueStyle={{ color: coverage.totals.percent < 100 ? '#dc2626' : '#15803d' }} data-testid="coverage-percent" />
        <Statistic title={t('coverage.uncovered')} value={formatMetres(coverage.totals.uncoveredM)} suffix={t('unit.m')} data-testid="coverage-uncovered" />
        <Statistic title={t('coverage.double')} value={formatMetres(coverage.totals.doubleM)} suffix={t('unit.m')} />
        <Statistic title={t('coverage.length')} value={formatMetres(coverage.totals.lengthM)} suffix={t('unit.m')} />
      </div>
      <p className="muted">{t('coverage.note')}</p>
      <Segmented
        value={unit}
        onChange={(value) => setUnit(value as Unit)}
        options={[
          { value: 'community', label: t('coverage.byCommunity') },
          { value: 'street', label: t('coverage.byStreet') },
          { value: 'team', label: t('coverage.byTeam') },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={units}
        data-testid="coverage-units"
        columns={[
          { title: t('coverage.unit'), dataIndex: 'name' },
          { title: t('coverage.lengthShort'), dataIndex: 'lengthM', align: 'right', render: (value: number) => formatMetres(value) },
          { title: t('coverage.uncoveredShort'), dataIndex: 'uncoveredM', align: 'right', render: (value: number) => <span className={value > 0.05 ? 'roster-bad' : ''}>{formatMetres(value)}</span> },
          { title: t('coverage.percentShort'), dataIndex: 'percent', align: 'right', render: (value: number) => formatPercent(value) },
        ]}
      />
      <Typography.Title level={5}>{t('coverage.gaps', { count: gaps.length })}</Typography.Title>
      {gaps.length === 0 ? (
        <Empty description={t('coverage.noGaps')} />
      ) : (
        <>
          <Button size="small" onClick={() => onSelectSegments(gaps.map((gap) => gap.segmentId))} data-testid="coverage-select-gaps">
            {t('coverage.selectGaps')}
          </Button>
          <Table
            size="small"
            rowKey="segmentId"
            pagination={{ pageSize: 12, size: 'small' }}
            dataSource={gaps}
            data-testid="coverage-gaps"
            onRow={(row) => ({ onClick: () => onSelectSegments([row.segmentId]) })}
            columns={[
              {
                title: t('coverage.segment'),
                dataIndex: 'segmentId',
                render: (id: number) => {
                  const segment = segments.get(id)
                  return segment ? t('segment.name', { street: segment.backStreetName, seq: segment.seq }) : id
                },
              },
              { title: t('coverage.uncoveredShort'), dataIndex: 'uncoveredM', align: 'right', render: (value: number) => formatMetres(value) },
              {
                title: t('coverage.where'),
                dataIndex: 'gaps',
                render: (runs: [number, number][]) => runs.map(([from, to]) => `${Math.round(from)}–${Math.round(to)}`).join('，'),
              },
            ]}
          />
        </>
      )}
      {doubles.length > 0 && <p className="roster-bad">{t('coverage.doubles', { count: doubles.length })}</p>}
    </div>
  )
}
