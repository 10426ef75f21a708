/**
 * 考核: the manager's monthly ranking. Left: the month, the level and the monthly report
 * (XLSX, print). Middle: the ranking. Right: the units on a map coloured by grade and the
 * selected unit (its cases in 案件, twelve-month trend, top problems). antd and echarts load
 * with this workspace only (behind its lazy()).
 */
import { useEffect, useMemo, useState } from 'react'
import { Alert, Button, DatePicker, Radio, Space } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useDistrictSummary, useInvalidateOnChange, useLocalOffsetHours } from '../../data/hooks.ts'
import { formatAt } from '../../domain/time/local-time.ts'
import { AntdScope } from '../shared/AntdScope.tsx'
import { downloadBlob, exportFileName } from '../shared/export/table-export.ts'
import { KPI_LEVELS, type KpiLevel, type KpiUnit } from '../../data/kpi-reads.ts'
import { kpiWorkbook } from './kpi-export.ts'
import { lastFullMonth, localToday, monthLabel, monthOf, monthState, worstUnit, type Month, type RateKey } from './kpi-figures.ts'
import { REPORT_KEYS, type ReportKey } from './kpi-report.ts'
import { KpiWeights } from './KpiWeights.tsx'
import { KpiMap } from './KpiMap.tsx'
import { KpiReport } from './KpiReport.tsx'
import { KpiTable } from './KpiTable.tsx'
import { KpiUnitPanel } from './KpiUnitPanel.tsx'
import { useKpiAllLevels, useKpiMonth, useKpiTrend, useUnitCases } from './use-kpi.ts'
import { KPI_NAMESPACE } from './i18n.ts'
import './kpi.css'

const DEMO_TODAY_KEY = 'urbangrid.demo-today'

/** The demo may pin its day (docs/decisions.md, "The demo's clock"); otherwise today at the district's offset. */
function todayAt(offsetHours: number): string {
  try {
    const pinned = localStorage.getItem(DEMO_TODAY_KEY)
    if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned
  } catch {
    // No storage: the clock's day.
  }
  return localToday(Date.now(), offsetHours)
}

const VIEW_KEY = 'urbangrid.kpi-view'

/** What the manager was looking at, kept for this tab: coming back from 案件 finds the same month, level and unit. */
interface KpiView {
  month: Month | null
  level: KpiLevel
  unit: string | null
}

function rememberedView(): KpiView {
  try {
    const view = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? 'null') as Partial<KpiView> | null
    return {
      month: typeof view?.month === 'string' && /^\d{4}-\d{2}-01$/.test(view.month) ? view.month : null,
      level: (KPI_LEVELS as readonly string[]).includes(view?.level ?? '') ? (view!.level as KpiLevel) : 'street',
      unit: typeof view?.unit === 'string' ? view.unit : null,
    }
  } catch {
    return { month: null, level: 'street', unit: null }
  }
}

interface ReportState {
  levels: Record<KpiLevel, KpiUnit[]>
  madeAt: string
  print: boolean
}

