/**
 * The selected unit: its month in one line, 「查看案件」 (the month's cases in 案件, filtered by
 * the unit's code prefix or department and the month; or only those due in the month and not
 * closed on time, handed over by id), its rates over twelve months and its top problems (小类)
 * of the month, counted from list_cases.
 */
import { useState } from 'react'
import { Button, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRepository } from '../../data/hooks.ts'
import { useWorkspaceNavigation } from '../../app/workspace-navigation.ts'
import type { KpiLevel, KpiUnit } from '../../data/kpi-reads.ts'
import { addMonths, formatScore, LOWER_IS_BETTER, monthInstants, monthLabel, RATE_KEYS, type Month, type RateKey } from './kpi-figures.ts'
import { notClosedOnTime } from './kpi-report.ts'
import { KpiTrendChart } from './KpiTrendChart.tsx'
import { PROBLEM_SAMPLE, useKpiTrend, useUnitCases } from './use-kpi.ts'
import { KPI_NAMESPACE } from './i18n.ts'

/**
 * How far back a case due in the month may have been reported: deadlines are days or weeks
 * after the report (stage time limits), never months.
 */
const DUE_LOOKBACK_MONTHS = 3

export interface KpiUnitPanelProps {
  unit: KpiUnit
  level: KpiLevel
  month: Month
  offsetHours: number
  trendRate: RateKey
  onTrendRate: (rate: RateKey) => void
}

export function KpiUnitPanel({ unit, level, month, offsetHours, trendRate, onTrendRate }: KpiUnitPanelProps) {
  const { t, i18n } = useTranslation(KPI_NAMESPACE)
  const language = i18n.language
  const navigation = useWorkspaceNavigation()
  const repository = useRepository()
  const { unitFilter, unknownDepartment, bounds, problems, top } = useUnitCases(unit.unit_code, level, month, offsetHours)
  const monthName = monthLabel(month, language)
  const trend = useKpiTrend(month, level, unit.unit_code)

  const [lateState, setLateState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null })

  const openMonth = () => {
    if (!unitFilter) return
    navigation?.openCases({ filters: { ...unitFilter, from: bounds.from, to: bounds.to }, label: `${monthName} ${unit.unit_name}`, from: 'kpi' })
  }

  const openLate = async () => {
    if (!unitFilter) return
    setLateState({ busy: true, message: null })
    try {
      // Cases due in the month were reported in it or a few months before; the month's own
      // figures decide which of them were not closed on time (kpi-report.ts).
      const from = monthInstants(addMonths(month, -DUE_LOOKBACK_MONTHS), offsetHours).from
      const rows = []
      for (let offset = 0; ; offset += PROBLEM_SAMPLE) {
        const page = await repository.cases({ ...unitFilter, from, to: bounds.to, limit: PROBLEM_SAMPLE, offset })
        rows.push(...page.rows)
        if (rows.length >= page.total || page.rows.length === 0) break
      }
      const ids = notClosedOnTime(rows, bounds.from, bounds.to)
      if (ids.length === 0) {
        setLateState({ busy: false, message: t('unit.openLateNone') })
        return
      }
      setLateState({ busy: false, message: null })
      navigation?.openCases({ ids: ids.slice(0, 1000), label: t('unit.lateLabel', { month: monthName, name: unit.unit_name }), from: 'kpi' })
    } catch (error) {
      setLateState({ busy: false, message: t('unit.lateError', { message: (error as Error).message }) })
    }
  }

  const rateName = (key: RateKey) => `${t(`columns.${key}`)}${LOWER_IS_BETTER.has(key) ? `（${t('columns.lowerBetter')}）` : ''}`

  return (
    <section className="kpi-unit" data-testid="kpi-unit" data-unit={unit.unit_code}>
      <h2>{t('unit.title', { name: unit.unit_name, code: unit.unit_code })}</h2>
      <p className="kpi-unit-figures">
        {t('unit.figures', { month: monthName, rank: unit.rank ?? '—', grade: unit.grade ? t(`grade.${unit.grade}`) : '—', score: formatScore(unit.score) })}
      </p>
      {unknownDepartment && <p className="form-error">{t('unit.noDepartment', { code: unit.unit_code })}</p>}
      <Space wrap size={6}>
        <Button size="small" onClick={openMonth} disabled={!unitFilter} data-testid="kpi-open-month">
          {t('unit.openMonth')}
        </Button>
        <Button size="small" type="primary" danger onClick={() => void openLate()} loading={lateState.busy} disabled={!unitFilter} data-testid="kpi-open-late">
          {t('unit.openLate')}
        </Button>
      </Space>
      {lateState.busy && <p className="muted">{t('unit.loadingLate')}</p>}
      {lateState.message && (
        <p className="kpi-note" role="status">
          {lateState.message}
        </p>
      )}

      <div className="kpi-trend-head">
        <label htmlFor="kpi-trend-rate">{t('trend.rate')}</label>
        <Select<RateKey>
          id="kpi-trend-rate"
          size="small"
          value={trendRate}
          onChange={onTrendRate}
          options={RATE_KEYS.map((key) => ({ value: key, label: rateName(key) }))}
          style={{ width: 200 }}
          data-testid="kpi-trend-rate"
        />
      </div>
      {trend.error ? (
        <p className="form-error" role="alert">
          {t('trend.error', { message: trend.error.message })}
        </p>
      ) : trend.done < trend.months.length ? (
        <p className="muted" role="status" data-testid="kpi-trend-loading">
          {t('trend.loading', { done: trend.done, total: trend.months.length })}
        </p>
      ) : null}
      <KpiTrendChart months={trend.months} units={trend.units} focus={trendRate} title={t('trend.title', { name: unit.unit_name })} />

      <h3>{t('problems.title', { month: monthName })}</h3>
      {problems.isPending && unitFilter && <p className="muted">{t('problems.loading')}</p>}
      {problems.error && (
        <p className="form-error" role="alert">
          {t('problems.error', { message: problems.error.message })}
        </p>
      )}
      {problems.data && top.length === 0 && <p className="muted">{t('problems.none')}</p>}
      {top.length > 0 && (
        <ol className="kpi-problems" data-testid="kpi-problems">
          {top.map((entry) => (
            <li key={entry.code}>
              <span>
                {entry.code} {entry.name}
              </span>
              <span className="mono">{t('problems.count', { count: entry.count })}</span>
            </li>
          ))}
        </ol>
      )}
      {problems.data && problems.data.total > problems.data.rows.length && <p className="muted">{t('problems.truncated', { count: problems.data.rows.length })}</p>}
    </section>
  )
}
