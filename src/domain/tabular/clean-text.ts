/**
 * Characters that must not reach the database: NUL makes PostgreSQL refuse a whole jsonb batch
 * ("unsupported Unicode escape sequence"), other C0 controls and DEL are invisible junk from
 * broken exports, and half of a UTF-16 surrogate pair cannot be written as JSON PostgreSQL
 * accepts. Tab, CR and LF are ordinary text inside a cell (a line break in a quoted CSV field or
 * an Excel cell) and are kept.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REMOVED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export interface CleanText {
  text: string
  /** what was removed, e.g. "NUL（U+0000）×2、U+001B"; '' when nothing was */
  removed: string
}

// A quick first look without lookarounds: almost every cell has neither controls nor surrogates.
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/

export function removeControlCharacters(text: string): CleanText {
  if (!SUSPECT.test(text)) return { text, removed: '' }
  REMOVED.lastIndex = 0
  if (!REMOVED.test(text)) return { text, removed: '' }
  const counts = new Map<string, number>()
  const cleaned = text.replace(REMOVED, (character) => {
    counts.set(character, (counts.get(character) ?? 0) + 1)
    return ''
  })
  const removed = [...counts]
    .map(([character, count]) => characterName(character) + (count > 1 ? `×${count}` : ''))
    .join('、')
  return { text: cleaned, removed }
}

function characterName(character: string): string {
  const code = character.charCodeAt(0)
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0')
  if (code === 0) return `NUL（${hex}）`
  if (code >= 0xd800 && code <= 0xdfff) return `不成对的代理项（${hex}）`
  return hex
}
