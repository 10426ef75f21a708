/**
 * A category cell → a matter code. Accepted, in this order: a 5-digit code from the directory
 * anywhere in the text ("06010", "06010 暴露垃圾"); the directory's 小类 name; a phrase from
 * the alias table; the same after normalising (full-width → half-width, spaces, brackets, and
 * suffixes such as 类/问题/异常 dropped); the last part of "大类/小类". Anything else is
 * unknown and reported, never guessed.
 */
import { DEFAULT_CATEGORY_ALIASES } from './category-aliases.ts'
import { matchKey, normalizeText } from './normalize-text.ts'

export interface DirectoryEntry {
  code: string
  name: string
  /** 'matter' | 'component'; entries without a kind count as matters */
  kind?: string
}

export type CategoryMatch = 'code' | 'name' | 'alias' | 'normalized'

export type CategoryResolution =
  | { ok: true; code: string; match: CategoryMatch }
  | { ok: false; reason: string }

export interface CategoryResolver {
  resolve(text: string): CategoryResolution
  /** the directory's matter codes, for pickers */
  readonly codes: ReadonlySet<string>
}

const SUFFIXES = ['问题', '异常', '现象', '情况', '类']
const SEPARATORS = /[/／>＞|｜－—-]+/

function looseKey(text: string): string {
  let key = matchKey(text)
  for (let changed = true; changed; ) {
    changed = false
    for (const suffix of SUFFIXES) {
      if (key.length > suffix.length + 1 && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length)
        changed = true
      }
    }
  }
  return key
}

export function createCategoryResolver(
  directory: readonly DirectoryEntry[],
  aliases: Readonly<Record<string, string>> = DEFAULT_CATEGORY_ALIASES,
): CategoryResolver {
  const matters = directory.filter((entry) => (entry.kind ?? 'matter') === 'matter')
  const codes = new Set(matters.map((entry) => entry.code))
  const exact = new Map<string, string>()
  const loose = new Map<string, string | null>() // null: two codes share the key, so it decides nothing
  const addLoose = (text: string, code: string) => {
    const key = looseKey(text)
    if (key === '') return
    const known = loose.get(key)
    if (known === undefined) loose.set(key, code)
    else if (known !== code) loose.set(key, null)
  }
  for (const entry of matters) {
    exact.set(normalizeText(entry.name), entry.code)
    addLoose(entry.name, entry.code)
  }
  const aliasExact = new Map<string, string>()
  for (const [phrase, code] of Object.entries(aliases)) {
    if (!codes.has(code)) continue
    aliasExact.set(normalizeText(phrase), code)
    addLoose(phrase, code)
  }

  const byText = (text: string): CategoryResolution | null => {
    const normalized = normalizeText(text)
    const name = exact.get(normalized)
    if (name) return { ok: true, code: name, match: 'name' }
    const alias = aliasExact.get(normalized)
    if (alias) return { ok: true, code: alias, match: 'alias' }
    const key = looseKey(normalized)
    const found = loose.get(key)
    if (found) return { ok: true, code: found, match: 'normalized' }
    return null
  }

  return {
    codes,
    resolve(text) {
      const normalized = normalizeText(text)
      if (normalized === '') return { ok: false, reason: '问题类别为空' }
      const codeMatch = /(?<!\d)(\d{5})(?!\d)/.exec(normalized)
      if (codeMatch && codes.has(codeMatch[1])) return { ok: true, code: codeMatch[1], match: 'code' }
      if (/^\d+$/.test(normalized)) {
        return { ok: false, reason: `事项代码“${normalized}”不在 GB/T 47678.5 事项目录中（应为 5 位代码，如 06010）` }
      }
      const direct = byText(normalized)
      if (direct) return direct
      const parts = normalized.split(SEPARATORS).filter((part) => part.trim() !== '')
      if (parts.length > 1) {
        const last = byText(parts[parts.length - 1])
        if (last) return last
      }
      return {
        ok: false,
        reason: `未知的问题类别“${normalized}”：既不是 GB/T 47678.5 事项代码或小类名称，也不在类别对照表中，请在对照表中补充`,
      }
    },
  }
}
