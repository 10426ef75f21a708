/**
 * The case list's reporting period as the dispatcher picks it — two local days, both
 * included — and as list_cases takes it: instants [from, to) written with the database's
 * offset, so the days read back from the query are the days picked, in any browser time zone.
 */
import { localDayStart } from '../../domain/time/local-time.ts'

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Days picked ('YYYY-MM-DD' or null for an open end) → the query's `from` and exclusive `to`. */
export function periodQuery(first: string | null, last: string | null, offsetHours: number): { from: string | null; to: string | null } {
  return {
    from: first ? localDayStart(first, offsetHours) : null,
    to: last ? localDayStart(shiftDay(last, 1), offsetHours) : null,
  }
}

/** The query's instants (as `periodQuery` wrote them) → the first and last day picked. */
export function periodDays(from: string | null | undefined, to: string | null | undefined): [string | null, string | null] {
  return [from ? from.slice(0, 10) : null, to ? shiftDay(to.slice(0, 10), -1) : null]
}
