/** Strings of the people, facility duty and inspection panels, English. */
import type { panelsZhCN } from './i18n-panels.zh-CN.ts'

export const panelsEn: typeof panelsZhCN = {
  people: {},
  facilities: {},
  inspections: {},
}
