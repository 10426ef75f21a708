/**
 * What the browser bench measures in one page (bench/browser.bench.ts): a start (first frame,
 * all layers drawn, long tasks), one repaint of the settled view, and long tasks while a user
 * hovers, drags and zooms it; and a build's bundle sizes. The app and the bare MapLibre page
 * (bench/fixtures/bare-maplibre) mark the same points in `window.__urbangrid`, so both are
 * timed by the same code.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { waitForBoot } from '../tests/e2e/harness.ts'

export interface LongTask {
  start: number
  duration: number
}

export interface BootFigures {
  dbReadyMs: number | null
  firstFrameMs: number | null
  layersReadyMs: number | null
  longTasks: LongTask[]
}

export interface InteractionFigures {
  over: number
  longest: number
  tasks: number
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export const LONG_TASK_OBSERVER = () => {
  const tasks: { start: number; duration: number }[] = []
  ;(window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}

/**
 * Navigation → first frame and → all layers drawn (`layersReadyAt`). The app is waited for
 * through its boot stage first (the database may take minutes cold); the bare page has none.
 */
export async function measureBoot(page: Page, url: string, log: (message: string) => void, { app }: { app: boolean }): Promise<BootFigures> {
  await page.goto(url)
  if (app) await waitForBoot(page, { timeout: 300_000 })
  // Layers may finish after the database reports ready; give the map up to 60 s more.
  await page
    .waitForFunction(() => (window as unknown as { __urbangrid?: { layersReadyAt?: number } }).__urbangrid?.layersReadyAt !== undefined, undefined, {
      timeout: 60_000,
      polling: 100,
    })
    .catch(() => log('  (the map did not mark layersReadyAt)'))
  await page.waitForTimeout(500)
  return page.evaluate(() => {
    const map = (window as unknown as { __urbangrid?: { firstFrameAt?: number; layersReadyAt?: number } }).__urbangrid ?? {}
    const boot = (window as unknown as { __urbangridBoot?: Record<string, number> }).__urbangridBoot ?? {}
    const tasks = (window as unknown as { __longTasks?: { start: number; duration: number }[] }).__longTasks ?? []
    // the database answered: the first of 'layers' (map still drawing) and 'ready'
    const dbReady = Math.min(boot.layers ?? Infinity, boot.ready ?? Infinity)
    return { dbReadyMs: dbReady === Infinity ? null : dbReady, firstFrameMs: map.firstFrameAt ?? null, layersReadyMs: map.layersReadyAt ?? null, longTasks: tasks }
  })
}

/** Tasks over 200 ms after the first frame, and the longest such task. */
export function longTasksAfterFirstFrame(boot: BootFigures): { over: number; longest: number } {
  const after = boot.longTasks.filter((task) => boot.firstFrameMs === null || task.start >= boot.firstFrameMs)
  return { over: after.filter((task) => task.duration > 200).length, longest: after.reduce((max, task) => Math.max(max, task.duration), 0) }
}

export const REPAINTS = 15

/**
 * Milliseconds from asking the map for a repaint to the next animation frame after it, which
 * Chromium runs only once the repainted frame is committed (the commit waits for WebGL). The
 * median of REPAINTS; at least one display frame (~17 ms) even for an empty map.
 */
export async function measureRepaint(page: Page): Promise<number | null> {
  await page.waitForTimeout(2000)
  return page.evaluate(async (count) => {
    const repaint = (window as unknown as { __urbangrid?: { repaint?: () => void } }).__urbangrid?.repaint
    if (!repaint) return null
    // (No local function declarations here: tsx's name helper does not exist in the page.)
    const times: number[] = []
    for (let index = 0; index < count; index += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const start = performance.now()
      repaint()
      await new Promise((resolve) => requestAnimationFrame(resolve))
      await new Promise((resolve) => requestAnimationFrame(resolve))
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)]
  }, REPAINTS)
}

/** The map canvas's size in CSS pixels (the bare page is given the same). */
export async function mapCanvasSize(page: Page): Promise<{ width: number; height: number }> {
  const box = await page.locator('[data-testid=map] canvas.maplibregl-canvas').boundingBox()
  if (!box) throw new Error('no map canvas')
  return { width: Math.round(box.width), height: Math.round(box.height) }
}

