/**
 * The printable monthly report (A4, Chinese first): the rankings per level, the selected unit's
 * twelve-month trend and top problems, and the units graded D/E with their worst figures. It
 * covers the page while open; the print style sheet hides everything else, so window.print()
 * prints only the report. Unit grids are too many for paper: their ten best and ten worst are
 * printed, the whole list is in the XLSX.
 */
import { useEffect, useRef } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { KPI_LEVELS, type KpiLevel, type KpiUnit } from '../../data/kpi-reads.ts'
import { byRank, formatRate, formatScore, GRADE_COLOURS, LOWER_IS_BETTER, monthLabel, RATE_KEYS, rankChange, rankChangeText, rateParts, type Month } from './kpi-figures.ts'
import { weakUnits, type CategoryCount } from './kpi-report.ts'
import { KpiTrendChart } from './KpiTrendChart.tsx'
import { KPI_NAMESPACE } from './i18n.ts'

/** Grids printed from each end of the ranking. */
const GRID_ENDS = 10

export interface KpiReportProps {
  month: Month
  levels: Record<KpiLevel, KpiUnit[]>
  district: string
  synthetic: boolean
  madeAt: string
  trend: { name: string; months: Month[]; units: (KpiUnit | null)[]; problems: CategoryCount[] } | null
  /** print once the report is drawn */
  printOnOpen: boolean
  onClose: () => void
}

function RankingTable({ units, language }: { units: readonly KpiUnit[]; language: string }) {
  const { t } = useTranslation(KPI_NAMESPACE)
  return (
    <table className="kpi-report-table">
      <thead>
        <tr>
          <th>{t('columns.rank')}</th>
          <th>{t('columns.change')}</th>
          <th>{t('columns.unit')}</th>
          <th>{t('columns.grade')}</th>
          <th>{t('columns.score')}</th>
          {RATE_KEYS.map((key) => (
            <th key={key}>
              {t(`columns.${key}`)}
              {LOWER_IS_BETTER.has(key) && <small>（{t('columns.lowerBetter')}）</small>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => (
          <tr key={unit.unit_code}>
            <td>{unit.rank ?? '—'}</td>
            <td>{rankChangeText(rankChange(unit.rank, unit.previous_rank), t('change.new'))}</td>
            <td>
              {unit.unit_name}
              {unit.unit_name !== unit.unit_code && <small> {unit.unit_code}</small>}
            </td>
            <td>{unit.grade ? <b style={{ color: GRADE_COLOURS[unit.grade] }}>{unit.grade}</b> : '—'}</td>
            <td>{formatScore(unit.score)}</td>
            {RATE_KEYS.map((key) => {
              const parts = rateParts(unit, key)
              // the rate over its counts on a second line, so six rates fit the A4 width
              const [rateText, counts] = formatRate(parts.rate, parts.numerator, parts.denominator, language).split(/(?=[（(])/)
              return (
                <td key={key}>
                  {rateText}
                  <br />
                  <small>{counts}</small>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function KpiReport({ month, levels, district, synthetic, madeAt, trend, printOnOpen, onClose }: KpiReportProps) {
  const { t, i18n } = useTranslation(KPI_NAMESPACE)
  const language = i18n.language
  const monthName = monthLabel(month, language)
  const weak = weakUnits(levels)
  const printed = useRef(false)

  useEffect(() => {
    document.documentElement.classList.add('kpi-printing')
    return () => document.documentElement.classList.remove('kpi-printing')
  }, [])
  useEffect(() => {
    if (!printOnOpen || printed.current) return
    printed.current = true
    // After the chart's first frame (echarts draws on the next animation frame).
    const timer = window.setTimeout(() => window.print(), 600)
    return () => window.clearTimeout(timer)
  }, [printOnOpen])

  return createPortal(
    <div className="kpi-report" role="dialog" aria-label={t('export.title')} data-testid="kpi-report">
      <div className="kpi-report-actions">
        <button type="button" onClick={() => window.print()} data-testid="kpi-report-print">
          {t('report.print')}
        </button>
        <button type="button" onClick={onClose} data-testid="kpi-report-close">
          {t('report.close')}
        </button>
      </div>
      <article className="kpi-report-page">
        <h1>{t('report.title', { district })}</h1>
        <p className="kpi-report-subtitle">
          {t('report.subtitle', { month: monthName, made: madeAt })}
          {synthetic && <span> · {t('report.synthetic')}</span>}
        </p>
        <p className="kpi-report-definitions">{t('report.definitions')}</p>
        {KPI_LEVELS.map((level) => {
          const ranked = byRank(levels[level])
          const ends = level === 'grid' && ranked.length > GRID_ENDS * 2
          return (
            <section key={level} className="kpi-report-section" data-level={level}>
              <h2>
                {t('report.rankings', { level: t(`level.${level}`) })} <small>{t('table.count', { count: ranked.length })}</small>
              </h2>
              {ranked.length === 0 ? (
                <p>{t('state.empty', { month: monthName, level: t(`level.${level}`) })}</p>
              ) : ends ? (
                <>
                  <RankingTable units={ranked.slice(0, GRID_ENDS)} language={language} />
                  <p className="kpi-report-gap">⋯</p>
                  <RankingTable units={ranked.slice(-GRID_ENDS)} language={language} />
                </>
              ) : (
                <RankingTable units={ranked} language={language} />
              )}
            </section>
          )
        })}
        {trend && (
          <section className="kpi-report-section">
            <h2>{t('report.trend', { name: trend.name })}</h2>
            <KpiTrendChart months={trend.months} units={trend.units} title={t('trend.title', { name: trend.name })} height={260} still />
            {trend.problems.length > 0 && (
              <>
                <h3>{t('report.problems', { name: trend.name })}</h3>
                <ol>
                  {trend.problems.map((entry) => (
                    <li key={entry.code}>
                      {entry.code} {entry.name}：{t('problems.count', { count: entry.count })}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
        )}
        <section className="kpi-report-section" data-testid="kpi-report-weak">
          <h2>{t('report.weak')}</h2>
          {weak.length === 0 ? (
            <p>{t('report.weakNone')}</p>
          ) : (
            <table className="kpi-report-table">
              <thead>
                <tr>
                  <th>{t('report.levelColumn')}</th>
                  <th>{t('columns.unit')}</th>
                  <th>{t('columns.rank')}</th>
                  <th>{t('columns.grade')}</th>
                  <th>{t('columns.score')}</th>
                  <th>{t('report.worst')}</th>
                </tr>
              </thead>
              <tbody>
                {weak.map(({ level, unit, worst }) => (
                  <tr key={`${level}-${unit.unit_code}`}>
                    <td>{t(`level.${level}`)}</td>
                    <td>
                      {unit.unit_name}
                      {unit.unit_name !== unit.unit_code && <small> {unit.unit_code}</small>}
                    </td>
                    <td>{unit.rank ?? '—'}</td>
                    <td>{unit.grade && <b style={{ color: GRADE_COLOURS[unit.grade] }}>{unit.grade}</b>}</td>
                    <td>{formatScore(unit.score)}</td>
                    <td>
                      {worst.map((figure) => (
                        <div key={figure.key}>
                          {t(`columns.${figure.key}`)} {formatRate(figure.rate, figure.numerator, figure.denominator, language)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </article>
    </div>,
    document.body,
  )
}

