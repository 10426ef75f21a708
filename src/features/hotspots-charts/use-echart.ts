/**
 * One echarts instance for the life of a container: created in an effect, given each new
 * option, resized with its container (ResizeObserver, so a panel opening or the window
 * changing both count) and disposed on unmount. Only the pieces the 热点分析 charts draw are
 * registered (modular imports keep echarts' share of the workspace chunk small).
 */
import { useEffect, useRef, type RefObject } from 'react'
import { HeatmapChart, LineChart } from 'echarts/charts'
import { GridComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([HeatmapChart, LineChart, GridComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, CanvasRenderer])

export function useEChart(container: RefObject<HTMLDivElement | null>, option: echarts.EChartsCoreOption): void {
  const chart = useRef<echarts.EChartsType | null>(null)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const instance = echarts.init(element, undefined, { renderer: 'canvas' })
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [container])

  useEffect(() => {
    // notMerge: a new option replaces the old one whole, so a mark line that went away goes.
    chart.current?.setOption(option, { notMerge: true })
  }, [option])
}
