/**
 * The echarts option for the weekday × hour heat map: hours across, 周一 at the top, one
 * sequential colour ramp from 0 to the busiest cell (the map's own counts, so the legend reads
 * in cases).
 */
import type { HeatmapSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { ChartTexts } from './chart-texts.ts'

export type WeekHourChartOption = ComposeOption<HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption>

/** ColorBrewer Blues, light to dark. */
export const COUNT_RAMP = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b']

export function weekHourOption(matrix: ArrayLike<number>, texts: ChartTexts): WeekHourChartOption {
  if (matrix.length !== 7 * 24) throw new Error(`weekHourOption: a 7 × 24 matrix has 168 values, not ${matrix.length}`)
  const data: [number, number, number][] = []
  let maximum = 0
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const count = matrix[weekday * 24 + hour]
      data.push([hour, weekday, count])
      maximum = Math.max(maximum, count)
    }
  }
  return {
    animation: false,
    grid: { left: 48, right: 12, top: 8, bottom: 60 },
    tooltip: {
      position: 'top',
      formatter: (params: unknown) => {
        const [hour, weekday, count] = (params as { value: [number, number, number] }).value
        return texts.weekHourCell(weekday, hour, count)
      },
    },
    xAxis: { type: 'category', data: texts.hours, splitArea: { show: true }, axisLabel: { interval: 2 } },
    yAxis: { type: 'category', data: texts.weekdays, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1, maximum),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: [String(maximum), '0'],
      inRange: { color: COUNT_RAMP },
    },
    series: [{ type: 'heatmap', name: texts.count, data, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
  }
}
