/**
 * A unit's rates over twelve months (echarts lines, one per rate, in percent). Months where
 * the unit had nothing to divide are gaps, not zeros. The tooltip gives each rate with its
 * numerator and denominator, as the table does.
 */
import { useMemo, useRef } from 'react'
import { LegendComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { useTranslation } from 'react-i18next'
// One echarts life cycle for the app's charts (created, resized, disposed with its container).
import { useEChart } from '../hotspots-charts/use-echart.ts'
import type { KpiUnit } from '../../data/kpi-reads.ts'
import { formatRate, LOWER_IS_BETTER, monthLabel, RATE_KEYS, rateParts, type Month, type RateKey } from './kpi-figures.ts'
import { KPI_NAMESPACE } from './i18n.ts'

echarts.use([LegendComponent])

const COLOURS: Record<RateKey, string> = {
  on_time_rate: '#1d4ed8',
  closure_rate: '#0f766e',
  rework_rate: '#c2410c',
  public_report_rate: '#7c3aed',
  stage_late_rate: '#b45309',
  cleaning_pass_rate: '#0e7490',
}

export interface KpiTrendChartProps {
  months: readonly Month[]
  /** the unit's figures per month, null where it had none */
  units: readonly (KpiUnit | null)[]
  /** the rate drawn bold and listed first */
  focus?: RateKey
  title: string
  height?: number
  /** no animation (the print page draws once) */
  still?: boolean
}

export function KpiTrendChart({ months, units, focus = 'on_time_rate', title, height = 240, still = false }: KpiTrendChartProps) {
  const { t, i18n } = useTranslation(KPI_NAMESPACE)
  const language = i18n.language
  const option = useMemo(() => {
    const order = [focus, ...RATE_KEYS.filter((key) => key !== focus)]
    const name = (key: RateKey) => `${t(`columns.${key}`)}${LOWER_IS_BETTER.has(key) ? `（${t('columns.lowerBetter')}）` : ''}`
    return {
      animation: !still,
      color: order.map((key) => COLOURS[key]),
      legend: { top: 0, textStyle: { fontSize: 11 }, itemWidth: 14 },
      grid: { left: 44, right: 12, top: 46, bottom: 26 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const index = params[0]?.dataIndex ?? 0
          const unit = units[index]
          const lines = order.map((key) => {
            if (!unit) return `${name(key)}：${t('trend.noUnit')}`
            const parts = rateParts(unit, key)
            return `${name(key)}：${formatRate(parts.rate, parts.numerator, parts.denominator, language)}`
          })
          return [monthLabel(months[index], language), ...lines].join('<br/>')
        },
      },
      xAxis: { type: 'category', data: months.map((month) => monthLabel(month, language)), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 10 } },
      series: order.map((key) => ({
        name: name(key),
        type: 'line',
        connectNulls: false,
        symbolSize: key === focus ? 6 : 4,
        lineStyle: { width: key === focus ? 3 : 1.5 },
        data: units.map((unit) => (unit && unit[key] !== null ? Math.round(unit[key]! * 1000) / 10 : null)),
      })),
    }
  }, [months, units, focus, t, language, still])
  const container = useRef<HTMLDivElement>(null)
  useEChart(container, option)
  return (
    <figure className="kpi-chart" data-testid="kpi-trend-chart">
      <figcaption>{title}</figcaption>
      <div ref={container} role="img" aria-label={title} style={{ width: '100%', height }} />
    </figure>
  )
}
