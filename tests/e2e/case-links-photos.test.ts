/**
 * Links and photos (issue 15, items 3 and 6) in real Chromium against the production build:
 * a case opened by its URL (and Back/Forward between cases), from the 总览's case panel,
 * found on the 总览 by its platform number; before and after photos attached and seen side
 * by side at 核查; files too large or of a refused type refused with the reason.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BrowserSession, type Harness, openCasesWorkspace, screenshot, waitForBoot } from './harness.ts'

let harness: Harness
let session: BrowserSession

const CASE_NUMBER = /^\d{8}-\d{6}$/
const caseParam = (url: string) => new URL(url).searchParams.get('case')

beforeAll(async () => {
  ;({ harness, session } = await openCasesWorkspace())
})

afterAll(async () => {
  await harness?.close()
})

/** A photo drawn in the page: a 2400 × 1800 JPEG (larger than the 1600 px the upload keeps). */
async function drawnPhoto(page: BrowserSession['page'], label: string, colour: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    ([text, fill]) => {
      const canvas = document.createElement('canvas')
      canvas.width = 2400
      canvas.height = 1800
      const context = canvas.getContext('2d')!
      context.fillStyle = '#d1d5db'
      context.fillRect(0, 0, 2400, 1800)
      context.fillStyle = fill
      context.fillRect(500, 700, 1400, 700)
      context.fillStyle = '#111827'
      context.font = 'bold 220px sans-serif'
      context.fillText(text, 200, 400)
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]
    },
    [label, colour] as const,
  )
  return Buffer.from(base64, 'base64')
}

