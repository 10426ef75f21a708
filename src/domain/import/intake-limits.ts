/**
 * What public.intake_incidents accepts, as numbers both sides use: the import checks rows
 * with these before sending them, the database refuses rows beyond them (private.intake_limits()
 * in supabase/migrations/20261206000300_intake_strict_set_based.sql). tests/db/intake-suite.ts
 * checks that the two agree. The rules are documented once, in docs/import.md ("Limits").
 */

/** The keys an intake row may have; any other key is refused (UG014), so a misspelt one loses nothing silently. */
export const INTAKE_KEYS = ['external_id', 'lon', 'lat', 'geometry', 'category_code', 'source', 'description', 'reported_at', 'h3'] as const
export type IntakeKey = (typeof INTAKE_KEYS)[number]

/** characters (Unicode code points, as the database counts them) */
export const MAX_EXTERNAL_ID_LENGTH = 100
/** characters (Unicode code points, as the database counts them) */
export const MAX_DESCRIPTION_LENGTH = 2000

/** The earliest report time taken in (UG017 before it): 2000-01-01 00:00 Beijing time. */
export const EARLIEST_REPORTED_AT = '2000-01-01T00:00:00+08:00'
export const EARLIEST_REPORTED_AT_MS = Date.parse(EARLIEST_REPORTED_AT)

/** How far past the present a report time may lie (UG017 beyond it): other systems' clocks drift. */
export const FUTURE_TOLERANCE_HOURS = 24
export const FUTURE_TOLERANCE_MS = FUTURE_TOLERANCE_HOURS * 3_600_000

/**
 * Length as the limits mean it: Unicode code points, what PostgreSQL's char_length counts.
 * `text.length` counts UTF-16 units, two for a character outside the BMP (𠮷, 🙂).
 */
export function characterCount(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    // a high surrogate followed by a low one is one character
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) index++
    }
    count++
  }
  return count
}
