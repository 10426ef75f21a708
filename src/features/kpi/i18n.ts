/**
 * Registers the 考核 strings as their own i18next namespace, like the overview does.
 * Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { kpiEn } from './i18n.en.ts'
import { kpiZhCN } from './i18n.zh-CN.ts'

export const KPI_NAMESPACE = 'kpi'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', KPI_NAMESPACE, kpiZhCN, true, true)
  i18next.addResourceBundle('en', KPI_NAMESPACE, kpiEn, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
