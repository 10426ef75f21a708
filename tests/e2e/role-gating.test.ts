/**
 * Issue 12, "offer only what a role may do", in real Chromium against the production build:
 * the demo 访客 (viewer) may check an import file but is not offered the commit, and is told
 * why before starting and next to the button; a case shows the viewer why there are no
 * steps. The 受理派遣员 (dispatcher) gets the same preview with the commit, and it works.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO_ROOT, screenshot, type BrowserSession, type Harness, openCasesWorkspace } from './harness.ts'

let harness: Harness
let session: BrowserSession

const DEMO_FILE = join(REPO_ROOT, 'public/demo/12319-hotline-demo.csv')
const VIEWER = 'viewer@demo.urbangrid.local'
const DISPATCHER = 'dispatcher@demo.urbangrid.local'
const STAFF = 'staff@demo.urbangrid.local'
const IMPORT_REASON = '导入案件需要受理派遣员或系统管理员角色，当前角色：访客（只读）'
const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''))

beforeAll(async () => {
  ;({ harness, session } = await openCasesWorkspace())
})

afterAll(async () => {
  await harness?.close()
})

describe('role gating', () => {
  test('a viewer may check an import file but is not offered the commit, and is told why', async () => {
    const { page } = session
    await page.getByTestId('case-total').waitFor({ timeout: 60_000 })
    await page.getByTestId('role-switch').selectOption(VIEWER)
    const importTab = page.getByTestId('cases-tab-import')
    // The entry point says it before anything is opened.
    await expect.poll(async () => importTab.getAttribute('title'), { timeout: 30_000 }).toBe(IMPORT_REASON)
    expect(await importTab.textContent()).toContain('仅校验')
    await importTab.click()
    const denied = page.getByTestId('import-denied')
    await denied.waitFor()
    expect(await denied.textContent()).toContain(IMPORT_REASON)
    await screenshot(page, 'role-gating-viewer-import-start')

    await page.getByTestId('import-file').setInputFiles(DEMO_FILE)
    await page.getByTestId('import-file-info').waitFor({ timeout: 60_000 })
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 })
    const commit = page.getByTestId('import-commit')
    expect(await commit.isDisabled()).toBe(true)
    expect(await commit.getAttribute('aria-describedby')).toBe('import-commit-denied')
    expect(await page.getByTestId('import-commit-denied').textContent()).toBe(IMPORT_REASON)
    await page.getByTestId('import-commit-denied').scrollIntoViewIfNeeded()
    await screenshot(page, 'role-gating-viewer-import')

    // Pressing it anyway does nothing: no batch is sent, no row is refused "角色：viewer".
    await commit.click({ force: true })
    await page.waitForTimeout(500)
    expect(await page.getByTestId('import-committed').count()).toBe(0)

    // In English too.
    await page.getByTestId('language-switch').selectOption('en')
    await expect.poll(async () => denied.textContent()).toContain('Importing cases needs the Dispatcher or Administrator role; your role: Viewer (read-only)')
    await page.getByTestId('language-switch').selectOption('zh-CN')
    await expect.poll(async () => denied.textContent()).toContain(IMPORT_REASON)
  })

  test('a viewer sees why a case offers no step', async () => {
    const { page } = session
    await page.getByTestId('cases-tab-list').click()
    expect(digits(await page.getByTestId('case-total').textContent())).toBe(100_000)
    await page.locator('[data-testid=case-list] tbody tr.ant-table-row').first().click()
    const denied = page.getByTestId('case-actions-denied')
    await denied.waitFor({ timeout: 30_000 })
    expect(await denied.textContent()).toBe('办理案件需要受理派遣员、环卫作业或系统管理员角色，当前角色：访客（只读）')
    expect(await page.getByTestId('case-actions').count()).toBe(0)
    await screenshot(page, 'role-gating-viewer-case')
  })

  test('the dispatcher is offered the commit for the same preview, and it is accepted', async () => {
    const { page } = session
    await page.getByTestId('role-switch').selectOption(DISPATCHER)
    const importTab = page.getByTestId('cases-tab-import')
    await expect.poll(async () => importTab.getAttribute('title'), { timeout: 30_000 }).toBeNull()
    expect(await importTab.textContent()).not.toContain('仅校验')
    await importTab.click()
    expect(await page.getByTestId('import-denied').count()).toBe(0)
    expect(await page.getByTestId('import-commit-denied').count()).toBe(0)
    const commit = page.getByTestId('import-commit')
    // The demo export re-words the district's own cases: found by content, written anyway.
    await page.getByTestId('import-write-content-matches').check()
    expect(await commit.isEnabled()).toBe(true)
    const valid = digits(((await page.getByTestId('import-summary').textContent()) ?? '').match(/可导入 ([\d,]+) 行/)![1])
    await commit.click()
    const committed = page.getByTestId('import-committed')
    await committed.waitFor({ timeout: 180_000 })
    expect(await committed.textContent()).toContain(`新增 ${valid.toLocaleString('zh-CN')} 件`)
    expect(await committed.textContent()).toContain('数据库拒收 0 行')
    await screenshot(page, 'role-gating-dispatcher-import')
    expect(session.errors()).toEqual([])
  })

  test('staff see the desk\'s steps on a case waiting for 受理, disabled, and why', async () => {
    const { page } = session
    await page.getByTestId('role-switch').selectOption(STAFF)
    await page.getByTestId('cases-tab-list').click()
    const waiting = page.locator('.cases-statuses label', { hasText: '待受理' }).locator('input')
    await waiting.check()
    const firstRow = page.locator('[data-testid=case-list] tbody tr.ant-table-row').first()
    await expect.poll(async () => firstRow.locator('.case-status').textContent(), { timeout: 30_000 }).toBe('待受理')
    await firstRow.click()
    const whyNot = page.getByTestId('case-why-not')
    await whyNot.waitFor({ timeout: 30_000 })
    const accept = page.locator('[data-testid=case-actions] button[data-action=accept]')
    expect(await accept.isDisabled()).toBe(true)
    expect(await accept.getAttribute('title')).toBe('受理需要受理派遣员或系统管理员角色，当前角色：环卫作业')
    expect(await whyNot.locator('li').allTextContents()).toEqual([
      '受理需要受理派遣员或系统管理员角色，当前角色：环卫作业',
      '不予立案需要受理派遣员或系统管理员角色，当前角色：环卫作业',
    ])
    expect(await page.getByTestId('case-detail').textContent()).toContain('当前角色对此案件没有可办理的操作')
    await screenshot(page, 'role-gating-staff-why-not')
    await page.getByTestId('language-switch').selectOption('en')
    await expect.poll(async () => accept.getAttribute('title')).toBe('Accept needs the Dispatcher or Administrator role; your role: Sanitation staff')
    await page.getByTestId('language-switch').selectOption('zh-CN')
    await waiting.uncheck()
    expect(session.errors()).toEqual([])
  })
})
