/**
 * Units ranked by cases in the period, with the previous period beside them and the change;
 * a click flies the map to the unit. Ties share a rank.
 */
import { useMemo } from 'react'
import { Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../i18n/format.ts'
import type { UnitSet } from './unit-sets.ts'

interface Row {
  unit: number
  rank: number
  name: string
  id: string
  count: number
  previous: number
  change: number
  changePercent: number | null
  rate: number
}

export function RankingTable({
  units,
  counts,
  previousCounts,
  rates,
  selected,
  onSelect,
}: {
  units: UnitSet
  counts: Float64Array
  previousCounts: Float64Array
  rates: Float64Array
  selected: number | null
  onSelect: (unit: number) => void
}) {
  const { t, i18n } = useTranslation('hotspots')
  const n = (value: number, digits = 0) => formatNumber(value, i18n.language, digits)
  const rows = useMemo(() => {
    const list: Row[] = units.ids.map((id, unit) => ({
      unit,
      rank: 0,
      name: units.names[unit],
      id,
      count: counts[unit],
      previous: previousCounts[unit],
      change: counts[unit] - previousCounts[unit],
      changePercent: previousCounts[unit] > 0 ? ((counts[unit] - previousCounts[unit]) / previousCounts[unit]) * 100 : null,
      rate: rates[unit],
    }))
    list.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
    list.forEach((row, index) => {
      row.rank = index > 0 && list[index - 1].count === row.count ? list[index - 1].rank : index + 1
    })
    return list
  }, [units, counts, previousCounts, rates])

  return (
    <Table<Row>
      size="small"
      rowKey="unit"
      dataSource={rows}
      pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('ranking.total', { count: total }) }}
      rowClassName={(row) => (row.unit === selected ? 'hotspots-row-selected' : '')}
      onRow={(row) => ({ onClick: () => onSelect(row.unit) })}
      data-testid="hotspots-ranking"
      columns={[
        { key: 'rank', title: t('ranking.rank'), dataIndex: 'rank', width: 48 },
        { key: 'name', title: t(`unit.${units.kind}`), render: (_, row) => (row.name === row.id ? <span className="mono">{row.id}</span> : row.name), ellipsis: true },
        { key: 'count', title: t('ranking.count'), dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count, render: (value: number) => n(value) },
        { key: 'previous', title: t('ranking.previous'), dataIndex: 'previous', align: 'right', render: (value: number) => n(value) },
        {
          key: 'change',
          title: t('ranking.change'),
          align: 'right',
          sorter: (a, b) => a.change - b.change,
          render: (_, row) => (
            <span className={row.change > 0 ? 'hotspots-up' : row.change < 0 ? 'hotspots-down' : undefined}>
              {row.change > 0 ? '+' : ''}
              {n(row.change)}
              {row.changePercent !== null && ` (${row.changePercent > 0 ? '+' : ''}${n(row.changePercent, 0)}%)`}
            </span>
          ),
        },
        { key: 'rate', title: t('ranking.rate'), dataIndex: 'rate', align: 'right', sorter: (a, b) => a.rate - b.rate, render: (value: number) => n(value, 1) },
      ]}
    />
  )
}