export function KpiWorkspace() {
  const { t, i18n } = useTranslation(KPI_NAMESPACE)
  const language = i18n.language
  useInvalidateOnChange(['incidents', 'case_history'])
  const summary = useDistrictSummary()
  const offsetHours = useLocalOffsetHours()
  const today = todayAt(offsetHours)
  const dataEnd = summary.data?.incidents_to ? formatAt(Date.parse(summary.data.incidents_to), offsetHours).slice(0, 10) : null
  const [remembered] = useState(rememberedView)
  const [chosenMonth, setChosenMonth] = useState<Month | null>(remembered.month)
  const month = chosenMonth ?? (summary.data ? lastFullMonth(dataEnd, today) : null)
  const [level, setLevel] = useState<KpiLevel>(remembered.level)
  const [selected, setSelected] = useState<string | null>(remembered.unit)
  useEffect(() => {
    try {
      sessionStorage.setItem(VIEW_KEY, JSON.stringify({ month: chosenMonth, level, unit: selected } satisfies KpiView))
    } catch {
      // Not worth failing over.
    }
  }, [chosenMonth, level, selected])
  const [trendRate, setTrendRate] = useState<RateKey>('on_time_rate')
  const state = month ? monthState(month, today, dataEnd) : null
  const askable = month !== null && (state === 'ended' || state === 'running')
  const ranking = useKpiMonth(month ?? '1970-01-01', level, askable)
  const units = useMemo(() => (askable && ranking.data ? ranking.data : []), [askable, ranking.data])
  const selectedUnit = units.find((unit) => unit.unit_code === selected) ?? null
  const monthName = month ? monthLabel(month, language) : ''

  // The report's unit: the one selected, else the level's worst.
  const reportUnit = selectedUnit ?? worstUnit(units)
  const reportTrend = useKpiTrend(month ?? '1970-01-01', level, reportUnit?.unit_code ?? null)
  const reportCases = useUnitCases(reportUnit?.unit_code ?? null, level, month ?? '1970-01-01', offsetHours)

  const allLevels = useKpiAllLevels()
  const [exporting, setExporting] = useState<'xlsx' | 'print' | null>(null)
  const [exportMessage, setExportMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null)
  const [report, setReport] = useState<ReportState | null>(null)

  const headers = Object.fromEntries(REPORT_KEYS.map((key) => [key, t(`headers.${key}`)])) as Record<ReportKey, string>
  const runExport = async (kind: 'xlsx' | 'print') => {
    if (!month) return
    setExporting(kind)
    setExportMessage(null)
    try {
      const levels = await allLevels(month)
      if (kind === 'xlsx') {
        const blob = await kpiWorkbook(
          levels,
          {
            headers,
            level: (entry) => t(`level.${entry}`),
            grade: (grade) => t(`grade.${grade}`),
            rate: (key) => t(`columns.${key}`),
            newRank: t('change.new'),
            weakSheet: t('report.weak'),
            levelColumn: t('report.levelColumn'),
            worstColumn: t('report.worst'),
            language,
          },
          offsetHours,
        )
        const file = exportFileName(t('export.file', { month: month.slice(0, 7) }), 'xlsx', new Date(), offsetHours)
        downloadBlob(blob, file)
        setExportMessage({ type: 'success', text: t('export.done', { file }) })
      } else {
        setReport({ levels, madeAt: formatAt(Date.now(), offsetHours).slice(0, 16).replace('T', ' '), print: true })
      }
    } catch (error) {
      setExportMessage({ type: 'error', text: t('export.failed', { message: (error as Error).message }) })
    } finally {
      setExporting(null)
    }
  }

  const firstMonth = summary.data?.incidents_from ? monthOf(formatAt(Date.parse(summary.data.incidents_from), offsetHours).slice(0, 10)) : null
  const stateMessage = (() => {
    if (!month || !state) return null
    const values = { month: monthName, day: dataEnd ?? '—', level: t(`level.${level}`) }
    if (state === 'future') return <Alert type="warning" showIcon title={t('state.future', values)} data-testid="kpi-state" />
    if (state === 'beyondData') return <Alert type="info" showIcon title={t('state.beyondData', values)} data-testid="kpi-state" />
    if (ranking.error) return <Alert type="error" showIcon title={t('state.error', { message: ranking.error.message })} data-testid="kpi-state" />
    if (ranking.isSuccess && !ranking.isPlaceholderData && units.length === 0) return <Alert type="info" showIcon title={t('state.empty', values)} data-testid="kpi-state" />
    if (state === 'running') return <Alert type="info" showIcon title={t('state.running', values)} data-testid="kpi-state" />
    return null
  })()

  return (
    <AntdScope>
      <div className="kpi" data-testid="workspace-kpi">
        <aside className="kpi-sidebar">
          <h1>{t('title')}</h1>
          <div className="kpi-field">
            <label htmlFor="kpi-month">{t('controls.month')}</label>
            <DatePicker
              id="kpi-month"
              picker="month"
              format="YYYY-MM"
              allowClear={false}
              value={month ? dayjs(month) : null}
              // A month that has not begun cannot be evaluated; one before the data has nothing.
              disabledDate={(value) => value.format('YYYY-MM-01') > monthOf(today) || (firstMonth !== null && value.format('YYYY-MM-01') < firstMonth)}
              onChange={(value) => value && setChosenMonth(value.format('YYYY-MM-01'))}
              style={{ width: '100%' }}
              data-testid="kpi-month"
            />
            {dataEnd && <p className="muted kpi-small">{t('controls.dataEnd', { day: dataEnd })}</p>}
          </div>
          <div className="kpi-field">
            <span className="kpi-label" id="kpi-level-label">
              {t('controls.level')}
            </span>
            <Radio.Group
              aria-labelledby="kpi-level-label"
              optionType="button"
              buttonStyle="solid"
              size="small"
              value={level}
              onChange={(event) => {
                setLevel(event.target.value as KpiLevel)
                setSelected(null)
              }}
              options={KPI_LEVELS.map((entry) => ({ value: entry, label: t(`level.${entry}`) }))}
              data-testid="kpi-level"
            />
          </div>
          {stateMessage}
          {month && <KpiWeights month={month} enabled={askable} />}
          {ranking.isFetching && askable && (
            <p className="muted" role="status" data-testid="kpi-loading">
              {t('state.loading', { month: monthName })}
            </p>
          )}
          <section className="kpi-field kpi-export">
            <h2>{t('export.title')}</h2>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button block onClick={() => void runExport('xlsx')} loading={exporting === 'xlsx'} disabled={!askable || exporting !== null} data-testid="kpi-export-xlsx">
                {t('export.xlsx')}
              </Button>
              <Button block onClick={() => void runExport('print')} loading={exporting === 'print'} disabled={!askable || exporting !== null} data-testid="kpi-export-print">
                {t('export.print')}
              </Button>
            </Space>
            {exporting && <p className="muted">{t('export.preparing')}</p>}
            {exportMessage && (
              <p className={exportMessage.type === 'error' ? 'form-error' : 'muted'} role={exportMessage.type === 'error' ? 'alert' : 'status'} data-testid="kpi-export-message">
                {exportMessage.text}
              </p>
            )}
          </section>
        </aside>
        <div className="kpi-main">
          <KpiTable
            units={units}
            loading={ranking.isFetching && askable}
            selected={selected}
            onSelect={setSelected}
            caption={t('table.label', { month: monthName, level: t(`level.${level}`) })}
          />
        </div>
        <div className="kpi-side">
          <KpiMap level={level} units={units} selected={selected} onSelect={setSelected} />
          {selectedUnit && month ? (
            <KpiUnitPanel key={`${level}-${selectedUnit.unit_code}`} unit={selectedUnit} level={level} month={month} offsetHours={offsetHours} trendRate={trendRate} onTrendRate={setTrendRate} />
          ) : (
            <p className="muted kpi-hint">{t('unit.hint')}</p>
          )}
        </div>
      </div>
      {report && month && (
        <KpiReport
          month={month}
          levels={report.levels}
          district={summary.data?.district?.name ?? ''}
          synthetic={summary.data?.district?.is_synthetic ?? false}
          madeAt={report.madeAt}
          trend={reportUnit ? { name: reportUnit.unit_name, months: reportTrend.months, units: reportTrend.units, problems: reportCases.top } : null}
          printOnOpen={report.print}
          onClose={() => setReport(null)}
        />
      )}
    </AntdScope>
  )
}
