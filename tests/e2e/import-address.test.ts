/**
 * Issue 13, item 8, in real Chromium: a 12319 export whose rows carry an address and no
 * coordinates is placed by the district's own names (back street and segment, grid), the
 * preview says how each row was placed, a row naming only a road is refused with the reason,
 * and the placed rows are committed.
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

/** The first rows of the demo export, as UTF-8, every coordinate blanked, one address only a road. */
function addressOnlyExport(): Buffer {
  const text = new TextDecoder('gb18030').decode(readFileSync(join(REPO_ROOT, 'public/demo/12319-hotline-demo.csv')))
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line !== '')
  const columns = header.split(',')
  const lon = columns.indexOf('经度')
  const lat = columns.indexOf('纬度')
  const address = columns.indexOf('事发地址')
  const rows = lines.slice(0, ROWS).map((line, index) => {
    const cells = line.split(',')
    cells[lon] = ''
    cells[lat] = ''
    cells[0] = `ADDR-${cells[0]}`
    if (index === COARSE_ROW) cells[address] = '春晖路'
    return cells.join(',')
  })
  return Buffer.from(`${header}\n${rows.join('\n')}\n`, 'utf8')
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
    const [rows, valid, refused, warned] = ((await summary.textContent()) ?? '').match(/\d[\d,]*/g)!.map((value) => Number(value.replaceAll(',', '')))
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

    await page.getByTestId('import-commit').click()
    const committed = page.getByTestId('import-committed')
    await committed.waitFor({ timeout: 120_000 })
    expect(await committed.textContent()).toContain(`新增 ${valid} 件`)
  })
})
