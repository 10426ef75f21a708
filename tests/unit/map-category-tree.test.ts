import { describe, expect, test } from 'vitest'
import type { Category } from '../../src/domain/categories/category.ts'
import { buildCategoryTree, categoryFilter, expandSelection, majorTickState } from '../../src/domain/categories/category-tree.ts'

const matter = (code: string, name: string, majorName: string): Category => ({
  kind: 'matter',
  code,
  major_code: code.slice(0, 2),
  major_name: majorName,
  name,
  is_local_extension: false,
})

const directory: Category[] = [
  matter('08004', '工地扬尘', '施工管理类'),
  matter('06012', '道路不洁', '市容环境类'),
  matter('06010', '暴露垃圾', '市容环境类'),
  matter('08001', '施工扰民', '施工管理类'),
  { kind: 'component', code: '03001', major_code: '03', major_name: '市容环境设施', name: '公厕', is_local_extension: false },
]

describe('incident category tree', () => {
  const tree = buildCategoryTree(directory)

  test('groups matters (not components) by 大类, sorted by code', () => {
    expect(tree.map((major) => [major.code, major.name, major.children.map((child) => child.code)])).toEqual([
      ['06', '市容环境类', ['06010', '06012']],
      ['08', '施工管理类', ['08001', '08004']],
    ])
  })

  test('a fully ticked 大类 compresses to its 2-digit code; nothing or everything means no filter', () => {
    expect(categoryFilter(new Set(['06010', '06012', '08004']), tree)).toEqual(['06', '08004'])
    expect(categoryFilter(new Set(), tree)).toBeNull()
    expect(categoryFilter(new Set(['06010', '06012', '08001', '08004']), tree)).toBeNull()
  })

  test('URL codes expand back to ticked 小类', () => {
    expect([...expandSelection(['06', '08004'], tree)].sort()).toEqual(['06010', '06012', '08004'])
  })

  test('a 大类 is ticked, partly ticked or not', () => {
    expect(majorTickState(tree[0], new Set(['06010', '06012']))).toBe('all')
    expect(majorTickState(tree[0], new Set(['06010']))).toBe('some')
    expect(majorTickState(tree[1], new Set(['06010']))).toBe('none')
  })
})
