/**
 * 考核 in real Chromium against the production build (the demo opened on 2026-11-01, the day
 * after its last case): a manager opens 考核 on last month, sees the streets ranked with grades
 * and rank changes, is told plainly that a month without data has none, opens the worst
 * community's cases not closed on time in 案件 (as many as its 按期结案率 says), looks at that
 * community's 按期结案率 over twelve months, downloads the monthly XLSX (a sheet per level)
 * and opens the printable report, which prints itself.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { screenshot, startHarness, waitForBoot, type BrowserSession, type Harness } from './harness.ts'

let harness: Harness
let session: BrowserSession

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))
const rows = () => session.page.locator('[data-testid=kpi-table] tbody tr.ant-table-row')

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open({ viewport: { width: 1600, height: 1000 } })
  await session.page.goto(harness.url)
  await waitForBoot(session.page)
  await openKpi()
})

afterAll(async () => {
  await harness?.close()
})

async function openKpi() {
  await session.page.locator('[data-workspace=kpi]').first().click()
  await session.page.getByTestId('workspace-kpi').waitFor()
}

async function settled() {
  await session.page.getByTestId('kpi-loading').waitFor({ state: 'detached', timeout: 180_000 })
}

/** Picks a month of 2026 in the month picker, as a user does. */
async function chooseMonth(month: string) {
  const { page } = session
  await page.locator('#kpi-month').click()
  const dropdown = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
  await dropdown.locator('.ant-picker-cell-inner', { hasText: new RegExp(`^${Number(month.slice(5, 7))}月$`) }).click()
  await dropdown.waitFor({ state: 'hidden' })
  await expect.poll(() => page.locator('#kpi-month').inputValue()).toBe(month)
}

async function chooseLevel(label: string) {
  await session.page.getByTestId('kpi-level').getByText(label, { exact: true }).click()
  await settled()
}

/** The largest rank number of the level. */
async function worstRank() {
  await rows().first().waitFor()
  return Math.max(...(await rows().locator('td:first-child').allTextContents()).map(digits))
}

/** The row of the level's worst unit (the first of those sharing the largest rank). */
async function worstRow() {
  const worst = await worstRank()
  const ranks = await rows().locator('td:first-child').allTextContents()
  return rows().nth(ranks.findIndex((text) => digits(text) === worst))
}

