/**
 * Cases by weekday and hour (热点分析): a 7 × 24 heat map, 周一…周日 down, 0时…23时 across,
 * from weekHourMatrix (src/domain/hotspots/time-profile.ts).
 */
import { useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { chartTexts } from './chart-texts.ts'
import { HOTSPOT_CHARTS_NAMESPACE } from './i18n.ts'
import { useEChart } from './use-echart.ts'
import { weekHourOption } from './week-hour-option.ts'

export interface WeekHourMatrixProps {
  /** 168 counts, matrix[weekday * 24 + hour], Monday = 0 */
  matrix: ArrayLike<number>
  /** shown above the chart; the chart's accessible name otherwise */
  title?: string
  /** the chart's language; the app's language when absent */
  language?: string
  height?: number
}

export function WeekHourMatrix({ matrix, title, language, height = 280 }: WeekHourMatrixProps) {
  const { t, i18n } = useTranslation(HOTSPOT_CHARTS_NAMESPACE, { lng: language })
  const lng = language ?? i18n.language
  const option = useMemo(() => weekHourOption(matrix, chartTexts(t, (value) => value.toLocaleString(lng))), [matrix, t, lng])
  const container = useRef<HTMLDivElement>(null)
  useEChart(container, option)
  return (
    <figure className="hotspot-chart" data-testid="week-hour-matrix">
      {title && <figcaption>{title}</figcaption>}
      <div ref={container} role="img" aria-label={title ?? t('weekHour.label')} style={{ width: '100%', height }} />
    </figure>
  )
}
