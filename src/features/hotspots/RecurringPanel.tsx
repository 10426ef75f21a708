/**
 * The 重复问题 tab (issue 17 item 6): the same 小类 at the same place (within 50 m) at least
 * N times in 30 days (N configurable, default 3) — root-cause candidates, most cases in one
 * window first. A row flies the map to the place; its cases open in 案件.
 */
import { Button, InputNumber, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PeriodCases } from '../../data/hotspot-reads.ts'
import { findRecurringProblems, HotspotError, RECURRING_DEFAULTS, type RecurringProblem } from '../../domain/hotspots/index.ts'
import { formatAt } from '../../domain/time/local-time.ts'
import { formatNumber } from '../../i18n/format.ts'

export type RecurringOutcome = { rows: RecurringRow[]; skipped: number } | { error: string } | null

/** The recurring problems of the period's cases, or why there are none (a domain refusal). */
export function findRecurring(cases: PeriodCases | null, minimumCount: number): RecurringOutcome {
  if (!cases) return null
  try {
    const result = findRecurringProblems({ lon: cases.lon, lat: cases.lat, t: cases.time, category: cases.category, id: cases.id }, { minimumCount })
    return { rows: result.problems.map((problem, key): RecurringRow => ({ ...problem, key })), skipped: result.skipped }
  } catch (error) {
    if (error instanceof HotspotError) return { error: error.message }
    throw error
  }
}

export interface RecurringPanelProps {
  outcome: RecurringOutcome
  minimumCount: number
  onMinimumCount: (count: number) => void
  /** 小类 code → name */
  categoryName: (code: string) => string
  offsetHours: number
  onFly: (bbox: [number, number, number, number]) => void
  /** opens these cases in 案件 */
  onOpenCases: (ids: number[], label: string) => void
}

export interface RecurringRow extends RecurringProblem {
  key: number
}

export function RecurringPanel({ outcome, minimumCount, onMinimumCount, categoryName, offsetHours, onFly, onOpenCases }: RecurringPanelProps) {
  const { t, i18n } = useTranslation('hotspots')
  const day = (ms: number) => formatAt(ms, offsetHours).slice(0, 10)
  const n = (value: number) => formatNumber(value, i18n.language)

  return (
    <div className="hotspots-recurring">
      <p className="muted">{t('recurring.definition', { radius: RECURRING_DEFAULTS.radiusMetres, days: RECURRING_DEFAULTS.windowDays })}</p>
      <label className="hotspots-inline">
        {t('recurring.minimum')}
        <InputNumber<number> size="small" min={2} max={50} value={minimumCount} onChange={(value) => value !== null && onMinimumCount(value)} data-testid="hotspots-recurring-minimum" />
        {t('recurring.times')}
      </label>
      {outcome && 'error' in outcome && (
        <p className="hotspots-refusal" role="alert">
          {outcome.error}
        </p>
      )}
      {outcome && 'rows' in outcome && (
        <>
          <p className="muted" data-testid="hotspots-recurring-summary">
            {t('recurring.summary', { count: outcome.rows.length, countText: n(outcome.rows.length) })}
          </p>
          <Table<RecurringRow>
            size="small"
            rowKey="key"
            dataSource={outcome.rows}
            pagination={{ pageSize: 15, showSizeChanger: false }}
            onRow={(row) => ({ onClick: () => onFly([row.lon - 0.002, row.lat - 0.0016, row.lon + 0.002, row.lat + 0.0016]) })}
            data-testid="hotspots-recurring"
            columns={[
              { key: 'category', title: t('recurring.category'), render: (_, row) => `${row.category} ${categoryName(row.category)}`, ellipsis: true },
              { key: 'window', title: t('recurring.window'), align: 'right', render: (_, row) => n(row.maximumWindowCount) },
              { key: 'all', title: t('recurring.all'), align: 'right', render: (_, row) => n(row.caseIds.length) },
              { key: 'when', title: t('recurring.when'), render: (_, row) => `${day(row.first)} – ${day(row.last)}` },
              { key: 'extent', title: t('recurring.extent'), align: 'right', render: (_, row) => t('recurring.metres', { value: Math.round(row.extentMetres) }) },
              {
                key: 'open',
                title: '',
                render: (_, row) => (
                  <Button
                    size="small"
                    type="link"
                    onClick={(event) => {
                      event.stopPropagation()
                      onOpenCases(row.caseIds, t('recurring.caseLabel', { category: categoryName(row.category) }))
                    }}
                    data-testid="hotspots-recurring-open"
                  >
                    {t('recurring.open')}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  )
}
