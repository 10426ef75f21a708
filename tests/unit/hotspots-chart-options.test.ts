/**
 * The 热点分析 charts' echarts options, built in Node from the real hotspotCharts strings: the
 * weekday × hour cells land where the domain put them (周一 at the top, hours across), labels and
 * tooltips in zh-CN and en, the colour ramp up to the busiest cell, and the playback mark.
 */
import { HeatmapChart, LineChart } from 'echarts/charts'
import { GridComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { weekHourIndex, weekHourMatrix } from '../../src/domain/hotspots/index.ts'
import { chartTexts, type ChartTexts } from '../../src/features/hotspots-charts/chart-texts.ts'
import { hotspotChartsEn } from '../../src/features/hotspots-charts/i18n.en.ts'
import { hotspotChartsZhCN } from '../../src/features/hotspots-charts/i18n.zh-CN.ts'
import { trendOption } from '../../src/features/hotspots-charts/trend-option.ts'
import { weekHourOption } from '../../src/features/hotspots-charts/week-hour-option.ts'

async function texts(language: 'zh-CN' | 'en'): Promise<ChartTexts> {
  const instance = i18next.createInstance()
  await instance.init({
    lng: language,
    ns: ['hotspotCharts'],
    defaultNS: 'hotspotCharts',
    resources: { 'zh-CN': { hotspotCharts: hotspotChartsZhCN }, en: { hotspotCharts: hotspotChartsEn } },
    interpolation: { escapeValue: false },
  })
  return chartTexts((key, values) => instance.t(key, values), (value) => value.toLocaleString(language))
}

type Tooltip = { formatter: (params: unknown) => string }

echarts.use([HeatmapChart, LineChart, GridComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, SVGRenderer])

/** The option drawn by echarts itself (server-side SVG, no DOM): it must take it as it is. */
function render(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 300 })
  try {
    chart.setOption(option)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

describe('weekday × hour option', () => {
  it('puts each count in its cell, Monday on top, with Chinese labels and tooltip', async () => {
    const beijing = (text: string) => Date.parse(`${text}+08:00`)
    // 2026-12-07 is a Monday, 2026-12-13 a Sunday
    const t = [...Array(1234).fill(beijing('2026-12-07T08:15:00')), beijing('2026-12-13T23:05:00')]
    const matrix = weekHourMatrix(t)
    const option = weekHourOption(matrix, await texts('zh-CN'))
    const series = (option.series as { data: [number, number, number][] }[])[0]
    expect(series.data).toHaveLength(168)
    expect(series.data).toContainEqual([8, 0, 1234])
    expect(series.data).toContainEqual([23, 6, 1])
    expect(series.data.filter(([, , count]) => count > 0)).toHaveLength(2)
    const yAxis = option.yAxis as { data: string[]; inverse: boolean }
    expect(yAxis.data).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日'])
    expect(yAxis.inverse).toBe(true)
    expect((option.xAxis as { data: string[] }).data[0]).toBe('0时')
    expect((option.xAxis as { data: string[] }).data[23]).toBe('23时')
    expect((option.visualMap as { max: number }).max).toBe(1234)
    expect((option.tooltip as Tooltip).formatter({ value: [8, 0, 1234] })).toBe('周一 8时：1,234 件')
    expect(matrix[weekHourIndex(0, 8)]).toBe(1234)
    const svg = render(option)
    expect(svg).toContain('周一')
    expect(svg).toContain('21时') // every third hour is labelled: 0, 3, … 21
  })

  it('speaks English when asked, and refuses a matrix that is not 7 × 24', async () => {
    const english = await texts('en')
    const option = weekHourOption(new Int32Array(168), english)
    expect((option.yAxis as { data: string[] }).data[0]).toBe('Mon')
    expect((option.tooltip as Tooltip).formatter({ value: [8, 6, 3] })).toBe('Sun 8:00: 3 cases')
    expect((option.visualMap as { max: number }).max).toBe(1)
    expect(() => weekHourOption(new Int32Array(24), english)).toThrow(/168/)
  })
})

describe('trend option', () => {
  it('draws the values over the labels and marks the current step', async () => {
    const labels = ['2026-12-01', '2026-12-02', '2026-12-03']
    const option = trendOption(labels, Int32Array.of(4, 0, 7), 1, await texts('zh-CN'))
    const [series] = option.series as { data: number[]; markLine?: { data: { xAxis: string }[]; label: { formatter: string } } }[]
    expect(series.data).toEqual([4, 0, 7])
    expect((option.xAxis as { data: string[] }).data).toEqual(labels)
    expect(series.markLine?.data).toEqual([{ xAxis: '2026-12-02' }])
    expect(series.markLine?.label.formatter).toBe('当前')
    expect((option.tooltip as Tooltip).formatter([{ name: '2026-12-03', value: 7 }])).toBe('2026-12-03：7 件')
    const svg = render(option)
    expect(svg).toContain('当前')
    expect(svg).toContain('2026-12-02')
    expect(render(trendOption(labels, Int32Array.of(4, 0, 7), undefined, await texts('zh-CN')))).not.toContain('当前')
  })

  it('no mark without a current step (or one out of range); labels and values must match', async () => {
    const zh = await texts('zh-CN')
    const markOf = (current?: number) => (trendOption(['a', 'b'], [1, 2], current, zh).series as { markLine?: unknown }[])[0].markLine
    expect(markOf()).toBeUndefined()
    expect(markOf(2)).toBeUndefined()
    expect(markOf(-1)).toBeUndefined()
    expect(() => trendOption(['a'], [1, 2], undefined, zh)).toThrow(/1 labels for 2 values/)
  })
})
