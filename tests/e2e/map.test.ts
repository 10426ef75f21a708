/**
 * The 总览 map in real Chromium against the production build, network blocked: every layer
 * draws (screenshot per layer, pixels compared with the bare basemap), toggling a layer
 * hides it, searching a grid code selects it, the URL restores a shared view, and the
 * console stays clean (which also proves MapLibre's worker loaded).
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SCREENSHOT_DIR, screenshot, startHarness, waitForBoot, type BrowserSession, type Harness } from './harness.ts'
import { GRID_OUTLINE_COLOURS } from '../../src/map/colours.ts'
import { MAP_CANVAS, differingPixels, distinctColours, mapScreenshot, medianColourAround, pixelsNear, pointBesideColour, pointOfColour } from './map-pixels.ts'

/** The hover highlight (src/map/colours.ts HIGHLIGHT_COLOUR). */
const HIGHLIGHT = [255, 215, 0] as const

const LAYERS = { grids: '网格', segments: '后街背巷', markets: '农贸市场', sites: '建筑工地', facilities: '环卫设施', incidents: '事件' } as const
type Layer = keyof typeof LAYERS

let harness: Harness
let session: BrowserSession

beforeAll(async () => {
  harness = await startHarness()
  session = await harness.open({ viewport: { width: 1400, height: 900 } })
})

afterAll(async () => {
  await harness?.close()
})

async function waitForLayersReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as { __urbangrid?: { layersReadyAt?: number } }).__urbangrid?.layersReadyAt !== undefined, undefined, {
    timeout: 120_000,
    polling: 200,
  })
}

/** Waits until no layer is fetching and the map has drawn what it was given. */
async function waitForMapSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('.layer-count[data-loading]').length === 0 && document.querySelector('[data-testid=map]')?.getAttribute('data-map-idle') === 'true',
    undefined,
    { timeout: 60_000, polling: 100 },
  )
  // One more frame pair so deck.gl's interleaved layers are on the canvas too.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

/** Navigates `page` to the map with these URL parameters and waits until it has drawn them. */
async function openMap(page: Page, params: Record<string, string>): Promise<void> {
  const url = new URL(harness.url)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  await page.goto(url.toString())
  await waitForBoot(page)
  await waitForMapSettled(page)
}

async function showOnly(page: Page, visible: Layer[]): Promise<void> {
  for (const [layer, name] of Object.entries(LAYERS) as [Layer, string][]) {
    const box = page.getByLabel(`显示${name}`, { exact: true })
    if ((await box.isChecked()) !== visible.includes(layer)) await box.setChecked(visible.includes(layer))
  }
  await waitForMapSettled(page)
}

async function layerCounts(page: Page): Promise<Record<string, string>> {
  const counts: Record<string, string> = {}
  for (const layer of Object.keys(LAYERS)) counts[layer] = (await page.getByTestId(`count-${layer}`).textContent()) ?? ''
  return counts
}

