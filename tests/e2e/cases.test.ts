/**
 * 案件 in real Chromium against the production build: the case list and its filters, the
 * case table at 1440 px (nine columns whole, sorted by the server, exported to XLSX), the
 * demo 12319 export imported end to end (GBK, GCJ-02, bad rows → preview with per-grid and
 * per-department counts → commit → re-import finds duplicates), a case worked through the
 * whole workflow in one-click steps and keyboard letters, with 返工 for a standard reason and
 * dispatch to a named handler, and clear messages for unusable files.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generateHotlineFile, hotlineXlsxBytes } from '../../scripts/demo/hotline-file.ts'
import { pixelsNear } from './map-pixels.ts'
import { REPO_ROOT, screenshot, type BrowserSession, type Harness, openCasesWorkspace } from './harness.ts'

let harness: Harness
let session: BrowserSession

const DEMO_FILE = join(REPO_ROOT, 'public/demo/12319-hotline-demo.csv')
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))

beforeAll(async () => {
  ;({ harness, session } = await openCasesWorkspace())
})

afterAll(async () => {
  await harness?.close()
})

describe('cases workspace', () => {
  test('lists the 100,000 demo cases, newest first, and filters them', async () => {
    const { page } = session
    const total = page.getByTestId('case-total')
    await total.waitFor()
    expect(digits(await total.textContent())).toBe(100_000)
    expect(await page.locator('[data-testid=case-list] tbody tr.ant-table-row').count()).toBe(50)
    await page.getByTestId('case-overdue').getByText('仅超期').click()
    await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBeLessThan(100_000)
    const overdue = digits(await total.textContent())
    expect(overdue).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=case-list] tbody tr.ant-table-row .case-overdue').count()).toBe(await page.locator('[data-testid=case-list] tbody tr.ant-table-row').count())
    await page.locator('[data-testid=case-list] tbody tr.ant-table-row').first().click()
    await page.getByTestId('case-timeline').locator('li').first().waitFor()
    expect(await page.getByTestId('case-grid').textContent()).toMatch(/\d{15}/)
    // The map flies to the case (0.8 s), then settles.
    await page.waitForTimeout(1000)
    await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
    // The case and its grid are outlined in the selection colour.
    const canvas = await page.locator('[data-testid=cases-map] canvas.maplibregl-canvas').screenshot()
    expect(await pixelsNear(page, canvas, [0, 200, 255])).toBeGreaterThan(500)
    await screenshot(page, 'cases-list-overdue')
    await page.getByRole('button', { name: '清除筛选' }).click()
    await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBe(100_000)
  })

  test('filters by a 大类 from the category tree and by a period typed as YYYY-MM-DD', async () => {
    const { page } = session
    const total = page.getByTestId('case-total')
    await page.getByTestId('case-category').click()
    await page.locator('.ant-select-tree-title', { hasText: /^01 / }).click()
    await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBeLessThan(100_000)
    const inMajor = digits(await total.textContent())
    expect(inMajor).toBeGreaterThan(0)
    // The dates are typed and shown as YYYY-MM-DD, whatever the browser's locale.
    // Enter on the first day moves the picker to the second; under load it may still be
    // moving when the second day is typed, so the test waits for it as a user would.
    await page.getByPlaceholder('上报起').fill('2026-03-01')
    await page.getByPlaceholder('上报起').press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder')), { timeout: 10_000 }).toBe('上报止')
    await page.getByPlaceholder('上报止').fill('2026-03-31')
    await page.getByPlaceholder('上报止').press('Enter')
    await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBeLessThan(inMajor)
    expect(digits(await total.textContent())).toBeGreaterThan(0)
    expect(await page.getByPlaceholder('上报起').inputValue()).toBe('2026-03-01')
    expect(await page.getByPlaceholder('上报止').inputValue()).toBe('2026-03-31')
    const reported = await page.locator('[data-testid=case-list] tbody tr.ant-table-row td.case-reported').allTextContents()
    expect(reported.length).toBeGreaterThan(0)
    for (const text of reported) expect(text).toMatch(/^2026\/03\/(0[1-9]|[12]\d|3[01]) /)
    await page.locator('[data-testid=case-list] tbody tr.ant-table-row').first().click()
    await expect.poll(async () => page.getByTestId('case-detail').textContent(), { timeout: 30_000 }).toMatch(/ 01\d{3}/)
    await screenshot(page, 'cases-list-category-period')
    await page.getByRole('button', { name: '清除筛选' }).click()
    await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBe(100_000)
    expect(await page.getByPlaceholder('上报起').inputValue()).toBe('')
  })

  test('at 1440×900 the nine columns fit without scrolling sideways; sorting is the server’s; the filtered list exports to XLSX', async () => {
    const { page } = session
    const total = page.getByTestId('case-total')
    const rows = page.locator('[data-testid=case-list] tbody tr.ant-table-row')
    await page.setViewportSize({ width: 1440, height: 900 })
    try {
      await page.getByRole('button', { name: '清除筛选' }).click()
      await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBe(100_000)
      expect(await total.textContent()).toBe('共 100,000 件')
      expect(await page.getByTestId('case-page-total').textContent()).toBe('第 1–50 件，共 100,000 件')
      // The last page number is written with a separator too.
      expect(await page.locator('.cases-pager .ant-pagination-item').last().textContent()).toBe('2,000')

      // All nine columns inside the list pane, none cut: no horizontal scroll, every header
      // whole, and the number, grid and times of the first rows whole.
      const pane = (await page.getByTestId('case-list').boundingBox())!
      const headers = ['编号', '类别', '来源', '状态', '网格', '部门', '上报时间', '截止时间', '剩余/超期']
      const shown = await page.locator('[data-testid=case-list] thead th[data-column]').evaluateAll((cells) =>
        cells.map((cell) => {
          const box = cell.getBoundingClientRect()
          const title = cell.querySelector('.ant-table-column-title') ?? cell
          return { text: (cell.textContent ?? '').trim(), left: box.left, right: box.right, whole: title.scrollWidth <= title.clientWidth + 1 }
        }),
      )
      expect(shown.map((cell) => cell.text)).toEqual(headers)
      for (const cell of shown) {
        expect(cell.left, cell.text).toBeGreaterThanOrEqual(pane.x)
        expect(cell.right, cell.text).toBeLessThanOrEqual(pane.x + pane.width)
        expect(cell.whole, cell.text).toBe(true)
      }
      const body = page.locator('[data-testid=case-list] .ant-table-body')
      expect(await body.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0)
      const cut = await page.locator('[data-testid=case-list] tbody tr.ant-table-row:nth-child(-n+10) td').evaluateAll((cells) =>
        cells
          .filter((cell) => /mono/.test(cell.className))
          .filter((cell) => {
            const inner = (cell.querySelector('.ant-table-cell-content') ?? cell) as HTMLElement
            return inner.scrollWidth > inner.clientWidth + 1
          })
          .map((cell) => cell.textContent),
      )
      expect(cut).toEqual([])
      await screenshot(page, 'cases-table-1440')

      // A header's edge dragged 40 px wider is remembered (localStorage); the 列 menu hides
      // 来源 (remembered too), and its reset brings back every column at its default width.
      const stored = async () => page.evaluate(() => JSON.parse(localStorage.getItem('urbangrid.cases.table.columns.v1') ?? '{}'))
      const gridHeader = page.locator('[data-testid=case-list] thead th[data-column=grid]')
      const before = (await gridHeader.boundingBox())!.width
      const edge = (await gridHeader.locator('.case-column-resize').boundingBox())!
      await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2)
      await page.mouse.down()
      await page.mouse.move(edge.x + edge.width / 2 + 40, edge.y + edge.height / 2, { steps: 5 })
      await page.mouse.up()
      await expect.poll(async () => (await gridHeader.boundingBox())!.width, { timeout: 10_000 }).toBeGreaterThan(before + 30)
      expect((await stored()).widths.grid).toBeGreaterThan(before + 30)
      await page.getByTestId('case-columns').click()
      await page.getByTestId('case-columns-menu').getByText('来源').click()
      await expect.poll(() => page.locator('[data-testid=case-list] thead th[data-column]').count(), { timeout: 10_000 }).toBe(8)
      expect((await stored()).hidden).toEqual(['source'])
      await screenshot(page, 'cases-table-columns')
      await page.getByTestId('case-columns-reset').click()
      await expect.poll(() => page.locator('[data-testid=case-list] thead th[data-column]').count(), { timeout: 10_000 }).toBe(9)
      expect((await gridHeader.boundingBox())!.width).toBeLessThan(before + 2)
      expect(await stored()).toEqual({ widths: {}, hidden: [] })
      await page.getByTestId('case-columns').click()
      await page.getByTestId('case-columns-menu').waitFor({ state: 'hidden', timeout: 10_000 })

      // 截止时间: ascending over all 100,000 cases (the server's order, not the page's), then descending.
      const deadlines = () => page.locator('[data-testid=case-list] tbody tr.ant-table-row td.case-deadline').allTextContents()
      const firstNumber = async () => rows.first().locator('td').first().textContent()
      const newest = await firstNumber()
      const newestDeadlines = await deadlines()
      const deadlineHeader = page.locator('[data-testid=case-list] thead th[data-column=deadline_at]')
      await deadlineHeader.click()
      await expect.poll(firstNumber, { timeout: 30_000 }).not.toBe(newest)
      const ascending = await deadlines()
      expect(ascending).toEqual([...ascending].sort())
      // the earliest deadline of the whole list, not of the page that was shown
      expect(ascending[0] < [...newestDeadlines].sort()[0]).toBe(true)
      await deadlineHeader.click()
      await expect.poll(async () => (await deadlines())[0], { timeout: 30_000 }).not.toBe(ascending[0])
      const descending = await deadlines()
      expect(descending).toEqual([...descending].sort().reverse())
      expect(await deadlineHeader.getAttribute('aria-sort')).toBe('descending')
      await screenshot(page, 'cases-table-sorted-deadline')

      // The whole list is more than one export may hold: refused, and says why. (The mouse
      // leaves the header first, as a user's does, so the sorter's tooltip closes.)
      await total.hover()
      await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined)
      await page.getByTestId('case-export').click()
      const message = page.getByTestId('case-export-message')
      await message.waitFor()
      expect(await message.textContent()).toContain('超过单次导出上限 50,000 件')

      // 视频发现 only (about 10,000 cases: three calls of 5,000), still by deadline, descending.
      await page.getByTestId('case-sources').click()
      await page.locator('.ant-select-item-option', { hasText: '视频发现' }).click()
      await page.keyboard.press('Escape')
      await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBeLessThan(50_000)
      const filtered = digits(await total.textContent())
      expect(filtered).toBeGreaterThan(5000)
      const firstShown = await firstNumber()
      const firstDeadline = (await deadlines())[0]

      // Started and cancelled: nothing is downloaded.
      await page.getByTestId('case-export').click()
      await page.getByTestId('case-export-progress').waitFor({ timeout: 30_000 })
      await page.getByTestId('case-export-cancel').click()
      await expect.poll(async () => message.textContent(), { timeout: 60_000 }).toContain('已取消导出')

      // Started again and let run: progress, then the file.
      const downloading = page.waitForEvent('download', { timeout: 180_000 })
      await page.getByTestId('case-export').click()
      await page.getByTestId('case-export-progress').waitFor({ timeout: 30_000 })
      await screenshot(page, 'cases-export-progress')
      const download = await downloading
      expect(download.suggestedFilename()).toMatch(/^案件列表-\d{8}\.xlsx$/)
      await expect.poll(async () => message.textContent(), { timeout: 30_000 }).toContain(`已导出 ${filtered.toLocaleString('zh-CN')} 件`)
      await screenshot(page, 'cases-export-done')

      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(new Uint8Array(readFileSync((await download.path())!)).buffer)
      const sheet = workbook.worksheets[0]
      expect(sheet.rowCount - 1).toBe(filtered)
      const header = (sheet.getRow(1).values as unknown[]).slice(1)
      expect(header.slice(0, 6)).toEqual(['案件编号', '工单编号', '类别代码', '类别', '来源', '状态'])
      expect(header).toContain('截止时间')
      // the table's order and filter: the first row is the table's first, every row 视频发现
      expect(sheet.getRow(2).getCell(1).value).toBe(firstShown)
      const sourceColumn = header.indexOf('来源') + 1
      const sources = new Set<unknown>()
      sheet.eachRow((row, index) => index > 1 && sources.add(row.getCell(sourceColumn).value))
      expect([...sources]).toEqual(['视频发现'])
      // times are local wall-clock cells: the deadline of the first row reads as the table shows it
      const deadlineColumn = header.indexOf('截止时间') + 1
      const deadline = sheet.getRow(2).getCell(deadlineColumn).value as Date
      expect(deadline.toISOString().slice(0, 16).replace('T', ' ').replaceAll('-', '/')).toBe(firstDeadline)
    } finally {
      await page.getByRole('button', { name: '清除筛选' }).click()
      // back to the default order (newest first) for the tests that follow
      await page.locator('[data-testid=case-list] thead th[data-column=reported_at]').click()
      await page.setViewportSize({ width: 1600, height: 1000 })
    }
    await expect.poll(async () => digits(await total.textContent()), { timeout: 30_000 }).toBe(100_000)
  })

  test('imports the demo 12319 export: GBK and GCJ-02 detected, bad rows reported, good rows committed once', async () => {
    const { page } = session
    await page.getByTestId('cases-tab-import').click()
    await page.getByTestId('import-file').setInputFiles(DEMO_FILE)
    const info = page.getByTestId('import-file-info')
    await info.waitFor({ timeout: 60_000 })
    // GBK is read as GB18030, its superset, so no character of the export is lost
    expect(await info.textContent()).toContain('GB18030')
    // The file's columns are those of the built-in 12319 preset, which declares GCJ-02.
    expect(await page.getByTestId('import-preset').inputValue()).toBe('hotline-12319')
    expect(await page.getByTestId('import-crs').inputValue()).toBe('gcj02')
    await page.getByTestId('import-check').click()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 120_000 })
    const text = (await summary.textContent()) ?? ''
    const [rows, valid, errors] = text.match(/[\d,]+/g)!.map((value) => Number(value.replace(/,/g, '')))
    expect(rows).toBe(2000)
    expect(valid).toBeGreaterThan(1900)
    expect(valid + errors).toBe(rows)
    expect(await page.getByTestId('import-per-grid').locator('li').count()).toBe(10)
    expect(await page.getByTestId('import-per-department').locator('li').count()).toBeGreaterThan(1)
    const errorRows = page.getByTestId('import-errors').locator('tbody tr')
    expect(await errorRows.count()).toBe(errors)
    expect(await errorRows.first().locator('td').first().textContent()).toMatch(/^\d+$/)
    // The error report: every refused row with row number, column, value and reason, for Excel.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-errors').click()])
    expect(download.suggestedFilename()).toBe('12319-hotline-demo-错误报告.csv')
    const report = readFileSync((await download.path())!, 'utf8')
    expect(report.startsWith('\uFEFF行号,字段,值,原因')).toBe(true)
    expect(report.trim().split(/\r?\n/)).toHaveLength(errors + 1)
    await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
    await page.getByTestId('import-summary').scrollIntoViewIfNeeded()
    await screenshot(page, 'cases-import-preview')

    // An unknown phrase mapped to a matter code in the preview brings its rows in.
    const unknown = page.getByTestId('import-unknown-categories').locator('select').first()
    const phrase = (await unknown.getAttribute('data-alias'))!
    const phraseRows = Number(((await unknown.locator('xpath=..').textContent()) ?? '').match(/× (\d+)/)![1])
    await unknown.selectOption('06001')
    await page.getByTestId('import-recheck').click()
    await expect.poll(async () => Number(((await summary.textContent()) ?? '').match(/[\d,]+/g)![1].replace(/,/g, '')), { timeout: 120_000 }).toBe(valid + phraseRows)
    expect(phrase.length).toBeGreaterThan(0)

    // The demo export re-words the district's own cases, so the preview finds every row by
    // content (tests/e2e/import-preview.test.ts): written as new cases here all the same.
    await page.getByTestId('import-write-content-matches').check()
    await page.getByTestId('import-commit').click()
    const committed = page.getByTestId('import-committed')
    await committed.waitFor({ timeout: 180_000 })
    expect(await committed.textContent()).toContain(`新增 ${(valid + phraseRows).toLocaleString('zh-CN')} 件`)

    // The same file again (the preset's own mapping): everything valid is already there.
    await page.getByTestId('import-file').setInputFiles(DEMO_FILE)
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 })
    await page.getByTestId('import-commit').click()
    await page.getByTestId('import-committed').waitFor({ timeout: 180_000 })
    expect(await page.getByTestId('import-committed').textContent()).toContain(`重复 ${valid.toLocaleString('zh-CN')} 件`)
  })

  test('works an imported hotline case through one-click steps, a keyboard letter, a named handler and a standard 返工 reason', async () => {
    const { page } = session
    // The desk as a district office uses it: 1440 × 900.
    await page.setViewportSize({ width: 1440, height: 900 })
    const firstId = readFileSync(DEMO_FILE).subarray(0, 4000).toString('latin1').split('\r\n')[1].split(',')[0]
    await page.getByTestId('cases-tab-list').click()
    // Whatever an earlier test left in the filters, the search starts from all cases.
    await page.getByRole('button', { name: '清除筛选' }).click()
    await page.getByTestId('case-search').fill(firstId)
    await expect.poll(async () => digits(await page.getByTestId('case-total').textContent()), { timeout: 30_000 }).toBe(1)
    await page.locator('[data-testid=case-list] tbody tr.ant-table-row').first().click()
    const status = page.getByTestId('case-status')
    await status.waitFor()
    expect(await status.textContent()).toBe('待受理')

    // The action bar stays in view however far the detail pane is scrolled.
    const bar = page.getByTestId('case-action-bar')
    for (const top of [0, 100_000]) {
      await page.getByTestId('case-detail').evaluate((pane, to) => pane.scrollTo(0, to), top)
      const box = (await bar.boundingBox())!
      expect(box.y, `scrolled to ${top}`).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height, `scrolled to ${top}`).toBeLessThanOrEqual(900)
    }

    /** A step that needs nothing: one click, no form, no 提交. */
    const click = async (action: string, expected: string) => {
      await page.locator(`[data-action=${action}]`).click()
      await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe(expected)
    }
    await click('accept', '已受理')
    // A public case cannot be registered before it is verified: the button is not offered.
    expect(await page.locator('[data-action=register]').count()).toBe(0)
    // 核实 by its letter, shown on the button; not while typing in a field.
    expect(await page.locator('[data-action=verify] kbd').textContent()).toBe('V')
    await page.getByTestId('case-search').press('v')
    await page.waitForTimeout(300)
    expect(await status.textContent()).toBe('已受理')
    await page.getByTestId('case-search').press('Backspace')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('v')
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('已核实')
    await click('register', '已立案')

    // 派遣 to a named person of the chosen department; one outside it is not offered.
    await page.locator('[data-action=dispatch-to]').click()
    await page.getByTestId('case-department-select').selectOption('2')
    const handlerSelect = page.getByTestId('case-handler')
    // the department's people are read when it is chosen: wait for them before judging the list
    await expect.poll(async () => (await handlerSelect.locator('option').allTextContents()).some((name) => name.startsWith('王建国')), { timeout: 30_000 }).toBe(true)
    const handlerNames = await handlerSelect.locator('option').allTextContents()
    expect(handlerNames.some((name) => name.startsWith('王建国'))).toBe(true)
    expect(handlerNames.some((name) => name.startsWith('刘强'))).toBe(false)
    await handlerSelect.selectOption(await handlerSelect.locator('option', { hasText: '王建国' }).getAttribute('value'))
    await screenshot(page, 'cases-dispatch-to-person')
    await page.getByTestId('case-submit').click()
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('处置中')
    expect(await page.getByTestId('case-handler-name').textContent()).toBe('王建国')
    await click('handle', '待核查')

    // 核查不通过 takes a standard reason: without one and without a note it is stopped before the round trip.
    await page.locator('[data-action=check-fail]').click()
    await page.getByTestId('case-submit').click()
    expect(await page.getByTestId('case-note-missing').textContent()).toContain('须选择原因或填写意见')
    await page.getByTestId('case-reason').selectOption({ label: '处置不彻底' })
    await page.getByTestId('case-note').fill('现场仍有垃圾，返工')
    await page.getByTestId('case-submit').click()
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('处置中')
    expect(await page.locator('.case-detail-status .case-rework').textContent()).toContain('返工 1 次')
    await click('handle', '待核查')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('p')
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('待结案')
    await click('close', '已结案')

    const timeline = (await page.getByTestId('case-timeline').locator('li').allTextContents()).join('\n')
    expect(timeline).toContain('现场仍有垃圾，返工')
    expect(timeline).toContain('原因：处置不彻底')
    expect(timeline).toContain('派往 区环境卫生管理处 · 王建国')
    expect(timeline).toMatch(/系统管理员\s*结案/)
    expect(await page.getByTestId('case-timeline').locator('li').count()).toBeGreaterThanOrEqual(10)
    // After every step the map is still on the case: its grid and the case fill the selection colour.
    await page.waitForTimeout(1000)
    await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
    const canvas = await page.locator('[data-testid=cases-map] canvas.maplibregl-canvas').screenshot()
    expect(await pixelsNear(page, canvas, [0, 200, 255])).toBeGreaterThan(500)
    // Every stage with its deadline and verdict: the old report was taken in late (受理), the
    // steps just taken were in time.
    const stages = page.getByTestId('case-stages').locator('tr[data-stage]')
    expect(await stages.evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-stage')}:${row.getAttribute('data-result')}`))).toEqual([
      'accept:late',
      'verify:met',
      'register:met',
      'dispatch:met',
      'handle:met',
      'check:met',
    ])
    expect(await page.getByTestId('case-late-stages').textContent()).toContain('受理')
    await screenshot(page, 'cases-workflow-closed')
    await page.getByTestId('case-detail').evaluate((pane) => pane.scrollTo(0, pane.scrollHeight))
    await screenshot(page, 'cases-workflow-timeline')
  })

  test('a step taken by its letter on a filtered queue keeps the map on the case it took out of the list', async () => {
    const { page } = session
    await page.getByTestId('case-search').fill('')
    const waiting = page.locator('.cases-statuses label', { hasText: '待受理' }).locator('input')
    await waiting.check()
    const firstRow = page.locator('[data-testid=case-list] tbody tr.ant-table-row').first()
    await expect.poll(async () => firstRow.locator('.case-status').textContent(), { timeout: 30_000 }).toBe('待受理')
    const caseNumber = ((await firstRow.locator('td').first().textContent()) ?? '').trim()
    await firstRow.click()
    const status = page.getByTestId('case-status')
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('待受理')
    await page.waitForTimeout(1000)
    await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('a')
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('已受理')
    // The case has left the 待受理 list, and the map did not follow the list out to the district.
    await expect
      .poll(async () => (await page.locator('[data-testid=case-list] tbody tr.ant-table-row td:first-child').allTextContents()).map((text) => text.trim()), {
        timeout: 30_000,
      })
      .not.toContain(caseNumber)
    await page.waitForTimeout(1500)
    await page.locator('.cases-map-canvas[data-map-idle=true]').waitFor({ timeout: 60_000 })
    const canvas = await page.locator('[data-testid=cases-map] canvas.maplibregl-canvas').screenshot()
    expect(await pixelsNear(page, canvas, [0, 200, 255])).toBeGreaterThan(500)
    await screenshot(page, 'cases-step-keeps-map-on-case')
    await waiting.uncheck()
    await page.setViewportSize({ width: 1600, height: 1000 })
  })

  test('a failed check without a reason is stopped with a clear message, nothing is written', async () => {
    const { page } = session
    await page.getByTestId('case-search').fill('')
    const handled = page.locator('.cases-statuses label', { hasText: '待核查' }).locator('input')
    await handled.check()
    const firstRow = page.locator('[data-testid=case-list] tbody tr.ant-table-row').first()
    await expect.poll(async () => firstRow.locator('.case-status').textContent(), { timeout: 30_000 }).toBe('待核查')
    await firstRow.click()
    const status = page.getByTestId('case-status')
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('待核查')
    const entries = page.getByTestId('case-timeline').locator('li')
    const before = await entries.count()
    await page.locator('[data-action=check-fail]').click()
    await page.getByTestId('case-submit').click()
    const error = page.getByTestId('case-note-missing')
    await error.waitFor()
    expect(await error.textContent()).toContain('核查不通过须选择原因或填写意见')
    // Nothing was sent: the case and its history are as they were.
    await page.waitForTimeout(500)
    expect(await status.textContent()).toBe('待核查')
    expect(await entries.count()).toBe(before)
    await handled.uncheck()
  })

  test('the same export as XLSX is read in the browser and recognised as already imported', async () => {
    const { page } = session
    await page.getByTestId('cases-tab-import').click()
    const xlsx = await hotlineXlsxBytes(generateHotlineFile())
    await page.getByTestId('import-file').setInputFiles({ name: '12319-导出.xlsx', mimeType: XLSX_TYPE, buffer: Buffer.from(xlsx) })
    await page.getByTestId('import-file-info').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('import-file-info').textContent()).toContain('XLSX')
    expect(await page.getByTestId('import-preset').inputValue()).toBe('hotline-12319')
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 })
    await page.getByTestId('import-commit').click()
    const committed = page.getByTestId('import-committed')
    await committed.waitFor({ timeout: 180_000 })
    expect(await committed.textContent()).toContain('新增 0 件')
  })

  test('a large CSV is streamed with progress and can be cancelled; the page stays usable', async () => {
    const { page } = session
    const demo = readFileSync(DEMO_FILE)
    const headerEnd = demo.indexOf('\r\n') + 2
    const body = demo.subarray(headerEnd)
    // ~45 MB: the demo rows 150 times over (their ids repeat, which only adds errors).
    const big = Buffer.concat([demo.subarray(0, headerEnd), ...Array.from({ length: 150 }, () => body)])
    await page.getByTestId('import-file').setInputFiles({ name: 'big-12319.csv', mimeType: 'text/csv', buffer: big })
    await page.getByTestId('import-file-info').waitFor({ timeout: 60_000 })
    await page.getByTestId('import-check').click()
    const progress = page.getByTestId('import-progress')
    await progress.waitFor({ timeout: 60_000 })
    await expect.poll(async () => digits(((await progress.textContent()) ?? '').split('（')[1] ?? ''), { timeout: 60_000 }).toBeGreaterThan(0)
    await screenshot(page, 'cases-import-progress')
    // The main thread answers while the worker reads: switching tabs and back is immediate.
    await page.getByTestId('cases-tab-list').click()
    await page.getByTestId('case-list').waitFor({ timeout: 5_000 })
    await page.getByTestId('cases-tab-import').click()
    await page.getByTestId('import-panel').waitFor({ timeout: 5_000 })
    // Switching away did not stop the import; cancelling does.
    await progress.waitFor({ timeout: 5_000 })
    await page.getByTestId('import-cancel').click()
    const cancelled = page.getByTestId('import-check-error')
    await cancelled.waitFor({ timeout: 30_000 })
    expect(await cancelled.textContent()).toContain('已取消')
    expect(await page.getByTestId('import-check').isEnabled()).toBe(true)
    expect(await page.getByTestId('import-summary').count()).toBe(0)
  })

  test('a viewer sees cases but is offered no step; the dispatcher is', async () => {
    const { page } = session
    await page.getByTestId('cases-tab-list').click()
    await page.getByTestId('role-switch').selectOption('viewer@demo.urbangrid.local')
    const firstRow = page.locator('[data-testid=case-list] tbody tr.ant-table-row').first()
    await firstRow.waitFor({ timeout: 60_000 })
    await firstRow.click()
    await page.getByTestId('case-timeline').waitFor({ timeout: 30_000 })
    await expect.poll(async () => page.getByTestId('case-detail').textContent(), { timeout: 30_000 }).toContain('当前角色对此案件没有可办理的操作')
    await page.getByTestId('role-switch').selectOption('dispatcher@demo.urbangrid.local')
    await firstRow.waitFor({ timeout: 60_000 })
    await firstRow.click()
    await page.getByTestId('case-actions').waitFor({ timeout: 30_000 })
    await page.getByTestId('role-switch').selectOption('admin@demo.urbangrid.local')
    await firstRow.waitFor({ timeout: 60_000 })
  })

  test('unusable files get a clear message', async () => {
    const { page } = session
    await page.getByTestId('cases-tab-import').click()
    await page.getByTestId('import-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })
    await page.getByTestId('import-file-error').waitFor()
    expect(await page.getByTestId('import-file-error').textContent()).toContain('空')
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'no-coordinates.csv', mimeType: 'text/csv', buffer: Buffer.from('编号,问题类别,描述\n1,暴露垃圾,路口\n', 'utf8') })
    await page.getByTestId('import-mapping-problem').waitFor()
    expect(await page.getByTestId('import-mapping-problem').textContent()).toContain('经度')
    expect(await page.getByTestId('import-check').isDisabled()).toBe(true)
    await screenshot(page, 'cases-import-no-coordinates')
    expect(session.errors()).toEqual([])
  })
})
