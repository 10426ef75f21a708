/**
 * 网格规划 in real Chromium against the production build, on the demo's 丁香社区: a grid split
 * by a drawn line, undone and redone, the parts merged back; a vertex shared by several grids
 * dragged, moving in all of them; an imported file that leaves a grid out becomes a draft with
 * a gap, which a snapped drawing fills exactly and a one-click fix fills into a neighbour; the
 * draft's what-if computed and the draft published; a second page's publish on the same grid refused as stale, then rebased;
 * the history with a restore into the draft.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { screenshot, startHarness, waitForBoot, type BrowserSession, type Harness } from './harness.ts'

type Position = [number, number]
interface Grid {
  code: string
  version: number | null
  name: string
  landUse: string
  managementLevel: number
  responsiblePerson: string
  responsibleBody: string
  geometry: { type: 'Polygon'; coordinates: Position[][] }
}

let harness: Harness
let session: BrowserSession

const COMMUNITY = '丁香社区'

async function grids(page: Page): Promise<Grid[]> {
  return (await page.evaluate('window.__urbangrid.gridEditor.grids()')) as Grid[]
}

async function selection(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__urbangrid.gridEditor.selection()')) as string[]
}

/** Page coordinates of a WGS84 position on the editor's map. */
async function at(page: Page, position: Position): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(`window.__urbangrid.gridEditor.project(${JSON.stringify(position)})`)) as { x: number; y: number }
  const box = await page.getByTestId('grid-editor-map').boundingBox()
  return { x: box!.x + point.x, y: box!.y + point.y }
}

const ring = (grid: Grid) => grid.geometry.coordinates[0].slice(0, -1)
const centre = (grid: Grid): Position => {
  const points = ring(grid)
  return [points.reduce((sum, p) => sum + p[0], 0) / points.length, points.reduce((sum, p) => sum + p[1], 0) / points.length]
}
const box = (grid: Grid) => {
  const points = ring(grid)
  return { w: Math.min(...points.map((p) => p[0])), e: Math.max(...points.map((p) => p[0])), s: Math.min(...points.map((p) => p[1])), n: Math.max(...points.map((p) => p[1])) }
}
const key = (p: Position) => `${p[0]},${p[1]}`

/** How many grids use each vertex. */
function vertexUse(all: Grid[]): Map<string, { position: Position; codes: string[] }> {
  const uses = new Map<string, { position: Position; codes: string[] }>()
  for (const grid of all) {
    for (const position of new Map(ring(grid).map((p) => [key(p), p])).values()) {
      const entry = uses.get(key(position)) ?? { position, codes: [] }
      entry.codes.push(grid.code)
      uses.set(key(position), entry)
    }
  }
  return uses
}

/** A grid whose vertices are all shared with others: surrounded, inside the community. */
function innerGrid(all: Grid[], skip: Set<string> = new Set()): Grid {
  const uses = vertexUse(all)
  const inner = all.filter((grid) => !skip.has(grid.code) && ring(grid).every((p) => (uses.get(key(p))?.codes.length ?? 0) >= 2))
  expect(inner.length).toBeGreaterThan(0)
  return inner[Math.floor(inner.length / 2)]
}

async function openScope(page: Page) {
  await page.locator('[data-workspace=grids]').first().click()
  await page.getByTestId('grids-workspace').waitFor()
  await page.getByTestId('grid-scope').click()
  await page.keyboard.type('丁香')
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: COMMUNITY }).first().click()
  await page.waitForFunction('(window.__urbangrid?.gridEditor?.grids() ?? []).length > 0', undefined, { timeout: 60_000 })
  await page.locator('[data-testid=grid-editor-map][data-map-idle=true]').waitFor({ timeout: 60_000 })
}

async function clickGrid(page: Page, grid: Grid, modifier?: 'Shift' | 'Alt') {
  const point = await at(page, centre(grid))
  if (modifier) await page.keyboard.down(modifier)
  await page.mouse.click(point.x, point.y)
  if (modifier) await page.keyboard.up(modifier)
}

