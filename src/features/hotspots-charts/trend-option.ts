/**
 * The echarts option for counts over time steps: one line, and for playback a vertical mark at
 * the step being shown. Animation is off so stepping through time redraws at once.
 */
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { ChartTexts } from './chart-texts.ts'

export type TrendChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>

/** Above this many steps the points are not drawn, only the line. */
const SYMBOLS_UP_TO = 60

export function trendOption(labels: readonly string[], values: ArrayLike<number>, current: number | undefined, texts: ChartTexts): TrendChartOption {
  if (labels.length !== values.length) throw new Error(`trendOption: ${labels.length} labels for ${values.length} values`)
  const highlighted = current !== undefined && Number.isInteger(current) && current >= 0 && current < labels.length ? current : undefined
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const [point] = params as { name: string; value: number }[]
        return point ? texts.trendPoint(point.name, point.value) : ''
      },
    },
    xAxis: { type: 'category', data: [...labels], boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, name: texts.count },
    series: [
      {
        type: 'line',
        name: texts.count,
        data: Array.from(values),
        showSymbol: values.length <= SYMBOLS_UP_TO,
        lineStyle: { width: 2, color: '#2171b5' },
        itemStyle: { color: '#2171b5' },
        markLine:
          highlighted === undefined
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#d94801', width: 2, type: 'solid' },
                label: { formatter: texts.current, position: 'end' },
                data: [{ xAxis: labels[highlighted] }],
              },
      },
    ],
  }
}
