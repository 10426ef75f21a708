/** Inclusive UI days → the API's [from, to) instants in China Standard Time (UTC+8). */
export function dayRangeToInstants(from: string | null, to: string | null): { from: string | null; to: string | null } {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString()
  return {
    from: from ? new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString() : null,
    to: to ? nextDay(to) : null,
  }
}
