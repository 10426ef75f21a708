/**
 * The strings the charts draw, read once per language from the hotspotCharts namespace, so the
 * option builders stay plain functions (tested in Node without i18next or a DOM).
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string

export interface ChartTexts {
  /** 周一 … 周日, Monday first */
  weekdays: string[]
  /** 0时 … 23时 */
  hours: string[]
  count: string
  cases(count: number): string
  weekHourCell(weekday: number, hour: number, count: number): string
  trendPoint(label: string, count: number): string
  current: string
  empty: string
}

export function chartTexts(t: Translate, formatNumber: (value: number) => string = String): ChartTexts {
  const weekdays = Array.from({ length: 7 }, (_unused, day) => t(`weekdays.${day}`))
  const hours = Array.from({ length: 24 }, (_unused, hour) => t('hour', { hour }))
  const cases = (count: number) => t('cases', { count: formatNumber(count) })
  return {
    weekdays,
    hours,
    count: t('count'),
    cases,
    weekHourCell: (weekday, hour, count) => t('weekHour.cell', { weekday: weekdays[weekday], hour: hours[hour], cases: cases(count) }),
    trendPoint: (label, count) => t('trend.point', { label, cases: cases(count) }),
    current: t('trend.current'),
    empty: t('empty'),
  }
}
