/**
 * Registers the 案件 strings as their own i18next namespace, like the overview does.
 * Importing the module is enough; it is idempotent.
 */
import i18next from 'i18next'
import { casesEn } from './i18n.en.ts'
import { casesZhCN } from './i18n.zh-CN.ts'
import { caseStepsEn } from './i18n.steps.en.ts'
import { caseStepsZhCN } from './i18n.steps.zh-CN.ts'

export const CASES_NAMESPACE = 'cases'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', CASES_NAMESPACE, { ...casesZhCN, ...caseStepsZhCN }, true, true)
  i18next.addResourceBundle('en', CASES_NAMESPACE, { ...casesEn, ...caseStepsEn }, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