describe('总览 map workspace', () => {
  let basemap: Buffer

  test('the map draws the whole district with every default layer, offline', async () => {
    const { page } = session
    await page.goto(harness.url)
    await waitForBoot(page)
    await waitForLayersReady(page)
    await waitForMapSettled(page)
    const all = await mapScreenshot(page, join(SCREENSHOT_DIR, 'map-all-layers.png'))
    expect(await distinctColours(page, all)).toBeGreaterThan(100)
    // The heatmap (70 % opaque) lies under the street outlines: they keep their own colour.
    // (Drawn over them, it left ~150 pixels of that colour instead of ~11,000.)
    expect(await pixelsNear(page, all, [...GRID_OUTLINE_COLOURS.street])).toBeGreaterThan(3000)
    // Every layer reports a count (the heatmap its incident total).
    for (const layer of Object.keys(LAYERS)) {
      expect(await page.getByTestId(`count-${layer}`).textContent()).toMatch(/\d/)
    }
    expect(await page.getByTestId('count-incidents').textContent()).toContain('热力图')
    expect(session.blocked).toEqual([])
  })

  test('the basemap alone is not blank: background, district outline, roads', async () => {
    const { page } = session
    await showOnly(page, [])
    basemap = await mapScreenshot(page, join(SCREENSHOT_DIR, 'map-basemap.png'))
    expect(await distinctColours(page, basemap)).toBeGreaterThan(8)
  })

  for (const layer of Object.keys(LAYERS) as Layer[]) {
    test(`layer ${layer} draws, and toggling it off hides it`, async () => {
      const { page } = session
      await showOnly(page, [layer])
      const shown = await mapScreenshot(page, join(SCREENSHOT_DIR, `map-layer-${layer}.png`))
      expect(await differingPixels(page, basemap, shown)).toBeGreaterThan(1500)
      await showOnly(page, [])
      const hidden = await mapScreenshot(page)
      expect(await differingPixels(page, basemap, hidden)).toBeLessThan(300)
    })
  }

  test('searching a grid code flies there and selects the grid', async () => {
    const { page } = session
    await showOnly(page, Object.keys(LAYERS) as Layer[])
    const search = page.getByRole('searchbox', { name: '搜索' })
    // Find a real code first: every grid code starts with the district's 6 digits.
    await search.fill('329')
    const firstGrid = page.locator('.search-results button', { has: page.locator('.search-layer', { hasText: '单元网格' }) }).first()
    const code = (await firstGrid.locator('.search-code').textContent())!.trim()
    expect(code).toMatch(/^\d{15}$/)
    await search.fill(code)
    await search.press('Enter')
    const panel = page.getByTestId('inspect-panel')
    await panel.locator('[data-field=code] dd', { hasText: code }).waitFor()
    // The grid's incident count is a query of its own, answered after the grid itself.
    await panel.locator('[data-field=incidentCount] dd', { hasText: /\d/ }).waitFor()
    await waitForMapSettled(page)
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sel')?.startsWith('grid:') === true)
    await screenshot(page, 'map-search-grid')
  })

  test('the URL restores position, layers, filters and selection in a fresh page', async () => {
    const { page } = session
    // The view is written to the URL once the fly to the grid has ended (debounced): wait for
    // it rather than read the URL of a moment before (a loaded CI machine read zoom 12.34).
    const urlZoom = () => Number(new URLSearchParams(new URL(page.url()).search).get('map')?.split('/')[0] ?? 0)
    await expect.poll(urlZoom, { timeout: 30_000 }).toBeGreaterThan(15)
    const shared = page.url()
    const params = new URLSearchParams(new URL(shared).search)
    const [zoom] = params.get('map')!.split('/').map(Number)
    expect(zoom).toBeGreaterThan(15)
    const restored = new URL(shared)
    restored.searchParams.set('layers', 'grids,segments,incidents')
    restored.searchParams.set('seg', 'assignment')
    restored.searchParams.set('from', '2026-03-01')
    restored.searchParams.set('to', '2026-05-31')
    const second = await session.context.newPage()
    await second.goto(restored.toString())
    await waitForBoot(second)
    // A view the layer cache does not have: the database started at once, not after the
    // 4 s a second start would otherwise wait for the map's first view.
    await expect(second.evaluate(() => document.documentElement.dataset.databaseStart)).resolves.toBe('needed')
    await waitForLayersReady(second)
    await waitForMapSettled(second)
    await expect(second.getByLabel('显示农贸市场', { exact: true }).isChecked()).resolves.toBe(false)
    await expect(second.getByLabel('显示后街背巷', { exact: true }).isChecked()).resolves.toBe(true)
    await expect(second.locator('.layer-item[data-layer=segments] select').inputValue()).resolves.toBe('assignment')
    await expect(second.getByLabel('起始日期').inputValue()).resolves.toBe('2026-03-01')
    const code = params.get('sel')!
    expect(code).toMatch(/^grid:\d+$/)
    await second.getByTestId('inspect-panel').locator('[data-field=code] dd').waitFor()
    // Zoomed in past 15: incidents are points, loaded for the viewport and the date range only.
    await expect(second.getByTestId('count-incidents').textContent()).resolves.not.toContain('热力图')
    const restoredZoom = Number(new URLSearchParams(new URL(second.url()).search).get('map')!.split('/')[0])
    expect(Math.abs(restoredZoom - zoom)).toBeLessThan(0.05)
    await screenshot(second, 'map-url-restored-incident-points')
    // Clicking the map selects what is under the pointer (the grids cover the district).
    await second.getByRole('button', { name: '关闭' }).click()
    await expect(second.getByTestId('inspect-panel').count()).resolves.toBe(0)
    const box = (await second.locator('[data-testid=map]').boundingBox())!
    await second.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.7)
    await second.getByTestId('inspect-panel').waitFor()
    await second.waitForFunction(() => new URLSearchParams(location.search).has('sel'))
    await screenshot(second, 'map-click-inspect')
    await second.close()
  })

  test('a thin back-street segment is picked a few pixels beside its line', async () => {
    const page = await session.context.newPage()
    try {
      await openMap(page, { map: '15.50/32.47000/119.90000', layers: 'segments' })
      const png = await mapScreenshot(page)
      // 一级 segments are red; 4 px to the right of one is background, not the line.
      const beside = await pointBesideColour(page, png, [214, 39, 40], 4)
      expect(beside).not.toBeNull()
      const box = (await page.locator(MAP_CANVAS).boundingBox())!
      await page.mouse.click(box.x + beside!.x, box.y + beside!.y)
      await page.getByTestId('inspect-panel').waitFor()
      await expect(page.getByTestId('inspect-panel').locator('.inspect-kind').textContent()).resolves.toBe('保洁路段')
    } finally {
      await page.close()
    }
  })

  test('hovering a facility symbol or a grid highlights it and shows a pointer', async () => {
    const page = await session.context.newPage()
    const cursor = () => page.locator(MAP_CANVAS).evaluate((canvas) => (canvas as HTMLElement).style.cursor)
    const hover = async (x: number, y: number) => {
      const box = (await page.locator(MAP_CANVAS).boundingBox())!
      await page.mouse.move(box.x + x, box.y + y, { steps: 2 })
      await waitForMapSettled(page)
    }
    try {
      await openMap(page, { map: '15.50/32.47000/119.90000', layers: 'facilities' })
      const before = await mapScreenshot(page)
      // 垃圾装车点 (the most numerous kind) are teal discs.
      const symbol = await pointOfColour(page, before, [0, 121, 107])
      expect(symbol).not.toBeNull()
      await hover(symbol!.x, symbol!.y)
      expect(await cursor()).toBe('pointer')
      const highlighted = await mapScreenshot(page, join(SCREENSHOT_DIR, 'map-hover-facility.png'))
      expect(await differingPixels(page, before, highlighted)).toBeGreaterThan(20)
      // A halo in the highlight colour, around that symbol (and nowhere else: none before).
      expect(await pointOfColour(page, before, [255, 215, 0])).toBeNull()
      const halo = await pointOfColour(page, highlighted, [255, 215, 0])
      expect(halo).not.toBeNull()
      expect(Math.hypot(halo!.x - symbol!.x, halo!.y - symbol!.y)).toBeLessThan(20)
      const box = (await page.locator(MAP_CANVAS).boundingBox())!
      await page.mouse.click(box.x + symbol!.x, box.y + symbol!.y)
      await expect.poll(() => page.getByTestId('inspect-panel').locator('.inspect-kind').textContent()).toBe('环卫设施')
      await expect.poll(() => page.getByTestId('inspect-panel').textContent()).toContain('垃圾装车点')
      await hover(symbol!.x + 150, symbol!.y + 150)
      if ((await cursor()) === 'pointer') await hover(20, 20)
      expect(await cursor()).not.toBe('pointer')

      await openMap(page, { map: '13.50/32.47000/119.90000', layers: 'grids' })
      const plain = await mapScreenshot(page)
      await hover(box.width / 2, box.height / 2)
      expect(await cursor()).toBe('pointer')
      // The hovered community fills with the highlight colour: under the pointer, the colour
      // there before blended with the highlight at the hover fill's opacity (0.22, over the
      // plain fill's 0.02) — not merely some pixels changed (an outline alone changes ~1,900).
      const hoveredShot = await mapScreenshot(page, join(SCREENSHOT_DIR, 'map-hover-grid.png'))
      const [beforeFill, afterFill] = await Promise.all([plain, hoveredShot].map((png) => medianColourAround(page, png, box.width / 2, box.height / 2, 20)))
      const expected = beforeFill.map((channel, index) => channel + (HIGHLIGHT[index] - channel) * 0.2)
      const off = afterFill.reduce((sum, channel, index) => sum + Math.abs(channel - expected[index]), 0)
      expect(off, `hovered fill ${afterFill} vs expected ${expected.map(Math.round)} (before ${beforeFill})`).toBeLessThan(30)
    } finally {
      await page.close()
    }
  })

  test('markets and construction sites (one shared map source) are hovered and picked as themselves', async () => {
    const page = await session.context.newPage()
    try {
      await openMap(page, { layers: 'markets,sites' })
      const png = await mapScreenshot(page)
      const box = (await page.locator(MAP_CANVAS).boundingBox())!
      // Fills at 60 % / 55 % over the background: a market's teal, an active site's orange.
      for (const [colour, kind] of [
        [[95, 186, 175], '农贸市场'],
        [[233, 188, 105], '建筑工地'],
      ] as const) {
        const point = await pointOfColour(page, png, [...colour])
        expect(point, kind).not.toBeNull()
        await page.mouse.move(box.x + point!.x, box.y + point!.y)
        await page.waitForFunction((selector) => (document.querySelector(selector) as HTMLElement | null)?.style.cursor === 'pointer', MAP_CANVAS)
        await page.mouse.click(box.x + point!.x, box.y + point!.y)
        await expect.poll(() => page.getByTestId('inspect-panel').locator('.inspect-kind').textContent()).toBe(kind)
      }
    } finally {
      await page.close()
    }
  })

  test('a second start draws the last layers from IndexedDB while the database boots, then asks the database again', async () => {
    const { page, context } = session
    await page.goto(harness.url)
    await waitForBoot(page)
    await waitForLayersReady(page)
    await waitForMapSettled(page)
    const before = await layerCounts(page)
    // The layer cache is saved a quiet second after the last layer answer.
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('urbangrid-layer-cache')
          open.onerror = () => resolve(false)
          open.onsuccess = () => {
            const db = open.result
            if (!db.objectStoreNames.contains('records')) return resolve(false)
            const read = db.transaction('records').objectStore('records').get('layers')
            read.onsuccess = () => resolve(read.result !== undefined)
            read.onerror = () => resolve(false)
          }
        }),
      undefined,
      { timeout: 30_000, polling: 250 },
    )
    // However slowly the database starts (its WASM held back 4 s), the map does not wait for it.
    const slowDatabase = /\/assets\/pglite-[^/]*\.wasm$/
    await context.route(slowDatabase, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 4000))
      await route.continue()
    })
    try {
      await page.reload()
      await waitForLayersReady(page)
      await screenshot(page, 'map-second-start-from-cache')
      const drawnWhile = await page.evaluate(() => document.documentElement.dataset.bootStage)
      expect(['manifest', 'opening']).toContain(drawnWhile)
      const all = await mapScreenshot(page)
      expect(await distinctColours(page, all)).toBeGreaterThan(100)
      await waitForBoot(page)
      await waitForMapSettled(page)
      const marks = await page.evaluate(() => ({
        layersReadyAt: (window as { __urbangrid?: { layersReadyAt?: number } }).__urbangrid?.layersReadyAt ?? Infinity,
        databaseReadyAt: (window as { __urbangridBoot?: Record<string, number> }).__urbangridBoot?.ready ?? 0,
        databaseStartAt: (window as { __urbangridBoot?: Record<string, number> }).__urbangridBoot?.databaseStart ?? 0,
        databaseStart: document.documentElement.dataset.databaseStart,
      }))
      expect(marks.layersReadyAt).toBeLessThan(marks.databaseReadyAt)
      // The database boots once the cached view is drawn (the map and the database do not
      // compete for the CPU), unless the 4 s safety net of a slow machine came first.
      expect(['first-view', 'timeout']).toContain(marks.databaseStart)
      if (marks.databaseStart === 'first-view') expect(marks.databaseStartAt).toBeGreaterThanOrEqual(marks.layersReadyAt)
      // Revalidated from the database: the same figures as on the first start.
      expect(await layerCounts(page)).toEqual(before)
    } finally {
      await context.unroute(slowDatabase)
    }
  })

  test('a first start draws the district from the answers prepared with the demo build, then asks the database again', async () => {
    const first = await harness.open({ viewport: { width: 1400, height: 900 } })
    // The database is held back 4 s: the map must not wait for it.
    const slowDatabase = /\/assets\/pglite-[^/]*\.wasm$/
    await first.context.route(slowDatabase, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 4000))
      await route.continue()
    })
    try {
      const { page } = first
      await page.goto(harness.url)
      await waitForLayersReady(page)
      const drawnWhile = await page.evaluate(() => document.documentElement.dataset.bootStage)
      expect(['manifest', 'downloading', 'opening']).toContain(drawnWhile)
      expect(first.requests.some((url) => /\/demo\/first-view-[0-9a-f]+\.json$/.test(url))).toBe(true)
      await screenshot(page, 'map-first-start-prepared')
      expect(await distinctColours(page, await mapScreenshot(page))).toBeGreaterThan(100)
      const prepared = await layerCounts(page)
      await waitForBoot(page)
      await waitForMapSettled(page)
      // Revalidated from the database: the same figures.
      expect(await layerCounts(page)).toEqual(prepared)
      expect(first.errors()).toEqual([])
    } finally {
      await first.close()
    }
  })

  test('the inspect panel fetches what a 社区, a facility and a segment are asked about', async () => {
    const page = await session.context.newPage()
    const panel = page.getByTestId('inspect-panel')
    const field = (name: string) => panel.locator(`[data-field=${name}] dd`)
    try {
      await openMap(page, { map: '13.50/32.47000/119.90000', layers: 'grids' })
      const box = (await page.locator(MAP_CANVAS).boundingBox())!
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      await expect.poll(() => panel.locator('.inspect-kind').textContent()).toBe('社区')
      await expect.poll(() => field('gridCount').textContent()).toMatch(/^\d+$/)
      await expect.poll(() => field('backStreets').textContent()).toMatch(/条，\d+ 段，共 [\d.]+ 千米$/)
      await expect.poll(() => field('incidentsInPeriod').textContent()).toMatch(/^[\d,]+$/)
      await expect.poll(() => field('facilities').textContent()).toMatch(/公厕|垃圾装车点/)
      await screenshot(page, 'map-inspect-community')

      await openMap(page, { map: '15.50/32.47000/119.90000', layers: 'facilities' })
      const symbol = await pointOfColour(page, await mapScreenshot(page), [0, 121, 107])
      expect(symbol).not.toBeNull()
      await page.mouse.click(box.x + symbol!.x, box.y + symbol!.y)
      await expect.poll(() => panel.locator('.inspect-kind').textContent()).toBe('环卫设施')
      // Its grid by code and name, and where it is in words: no bare "地方扩展类别：是".
      await expect.poll(() => field('grid').textContent()).toMatch(/^\d{15} \S+/)
      await expect.poll(() => field('community').textContent()).toMatch(/社区$/)
      await expect.poll(() => field('componentCode').textContent()).toMatch(/^03905 垃圾装车点（地方扩展类别）$/)
      expect(await panel.locator('[data-field=localExtension]').count()).toBe(0)
      await screenshot(page, 'map-inspect-facility')
    } finally {
      await page.close()
    }
  })

  test('视频监控点: a layer module end to end — toggle, count, legend, hover, inspect by id, search by name', async () => {
    const page = await session.context.newPage()
    const panel = page.getByTestId('inspect-panel')
    try {
      await openMap(page, { layers: 'cameras' })
      const item = page.locator('.layer-item[data-layer=cameras]')
      await expect.poll(() => page.getByTestId('count-cameras').textContent()).toMatch(/^\d{3} 个$/)
      await expect.poll(() => item.locator('.legend').textContent()).toContain('视频监控点')
      expect(await item.locator('.legend img').count()).toBe(1)
      const shown = await mapScreenshot(page, join(SCREENSHOT_DIR, 'map-layer-cameras.png'))
      // The camera body's purple (src/layers/cameras.layer.ts), drawn only by this layer.
      const symbol = await pointOfColour(page, shown, [74, 20, 140])
      expect(symbol).not.toBeNull()
      const box = (await page.locator(MAP_CANVAS).boundingBox())!
      await page.mouse.move(box.x + symbol!.x, box.y + symbol!.y, { steps: 2 })
      await page.waitForFunction((selector) => (document.querySelector(selector) as HTMLElement | null)?.style.cursor === 'pointer', MAP_CANVAS)
      await waitForMapSettled(page)
      const hovered = await mapScreenshot(page, join(SCREENSHOT_DIR, 'map-hover-camera.png'))
      const halo = await pointOfColour(page, hovered, [255, 215, 0])
      expect(halo).not.toBeNull()
      expect(Math.hypot(halo!.x - symbol!.x, halo!.y - symbol!.y)).toBeLessThan(20)
      await page.mouse.click(box.x + symbol!.x, box.y + symbol!.y)
      await expect.poll(() => panel.locator('.inspect-kind').textContent()).toBe('视频监控点')
      await expect.poll(() => panel.locator('[data-field=cameraCode] dd').textContent()).toMatch(/^\d{20}$/)
      // Fetched by id: its grid and the count of video cases within 100 m.
      await expect.poll(() => panel.locator('[data-field=grid] dd').textContent()).toMatch(/^\d{15}$/)
      await expect.poll(() => panel.locator('[data-field=videoCaseCount] dd').textContent()).toMatch(/^\d+$/)
      const name = (await panel.locator('[data-field=name] dd').textContent())!.trim()
      expect(name).toMatch(/监控点$/)
      await page.waitForFunction(() => new URLSearchParams(location.search).get('sel')?.startsWith('camera:') === true)
      await screenshot(page, 'map-inspect-camera')

      await panel.getByRole('button', { name: '关闭' }).click()
      const search = page.getByRole('searchbox', { name: '搜索' })
      await search.fill(name)
      const hit = page.locator('.search-results button', { has: page.locator('.search-layer', { hasText: '视频监控点' }) }).first()
      await hit.waitFor()
      await hit.click()
      await expect.poll(() => panel.locator('[data-field=name] dd').textContent()).toBe(name)
      await waitForMapSettled(page)
      await screenshot(page, 'map-search-camera')

      await page.getByLabel('显示视频监控点', { exact: true }).setChecked(false)
      await waitForMapSettled(page)
      await page.getByRole('button', { name: '关闭' }).click()
      await waitForMapSettled(page)
      expect(await pointOfColour(page, await mapScreenshot(page), [74, 20, 140])).toBeNull()
    } finally {
      await page.close()
    }
  })

  test('the browser console has no errors', () => {
    expect(session.errors()).toEqual([])
  })
})
