/**
 * Registers the 热点分析 strings as their own i18next namespace, like the overview does.
 * Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { hotspotsEn } from './i18n.en.ts'
import { hotspotsZhCN } from './i18n.zh-CN.ts'

export const HOTSPOTS_NAMESPACE = 'hotspots'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', HOTSPOTS_NAMESPACE, hotspotsZhCN, true, true)
  i18next.addResourceBundle('en', HOTSPOTS_NAMESPACE, hotspotsEn, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
