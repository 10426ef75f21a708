/**
 * Issue 14: the app_settings defaults are written once on the TypeScript side
 * (src/domain/settings/app-settings.ts); the database is the authority, so they must be
 * the values the foundation migration seeds.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { DEFAULT_OFFSET_HOURS, DEFAULT_WORK_HOURS } from '../../src/domain/cases/work-rules.ts'
import { APP_SETTING_DEFAULTS, appSettingsFrom } from '../../src/domain/settings/app-settings.ts'

const FOUNDATION = readFileSync(new URL('../../supabase/migrations/20261122000100_foundation.sql', import.meta.url), 'utf8')

function seeded(key: string): unknown {
  const match = new RegExp(`\\('${key}', '([^']*)'::jsonb`).exec(FOUNDATION)
  if (!match) throw new Error(`the foundation migration seeds no ${key}`)
  return JSON.parse(match[1])
}

describe('app settings defaults', () => {
  test('are the values the database seeds', () => {
    for (const key of Object.keys(APP_SETTING_DEFAULTS) as (keyof typeof APP_SETTING_DEFAULTS)[]) {
      expect(APP_SETTING_DEFAULTS[key], key).toEqual(seeded(key))
    }
  })

  test('fill in only what the database left out', () => {
    expect(appSettingsFrom(null)).toEqual(APP_SETTING_DEFAULTS)
    expect(appSettingsFrom({ timezone_offset_hours: 0 })).toEqual({ ...APP_SETTING_DEFAULTS, timezone_offset_hours: 0 })
    expect(DEFAULT_WORK_HOURS).toBe(APP_SETTING_DEFAULTS.work_hours)
    expect(DEFAULT_OFFSET_HOURS).toBe(APP_SETTING_DEFAULTS.timezone_offset_hours)
  })
})
