/**
 * The incident category filter as a 大类 → 小类 tree built from the category directory
 * (matters only: components are things, incidents are matters). A selection is kept as
 * 5-digit codes; `categoryFilter` compresses a fully ticked 大类 to its 2-digit code, which
 * the SQL API also accepts, so the query (and the URL) stays short.
 */
import type { Category } from './category.ts'

export interface CategoryMajor {
  code: string
  name: string
  children: { code: string; name: string }[]
}

export function buildCategoryTree(directory: Category[]): CategoryMajor[] {
  const majors = new Map<string, CategoryMajor>()
  for (const category of directory) {
    if (category.kind !== 'matter') continue
    let major = majors.get(category.major_code)
    if (!major) {
      major = { code: category.major_code, name: category.major_name, children: [] }
      majors.set(category.major_code, major)
    }
    major.children.push({ code: category.code, name: category.name })
  }
  const tree = [...majors.values()].sort((a, b) => a.code.localeCompare(b.code))
  for (const major of tree) major.children.sort((a, b) => a.code.localeCompare(b.code))
  return tree
}

/** Expands URL codes (2-digit 大类 or 5-digit 小类) to the set of ticked 小类. */
export function expandSelection(codes: string[], tree: CategoryMajor[]): Set<string> {
  const selected = new Set<string>()
  for (const code of codes) {
    const major = tree.find((entry) => entry.code === code)
    if (major) major.children.forEach((child) => selected.add(child.code))
    else selected.add(code)
  }
  return selected
}

/** Ticked 小类 → API filter; null when nothing or everything is ticked (no filter). */
export function categoryFilter(selected: Set<string>, tree: CategoryMajor[]): string[] | null {
  const codes: string[] = []
  let total = 0
  let ticked = 0
  for (const major of tree) {
    const majorTicked = major.children.filter((child) => selected.has(child.code))
    total += major.children.length
    ticked += majorTicked.length
    if (majorTicked.length === 0) continue
    if (majorTicked.length === major.children.length) codes.push(major.code)
    else codes.push(...majorTicked.map((child) => child.code))
  }
  if (ticked === 0 || ticked === total) return null
  return codes
}

export type TickState = 'all' | 'some' | 'none'

export function majorTickState(major: CategoryMajor, selected: Set<string>): TickState {
  const count = major.children.filter((child) => selected.has(child.code)).length
  return count === 0 ? 'none' : count === major.children.length ? 'all' : 'some'
}
