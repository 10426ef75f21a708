/**
 * The deployment settings the browser and the command-line tools read from the database's
 * public.app_settings (through assignment_reference()), and the one place their defaults
 * are written on this side. The database stays the authority: these are the values its
 * functions fall back to when a key is missing (the coalesce(…) in private.local_offset,
 * private.add_work_time and public.assignment_reference), used here only until, or unless,
 * the database answers. A unit test holds them equal to the migration's seeded values.
 */

/** Office periods of a working day in local time, in order, e.g. [['08:30', '12:00'], ['13:30', '17:30']]. */
export type WorkHours = readonly (readonly [start: string, end: string])[]

export interface AppSettings {
  /** how far (metres) a case may lie from a back-street segment and still be matched to it */
  segment_match_distance_m: number
  work_hours: WorkHours
  /** offset of local time from UTC in hours (China: 8, no daylight saving) */
  timezone_offset_hours: number
}

export const APP_SETTING_DEFAULTS: Readonly<AppSettings> = {
  segment_match_distance_m: 30,
  work_hours: [
    ['08:30', '12:00'],
    ['13:30', '17:30'],
  ],
  timezone_offset_hours: 8,
}

/** The settings as the database gave them (any key may be missing), completed with the defaults. */
export function appSettingsFrom(given: Partial<AppSettings> | null | undefined): AppSettings {
  return {
    segment_match_distance_m: given?.segment_match_distance_m ?? APP_SETTING_DEFAULTS.segment_match_distance_m,
    work_hours: given?.work_hours ?? APP_SETTING_DEFAULTS.work_hours,
    timezone_offset_hours: given?.timezone_offset_hours ?? APP_SETTING_DEFAULTS.timezone_offset_hours,
  }
}