describe('考核 workspace', () => {
  test('opens on last month with the streets ranked, graded and compared with the month before', async () => {
    const { page } = session
    await expect.poll(() => page.locator('#kpi-month').inputValue(), { timeout: 60_000 }).toBe('2026-10')
    await settled()
    await expect.poll(() => rows().count(), { timeout: 180_000 }).toBeGreaterThanOrEqual(8)
    const first = rows().first()
    expect(digits(await first.locator('td').nth(0).textContent())).toBe(1)
    // Every street has a grade and a change of rank (an arrow with places, – or 新).
    const grades = await rows().locator('[data-grade]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-grade')))
    expect(grades.length).toBe(await rows().count())
    expect(grades.every((grade) => /^[A-E]$/.test(grade ?? ''))).toBe(true)
    const changes = await rows().locator('.kpi-change').allTextContents()
    expect(changes.every((text) => /^(↑\d+|↓\d+|–|新)$/.test(text))).toBe(true)
    // Every rate with its numerator and denominator; 监督举报率 marked lower-is-better.
    expect(await first.locator('td').nth(5).textContent()).toMatch(/^\d+\.\d%（[\d,]+\/[\d,]+）$/)
    expect(await page.locator('[data-testid=kpi-table] thead [data-lower-better=true]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('监督举报率')]),
    )
    // 环节超时率 and 保洁质量 beside the case rates
    const headers = await page.locator('[data-testid=kpi-table] thead th').allTextContents()
    expect(headers.join(' ')).toContain('环节超时率')
    expect(headers.join(' ')).toContain('保洁质量')
    // How the score is made: the month's weights, the preset and since when
    const weights = page.getByTestId('kpi-weights')
    await weights.waitFor({ timeout: 30_000 })
    expect(await weights.textContent()).toMatch(/按期结案率\s*40%/)
    expect(await weights.textContent()).toContain('标准（按期优先）')
    // The map colours the streets by grade, with its legend A–E.
    expect(await page.getByTestId('kpi-legend').textContent()).toContain('E 差')
    await page.locator('.kpi-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 }).catch(() => {})
    await screenshot(page, 'kpi-streets')
  })

  test('says plainly that a month after the data has nothing to evaluate', async () => {
    const { page } = session
    await chooseMonth('2026-11')
    await expect.poll(() => page.getByTestId('kpi-state').textContent(), { timeout: 30_000 }).toContain('2026年11月没有案件数据（数据截至 2026-10-31）')
    expect(await rows().count()).toBe(0)
    await screenshot(page, 'kpi-no-data')
    await chooseMonth('2026-10')
    await settled()
    await expect.poll(() => rows().count(), { timeout: 180_000 }).toBeGreaterThanOrEqual(8)
  })

  test('opens the worst community’s cases not closed on time in 案件, as many as its 按期结案率 says', async () => {
    const { page } = session
    await chooseLevel('社区')
    const row = await worstRow()
    const name = (await row.locator('td').nth(2).textContent()) ?? ''
    const onTime = (await row.locator('td').nth(6).textContent()) ?? ''
    const [closedOnTime, due] = (onTime.match(/（([\d,]+)\/([\d,]+)）/) ?? []).slice(1).map(digits)
    expect(due).toBeGreaterThan(0)
    await row.click()
    const panel = page.getByTestId('kpi-unit')
    await panel.waitFor()
    expect(await panel.textContent()).toContain(name.replace(/\s*\d{12}$/, ''))
    await page.getByTestId('kpi-problems').waitFor({ timeout: 120_000 })
    await screenshot(page, 'kpi-worst-community')
    await page.getByTestId('kpi-open-late').click()
    await page.getByTestId('workspace-cases').waitFor({ timeout: 120_000 })
    expect(page.url()).toContain('ws=cases')
    const intent = page.getByTestId('cases-intent')
    await intent.waitFor()
    expect(await intent.textContent()).toMatch(/来自考核：考核 2026年10月 .+：应结未按期结案（\d+ 件）/)
    const total = page.getByTestId('case-total')
    await expect.poll(async () => digits(await total.textContent()), { timeout: 60_000 }).toBe(due - closedOnTime)
    await page.locator('tr.ant-table-row').first().waitFor()
    await screenshot(page, 'kpi-late-cases-in-cases')
    await page.goBack()
    await page.getByTestId('workspace-kpi').waitFor()
  })

  test('shows the worst community’s 按期结案率 over twelve months', async () => {
    const { page } = session
    // Back from 案件 finds the level and the unit as they were left.
    await settled()
    expect(await page.getByTestId('kpi-level').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('社区')
    await page.getByTestId('kpi-unit').waitFor()
    expect(await page.locator('.kpi-row-selected td').nth(0).textContent()).toBe(String(await worstRank()))
    await page.getByTestId('kpi-trend-loading').waitFor({ state: 'detached', timeout: 240_000 })
    const chart = page.getByTestId('kpi-trend-chart')
    expect(await chart.locator('figcaption').textContent()).toContain('近 12 个月趋势')
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0)
    expect(await page.locator('.kpi-trend-head').textContent()).toContain('按期结案率')
    // The tooltip gives a month's rates each over its counts, 按期结案率 first.
    await page.waitForTimeout(800)
    await chart.locator('canvas').first().hover({ position: { x: 380, y: 120 } })
    await expect.poll(() => chart.textContent(), { timeout: 10_000 }).toMatch(/\d{4}年\d{1,2}月按期结案率：\d+\.\d%（\d+\/\d+）/)
    await screenshot(page, 'kpi-trend')
  })

  test('downloads the monthly XLSX with a sheet per level', async () => {
    const { page } = session
    // Departments are ranked too; they have no area, and the map says so.
    await chooseLevel('部门')
    await expect.poll(() => rows().count(), { timeout: 60_000 }).toBeGreaterThan(3)
    expect(await page.locator('.kpi-map').textContent()).toContain('部门没有辖区图形')
    await screenshot(page, 'kpi-departments')
    await chooseLevel('街道')
    const streetCount = await rows().count()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.getByTestId('kpi-export-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/^考核月报_2026-10_\d{8}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['街道', '社区', '单元网格', '部门', '评为 D、E 等级的单位'])
    const streets = workbook.getWorksheet('街道')!
    expect(streets.getRow(1).getCell(1).value).toBe('排名')
    expect(streets.rowCount).toBe(streetCount + 1)
    const header = streets.getRow(1).values as unknown[]
    const onTimeColumn = header.indexOf('按期结案率')
    const cell = streets.getRow(2).getCell(onTimeColumn)
    expect(typeof cell.value).toBe('number')
    expect(cell.numFmt).toBe('0.0%')
    expect(workbook.getWorksheet('单元网格')!.rowCount).toBeGreaterThan(1000)
    expect(await page.getByTestId('kpi-export-message').textContent()).toContain('已下载')
  })

  test('opens the printable report and prints it', async () => {
    const { page } = session
    await page.evaluate(() => {
      const counter = window as unknown as { printed: number }
      counter.printed = 0
      window.print = () => {
        counter.printed += 1
      }
    })
    await page.getByTestId('kpi-export-print').click()
    const report = page.getByTestId('kpi-report')
    await report.waitFor({ timeout: 240_000 })
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed), { timeout: 30_000 }).toBe(1)
    const text = (await report.textContent()) ?? ''
    expect(text).toContain('城市管理月度考核报告')
    expect(text).toContain('考核月份：2026年10月')
    for (const heading of ['街道排名', '社区排名', '单元网格排名', '部门排名', '评为 D、E 等级的单位']) expect(text).toContain(heading)
    await page.waitForTimeout(1000)
    await screenshot(page, 'kpi-report')
    // Its end: the selected unit's trend and the units graded D or E.
    expect(await page.getByTestId('kpi-report').getByTestId('kpi-trend-chart').count()).toBe(1)
    await page.getByTestId('kpi-report-weak').scrollIntoViewIfNeeded()
    await screenshot(page, 'kpi-report-end')
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'kpi-report-print')
    await page.emulateMedia({ media: 'screen' })
    await page.getByTestId('kpi-report-close').click()
    expect(session.errors()).toEqual([])
  })
})
