import { describe, expect, it } from 'vitest'
import { DEMO_TODAY_KEY, demoTodayOverride } from '../../src/data/embedded/demo-clock.ts'

const storage = (value: string | null) => ({ getItem: (key: string) => (key === DEMO_TODAY_KEY ? value : null) })

describe('the demo’s pinned today', () => {
  it('is the stored day when it is a real YYYY-MM-DD day', () => {
    expect(demoTodayOverride(storage('2026-11-01'))).toBe('2026-11-01')
    expect(demoTodayOverride(storage('2028-02-29'))).toBe('2028-02-29')
  })

  it('is null (the database’s today) when nothing, or not a real day, is stored', () => {
    expect(demoTodayOverride(storage(null))).toBeNull()
    expect(demoTodayOverride(null)).toBeNull()
    expect(demoTodayOverride(storage('2026-02-30'))).toBeNull()
    expect(demoTodayOverride(storage('2026-11-1'))).toBeNull()
    expect(demoTodayOverride(storage('tomorrow'))).toBeNull()
  })

  it('is null when the storage refuses to be read', () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError')
      },
    }
    expect(demoTodayOverride(refusing)).toBeNull()
  })
})
