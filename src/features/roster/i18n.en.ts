/** Cleaning roster strings, English. */
import { panelsEn } from './i18n-panels.en.ts'
import type { rosterZhCN } from './i18n.zh-CN.ts'

export const rosterEn: typeof rosterZhCN = {
  title: 'Cleaning roster',
  ...panelsEn,
}
