/**
 * The ranking: one row per unit, best first; every column sorts (on the rows in hand: a
 * level has at most a few thousand units). Grades are coloured tags, the change of rank is
 * an arrow with the number of places, every rate shows its numerator and denominator, and the
 * rates where less is better say so in their header.
 */
import { useEffect, useMemo, useRef } from 'react'
import { Table, Tag, Tooltip } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import type { KpiUnit } from '../../data/kpi-reads.ts'
import { byRank, formatRate, formatScore, GRADE_COLOURS, LOWER_IS_BETTER, RATE_KEYS, rankChange, rankChangeText, rateParts, type RateKey } from './kpi-figures.ts'
import { KPI_NAMESPACE } from './i18n.ts'

export interface KpiTableProps {
  units: readonly KpiUnit[]
  loading: boolean
  selected: string | null
  onSelect: (code: string) => void
  caption: string
}

const compareNullable = (a: number | null | undefined, b: number | null | undefined) => (a ?? -Infinity) - (b ?? -Infinity)

export function KpiTable({ units, loading, selected, onSelect, caption }: KpiTableProps) {
  const { t, i18n } = useTranslation(KPI_NAMESPACE)
  const language = i18n.language
  const rows = useMemo(() => byRank(units), [units])
  const frame = useRef<HTMLDivElement>(null)
  // A unit chosen on the map (or remembered from before 案件) is brought into view.
  useEffect(() => {
    if (selected === null) return
    frame.current?.querySelector(`tr[data-unit="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [selected, rows])

  const columns: ColumnsType<KpiUnit> = useMemo(() => {
    const rateColumn = (key: RateKey) => ({
      key,
      title: LOWER_IS_BETTER.has(key) ? (
        <Tooltip title={t('columns.lowerBetter')}>
          <span data-lower-better="true">
            {t(`columns.${key}`)} <span className="kpi-lower">↓{t('columns.lowerBetter')}</span>
          </span>
        </Tooltip>
      ) : (
        t(`columns.${key}`)
      ),
      width: 104,
      sorter: (a: KpiUnit, b: KpiUnit) => compareNullable(a[key], b[key]),
      render: (_: unknown, unit: KpiUnit) => {
        const parts = rateParts(unit, key)
        // The rate over its counts, on two lines so four rates fit beside the names.
        const [rateText, counts] = formatRate(parts.rate, parts.numerator, parts.denominator, language).split(/(?=[（(])/)
        return (
          <span className="kpi-rate">
            {rateText}
            <small>{counts}</small>
          </span>
        )
      },
    })
    return [
      { key: 'rank', title: t('columns.rank'), dataIndex: 'rank', width: 56, sorter: (a, b) => compareNullable(a.rank, b.rank) },
      {
        key: 'change',
        title: t('columns.change'),
        width: 66,
        sorter: (a, b) => compareNullable(a.previous_rank === null || a.rank === null ? null : a.previous_rank - a.rank, b.previous_rank === null || b.rank === null ? null : b.previous_rank - b.rank),
        render: (_, unit) => {
          const change = rankChange(unit.rank, unit.previous_rank)
          const title = change.direction === 'new' ? t('change.newTitle') : t(`change.${change.direction}`, { places: change.places })
          return (
            <span className={`kpi-change kpi-change-${change.direction}`} title={title} data-change={change.direction}>
              {rankChangeText(change, t('change.new'))}
            </span>
          )
        },
      },
      {
        key: 'unit',
        title: t('columns.unit'),
        width: 150,
        ellipsis: true,
        sorter: (a, b) => a.unit_code.localeCompare(b.unit_code),
        render: (_, unit) => (
          <span title={unit.unit_code}>
            {unit.unit_name}
            {unit.unit_name !== unit.unit_code && <span className="muted kpi-code"> {unit.unit_code}</span>}
          </span>
        ),
      },
      {
        key: 'grade',
        title: t('columns.grade'),
        width: 56,
        sorter: (a, b) => (a.grade ?? 'Z').localeCompare(b.grade ?? 'Z'),
        render: (_, unit) =>
          unit.grade ? (
            <Tag color={GRADE_COLOURS[unit.grade]} title={t(`grade.${unit.grade}`)} data-grade={unit.grade}>
              {unit.grade}
            </Tag>
          ) : (
            '—'
          ),
      },
      { key: 'score', title: t('columns.score'), width: 70, sorter: (a, b) => compareNullable(a.score, b.score), render: (_, unit) => formatScore(unit.score) },
      ...RATE_KEYS.map(rateColumn),
      { key: 'registered', title: t('columns.registered'), dataIndex: 'registered', width: 64, sorter: (a, b) => a.registered - b.registered },
    ]
  }, [t, language])

  return (
    <div ref={frame}>
      <Table<KpiUnit>
        className="kpi-table"
        data-testid="kpi-table"
        size="small"
        rowKey="unit_code"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false, showTotal: (total) => t('table.count', { count: total }) } : false}
        scroll={{ x: 1090, y: 'calc(100vh - 200px)' }}
        title={() => (
          <span className="kpi-table-caption">
            {caption} <span className="muted">· {t('table.count', { count: rows.length })} · {t('table.sortNote')}</span>
          </span>
        )}
        rowClassName={(unit) => (unit.unit_code === selected ? 'kpi-row-selected' : '')}
        onRow={(unit) => ({ onClick: () => onSelect(unit.unit_code), 'data-unit': unit.unit_code } as React.HTMLAttributes<HTMLElement>)}
      />
    </div>
  )
}
