/**
 * Cases over time steps (热点分析): a line over days or weeks (timeSeries, or one unit's series
 * from unitStepCounts), with the step being played back marked.
 */
import { useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { chartTexts } from './chart-texts.ts'
import { HOTSPOT_CHARTS_NAMESPACE } from './i18n.ts'
import { trendOption } from './trend-option.ts'
import { useEChart } from './use-echart.ts'

export interface TrendChartProps {
  /** one per step, e.g. TimeSteps.labels */
  labels: readonly string[]
  values: ArrayLike<number>
  /** the step to mark (playback); none when absent */
  current?: number
  title?: string
  language?: string
  height?: number
}

export function TrendChart({ labels, values, current, title, language, height = 220 }: TrendChartProps) {
  const { t, i18n } = useTranslation(HOTSPOT_CHARTS_NAMESPACE, { lng: language })
  const lng = language ?? i18n.language
  const option = useMemo(() => trendOption(labels, values, current, chartTexts(t, (value) => value.toLocaleString(lng))), [labels, values, current, t, lng])
  const container = useRef<HTMLDivElement>(null)
  useEChart(container, option)
  return (
    <figure className="hotspot-chart" data-testid="trend-chart">
      {title && <figcaption>{title}</figcaption>}
      <div ref={container} role="img" aria-label={title ?? t('trend.label')} style={{ width: '100%', height }} />
    </figure>
  )
}
