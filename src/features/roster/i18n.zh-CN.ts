/** 保洁排班 strings, Chinese (the default). */
import { panelsZhCN } from './i18n-panels.zh-CN.ts'

export const rosterZhCN = {
  title: '保洁排班',
  ...panelsZhCN,
}
