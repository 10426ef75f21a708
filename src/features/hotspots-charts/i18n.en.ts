/** 热点分析 chart strings, English. Same keys as i18n.zh-CN.ts. */
import type { hotspotChartsZhCN } from './i18n.zh-CN.ts'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const hotspotChartsEn: Shape<typeof hotspotChartsZhCN> = {
  weekdays: { 0: 'Mon', 1: 'Tue', 2: 'Wed', 3: 'Thu', 4: 'Fri', 5: 'Sat', 6: 'Sun' },
  hour: '{{hour}}:00',
  count: 'Cases',
  cases: '{{count}} cases',
  weekHour: {
    label: 'Cases by day of week and hour',
    cell: '{{weekday}} {{hour}}: {{cases}}',
  },
  trend: {
    label: 'Cases over time',
    point: '{{label}}: {{cases}}',
    current: 'Now',
  },
  empty: 'No data',
}
