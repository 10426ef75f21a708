import { APP_SETTING_DEFAULTS } from '../settings/app-settings.ts'
import { localDayStartMs } from './local-time.ts'

const DAY_MS = 86_400_000

/**
 * Inclusive UI days → the API's [from, to) instants, the days being local at `offsetHours`
 * (the database's timezone_offset_hours; China Standard Time, UTC+8, by default).
 */
export function dayRangeToInstants(
  from: string | null,
  to: string | null,
  offsetHours: number = APP_SETTING_DEFAULTS.timezone_offset_hours,
): { from: string | null; to: string | null } {
  return {
    from: from ? new Date(localDayStartMs(from, offsetHours)).toISOString() : null,
    to: to ? new Date(localDayStartMs(to, offsetHours) + DAY_MS).toISOString() : null,
  }
}
