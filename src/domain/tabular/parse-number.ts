/**
 * A cell → a number, accepting decimal notation only. JavaScript's Number() also reads hex
 * ("0x75" = 117, a plausible longitude), binary, octal, "Infinity" and the empty string (0),
 * none of which a coordinate or count in an export means.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** The number written in `text` (surrounding spaces allowed), or null when it is not one. */
export function parseStrictNumber(text: string): number | null {
  const trimmed = text.trim()
  if (!DECIMAL.test(trimmed)) return null
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : null
}
