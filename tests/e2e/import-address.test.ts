/**
 * Issue 13, item 8, in real Chromium: a 12319 export with an address column and no coordinate
 * columns at all is placed by the district's own names (back street and segment, grid), the
 * preview says how each row was placed, a row naming only a road is refused with the reason
 * and listed as unplaced; the dispatcher clicks the map to place it, checks again, and every
 * row is committed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO_ROOT, screenshot, type BrowserSession, type Harness, openCasesWorkspace } from './harness.ts'

let harness: Harness
let session: BrowserSession

const DISPATCHER = 'dispatcher@demo.urbangrid.local'
const ROWS = 40
const COARSE_ROW = 5

/** The first rows of the demo export, as UTF-8, without the 经度/纬度 columns, one address only a road. */
function addressOnlyExport(): Buffer {
  const text = new TextDecoder('gb18030').decode(readFileSync(join(REPO_ROOT, 'public/demo/12319-hotline-demo.csv')))
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line !== '')
  const columns = header.split(',')
  const address = columns.indexOf('事发地址')
  const kept = columns.map((_column, index) => index).filter((index) => columns[index] !== '经度' && columns[index] !== '纬度')
  const rows = lines.slice(0, ROWS).map((line, index) => {
    const cells = line.split(',')
    cells[0] = `ADDR-${cells[0]}`
    if (index === COARSE_ROW) cells[address] = '春晖路'
    return kept.map((column) => cells[column]).join(',')
  })
  return Buffer.from(`${kept.map((column) => columns[column]).join(',')}\n${rows.join('\n')}\n`, 'utf8')
}

/** The numbers of the summary line: rows read, valid, refused, warnings. */
async function summaryFigures(page: BrowserSession['page']): Promise<number[]> {
  return ((await page.getByTestId('import-summary').textContent()) ?? '').match(/\d[\d,]*/g)!.map((value) => Number(value.replaceAll(',', '')))
}

beforeAll(async () => {
  ;({ harness, session } = await openCasesWorkspace())
})

afterAll(async () => {
  await harness?.close()
})

describe('rows with an address and no coordinates', () => {
  test('are placed by the district\'s names, shown as such, and committed; a road alone is refused with the reason', async () => {
    const { page } = session
    await page.getByTestId('case-total').waitFor({ timeout: 60_000 })
    await page.getByTestId('role-switch').selectOption(DISPATCHER)
    await page.getByTestId('cases-tab-import').click()
    await page.getByTestId('import-file').setInputFiles({ name: 'address-only.csv', mimeType: 'text/csv', buffer: addressOnlyExport() })
    await page.getByTestId('import-file-info').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('import-preset').inputValue()).toBe('hotline-12319')
    await page.getByTestId('import-check').click()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 120_000 })
    expect(await page.locator('[data-field="lon"]').inputValue()).toBe('@address')
    const [rows, valid, refused, warned] = await summaryFigures(page)
    // every row accounted for; the demo's deliberately bad rows may fall among the first 40
    expect(rows).toBe(ROWS)
    expect(valid + refused).toBe(ROWS)
    expect(valid).toBeGreaterThan(ROWS - 5)
    expect(warned).toBeGreaterThanOrEqual(valid)
    const warnings = page.locator('.import-warnings')
    expect(await warnings.textContent()).toContain('经纬度为空，已按地址')
    const errors = page.getByTestId('import-errors')
    expect(await errors.textContent()).toContain('按地址也无法定位')
    expect(await errors.textContent()).toContain('春晖路')
    await screenshot(page, 'import-address-preview')

    // The road-only row is listed as unplaced; the dispatcher places it on the map.
    const coarse = page.locator(`[data-unplaced-row="${COARSE_ROW + 2}"]`)
    expect(await coarse.textContent()).toContain('春晖路')
    await coarse.getByTestId('import-place-on-map').click()
    await page.getByTestId('cases-map-placing').waitFor()
    expect(await page.getByTestId('cases-map-placing').textContent()).toContain(`第 ${COARSE_ROW + 2} 行`)
    // The middle of the map: it shows the placed rows, all inside the district.
    const box = (await page.getByTestId('cases-map').boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await coarse.getByTestId('import-unplaced-chosen').waitFor()
    expect(await page.getByTestId('cases-map-placing').count()).toBe(0)
    await screenshot(page, 'import-address-placed-on-map')
    await page.getByTestId('import-recheck-placed').click()
    await page.waitForFunction(
      (before) => /可导入 ([\d,]+) 行/.exec(document.querySelector('[data-testid="import-summary"]')?.textContent ?? '')?.[1] === String(before + 1),
      valid,
      { timeout: 120_000 },
    )
    const [rowsAfter, validAfter, refusedAfter] = await summaryFigures(page)
    expect([rowsAfter, validAfter, refusedAfter]).toEqual([ROWS, valid + 1, refused - 1])
    expect(await page.locator('.import-warnings').textContent()).toContain('已按地图上选定的位置')
    expect(await page.locator(`[data-unplaced-row="${COARSE_ROW + 2}"]`).count()).toBe(0)

    await page.getByTestId('import-commit').click()
    const committed = page.getByTestId('import-committed')
    await committed.waitFor({ timeout: 120_000 })
    // The rows are the demo's own cases re-worded: one placed by its address within 5 m of its
    // stored original (same category, same minute) is that case, and is not written twice.
    const text = (await committed.textContent()) ?? ''
    const inserted = Number(/新增 (\d+) 件/.exec(text)?.[1])
    const sameContent = Number(/内容相同未写入 (\d+) 件/.exec(text)?.[1])
    expect(inserted + sameContent).toBe(valid + 1)
    expect(inserted).toBeGreaterThan(valid - 5)
    expect(text).toContain('数据库拒收 0 行')
  })
})
