/**
 * Registers the 网格规划 strings as their own i18next namespace, like the overview does.
 * Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { gridsEn } from './i18n.en.ts'
import { gridsZhCN } from './i18n.zh-CN.ts'

export const GRIDS_NAMESPACE = 'grids'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', GRIDS_NAMESPACE, gridsZhCN, true, true)
  i18next.addResourceBundle('en', GRIDS_NAMESPACE, gridsEn, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
