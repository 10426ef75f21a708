/**
 * The 导出 namespace: registered by importing src/features/shared/export/i18n.ts, Chinese
 * first, and the exported map's own words (north letter, scale-bar units) in the UI language.
 */
import { afterAll, describe, expect, test } from 'vitest'
import i18n, { setLanguage } from '../../src/i18n/index.ts'
import { EXPORT_NAMESPACE, mapExportLabels } from '../../src/features/shared/export/i18n.ts'
import { exportEn } from '../../src/features/shared/export/i18n.en.ts'
import { exportZhCN } from '../../src/features/shared/export/i18n.zh-CN.ts'
import { approximateTextWidth, layoutMapExport } from '../../src/features/shared/export/map-export-layout.ts'

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) => (typeof inner === 'string' ? [`${prefix}${key}`] : keys(inner, `${prefix}${key}.`)))
}

describe('export strings', () => {
  afterAll(() => setLanguage('zh-CN'))

  test('both languages have the same keys', () => {
    expect(keys(exportEn).sort()).toEqual(keys(exportZhCN).sort())
  })

  test('Chinese by default: the source line says the data are synthetic', async () => {
    await setLanguage('zh-CN')
    const t = i18n.getFixedT(null, EXPORT_NAMESPACE)
    expect(t('map.sourceSynthetic', { source: '城市管理指挥中心' })).toBe('数据来源：城市管理指挥中心（合成演示数据）')
    const labels = mapExportLabels(t)
    expect(labels.northLabel).toBe('北')
    expect(labels.formatDistance(500)).toBe('500 米')
    expect(labels.formatDistance(2000)).toBe('2 千米')
  })

  test('in English, and the layout takes the words it is given', async () => {
    await setLanguage('en')
    const t = i18n.getFixedT(null, EXPORT_NAMESPACE)
    expect(t('actions.tableXlsx')).toBe('Export Excel (XLSX)')
    const layout = layoutMapExport({
      ...mapExportLabels(t),
      title: 'Hot spots',
      source: t('map.sourceSynthetic', { source: 'City management centre' }),
      legend: [],
      mapWidth: 1000,
      mapHeight: 700,
      pixelRatio: 1,
      zoom: 11.5, // 140 px ≈ 3.2 km at 32.5° N
      latitude: 32.47,
      measureText: approximateTextWidth,
    })
    expect(layout.scaleBar.label.text).toBe('2 km')
    expect(layout.northArrow!.label.text).toBe('N')
    expect(layout.source.text).toBe('Source: City management centre (synthetic demo data)')
  })
})
