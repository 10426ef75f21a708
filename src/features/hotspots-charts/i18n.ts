/**
 * Registers the 热点分析 chart strings as their own i18next namespace, like the 案件 workspace
 * does. Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { hotspotChartsEn } from './i18n.en.ts'
import { hotspotChartsZhCN } from './i18n.zh-CN.ts'

export const HOTSPOT_CHARTS_NAMESPACE = 'hotspotCharts'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', HOTSPOT_CHARTS_NAMESPACE, hotspotChartsZhCN, true, true)
  i18next.addResourceBundle('en', HOTSPOT_CHARTS_NAMESPACE, hotspotChartsEn, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
