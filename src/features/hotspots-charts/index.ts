/**
 * echarts charts for the 热点分析 workspace. Import this folder only from that workspace (it
 * loads behind the workspace's lazy()); ESLint allows echarts nowhere else in src.
 */
import './i18n.ts'

export { WeekHourMatrix, type WeekHourMatrixProps } from './WeekHourMatrix.tsx'
export { TrendChart, type TrendChartProps } from './TrendChart.tsx'
export { HOTSPOT_CHARTS_NAMESPACE } from './i18n.ts'