describe('case links and photos', () => {
  let firstId = ''
  let firstNumber = ''

  test('a case has a URL: picking cases pushes it, Back and Forward follow, a reload opens the same case', async () => {
    const { page } = session
    const rows = page.locator('[data-testid=case-list] tbody tr.ant-table-row')
    await rows.first().waitFor({ timeout: 60_000 })
    expect(new URL(page.url()).searchParams.get('ws')).toBe('cases')
    await rows.nth(0).click()
    const title = page.locator('#case-detail-title .mono')
    await expect.poll(async () => (await title.textContent()) ?? '', { timeout: 30_000 }).toMatch(CASE_NUMBER)
    firstNumber = (await title.textContent())!
    firstId = caseParam(page.url())!
    expect(Number(firstId)).toBe(Number(firstNumber.split('-')[1]))
    await rows.nth(1).click()
    await expect.poll(async () => caseParam(page.url())).not.toBe(firstId)
    await expect.poll(async () => title.textContent(), { timeout: 30_000 }).not.toBe(firstNumber)
    await page.goBack()
    await expect.poll(async () => caseParam(page.url())).toBe(firstId)
    await expect.poll(async () => title.textContent(), { timeout: 30_000 }).toBe(firstNumber)
    await page.goForward()
    await expect.poll(async () => title.textContent(), { timeout: 30_000 }).not.toBe(firstNumber)

    // 复制链接 gives the case's URL; opened afresh it shows that case.
    await page.goBack()
    await expect.poll(async () => title.textContent(), { timeout: 30_000 }).toBe(firstNumber)
    const link = await page.getByTestId('case-copy-link').getAttribute('data-url')
    expect(link).toBe(`${harness.url.replace(/\/$/, '')}/?ws=cases&case=${firstId}`)
    await page.getByTestId('case-copy-link').click()
    await page.locator('[data-testid=case-link-copied], [data-testid=case-link-manual]').first().waitFor()
    await page.goto(link!)
    await waitForBoot(page)
    await expect.poll(async () => page.locator('#case-detail-title .mono').textContent(), { timeout: 60_000 }).toBe(firstNumber)
    await screenshot(page, 'case-links-opened-by-url')
    // Back from 案件 to the 总览 through the header and history.
    await page.locator('[data-workspace=overview]').first().click()
    await page.getByTestId('workspace-overview').waitFor().catch(() => undefined)
    expect(new URL(page.url()).searchParams.get('ws')).toBeNull()
    await page.goBack()
    await expect.poll(async () => caseParam(page.url())).toBe(firstId)
    await page.getByTestId('case-detail').waitFor()
  })

  test('the 总览 finds the case by its platform number and by its id, shows that number, and opens it in 案件', async () => {
    const { page } = session
    await page.locator('[data-workspace=overview]').first().click()
    const search = page.locator('.overview-search input')
    await search.waitFor()
    for (const text of [String(Number(firstId)), firstNumber]) {
      await search.fill(text)
      const hit = page.locator('.search-results li button', { hasText: firstNumber })
      await hit.first().waitFor({ timeout: 30_000 })
      expect(await hit.first().locator('.search-layer').textContent()).toBe('案件')
    }
    await search.press('Enter')
    const panel = page.getByTestId('inspect-panel')
    await panel.waitFor()
    await expect.poll(async () => panel.locator('[data-field=caseNumber] dd').textContent(), { timeout: 30_000 }).toBe(firstNumber)
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`incident:${Number(firstId)}`)
    await screenshot(page, 'case-links-overview-panel')
    await page.getByTestId('inspect-open-case').click()
    await page.getByTestId('workspace-cases').waitFor()
    expect(caseParam(page.url())).toBe(String(Number(firstId)))
    await expect.poll(async () => page.locator('#case-detail-title .mono').textContent(), { timeout: 30_000 }).toBe(firstNumber)
    // Back returns to the 总览 with the case still selected there.
    await page.goBack()
    await expect.poll(async () => new URL(page.url()).searchParams.get('sel')).toBe(`incident:${Number(firstId)}`)
    await page.getByTestId('inspect-panel').waitFor()
  })

  test('before and after photos are attached at 上报 and 处置 and shown side by side at 核查; refused files say why', async () => {
    const { page } = session
    await page.locator('[data-workspace=cases]').first().click()
    await page.getByTestId('workspace-cases').waitFor()
    await page.getByRole('button', { name: '清除筛选' }).click()
    const handled = page.locator('.cases-statuses label', { hasText: '待核查' }).locator('input')
    await handled.check()
    const firstRow = page.locator('[data-testid=case-list] tbody tr.ant-table-row').first()
    await expect.poll(async () => firstRow.locator('.case-status').textContent(), { timeout: 30_000 }).toBe('待核查')
    await firstRow.click()
    await expect.poll(async () => page.getByTestId('case-status').textContent(), { timeout: 30_000 }).toBe('待核查')
    const attachments = page.getByTestId('case-attachments')
    await attachments.waitFor()
    // The demo admin may attach at every open stage: 核查 first, 处置 and 上报 on the switch.
    const stages = attachments.locator('.ant-segmented-item')
    expect(await stages.allTextContents()).toEqual(['核查', '处置', '上报'])
    expect(await attachments.textContent()).toContain('长边不超过 1600 像素')
    const input = attachments.locator('input[type=file]')

    await stages.filter({ hasText: '上报' }).click()
    await input.setInputFiles({ name: '处置前-垃圾堆放.jpg', mimeType: 'image/jpeg', buffer: await drawnPhoto(page, 'BEFORE', '#92400e') })
    await attachments.getByText('已添加 处置前-垃圾堆放.jpg').waitFor({ timeout: 30_000 })
    await stages.filter({ hasText: '处置' }).click()
    await input.setInputFiles({ name: '处置后-已清理.jpg', mimeType: 'image/jpeg', buffer: await drawnPhoto(page, 'AFTER', '#15803d') })
    await attachments.getByText('已添加 处置后-已清理.jpg').waitFor({ timeout: 30_000 })

    const before = page.getByTestId('compare-report').locator('img')
    const after = page.getByTestId('compare-handle').locator('img')
    await before.first().waitFor({ timeout: 30_000 })
    await after.first().waitFor({ timeout: 30_000 })
    // Side by side: same row, before on the left.
    const left = (await before.first().boundingBox())!
    const right = (await after.first().boundingBox())!
    expect(Math.abs(left.y - right.y)).toBeLessThan(4)
    expect(left.x + left.width).toBeLessThanOrEqual(right.x)
    // Scaled down in the browser before upload: 2400 × 1800 arrived as 1600 × 1200.
    expect(await before.first().evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight])).toEqual([1600, 1200])
    // The timeline shows each at its step: the before photo at 上报.
    const reportEntry = page.getByTestId('case-timeline').locator('li').first()
    await reportEntry.getByTestId('step-attachments').waitFor({ timeout: 30_000 })
    await screenshot(page, 'case-photos-before-after')

    // Click to enlarge.
    await before.first().click()
    await page.locator('.ant-image-preview img').first().waitFor()
    // The preview zooms in; the picture is whole once the animation has run.
    await page.waitForTimeout(800)
    await screenshot(page, 'case-photos-preview')
    await page.keyboard.press('Escape')

    // Refused: over 5 MB, a type that is not allowed, a PDF renamed .jpg — each named, nothing added.
    const count = await attachments.getByTestId('attachment-item').count()
    await stages.filter({ hasText: '核查' }).click()
    const bigPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)])
    await input.setInputFiles([
      { name: '现场录像截图.pdf', mimeType: 'application/pdf', buffer: bigPdf },
      { name: '动图.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
      { name: '改名的文件.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ])
    const refusals = attachments.getByTestId('attachment-refusal')
    await expect.poll(async () => refusals.count(), { timeout: 30_000 }).toBe(3)
    const texts = (await refusals.allTextContents()).join('\n')
    expect(texts).toContain('未添加 现场录像截图.pdf：文件大小 6.0 MB，超过 5 MB 的上限')
    expect(texts).toContain('未添加 动图.gif：只能上传 JPEG、PNG、WebP 图片或 PDF 文件（收到的类型：image/gif）')
    expect(texts).toContain('未添加 改名的文件.jpg：文件内容不是它声明的类型（image/jpeg）')
    expect(await attachments.getByTestId('attachment-item').count()).toBe(count)
    await screenshot(page, 'case-photos-refused')
    await handled.uncheck()
  })

  test('the browser console stayed free of errors and nothing left the machine', () => {
    expect(session.errors()).toEqual([])
    expect(session.blocked).toEqual([])
  })
})
