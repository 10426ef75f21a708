/**
 * Issue 13, item 9, "the preview tells the truth before commit", in real Chromium against the
 * production build, as the demo 受理派遣员: the demo 12319 export (downloaded from the link in
 * the import panel) is checked; before 提交 the panel says how many rows the database already
 * has and how many would arrive overdue, lists them, and the rows read add up to rows to write
 * + already there + refused. The demo export is made from the demo district's own hotline
 * cases, so every valid row is first found by content; written anyway, the same file checked
 * again is found row by row by its external ids — before anything is committed.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, type BrowserSession, type Harness, openCasesWorkspace } from './harness.ts'
import { pixelsNear } from './map-pixels.ts'

let harness: Harness
let session: BrowserSession
let demoFile: string

const DISPATCHER = 'dispatcher@demo.urbangrid.local'
const numbers = (text: string | null) => (text ?? '').match(/\d[\d,]*/g)?.map((value) => Number(value.replace(/,/g, ''))) ?? []
const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? ''

/** [rows read, to write, already there, refused] from the line under the summary. */
async function tally(page: Page) {
  const text = await textOf(page, 'import-tally')
  const [rows, write, there, refused] = numbers(text)
  return { text, rows, write, there, refused }
}

/** Pixels of the map in the overdue colour and in the grey of cases that are there already (src/map/colours.ts). */
async function mapColours(page: Page) {
  await page.waitForTimeout(500)
  await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
  const canvas = await page.locator('[data-testid=cases-map] canvas.maplibregl-canvas').screenshot()
  return { overdue: await pixelsNear(page, canvas, [180, 0, 80]), there: await pixelsNear(page, canvas, [120, 120, 120]) }
}

/** Shows the block at the top of the sidebar for a screenshot. */
async function showAtTop(page: Page, testId: string) {
  await page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }))
}

async function check(page: Page) {
  // Start from an empty panel, so nothing below is left from the previous file.
  if ((await page.getByTestId('import-file-info').count()) > 0) {
    await page.getByRole('button', { name: '导入另一个文件' }).click()
    await page.getByTestId('import-file-info').waitFor({ state: 'detached' })
  }
  // Under the name the browser saved it with.
  await page.getByTestId('import-file').setInputFiles({ name: '12319-hotline-demo.csv', mimeType: 'text/csv', buffer: readFileSync(demoFile) })
  await page.getByTestId('import-file-info').waitFor({ timeout: 60_000 })
  await page.getByTestId('import-check').click()
  await page.getByTestId('import-tally').waitFor({ timeout: 180_000 })
  const [rows, valid, refused] = numbers(await textOf(page, 'import-summary'))
  return { rows, valid, refused }
}

beforeAll(async () => {
  ;({ harness, session } = await openCasesWorkspace())
  await session.page.getByTestId('case-total').waitFor({ timeout: 60_000 })
  await session.page.getByTestId('role-switch').selectOption(DISPATCHER)
  await session.page.getByTestId('cases-tab-import').click()
  // The file the panel links to, as a user would get it.
  const [download] = await Promise.all([session.page.waitForEvent('download'), session.page.getByTestId('import-demo-file').click()])
  demoFile = (await download.path())!
})

afterAll(async () => {
  await harness?.close()
})

