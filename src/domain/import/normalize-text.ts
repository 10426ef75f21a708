/**
 * Text as people type it into hotline systems: full-width letters and digits (ＡＢＣ１２３),
 * full-width brackets, stray spaces. NFKC folds the full-width forms to ASCII.
 *
 * For matching only (categories, sources, column names, duplicate ids and content hashes):
 * what is stored keeps the text as written — NFKC would turn "热线转办：…，…" into
 * "热线转办:…,…" and collapsing whitespace would join the lines of a description.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim()
}

/** For matching names: no spaces at all, lower-case Latin letters, one kind of bracket. */
export function matchKey(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')')
}
