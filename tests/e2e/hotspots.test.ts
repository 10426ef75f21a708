/**
 * 热点分析 in real Chromium against the production build: Gi* on 250 m squares with its
 * categorical legend and reported choices, last quarter's 市容环境类 cases compared with the
 * quarter before, communities ranked and one flown to, emerging hot spots, the density
 * surface with its fixed legend, and the refusal of an analysis the statistics cannot support.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SCREENSHOT_DIR, screenshot, startHarness, waitForBoot, type BrowserSession, type Harness } from './harness.ts'

let harness: Harness
let session: BrowserSession

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open({ viewport: { width: 1600, height: 1000 } })
  await session.page.goto(harness.url)
  await waitForBoot(session.page)
  await session.page.locator('[data-workspace=hotspots]').first().click()
  await session.page.getByTestId('workspace-hotspots').waitFor()
})

afterAll(async () => {
  await harness?.close()
})

async function settled() {
  const { page } = session
  await page.getByRole('status').filter({ hasText: '正在读取与计算' }).waitFor({ state: 'detached', timeout: 120_000 })
  await page.locator('.hotspots-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
}

describe('hotspots workspace', () => {
  test('finds Gi* hot spots on 250 m squares, on their own legend, and says every choice it made', async () => {
    const { page } = session
    await settled()
    const bins = page.getByTestId('hotspots-bins')
    await bins.waitFor({ timeout: 120_000 })
    const hot99 = digits(await bins.locator('tr').first().locator('td.mono').textContent())
    expect(hot99).toBeGreaterThan(0)
    const legend = page.getByTestId('hotspots-legend')
    await expect.poll(() => legend.textContent()).toContain('统计显著热点（99% 置信）')
    expect(await legend.textContent()).toContain('颜色只表示统计显著性')
    const choices = await page.getByTestId('hotspots-choices').textContent()
    expect(choices).toContain('queen')
    expect(choices).toContain('Benjamini–Hochberg')
    expect(choices).toContain('案件数')
    expect(await page.getByTestId('hotspots-period').textContent()).toMatch(/本期：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/)
    await screenshot(page, 'hotspots-gi-squares')
  })

  test('analyses H3 hexagons from the cells stored at intake, on counts', async () => {
    const { page } = session
    await page.getByTestId('hotspots-unit').getByText('H3 六边形').click()
    await settled()
    const choices = page.getByTestId('hotspots-choices')
    await expect.poll(() => choices.textContent(), { timeout: 60_000 }).toContain('案件数（方格、六边形面积相等）')
    expect(digits((await choices.textContent())?.match(/分析单元：([\d,]+) 个/)?.[1] ?? '')).toBeGreaterThan(900)
    await screenshot(page, 'hotspots-gi-hexagons')
    // A district has too few streets for Gi*: refused with the reason, nothing coloured.
    await page.getByTestId('hotspots-unit').getByText('街道').click()
    await expect.poll(() => page.getByTestId('hotspots-refusal').textContent(), { timeout: 60_000 }).toMatch(/只有 \d+ 个单元，至少需要 30 个/)
    expect(await page.getByTestId('hotspots-bins').count()).toBe(0)
    await page.getByTestId('hotspots-unit').getByText('250 米方格').click()
    await settled()
  })

  test('last quarter’s 市容环境类 cases against the quarter before, ranked by community', async () => {
    const { page } = session
    const count = page.getByTestId('hotspots-case-count')
    const before = digits((await count.textContent())?.split('（')[0] ?? '')
    await page.getByTestId('hotspots-preset').click()
    await page.locator('.ant-select-item-option', { hasText: '上季度' }).click()
    await page.getByTestId('hotspots-categories').click()
    await page.locator('.ant-select-tree-title', { hasText: /^06 / }).click()
    await page.keyboard.press('Escape')
    await page.getByTestId('hotspots-unit').getByText('社区').click()
    await settled()
    await expect.poll(async () => digits((await count.textContent())?.split('（')[0] ?? ''), { timeout: 60_000 }).not.toBe(before)
    const period = await page.getByTestId('hotspots-period').textContent()
    expect(period).toMatch(/本期：\d{4}-(01|04|07|10)-01 至 \d{4}-(03-31|06-30|09-30|12-31)/)
    expect(await page.getByTestId('hotspots-choices').textContent()).toContain('每平方公里案件数')
    await page.getByRole('tab', { name: '排名' }).click()
    const rows = page.locator('[data-testid=hotspots-ranking] tbody tr.ant-table-row')
    await rows.first().waitFor()
    const first = rows.first()
    const top = digits(await first.locator('td').nth(2).textContent())
    const second = digits(await rows.nth(1).locator('td').nth(2).textContent())
    expect(top).toBeGreaterThanOrEqual(second)
    await first.click()
    await page.getByRole('tab', { name: '分析结果' }).click()
    const detail = page.getByTestId('hotspots-unit-detail')
    await detail.waitFor()
    expect(await detail.textContent()).toContain('社区')
    await page.waitForTimeout(1200)
    await settled()
    await screenshot(page, 'hotspots-communities-last-quarter')
  })

  test('ranks farmers markets by cases within 100 m and back-street segments per km, with sparklines', async () => {
    const { page } = session
    await page.getByRole('tab', { name: '排名' }).click()
    await page.getByTestId('hotspots-ranking-target').click()
    await page.locator('.ant-select-item-option', { hasText: '农贸市场' }).click()
    const rows = page.locator('[data-testid=hotspots-ranking] tbody tr.ant-table-row')
    await expect.poll(async () => (await rows.first().locator('td').nth(1).textContent()) ?? '', { timeout: 30_000 }).toContain('市场')
    expect(await page.locator('.hotspots-buffer input').inputValue()).toBe('100')
    const near100 = digits(await rows.first().locator('td').nth(2).textContent())
    expect(near100).toBeGreaterThan(0)
    expect(await rows.first().locator('svg.hotspots-sparkline').count()).toBe(1)
    // A wider buffer can only take in more cases.
    await page.locator('.hotspots-buffer input').fill('300')
    await page.locator('.hotspots-buffer input').press('Enter')
    await expect.poll(async () => digits(await rows.first().locator('td').nth(2).textContent()), { timeout: 30_000 }).toBeGreaterThan(near100)
    await page.getByTestId('hotspots-ranking-target').click()
    await page.locator('.ant-select-item-option', { hasText: '后街背巷分段' }).click()
    await expect.poll(async () => (await rows.first().locator('td').nth(1).textContent()) ?? '', { timeout: 30_000 }).toMatch(/第 \d+ 段/)
    expect(await page.locator('[data-testid=hotspots-ranking] thead').textContent()).toContain('件/km')
    await rows.first().click()
    await page.waitForTimeout(1200)
    await settled()
    await screenshot(page, 'hotspots-ranking-segments')
    await page.getByTestId('hotspots-ranking-target').click()
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click()
  })

  test('plays the weeks back: the map, the step and the trend move together', async () => {
    const { page } = session
    await page.getByTestId('hotspots-map-home').first().click()
    await page.getByRole('tab', { name: '时间' }).click()
    await page.getByTestId('trend-chart').waitFor()
    await page.getByTestId('hotspots-playback').click()
    const step = page.getByTestId('hotspots-step')
    await expect.poll(() => step.textContent(), { timeout: 30_000 }).toMatch(/第 1\/1[3-4] 周/)
    await expect.poll(() => page.getByTestId('hotspots-legend').first().textContent()).toContain('当步案件数')
    await page.getByTestId('hotspots-play').click()
    await expect.poll(() => step.textContent(), { timeout: 10_000 }).toMatch(/第 [2-9]\/1[3-4] 周/)
    await page.getByTestId('hotspots-play').click()
    await settled()
    await screenshot(page, 'hotspots-playback')
    await page.getByTestId('hotspots-playback').click()
  })

  test('exports the map as a PNG and the communities’ table as CSV and XLSX', async () => {
    const { page } = session
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hotspots-export-png').click()])
    expect(png.suggestedFilename()).toMatch(/^热点分析：Gi_ 热点（社区）_\d{8}.*\.png$/)
    const image = readFileSync((await png.path())!)
    expect(image.subarray(1, 4).toString()).toBe('PNG')
    expect(image.length).toBeGreaterThan(50_000)
    // Kept beside the screenshots, to be looked at.
    copyFileSync((await png.path())!, join(SCREENSHOT_DIR, 'hotspots-export-map.png'))
    expect(await page.getByTestId('hotspots-export-status').textContent()).toContain('已导出')

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hotspots-export-csv').click()])
    const text = readFileSync((await csv.path())!, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trim().split(/\r\n/)
    expect(lines[0]).toBe('编码,名称,本期案件数,对比期案件数,变化率,面积（km²）,每平方公里案件数,z,p,p_fdr,Gi_Bin,分级,邻居数')
    // One row per community of the district, each with its 12-digit code.
    expect(lines.length - 1).toBeGreaterThanOrEqual(60)
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{12},/)

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hotspots-export-xlsx').click()])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.rowCount).toBe(lines.length)
    expect(sheet.getRow(1).getCell(3).value).toBe('本期案件数')
    expect(typeof sheet.getRow(2).getCell(3).value).toBe('number')
  })

  test('classifies emerging hot spots by week and lists them', async () => {
    const { page } = session
    await page.getByRole('tab', { name: '新兴热点' }).click()
    await page.getByTestId('hotspots-run-emerging').click()
    await settled()
    const summary = page.getByTestId('hotspots-emerging-summary')
    await summary.waitFor({ timeout: 120_000 })
    expect(await summary.textContent()).toMatch(/1[2-4] 个周/)
    expect(await page.getByTestId('hotspots-legend').textContent()).toContain('新兴热点')
    await screenshot(page, 'hotspots-emerging')
  })

  test('shows the previous period beside this one on the same classes, and the change between them', async () => {
    const { page } = session
    await page.getByTestId('hotspots-view').getByText('案件数分级').click()
    await page.getByTestId('hotspots-map-home').click()
    await page.getByTestId('hotspots-side-by-side').click()
    await page.getByTestId('hotspots-map-previous').waitFor()
    await settled()
    const legends = page.getByTestId('hotspots-legend')
    await expect.poll(() => legends.count()).toBe(2)
    // One scale for both periods: the two legends are the same.
    expect(await legends.nth(0).textContent()).toBe(await legends.nth(1).textContent())
    expect(await page.locator('.hotspots-map-caption').allTextContents()).toEqual([expect.stringMatching(/^本期 /), expect.stringMatching(/^对比期 /)])
    await screenshot(page, 'hotspots-side-by-side')
    await page.getByTestId('hotspots-side-by-side').click()
    await page.getByTestId('hotspots-view').getByText('与对比期之差').click()
    await settled()
    await expect.poll(() => legends.count()).toBe(1)
    const legend = await legends.textContent()
    expect(legend).toContain('案件数变化（本期 − 对比期）')
    expect(legend).toContain('无变化')
    await screenshot(page, 'hotspots-difference')
  })

  test('draws the density surface in cases per km² with a legend that does not move', async () => {
    const { page } = session
    await page.getByTestId('hotspots-view').getByText('密度热力图').click()
    await settled()
    const legend = page.getByTestId('hotspots-legend')
    await expect.poll(() => legend.textContent()).toContain('核密度（件/平方公里')
    const text = await legend.textContent()
    // Panning changes nothing in the legend: it is fixed by the two periods, not the view.
    const box = (await page.getByTestId('hotspots-map').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 100, { steps: 5 })
    await page.mouse.up()
    await settled()
    expect(await legend.textContent()).toBe(text)
    await screenshot(page, 'hotspots-density')
  })

  test('lists recurring problems and opens one’s cases in 案件', async () => {
    const { page } = session
    await page.getByTestId('hotspots-view').getByText('Gi* 热点').click()
    await page.getByRole('tab', { name: '重复问题' }).click()
    const summary = page.getByTestId('hotspots-recurring-summary')
    await summary.waitFor({ timeout: 60_000 })
    const found = digits(await summary.textContent())
    expect(found).toBeGreaterThan(0)
    // A higher threshold can only find fewer places.
    await page.locator('.hotspots-recurring input').fill('6')
    await page.locator('.hotspots-recurring input').press('Enter')
    await expect.poll(async () => digits(await summary.textContent()), { timeout: 30_000 }).toBeLessThan(found)
    const first = page.locator('[data-testid=hotspots-recurring] tbody tr.ant-table-row').first()
    const cases = digits(await first.locator('td').nth(2).textContent())
    expect(cases).toBeGreaterThanOrEqual(6)
    await screenshot(page, 'hotspots-recurring')
    await first.getByTestId('hotspots-recurring-open').click()
    await page.getByTestId('workspace-cases').waitFor()
    expect(await page.getByTestId('cases-intent').textContent()).toContain(`（${cases} 件）`)
    await expect.poll(async () => digits(await page.getByTestId('case-total').textContent()), { timeout: 30_000 }).toBe(cases)
    await page.waitForTimeout(1000)
    await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
    await screenshot(page, 'hotspots-recurring-cases')
    await page.getByTestId('cases-intent').getByRole('button').click()
    await expect.poll(async () => digits(await page.getByTestId('case-total').textContent()), { timeout: 30_000 }).toBe(100_000)
  })

  test('the issue’s manager flow: last quarter’s 市容环境类 on 250 m squares, Gi*, weeks, emerging, communities ranked, exports', async () => {
    const { page } = session
    await page.locator('[data-workspace=hotspots]').first().click()
    await page.getByTestId('workspace-hotspots').waitFor()
    await settled()
    await page.getByTestId('hotspots-preset').click()
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '上季度' }).click()
    await page.getByTestId('hotspots-categories').click()
    await page.locator('.ant-select-tree-title', { hasText: /^06 / }).click()
    await page.keyboard.press('Escape')
    await settled()
    const bins = page.getByTestId('hotspots-bins')
    await expect.poll(async () => (await bins.textContent()) ?? '', { timeout: 60_000 }).toContain('统计显著热点（99% 置信）')
    // The hot classes, 99 / 95 / 90 %: the demo's 市容环境 cases cluster enough for some.
    const hot = await Promise.all([0, 1, 2].map(async (row) => digits(await bins.locator('tr').nth(row).locator('td.mono').textContent())))
    expect(hot.reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0)
    await page.getByRole('tab', { name: '时间' }).click()
    await page.getByTestId('hotspots-playback').click()
    await expect.poll(() => page.getByTestId('hotspots-step').textContent(), { timeout: 30_000 }).toMatch(/第 1\/14 周/)
    await page.locator('.hotspots-time .ant-slider-handle').press('ArrowRight')
    await expect.poll(() => page.getByTestId('hotspots-step').textContent()).toMatch(/第 2\/14 周/)
    await page.getByTestId('hotspots-playback').click()
    await page.getByRole('tab', { name: '新兴热点' }).click()
    await page.getByTestId('hotspots-run-emerging').click()
    const summary = page.getByTestId('hotspots-emerging-summary')
    await summary.waitFor({ timeout: 120_000 })
    expect(digits((await summary.textContent())?.match(/其中 ([\d,]+) 个/)?.[1] ?? '')).toBeGreaterThan(0)
    await settled()
    await screenshot(page, 'hotspots-flow-emerging-squares')
    await page.getByTestId('hotspots-unit').getByText('社区').click()
    await page.getByRole('tab', { name: '排名' }).click()
    await page.locator('[data-testid=hotspots-ranking] tbody tr.ant-table-row').first().waitFor()
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hotspots-export-png').click()])
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hotspots-export-xlsx').click()])
    expect(xlsx.suggestedFilename()).toMatch(/^热点分析_社区_\d{8}.*\.xlsx$/)
  })
})
