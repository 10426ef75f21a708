/**
 * The inspect panel's rows say what a value means, not only its code (issue 14, item 10).
 */
import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { overviewEn } from '../../src/features/overview/i18n.en.ts'
import { overviewZhCN } from '../../src/features/overview/i18n.zh-CN.ts'
import { inspectRows } from '../../src/features/overview/inspect-rows.ts'

let zh: TFunction<'overview'>
let en: TFunction<'overview'>

beforeAll(async () => {
  const instance = i18next.createInstance()
  await instance.init({ lng: 'zh-CN', resources: { 'zh-CN': { overview: overviewZhCN }, en: { overview: overviewEn } }, ns: ['overview'] })
  zh = instance.getFixedT('zh-CN', 'overview') as TFunction<'overview'>
  en = instance.getFixedT('en', 'overview') as TFunction<'overview'>
})

const grid = (management_level: number | null) => [{ properties: { code: '329001001001001', management_level, area_m2: 20_000 } }]
const level = (rows: { key: string; value: string }[]) => rows.find((row) => row.key === 'managementLevel')?.value

describe('the grid inspect rows', () => {
  it('name the management level in words, in each language, and a missing one as a dash', () => {
    expect(level(inspectRows('grid', grid(1) as never, { t: zh, language: 'zh-CN' }))).toMatch(/^一级（重点区域/)
    expect(level(inspectRows('grid', grid(2) as never, { t: zh, language: 'zh-CN' }))).toBe('二级（一般区域）')
    expect(level(inspectRows('grid', grid(3) as never, { t: en, language: 'en' }))).toMatch(/^Level 3 \(/)
    expect(level(inspectRows('grid', grid(null) as never, { t: zh, language: 'zh-CN' }))).toBe('—')
  })
})
