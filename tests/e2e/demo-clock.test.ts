/**
 * The embedded demo opened on a day of its own (issue 15): on the first start its timeline
 * moves by whole days to end today and is cut at the moment it is opened, so the newest cases
 * were reported minutes or hours ago, whatever day and hour the demo is opened — a live
 * office, not one that stopped on 2026-10-31. Every other e2e file pins the demo's today to
 * 2026-11-01 (harness.ts), which moves nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { screenshot, startHarness, waitForBoot, type BrowserSession, type Harness } from './harness.ts'

let harness: Harness
let session: BrowserSession

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open({ viewport: { width: 1600, height: 1000 }, demoToday: null })
})

afterAll(async () => {
  await harness?.close()
})

/** A day in Beijing time, `offsetDays` from today, as YYYY-MM-DD. */
const beijingDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)

describe('the demo on the day it is opened', () => {
  test('the newest cases were reported today before now (or late yesterday, just after midnight), and their numbers say so', async () => {
    const { page } = session
    await page.goto(harness.url)
    await waitForBoot(page, { timeout: 180_000 })
    await page.locator('[data-workspace=cases]').first().click()
    await page.getByTestId('workspace-cases').waitFor()
    const firstRow = page.locator('[data-testid=case-list] tbody tr.ant-table-row').first()
    await firstRow.waitFor({ timeout: 60_000 })
    const today = beijingDay(0)
    const yesterday = beijingDay(-1)
    // The list is newest first: its first case was reported today, before now (in the first
    // minutes after midnight, late yesterday).
    const reported = ((await firstRow.locator('td.case-reported').textContent()) ?? '').trim()
    const day = reported.slice(0, 10).replace(/\//g, '-')
    expect([today, yesterday]).toContain(day)
    const beijingNow = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/')
    expect(reported.slice(0, 16) <= beijingNow).toBe(true)
    expect(await firstRow.textContent()).toContain(`${day.replace(/-/g, '')}-`)
    await screenshot(page, 'demo-clock-live')
  })
})