describe('the import preview tells the truth before commit', () => {
  let valid = 0
  let refused = 0
  let overdue = 0

  test('first check: every valid row is already there by content; written anyway, the overdue ones are counted and listed', async () => {
    const { page } = session
    expect(readFileSync(demoFile).length).toBeGreaterThan(100_000)
    const summary = await check(page)
    expect(summary.rows).toBe(2000)
    valid = summary.valid
    refused = summary.refused
    expect(valid + refused).toBe(2000)
    expect(valid).toBeGreaterThan(1900)

    // The demo export re-words the district's own hotline cases: same place, category and
    // time. Nothing is there by external id yet, everything by content.
    const before = await tally(page)
    expect(before).toMatchObject({ rows: 2000, write: 0, there: valid, refused })
    expect(numbers(await textOf(page, 'import-existing')).slice(0, 2)).toEqual([0, valid])
    expect(await page.getByTestId('import-arrival-filter').inputValue()).toBe('existing_content')
    const contentRows = page.getByTestId('import-arrival-rows').locator('tbody tr')
    expect(await contentRows.count()).toBe(200)
    expect(await contentRows.first().locator('td').last().textContent()).toMatch(/与已有案件 \d{8}-\d{6}（工单 DEMO-\d{6}，.+）相距 [\d.]+ 米，上报时间相差 \d+ 秒/)
    expect(await textOf(page, 'import-overdue')).toContain('将新增的行中 0 行')
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true)
    expect(await page.getByTestId('import-commit').getAttribute('aria-describedby')).toBe('import-nothing-to-write')
    // On the map too: the rows are there already (grey), none arrives overdue.
    const sameContent = await mapColours(page)
    expect(sameContent.there).toBeGreaterThan(1000)
    expect(sameContent.overdue).toBeLessThan(50)
    await showAtTop(page, 'import-summary')
    await screenshot(page, 'import-preview-same-content')

    // Written as new cases after all: the sum moves, and most of them are late already.
    await page.getByTestId('import-write-content-matches').check()
    const written = await tally(page)
    expect(written).toMatchObject({ rows: 2000, write: valid, there: 0, refused })
    overdue = numbers(await textOf(page, 'import-overdue'))[0]
    expect(overdue).toBeGreaterThan(0)
    expect(overdue).toBeLessThanOrEqual(valid)
    await page.getByTestId('import-arrival-filter').selectOption('overdue')
    const overdueRows = page.getByTestId('import-arrival-rows').locator('tbody tr')
    expect(await overdueRows.count()).toBe(Math.min(200, overdue))
    expect(await overdueRows.first().locator('td').last().textContent()).toMatch(/截止 .+，已超期 \d+ (天|小时)/)
    expect(await textOf(page, 'import-commit')).toContain(`新增 ${valid.toLocaleString('zh-CN')} 行`)
    const arriving = await mapColours(page)
    expect(arriving.overdue).toBeGreaterThan(1000)
    expect(arriving.there).toBeLessThan(sameContent.there / 10)
    await showAtTop(page, 'import-summary')
    await screenshot(page, 'import-preview-overdue')

    await page.getByTestId('import-commit').click()
    const committed = page.getByTestId('import-committed')
    await committed.waitFor({ timeout: 180_000 })
    // What the database did is what the preview said: every row new, as many overdue.
    expect(await committed.textContent()).toContain(`新增 ${valid.toLocaleString('zh-CN')} 件（其中到达即超期 ${overdue.toLocaleString('zh-CN')} 件）`)
    const [rows, inserted, there, refusedAfter] = numbers(await textOf(page, 'import-commit-tally'))
    expect({ rows, inserted, there, refused: refusedAfter }).toEqual({ rows: 2000, inserted: valid, there: 0, refused })
    await page.getByTestId('import-commit-tally').scrollIntoViewIfNeeded()
    await screenshot(page, 'import-preview-committed')
  })

  test('the same file again: every valid row counted as already there by external id before committing', async () => {
    const { page } = session
    const summary = await check(page)
    expect(summary).toEqual({ rows: 2000, valid, refused })
    expect(await tally(page)).toMatchObject({ rows: 2000, write: 0, there: valid, refused })
    // Found by id first; the demo cases they were made from no longer decide.
    expect(numbers(await textOf(page, 'import-existing')).slice(0, 2)).toEqual([valid, 0])
    expect(await textOf(page, 'import-overdue')).toContain('将新增的行中 0 行')
    expect(await page.getByTestId('import-arrival-filter').inputValue()).toBe('existing_id')
    const rows = page.getByTestId('import-arrival-rows').locator('tbody tr')
    expect(await rows.count()).toBe(200)
    expect(await rows.first().locator('td').last().textContent()).toMatch(/^已有案件 \d{8}-\d{6}（待受理）$/)
    expect(await textOf(page, 'import-arrival')).toContain(`列出前 200 行，共 ${valid.toLocaleString('zh-CN')} 行`)
    // The commit sends them for the database to confirm; it writes nothing twice.
    expect(await textOf(page, 'import-commit')).toContain(`新增 0 行（另 ${valid.toLocaleString('zh-CN')} 行已在库中`)
    const again = await mapColours(page)
    expect(again.there).toBeGreaterThan(1000)
    expect(again.overdue).toBeLessThan(50)
    await showAtTop(page, 'import-summary')
    await screenshot(page, 'import-preview-again')

    await page.getByTestId('import-commit').click()
    await page.getByTestId('import-committed').waitFor({ timeout: 180_000 })
    expect(await textOf(page, 'import-committed')).toContain(`新增 0 件（其中到达即超期 0 件），重复 ${valid.toLocaleString('zh-CN')} 件`)
    expect(numbers(await textOf(page, 'import-commit-tally')).slice(0, 4)).toEqual([2000, 0, valid, refused])
  })

  test('in English too, and without errors in the console', async () => {
    const { page } = session
    await page.getByTestId('language-switch').selectOption('en')
    await expect.poll(async () => textOf(page, 'import-tally')).toContain(`Before commit: 2,000 rows read = 0 to write + ${valid.toLocaleString('en')} already there + ${refused} refused`)
    await page.getByTestId('language-switch').selectOption('zh-CN')
    expect(session.errors()).toEqual([])
  })
})
