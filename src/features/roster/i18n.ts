/**
 * Registers the 保洁排班 strings as their own i18next namespace ('roster'), like the other
 * workspaces. Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { rosterEn } from './i18n.en.ts'
import { rosterZhCN } from './i18n.zh-CN.ts'

export const ROSTER_NAMESPACE = 'roster'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', ROSTER_NAMESPACE, rosterZhCN, true, true)
  i18next.addResourceBundle('en', ROSTER_NAMESPACE, rosterEn, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
