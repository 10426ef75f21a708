import { describe, expect, it } from 'vitest'
import { createCategoryResolver, DEFAULT_CATEGORY_ALIASES, resolveSource } from '../../src/domain/import/index.ts'
import { categories, directory } from './fixtures/import/directory.ts'

const matters = directory.filter((entry) => entry.kind === 'matter')

describe('category resolver', () => {
  it('the directory has 250 matters and every 小类 name resolves to its own code', () => {
    expect(matters).toHaveLength(250)
    for (const entry of matters) {
      expect(categories.resolve(entry.name), entry.name).toEqual({ ok: true, code: entry.code, match: 'name' })
      expect(categories.resolve(entry.code), entry.code).toEqual({ ok: true, code: entry.code, match: 'code' })
    }
  })

  it('every default alias points at a matter in the directory', () => {
    const codes = new Set(matters.map((entry) => entry.code))
    const missing = Object.entries(DEFAULT_CATEGORY_ALIASES).filter(([, code]) => !codes.has(code))
    expect(missing).toEqual([])
  })

  it.each([
    ['06010 暴露垃圾', '06010', 'code'],
    ['暴露垃圾（06010）', '06010', 'code'],
    ['小广告', '07001', 'alias'],
    ['占道摆摊', '09006', 'alias'],
    // normalized: full-width spaces and brackets, suffixes 问题/类/异常 dropped
    ['  暴露垃圾问题 ', '06010', 'normalized'],
    // NFKC folds the directory's full-width brackets too, so this is still the exact name.
    ['垃圾站(箱)满溢', '06042', 'name'],
    ['路灯', '01037', 'normalized'],
    ['供水井盖问题', '01001', 'normalized'],
    ['牛皮癣问题', '07001', 'normalized'],
    // 大类/小类
    ['市容环境类/道路不洁', '06012', 'name'],
    ['街面秩序类－占道经营', '09006', 'name'],
  ])('%s → %s (%s)', (text, code, match) => {
    expect(categories.resolve(text)).toEqual({ ok: true, code, match })
  })

  it('reports unknown text and codes outside the directory instead of guessing', () => {
    const unknown = categories.resolve('邻里纠纷')
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.reason).toContain('未知的问题类别“邻里纠纷”')
    const code = categories.resolve('99999')
    expect(code.ok).toBe(false)
    if (!code.ok) expect(code.reason).toContain('不在 GB/T 47678.5 事项目录中')
    expect(categories.resolve('  ')).toEqual({ ok: false, reason: '问题类别为空' })
    // 01016 is a gap in the directory's numbering.
    expect(categories.resolve('01016 井盖').ok).toBe(false)
  })

  it('a configurable table adds phrases and overrides defaults; ambiguous loose keys decide nothing', () => {
    const custom = createCategoryResolver(directory, { ...DEFAULT_CATEGORY_ALIASES, 邻里纠纷: '10002', 小广告: '07003' })
    expect(custom.resolve('邻里纠纷')).toEqual({ ok: true, code: '10002', match: 'alias' })
    expect(custom.resolve('小广告')).toEqual({ ok: true, code: '07003', match: 'alias' })
    const ambiguous = createCategoryResolver(directory, { 井盖: '01001', 井盖问题: '01002' })
    expect(ambiguous.resolve('井盖异常').ok).toBe(false)
  })
})

describe('resolveSource', () => {
  it.each([
    ['12319热线', 'hotline_12319'],
    ['12345', 'hotline_12319'],
    ['群众来电', 'hotline_12319'],
    ['监督员巡查', 'patrol'],
    ['网格员上报', 'patrol'],
    ['视频发现', 'video'],
    ['智能识别', 'video'],
    ['群众上报', 'public_report'],
    ['随手拍APP', 'public_report'],
    ['无人机巡查', 'drone'],
    ['上级批件', 'superior'],
    ['媒体曝光', 'media'],
    ['video', 'video'],
    ['ＨＯＴＬＩＮＥ_12319', 'hotline_12319'],
  ])('%s → %s', (text, source) => {
    expect(resolveSource(text, 'patrol')).toEqual({ ok: true, source, defaulted: false })
  })

  it('blank takes the default, unknown is an error', () => {
    expect(resolveSource('', 'hotline_12319')).toEqual({ ok: true, source: 'hotline_12319', defaulted: true })
    const unknown = resolveSource('邮寄信件', 'patrol')
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.reason).toContain('未知的案件来源“邮寄信件”')
  })
})