/** A settled view used as a user would: hover across it, drag it about, zoom in and out. */
export async function measureInteraction(page: Page): Promise<InteractionFigures> {
  await page.waitForTimeout(1000)
  const box = await page.locator('[data-testid=map] canvas.maplibregl-canvas').boundingBox()
  if (!box) throw new Error('no map canvas to interact with')
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const
  const start = await page.evaluate(() => performance.now())
  for (let step = 0; step < 30; step += 1) {
    await page.mouse.move(...at(0.2 + step * 0.02, 0.3 + (step % 5) * 0.05))
    await page.waitForTimeout(120)
  }
  for (let drag = 0; drag < 6; drag += 1) {
    await page.mouse.move(...at(0.5, 0.5))
    await page.mouse.down()
    await page.mouse.move(...at(drag % 2 === 0 ? 0.56 : 0.44, drag % 2 === 0 ? 0.54 : 0.46), { steps: 6 })
    await page.mouse.up()
    await page.waitForTimeout(700)
  }
  await page.mouse.move(...at(0.5, 0.5))
  for (const delta of [-200, -200, -200, 200, 200, 200]) {
    await page.mouse.wheel(0, delta)
    await page.waitForTimeout(1200)
  }
  await page.waitForTimeout(1500)
  const durations = await page.evaluate(
    (since) => ((window as unknown as { __longTasks?: { start: number; duration: number }[] }).__longTasks ?? []).filter((task) => task.start >= since).map((task) => task.duration),
    start,
  )
  return { over: durations.filter((duration) => duration > 200).length, longest: Math.max(0, ...durations), tasks: durations.length }
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).byteLength

/**
 * JS gzip of what the first screen loaded: every script under assets/ that the page (and its
 * workers) requested by the time its layers were drawn, so the lazily loaded default
 * workspace counts and the other workspaces' chunks do not.
 */
export function firstScreenJavascript(distDir: string, requests: string[]): { gzip: number; files: number } {
  const names = new Set(requests.map((url) => /\/assets\/([^/?#]+\.m?js)(?:[?#]|$)/.exec(url)?.[1]).filter((name): name is string => name !== undefined))
  let gzip = 0
  for (const name of names) if (existsSync(join(distDir, 'assets', name))) gzip += gzipBytes(join(distDir, 'assets', name))
  return { gzip, files: names.size }
}

/** JS gzip of a whole build, and of its entry chunk. */
export function javascriptSizes(distDir: string) {
  const assets = join(distDir, 'assets')
  const entry = /<script type="module"[^>]*src="[^"]*\/assets\/([^"]+)"/.exec(readFileSync(join(distDir, 'index.html'), 'utf8'))?.[1]
  let jsGzip = 0
  let jsRaw = 0
  let entryGzip = 0
  for (const name of readdirSync(assets)) {
    if (!/\.m?js$/.test(name)) continue
    const file = join(assets, name)
    const gzip = gzipBytes(file)
    jsRaw += statSync(file).size
    jsGzip += gzip
    if (name === entry) entryGzip = gzip
  }
  return { jsGzip, jsRaw, entryGzip }
}

export function bundleSizes(distDir: string) {
  const assets = join(distDir, 'assets')
  const binary: Record<string, number> = {}
  for (const name of readdirSync(assets)) {
    if (/\.(wasm|data|gz)$/.test(name)) binary[name.replace(/-[\w-]{8}(?=\.)/, '')] = statSync(join(assets, name)).size
  }
  // The PostGIS bundle the worker loads is built with the demo (scripts/postgis-runtime.ts).
  const demo = join(distDir, 'demo')
  for (const name of readdirSync(demo)) {
    if (/^postgis-runtime-.*\.tar\.gz$/.test(name)) binary['postgis-runtime.tar.gz'] = statSync(join(demo, name)).size
  }
  const snapshot = join(demo, 'urbangrid-demo.tar.gz')
  // The district view's prepared layer answers (scripts/first-view.ts).
  const firstView = readdirSync(demo).find((name) => /^first-view-.*\.json$/.test(name))
  const firstViewFile = firstView ? join(demo, firstView) : null
  return {
    ...javascriptSizes(distDir),
    binary,
    snapshotBytes: existsSync(snapshot) ? statSync(snapshot).size : 0,
    firstViewBytes: firstViewFile ? statSync(firstViewFile).size : 0,
    firstViewGzip: firstViewFile ? gzipBytes(firstViewFile) : 0,
  }
}
