/**
 * 保洁排班 in real Chromium against the production build, on the demo's first team and its
 * late shift: the banner names the shift's gaps; a gap is lassoed and assigned, the rest
 * selected from the coverage table and assigned, and after saving the late shift leaves the
 * banner; a segment is split at a clicked point between two cleaners; the team is balanced
 * with a preview, undone and redone, and saved; the XLSX roster is exported and read back,
 * the beat sheets shown; an inspection is recorded for a segment.
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { screenshot, startHarness, waitForBoot, type BrowserSession, type Harness } from './harness.ts'

type Position = [number, number]
interface Segment {
  id: number
  backStreetName: string
  seq: number
  lengthM: number
  coordinates: Position[]
}
interface Roster {
  segmentId: number
  pieces: { fromM: number; toM: number; cleanerId: number | null }[]
  base: { id: number; version: number }[]
}

let harness: Harness
let session: BrowserSession

const segments = async (page: Page) => (await page.evaluate('window.__urbangrid.roster.segments()')) as Segment[]
const rosters = async (page: Page) => (await page.evaluate('window.__urbangrid.roster.rosters()')) as Roster[]
const selection = async (page: Page) => (await page.evaluate('window.__urbangrid.roster.selection()')) as number[]
const coverage = async (page: Page) => (await page.evaluate('window.__urbangrid.roster.coverage()')) as { uncoveredM: number; percent: number }

/** Page coordinates of a WGS84 position on the roster map. */
async function at(page: Page, position: Position): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(`window.__urbangrid.roster.project(${JSON.stringify(position)})`)) as { x: number; y: number }
  const box = await page.getByTestId('roster-map').boundingBox()
  return { x: box!.x + point.x, y: box!.y + point.y }
}

async function tab(page: Page, name: string) {
  await page.locator('.roster-side .ant-tabs-tab', { hasText: name }).click()
}

async function tool(page: Page, name: string) {
  await page.locator('.roster-toolbar .ant-segmented-item', { hasText: name }).click()
}

/** The index-th cleaner option of the assign select (this shift's cleaners come first). */
async function chooseCleaner(page: Page, index = 0): Promise<string> {
  await page.getByTestId('assign-cleaner').click()
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').nth(index)
  const text = (await option.textContent()) ?? ''
  await option.click()
  return text
}

async function mapIdle(page: Page) {
  await page.locator('[data-testid=roster-map][data-map-idle=true]').waitFor({ timeout: 60_000 })
}

/** The middle of a segment's longest edge: on it and on no other segment (vertices can be junctions). */
function inside(segment: Segment): Position {
  let best = 0
  let longest = -1
  for (let k = 0; k + 1 < segment.coordinates.length; k++) {
    const [a, b] = [segment.coordinates[k], segment.coordinates[k + 1]]
    const length = Math.hypot(b[0] - a[0], b[1] - a[1])
    if (length > longest) [best, longest] = [k, length]
  }
  const [a, b] = [segment.coordinates[best], segment.coordinates[best + 1]]
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
}

const uncoveredIds = (all: Roster[]) => all.filter((roster) => roster.pieces.some((piece) => piece.cleanerId === null)).map((roster) => roster.segmentId)

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open({ viewport: { width: 1600, height: 1000 } })
  await session.page.goto(harness.url)
  await waitForBoot(session.page)
  await session.page.locator('[data-workspace=roster]').first().click()
  await session.page.getByTestId('roster-workspace').waitFor()
  await session.page.locator('.roster-bar .ant-segmented-item', { hasText: '晚班' }).click()
  await session.page.waitForFunction('(window.__urbangrid?.roster?.segments() ?? []).length > 0', undefined, { timeout: 60_000 })
  await mapIdle(session.page)
})

afterAll(async () => {
  expect(session?.errors() ?? []).toEqual([])
  await harness?.close()
})

