/** 导出 strings, English. Same keys as i18n.zh-CN.ts. */
import type { exportZhCN } from './i18n.zh-CN.ts'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const exportEn: Shape<typeof exportZhCN> = {
  actions: {
    mapPng: 'Export map (PNG)',
    tableCsv: 'Export CSV',
    tableXlsx: 'Export Excel (XLSX)',
    working: 'Preparing the export…',
    done: 'Exported {{file}}',
    failed: 'Export failed: {{message}}',
  },
  map: {
    legend: 'Legend',
    north: 'N',
    period: 'Period: {{from}} to {{to}}',
    source: 'Source: {{source}}',
    sourceSynthetic: 'Source: {{source}} (synthetic demo data)',
    madeAt: 'Made {{time}}',
    metres: '{{value}} m',
    kilometres: '{{value}} km',
  },
}
