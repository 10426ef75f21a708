/**
 * Local time as a fixed offset from UTC (app_settings.timezone_offset_hours): China keeps one
 * zone without daylight saving, so an offset is exact and needs no time-zone database.
 */
const HOUR_MS = 3_600_000

/** The instant written as local time at the offset, e.g. 2026-03-05T08:05:00+08:00. */
export function formatAt(instantMs: number, offsetHours: number): string {
  const local = new Date(instantMs + offsetHours * HOUR_MS).toISOString().slice(0, 19)
  const sign = offsetHours < 0 ? '-' : '+'
  const absolute = Math.abs(offsetHours)
  const hours = String(Math.floor(absolute)).padStart(2, '0')
  const minutes = String(Math.round((absolute % 1) * 60)).padStart(2, '0')
  return `${local}${sign}${hours}:${minutes}`
}

/** The instant a local calendar day ('YYYY-MM-DD') starts, in milliseconds. */
export function localDayStartMs(day: string, offsetHours: number): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetHours * HOUR_MS
}

/** The start of a local calendar day written with its offset, e.g. 2026-03-05T00:00:00+08:00. */
export function localDayStart(day: string, offsetHours: number): string {
  return formatAt(localDayStartMs(day, offsetHours), offsetHours)
}

/** The local calendar day ('YYYY-MM-DD') an instant falls on. */
export function localDayOf(instant: string, offsetHours: number): string {
  return new Date(Date.parse(instant) + offsetHours * HOUR_MS).toISOString().slice(0, 10)
}
