/**
 * Registers the 导出 strings as their own i18next namespace, like the workspaces do, so a
 * workspace that offers exports imports this and its own strings stay its own. Importing the
 * module is enough; it is idempotent.
 */
import i18next, { type TFunction } from 'i18next'
import type { MapExportContent } from './map-export-layout.ts'
import { exportEn } from './i18n.en.ts'
import { exportZhCN } from './i18n.zh-CN.ts'

export const EXPORT_NAMESPACE = 'export'

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', EXPORT_NAMESPACE, exportZhCN, true, true)
  i18next.addResourceBundle('en', EXPORT_NAMESPACE, exportEn, true, true)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)

/** The exported map's words in the UI language: the north arrow's letter and the scale bar's unit. */
export function mapExportLabels(t: TFunction<'export'>): Required<Pick<MapExportContent, 'northLabel' | 'formatDistance'>> {
  return {
    northLabel: t('map.north'),
    formatDistance: (metres) => (metres >= 1000 ? t('map.kilometres', { value: metres / 1000 }) : t('map.metres', { value: metres })),
  }
}
