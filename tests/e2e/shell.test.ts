/**
 * The app shell in real Chromium against the production build: embedded start from the
 * snapshot, the header, language switch, IndexedDB reuse, demo roles, boot failure + retry.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SNAPSHOT_PATTERN, screenshot, startHarness, waitForBoot, waitForPersisted, type BrowserSession, type Harness } from './harness.ts'

let harness: Harness
let session: BrowserSession

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open()
})

afterAll(async () => {
  await harness?.close()
})

const snapshotRequests = (requests: string[]) => requests.filter((url) => SNAPSHOT_PATTERN.test(url))

describe('app shell (embedded demo database)', () => {
  test('first start downloads the snapshot, boots and shows the embedded backend in Chinese', async () => {
    const { page } = session
    await page.goto(harness.url)
    // The shell is there before the database: the boot panel names the stages.
    await page.getByTestId('backend-badge').waitFor()
    await waitForBoot(page)
    expect(snapshotRequests(session.requests)).toHaveLength(1)
    await expect(page.getByTestId('backend-badge').textContent()).resolves.toContain('内置演示数据库')
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN')
    const tabs = await page.locator('.workspace-tabs .tab').allTextContents()
    expect(tabs).toEqual(['总览', '网格规划', '案件', '热点分析', '保洁排班', '考核'])
    await screenshot(page, 'shell-overview-zh')
    await waitForPersisted(page)
  })

  test('考核 opens on last month’s ranking from the database', async () => {
    const { page } = session
    await page.locator('[data-workspace=kpi]').first().click()
    await page.getByTestId('workspace-kpi').waitFor()
    const first = page.locator('[data-testid=kpi-table] tbody tr.ant-table-row').first()
    await first.waitFor({ timeout: 180_000 })
    expect(await first.locator('[data-grade]').getAttribute('data-grade')).toMatch(/^[A-E]$/)
    await screenshot(page, 'shell-kpi-zh')
  })

  test('the language switch turns the UI to English and back, and is remembered', async () => {
    const { page } = session
    await page.getByTestId('language-switch').selectOption('en')
    await expect(page.locator('.workspace-tabs .tab').first().textContent()).resolves.toBe('Overview')
    await expect(page.getByTestId('backend-badge').textContent()).resolves.toContain('Built-in demo database')
    await expect(page.locator('.kpi-sidebar h1').textContent()).resolves.toBe('Monthly evaluation')
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en')
    // The English header is longer: every tab keeps its room, the badge gives way (ellipsis).
    const lastTab = (await page.locator('.workspace-tabs .tab').last().boundingBox())!
    const right = (await page.locator('.header-right').boundingBox())!
    expect(lastTab.x + lastTab.width).toBeLessThanOrEqual(right.x)
    await screenshot(page, 'shell-kpi-en')
    await page.reload()
    await waitForBoot(page)
    await expect(page.locator('.workspace-tabs .tab').first().textContent()).resolves.toBe('Overview')
    await page.getByTestId('language-switch').selectOption('zh-CN')
    await expect(page.locator('.workspace-tabs .tab').first().textContent()).resolves.toBe('总览')
  })

  test('a second start reuses IndexedDB and does not download the snapshot again', async () => {
    const { page } = session
    session.clearRequests()
    await page.reload()
    await waitForBoot(page)
    expect(session.requests.some((url) => url.endsWith('/demo/manifest.json'))).toBe(true)
    expect(snapshotRequests(session.requests)).toEqual([])
  })

  test('the demo role switcher acts as another demo user and is remembered', async () => {
    const { page } = session
    const switcher = page.getByTestId('role-switch')
    await switcher.waitFor()
    expect(await switcher.inputValue()).toBe('admin@demo.urbangrid.local')
    // One entry per role; the role with named handlers lists them by name under it.
    const roles = await switcher.evaluate((select) =>
      [...select.children].map((child) => (child.tagName === 'OPTGROUP' ? child.getAttribute('label') : child.textContent)),
    )
    expect(roles).toEqual(['系统管理员', '网格规划员', '指挥中心', '受理派遣员', '环卫作业', '访客（只读）'])
    expect(await switcher.locator('optgroup option').allTextContents()).toEqual(['陈静', '李秀英', '刘强', '环卫作业员', '孙丽', '王建国', '赵磊'])
    await switcher.selectOption('viewer@demo.urbangrid.local')
    await page.locator('[data-workspace=grids]').first().click()
    // A viewer reads everything (RLS: every authenticated user reads) but is told why grids cannot be edited.
    await expect.poll(async () => (await page.getByTestId('grids-permission').textContent()) ?? '', { timeout: 30_000 }).toContain('修改网格需要')
    await page.reload()
    await waitForBoot(page)
    expect(await page.getByTestId('role-switch').inputValue()).toBe('viewer@demo.urbangrid.local')
    await screenshot(page, 'shell-viewer-grids-zh')
    await page.getByTestId('role-switch').selectOption('admin@demo.urbangrid.local')
  })

  test('the browser console stayed free of errors and nothing left the machine', () => {
    expect(session.errors()).toEqual([])
    expect(session.blocked).toEqual([])
  })

  test('a failed boot shows a Chinese message and a retry that recovers', async () => {
    const failing = await harness.open()
    try {
      const { page, context } = failing
      failing.allowErrors(/404|Failed to load resource/)
      await context.route(SNAPSHOT_PATTERN, (route) => route.fulfill({ status: 404, body: 'not found' }))
      await page.goto(harness.url)
      await waitForBoot(page, { stage: 'error' })
      const panel = page.getByTestId('boot-error')
      await expect(panel.textContent()).resolves.toContain('演示数据库启动失败')
      await expect(panel.textContent()).resolves.toContain('HTTP 404')
      const retry = panel.getByRole('button', { name: '重试' })
      await expect(retry.isVisible()).resolves.toBe(true)
      await screenshot(page, 'shell-boot-error-zh')
      await context.unroute(SNAPSHOT_PATTERN)
      await retry.click()
      await waitForBoot(page)
      await page.locator('[data-workspace=kpi]').first().click()
      await page.locator('[data-testid=kpi-table] tbody tr.ant-table-row').first().waitFor({ timeout: 180_000 })
      expect(failing.errors()).toEqual([])
    } finally {
      await failing.close()
    }
  })
})