async function message(page: Page): Promise<string> {
  const alert = page.getByTestId('grid-editor-message')
  await alert.waitFor({ timeout: 20_000 })
  return (await alert.textContent()) ?? ''
}

async function tool(page: Page, name: string) {
  await page.locator('.grid-editor-toolbar .ant-segmented-item', { hasText: name }).click()
}

async function tab(page: Page, name: string | RegExp) {
  await page.locator('.grid-editor-side .ant-tabs-tab', { hasText: name }).click()
}

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open({ viewport: { width: 1600, height: 1000 } })
  await session.page.goto(harness.url)
  await waitForBoot(session.page)
  await openScope(session.page)
})

afterAll(async () => {
  await harness?.close()
})

describe('grid editor', () => {
  let count = 0
  let splitCodes: string[] = []

  test('splits a grid by a drawn line; undo and redo take it back and again', async () => {
    const { page } = session
    const before = await grids(page)
    count = before.length
    expect(count).toBeGreaterThan(10)
    const target = innerGrid(before)
    await clickGrid(page, target)
    await expect.poll(() => selection(page)).toEqual([target.code])
    await tool(page, '拆分')
    const b = box(target)
    const y = (b.s + b.n) / 2
    const width = b.e - b.w
    const start = await at(page, [b.w - width * 0.3, y])
    const end = await at(page, [b.e + width * 0.3, y])
    // Alt: no snapping, the line goes exactly where it is drawn.
    await page.keyboard.down('Alt')
    await page.mouse.click(start.x, start.y)
    await page.mouse.dblclick(end.x, end.y)
    await page.keyboard.up('Alt')
    expect(await message(page)).toContain('拆分网格')
    const after = await grids(page)
    expect(after.length).toBe(count + 1)
    splitCodes = after.map((grid) => grid.code).filter((code) => !before.some((grid) => grid.code === code))
    expect(splitCodes).toHaveLength(1)
    // The larger part keeps the code; the new one takes the next free sequence of the community.
    expect(splitCodes[0].slice(0, 12)).toBe(target.code.slice(0, 12))
    splitCodes.unshift(target.code)
    await screenshot(page, 'grids-split')
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await grids(page)).length).toBe(count)
    await page.keyboard.press('Control+y')
    await expect.poll(async () => (await grids(page)).length).toBe(count + 1)
  })

  test('merges the two parts again, showing first which code survives', async () => {
    const { page } = session
    await tool(page, '选择')
    const all = await grids(page)
    const [kept, other] = splitCodes.map((code) => all.find((grid) => grid.code === code)!)
    await clickGrid(page, kept)
    await clickGrid(page, other, 'Shift')
    await expect.poll(async () => (await selection(page)).sort()).toEqual([...splitCodes].sort())
    await page.getByTestId('merge-button').click()
    const preview = page.getByTestId('merge-preview')
    await preview.waitFor()
    expect(await preview.textContent()).toContain(`保留编码 ${kept.code}`)
    await screenshot(page, 'grids-merge-preview')
    await page.getByTestId('merge-confirm').click()
    expect(await message(page)).toContain('合并')
    await expect.poll(async () => (await grids(page)).length).toBe(count)
  })

  test('drags a vertex shared by several grids: it moves in every grid that uses it', async () => {
    const { page } = session
    await page.keyboard.press('Escape')
    await tool(page, '顶点')
    const all = await grids(page)
    const uses = vertexUse(all)
    const inner = innerGrid(all, new Set(splitCodes))
    const shared = ring(inner)
      .map((p) => uses.get(key(p))!)
      .sort((a, b) => b.codes.length - a.codes.length)[0]
    expect(shared.codes.length).toBeGreaterThanOrEqual(3)
    const from = await at(page, shared.position)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(from.x + 6, from.y + 5, { steps: 4 })
    await page.mouse.up()
    expect(await message(page)).toContain('移动顶点')
    const moved = await grids(page)
    const stillThere = moved.filter((grid) => ring(grid).some((p) => key(p) === key(shared.position)))
    expect(stillThere).toHaveLength(0)
    // The grids that shared it share the new position, all of them.
    const newUses = vertexUse(moved)
    const candidates = [...newUses.values()].filter((entry) => entry.codes.length === shared.codes.length && entry.codes.every((code) => shared.codes.includes(code)))
    expect(candidates.some((entry) => Math.abs(entry.position[0] - shared.position[0]) < 0.001 && Math.abs(entry.position[1] - shared.position[1]) < 0.001)).toBe(true)
    await screenshot(page, 'grids-vertex-moved')
  })

  let removed: Grid
  test('an imported file becomes a draft: the grid it leaves out is a gap, a snapped drawing fills it exactly', async () => {
    const { page } = session
    await tool(page, '选择')
    const all = await grids(page)
    removed = innerGrid(all, new Set(splitCodes))
    const directory = mkdtempSync(join(tmpdir(), 'grids-import-'))
    const file = join(directory, '丁香社区网格.geojson')
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: all
          .filter((grid) => grid.code !== removed.code)
          .map((grid) => ({
            type: 'Feature',
            properties: {
              code: grid.code,
              name: grid.name,
              land_use: grid.landUse,
              management_level: grid.managementLevel,
              responsible_person: grid.responsiblePerson,
              responsible_body: grid.responsibleBody,
            },
            geometry: grid.geometry,
          })),
      }),
    )
    await tab(page, '导入导出')
    await page.locator('.files-panel input[type=file]').setInputFiles(file)
    await page.getByTestId('import-report').waitFor()
    await expect.poll(async () => (await grids(page)).length).toBe(count - 1)
    await tab(page, /^问题/)
    const gap = page.locator('[data-testid=grid-issue][data-type=gap]')
    await gap.first().waitFor({ timeout: 20_000 })
    expect(await gap.first().textContent()).toContain('空隙')
    await screenshot(page, 'grids-import-gap')

    // Draw around the gap, each click within a few pixels of a corner: snapping puts it on the vertex.
    await tool(page, '绘制')
    const corners = ring(removed)
    for (const corner of corners) {
      const point = await at(page, corner)
      await page.mouse.click(point.x + 3, point.y - 2)
    }
    const first = await at(page, corners[0])
    await page.mouse.click(first.x + 2, first.y + 2)
    expect(await message(page)).toContain('新建网格')
    await expect.poll(async () => (await grids(page)).length).toBe(count)
    await expect.poll(() => page.locator('[data-testid=grid-issue][data-type=gap]').count()).toBe(0)
    await screenshot(page, 'grids-gap-drawn')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('[data-testid=grid-issue][data-type=gap]').count()).toBeGreaterThan(0)
  })

  test('a one-click fix fills the gap into a neighbour, as one undoable step', async () => {
    const { page } = session
    await tool(page, '选择')
    const fix = page.locator('[data-testid=grid-issue][data-type=gap] button', { hasText: '并入' }).first()
    await fix.click()
    await expect.poll(() => page.locator('[data-testid=grid-issue][data-type=gap]').count()).toBe(0)
    expect(await message(page)).toContain('填补空隙')
    await screenshot(page, 'grids-gap-fixed')
  })

  test('publishes the draft in one call; the history shows the new version', async () => {
    const { page } = session
    await tab(page, '发布')
    // The what-if: last 12 months' cases, back-street metres and facilities per changed grid, before → after.
    await page.getByTestId('whatif-panel').getByRole('button', { name: '计算影响' }).click()
    const summary = page.getByTestId('whatif-summary')
    await summary.waitFor({ timeout: 60_000 })
    expect(await summary.textContent()).toMatch(/近 12 个月 [\d,]+ 件案件中，[\d,]+ 件的所属网格将改变/)
    expect(await page.getByTestId('whatif-panel').locator('tbody tr').count()).toBeGreaterThan(0)
    await screenshot(page, 'grids-whatif')
    await page.getByTestId('publish-reason').fill('按 2026 年网格调整方案修改丁香社区网格')
    const blockers = page.getByTestId('publish-blockers')
    if ((await blockers.count()) > 0) throw new Error(`publish blocked: ${await blockers.textContent()}`)
    await page.getByTestId('publish-button').click()
    const outcome = page.getByTestId('publish-outcome')
    await outcome.waitFor({ timeout: 60_000 })
    expect(await outcome.textContent()).toContain('已发布')
    await screenshot(page, 'grids-published')
    await page.waitForFunction('(window.__urbangrid?.gridEditor?.grids() ?? []).some((grid) => grid.version > 1)', undefined, { timeout: 60_000 })
  })

  test("a second page's publish on the same grid is refused as stale and can be rebased", async () => {
    const { page } = session
    const second = await session.context.newPage()
    await second.goto(harness.url)
    await waitForBoot(second)
    await openScope(second)
    const all = await grids(second)
    const target = innerGrid(all, new Set(splitCodes))
    for (const p of [second, page]) {
      await p.bringToFront()
      await tool(p, '选择')
      await clickGrid(p, target)
      await expect.poll(() => selection(p)).toEqual([target.code])
      await tab(p, '属性')
      await p.getByTestId('attribute-panel').getByLabel('网格责任人').fill(p === page ? '张立' : '王芳')
      await p.getByTestId('attribute-apply').click()
    }
    // The first page publishes first.
    await tab(page, '发布')
    await page.getByTestId('publish-reason').fill('更换网格责任人')
    await page.getByTestId('publish-button').click()
    await expect.poll(async () => (await page.getByTestId('publish-outcome').textContent()) ?? '', { timeout: 60_000 }).toContain('已发布')
    // The second, based on the version the first replaced, is refused naming the grid.
    await second.bringToFront()
    await tab(second, '发布')
    await second.getByTestId('publish-reason').fill('更换网格责任人')
    await second.getByTestId('publish-button').click()
    const refused = second.getByTestId('publish-outcome')
    await expect.poll(async () => (await refused.textContent()) ?? '', { timeout: 60_000 }).toContain('已被他人修改')
    expect(await refused.textContent()).toContain(target.code)
    await screenshot(second, 'grids-stale-refused')
    // Rebase: reload, see what changed, restore the draft onto the new version and publish.
    await second.getByTestId('rebase-reload').click()
    const stale = second.getByTestId('draft-stale')
    await stale.waitFor({ timeout: 60_000 })
    expect(await stale.textContent()).toContain(target.code)
    await screenshot(second, 'grids-rebase-offer')
    await second.getByTestId('draft-rebase').click()
    await tab(second, '发布')
    await second.getByTestId('publish-reason').fill('更换网格责任人（变基后）')
    await second.getByTestId('publish-button').click()
    await expect.poll(async () => (await second.getByTestId('publish-outcome').textContent()) ?? '', { timeout: 60_000 }).toContain('已发布')
    await second.close()
  })

  test('the history of a grid lists its versions; an old one is restored into the draft', async () => {
    const { page } = session
    await page.bringToFront()
    await page.reload()
    await waitForBoot(page)
    await page.getByTestId('grids-workspace').waitFor()
    await page.waitForFunction('(window.__urbangrid?.gridEditor?.grids() ?? []).length > 0', undefined, { timeout: 60_000 })
    await page.locator('[data-testid=grid-editor-map][data-map-idle=true]').waitFor({ timeout: 60_000 })
    const all = await grids(page)
    const changed = all.filter((grid) => (grid.version ?? 0) >= 3)
    expect(changed.length).toBeGreaterThan(0)
    await clickGrid(page, changed[0])
    await expect.poll(() => selection(page)).toEqual([changed[0].code])
    await tab(page, '历史')
    const versions = page.getByTestId('history-version')
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3)
    expect(await page.getByTestId('before-after').count()).toBeGreaterThan(0)
    await screenshot(page, 'grids-history')
    await versions.last().getByRole('button', { name: '恢复为草稿' }).click()
    expect(await message(page)).toContain('恢复')
    await expect.poll(async () => (await page.getByTestId('draft-status').getAttribute('data-state')) ?? '').not.toBe('clean')
  })
})
