/**
 * Registers the 总览 strings as their own i18next namespace, so this workspace never edits
 * the shell's resource files. Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { overviewEn } from './i18n.en.ts'
import { overviewZhCN } from './i18n.zh-CN.ts'
import { OVERVIEW_MODULES } from './overview-layers.ts'

export const OVERVIEW_NAMESPACE = 'overview'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', OVERVIEW_NAMESPACE, overviewZhCN, true, true)
  i18next.addResourceBundle('en', OVERVIEW_NAMESPACE, overviewEn, true, true)
  // Layer modules may bring their own strings (a new layer kind needs no edit here).
  for (const module of OVERVIEW_MODULES) {
    if (!module.strings) continue
    i18next.addResourceBundle('zh-CN', OVERVIEW_NAMESPACE, module.strings['zh-CN'], true, true)
    i18next.addResourceBundle('en', OVERVIEW_NAMESPACE, module.strings.en, true, true)
  }
}

// The shell may initialise i18next after this module loads; the store exists only then.
if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