describe('保洁排班', () => {
  test('the banner names the late shift; a lassoed gap and the rest of the gaps are assigned, and after saving the banner lets the late shift go', async () => {
    const { page } = session
    const banner = page.getByTestId('coverage-banner-late')
    await banner.waitFor({ timeout: 30_000 })
    expect(await banner.textContent()).toMatch(/覆盖率 \d+\.\d%，无人负责 [\d,]+ 米/)
    await screenshot(page, 'roster-late-gaps')

    const gaps = uncoveredIds(await rosters(page))
    expect(gaps.length).toBeGreaterThan(0)
    const all = await segments(page)
    const gap = all.find((segment) => segment.id === gaps[0])!
    // A lasso round the gap segment: a ring 25 px outside its box.
    const xs = await Promise.all(gap.coordinates.map((p) => at(page, p)))
    const w = Math.min(...xs.map((p) => p.x)) - 25
    const e = Math.max(...xs.map((p) => p.x)) + 25
    const n = Math.min(...xs.map((p) => p.y)) - 25
    const s = Math.max(...xs.map((p) => p.y)) + 25
    await tool(page, '套索')
    await page.mouse.move(w, n)
    await page.mouse.down()
    for (const [x, y] of [[e, n], [e, s], [w, s], [w, n + 5]] as const) await page.mouse.move(x, y, { steps: 6 })
    await page.mouse.up()
    await expect.poll(() => selection(page)).toContain(gap.id)
    await screenshot(page, 'roster-lasso')
    await tab(page, '排班')
    await chooseCleaner(page, 0)
    await page.getByTestId('assign-button').click()
    await expect.poll(async () => uncoveredIds(await rosters(page))).not.toContain(gap.id)

    // The rest from the coverage table, to the second cleaner.
    await tab(page, '覆盖')
    const remaining = uncoveredIds(await rosters(page))
    if (remaining.length > 0) {
      await page.getByTestId('coverage-select-gaps').click()
      await expect.poll(async () => (await selection(page)).length).toBe(remaining.length)
      await tab(page, '排班')
      await chooseCleaner(page, 1)
      await page.getByTestId('assign-button').click()
    }
    await expect.poll(async () => (await coverage(page)).uncoveredM).toBeLessThan(0.05)
    await page.getByTestId('roster-save').click()
    await expect.poll(async () => (await page.getByTestId('roster-message').textContent()) ?? '', { timeout: 30_000 }).toMatch(/已保存 \d+ 个路段的排班/)
    await expect.poll(() => page.getByTestId('coverage-banner-late').count(), { timeout: 30_000 }).toBe(0)
    await screenshot(page, 'roster-late-covered')
  })

  test('a segment is split at a clicked point: the part beyond it goes to another cleaner', async () => {
    const { page } = session
    const all = await segments(page)
    const current = await rosters(page)
    const whole = (id: number) => current.find((roster) => roster.segmentId === id)?.pieces.length === 1
    // The longest segment one cleaner has whole, among those on screen (the map is where the last
    // test left it, zoomed in on the team's gaps).
    const box = (await page.getByTestId('roster-map').boundingBox())!
    const onScreen = async (segment: Segment) => {
      const point = (await page.evaluate(`window.__urbangrid.roster.project(${JSON.stringify(inside(segment))})`)) as { x: number; y: number } | null
      return point !== null && point.x > 40 && point.y > 40 && point.x < box.width - 40 && point.y < box.height - 40
    }
    let long: Segment | undefined
    for (const segment of [...all].sort((a, b) => b.lengthM - a.lengthM)) {
      if (whole(segment.id) && (await onScreen(segment))) {
        long = segment
        break
      }
    }
    if (!long) throw new Error('no segment held whole by one cleaner is on screen')
    const before = current.find((roster) => roster.segmentId === long.id)!
    await tool(page, '拆分')
    // The middle of its longest edge: the split point lies inside the segment.
    const { x, y } = await at(page, inside(long))
    await page.mouse.click(x, y)
    await expect.poll(() => selection(page)).toEqual([long.id])
    const from = Number(await page.locator('input[data-testid=assign-from], [data-testid=assign-from] input').first().inputValue())
    expect(from).toBeGreaterThan(1)
    expect(from).toBeLessThan(long.lengthM - 1)
    const holder = before.pieces[0].cleanerId
    const cleaners = (await page.evaluate('window.__urbangrid.roster.cleaners()')) as { id: number }[]
    await chooseCleaner(page, cleaners.findIndex((cleaner) => cleaner.id !== holder))
    await page.getByTestId('assign-button').click()
    await expect.poll(async () => (await rosters(page)).find((roster) => roster.segmentId === long.id)!.pieces.length).toBe(2)
    const split = (await rosters(page)).find((roster) => roster.segmentId === long.id)!
    expect(split.pieces[0].toM).toBeCloseTo(from, 0)
    expect(split.pieces[1].toM).toBeCloseTo(long.lengthM, 1)
    await page.getByTestId('roster-save').click()
    await expect.poll(async () => (await page.getByTestId('roster-message').textContent()) ?? '', { timeout: 30_000 }).toMatch(/已保存/)
    // The stored pieces are the new base: two assignments.
    await expect.poll(async () => (await rosters(page)).find((roster) => roster.segmentId === long.id)!.base.length).toBe(2)
    await screenshot(page, 'roster-split')
  })

  test('auto-balance: a plan previewed with its spread and lower bound, applied, undone and redone, saved', async () => {
    const { page } = session
    await tool(page, '选择')
    await tab(page, '均衡')
    const before = await rosters(page)
    await page.getByTestId('balance-run').click()
    await page.getByTestId('balance-result').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('balance-spread').textContent()).toMatch(/\d+\.\d%/)
    await page.getByTestId('balance-previewing').waitFor()
    await mapIdle(page)
    await screenshot(page, 'roster-balance-preview')
    await page.getByTestId('balance-apply').click()
    await expect.poll(async () => JSON.stringify(await rosters(page))).not.toBe(JSON.stringify(before))
    const applied = await rosters(page)
    await page.getByTestId('roster-undo').click()
    await expect.poll(async () => JSON.stringify(await rosters(page))).toBe(JSON.stringify(before))
    await page.getByTestId('roster-redo').click()
    await expect.poll(async () => JSON.stringify(await rosters(page))).toBe(JSON.stringify(applied))
    await page.getByTestId('roster-save').click()
    await expect.poll(async () => (await page.getByTestId('roster-message').textContent()) ?? '', { timeout: 60_000 }).toMatch(/已保存/)
    await expect.poll(async () => (await coverage(page)).uncoveredM).toBeLessThan(0.05)
    await screenshot(page, 'roster-balanced')
  })

  test('the roster is exported as XLSX and the beat sheets are shown for printing', async () => {
    const { page } = session
    await tab(page, '导出')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/^保洁排班_.+_晚班_\d{4}-\d{2}-\d{2}_\d{8}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await download.path())!)
    const sheet = workbook.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).map(String).join(' ')
    expect(header).toContain('工号')
    expect(header).toContain('后街背巷')
    expect(sheet.rowCount).toBeGreaterThan(5)
    await page.getByTestId('export-sheets').click()
    await page.getByTestId('beat-sheet').first().waitFor()
    expect(await page.getByTestId('beat-sheet').count()).toBeGreaterThan(1)
    expect(await page.getByTestId('beat-sheet').first().locator('tbody tr').count()).toBeGreaterThan(0)
    // The dialog has finished zooming in.
    await page.waitForFunction(`!document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter')`)
    await screenshot(page, 'roster-beat-sheets')
    await page.keyboard.press('Escape')
  })

  test('an inspection is recorded for a segment and judged against its grade', async () => {
    const { page } = session
    const all = await segments(page)
    await tool(page, '选择')
    // A segment in view: the map is where the last step left it.
    const map = (await page.getByTestId('roster-map').boundingBox())!
    let target: Segment | undefined
    let point = { x: 0, y: 0 }
    for (const candidate of all) {
      point = await at(page, inside(candidate))
      if (point.x > map.x + 40 && point.x < map.x + map.width - 40 && point.y > map.y + 40 && point.y < map.y + map.height - 40) {
        target = candidate
        break
      }
    }
    expect(target).toBeDefined()
    const { x, y } = point
    await page.mouse.click(x, y)
    await expect.poll(() => selection(page)).toEqual([target!.id])
    await tab(page, '以克论净')
    await page.locator('input[data-testid=inspection-grams], [data-testid=inspection-grams] input').first().fill('3.5')
    await page.getByTestId('inspection-save').click()
    await expect.poll(async () => (await page.getByTestId('inspection-result').textContent()) ?? '', { timeout: 30_000 }).toMatch(/3\.5/)
    // The newest sample heads the team's list of the last three months.
    const newest = page.locator('[data-testid=inspections-panel] .ant-table-tbody tr.ant-table-row').first()
    await expect.poll(async () => (await newest.textContent()) ?? '', { timeout: 30_000 }).toContain(`${target!.backStreetName} 第 ${target!.seq} 段`)
    expect(await newest.textContent()).toContain('3.5')
    await screenshot(page, 'roster-inspection')
  })

  test('a cleaner deactivated in 人员 leaves their late-shift segments with nobody at once: the banner names the late shift again', async () => {
    const { page } = session
    const held = new Set((await rosters(page)).flatMap((roster) => roster.pieces.map((piece) => piece.cleanerId)))
    const cleaners = (await page.evaluate('window.__urbangrid.roster.cleaners()')) as { id: number; employeeNo: string }[]
    const leaving = cleaners.find((cleaner) => held.has(cleaner.id))!
    expect(page.getByTestId('coverage-banner-late')).toBeDefined()
    expect(await page.getByTestId('coverage-banner-late').count()).toBe(0)
    await tab(page, '人员')
    await page.getByTestId(`cleaner-deactivate-${leaving.employeeNo}`).click()
    await page.getByTestId('cleaner-deactivate-confirm').click()
    await page.getByTestId('coverage-banner-late').waitFor({ timeout: 30_000 })
    await expect.poll(async () => (await coverage(page)).uncoveredM).toBeGreaterThan(1)
    await mapIdle(page)
    await screenshot(page, 'roster-cleaner-left')
  })
})
