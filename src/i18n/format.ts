/** Number and date formatting in the UI language. */
/** `digits`: exactly that many decimals (rates, shares); without it, Intl's default. */
export function formatNumber(value: number, language: string, digits?: number): string {
  return new Intl.NumberFormat(language, digits === undefined ? undefined : { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
}

export function formatDate(iso: string | null, language: string): string | null {
  if (!iso) return null
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' }).format(date)
}

export function formatPercent(part: number, whole: number, language: string): string {
  if (whole <= 0) return '—'
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole)
}

/** A date and (by default) time in China time, to the minute; '—' when absent. */
export function formatDateTime(iso: unknown, language: string, withTime = true): string {
  if (typeof iso !== 'string' || iso === '') return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    timeZone: 'Asia/Shanghai',
  }).format(date)
}
