/**
 * E2E harness: serves the built app (`dist/`, built by `npm run test:e2e` before vitest
 * runs) with Vite's preview server on a free port and drives Debian's Chromium through
 * playwright-core. Every request that does not go to this machine is blocked, so the suite
 * also proves the app works offline.
 *
 *   const harness = await startHarness()
 *   const session = await harness.open()          // fresh profile = empty IndexedDB
 *   await session.page.goto(harness.url)
 *   await waitForBoot(session.page)
 *   await screenshot(session.page, 'overview')    // tests/e2e/screenshots/overview.png
 *   expect(session.errors()).toEqual([])
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { DEMO_TODAY_KEY } from '../../src/data/embedded/demo-clock.ts'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests/e2e/screenshots')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface OpenOptions {
  /** reuse a profile directory (IndexedDB, localStorage) from an earlier session */
  userDataDir?: string
  viewport?: { width: number; height: number }
  /** extra Chromium flags, e.g. for WebGL in a headless run */
  args?: string[]
  /**
   * The day the embedded demo believes it is opened on (src/data/embedded/demo-clock.ts).
   * Default: 2026-11-01, the day after the demo's last case, so nothing moves and the
   * figures the tests check do not depend on the day they run; null: today, as a user gets it.
   */
  demoToday?: string | null
}

/** The demo's own next day: its timeline is left where the generator put it. */
export const DEMO_DATA_NEXT_DAY = '2026-11-01'

export interface BrowserSession {
  context: BrowserContext
  page: Page
  userDataDir: string
  /** every URL requested since the session opened (or since `clearRequests()`) */
  requests: string[]
  clearRequests(): void
  /** URLs that were blocked because they left localhost */
  blocked: string[]
  /** console errors and uncaught page errors, in order */
  errors(): string[]
  /** ignore errors matching this pattern from now on (e.g. an expected 404) */
  allowErrors(pattern: RegExp): void
  /** closes the browser; deletes the profile unless `keepProfile` */
  close(options?: { keepProfile?: boolean }): Promise<void>
}

export interface Harness {
  url: string
  open(options?: OpenOptions): Promise<BrowserSession>
  close(): Promise<void>
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true
  try {
    const { hostname } = new URL(url)
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'
  } catch {
    return false
  }
}

/**
 * `distDir` serves another build than the repository's `dist/` (the browser bench compares
 * the build before a change with the one after it, served the same way).
 */
export async function startHarness({ distDir = join(REPO_ROOT, 'dist') }: { distDir?: string } = {}): Promise<Harness> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir} has no index.html: run \`npm run test:e2e\` (it builds first) or \`npx vite build\``)
  }
  const server: PreviewServer = await preview({
    root: REPO_ROOT,
    logLevel: 'warn',
    // Relative to the root: vite.config.ts's snapshot server joins it onto the root.
    build: { outDir: relative(REPO_ROOT, distDir) || '.' },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('preview server has no port')
  const url = `http://127.0.0.1:${address.port}/`
  const sessions = new Set<BrowserSession>()

  async function open(options: OpenOptions = {}): Promise<BrowserSession> {
    const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'urbangrid-e2e-'))
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    const demoToday = options.demoToday === undefined ? DEMO_DATA_NEXT_DAY : options.demoToday
    if (demoToday !== null) {
      await context.addInitScript(
        ([key, day]) => {
          try {
            window.localStorage.setItem(key, day)
          } catch {
            // about:blank has no storage; the app's pages do.
          }
        },
        [DEMO_TODAY_KEY, demoToday] as const,
      )
    }
    const requests: string[] = []
    const blocked: string[] = []
    const errors: string[] = []
    const allowed: RegExp[] = []
    const record = (message: string) => {
      if (!allowed.some((pattern) => pattern.test(message))) errors.push(message)
    }
    await context.route('**/*', (route) => {
      const target = route.request().url()
      if (isLocal(target)) return route.continue()
      blocked.push(target)
      return route.abort('blockedbyclient')
    })
    context.on('request', (request: Request) => requests.push(request.url()))
    const watch = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') record(`console: ${message.text()}`)
      })
      page.on('pageerror', (error) => record(`pageerror: ${error.message}`))
    }
    context.on('page', watch)
    const page = context.pages()[0] ?? (await context.newPage())
    if (context.pages()[0] === page) watch(page)
    const session: BrowserSession = {
      context,
      page,
      userDataDir,
      requests,
      clearRequests: () => {
        requests.length = 0
      },
      blocked,
      errors: () => [...errors],
      allowErrors: (pattern) => {
        allowed.push(pattern)
      },
      async close({ keepProfile = false } = {}) {
        sessions.delete(session)
        await context.close()
        if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true })
      },
    }
    sessions.add(session)
    return session
  }

  return {
    url,
    open,
    async close() {
      for (const session of [...sessions]) await session.close()
      await server.close()
    },
  }
}

/** Waits until the app's boot stage (html[data-boot-stage]) is `stage` (default: ready). */
export async function waitForBoot(page: Page, { stage = 'ready', timeout = 120_000 }: { stage?: string; timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const current = document.documentElement.dataset.bootStage
      if (current === 'error' && expected !== 'error') {
        throw new Error(`boot failed: ${document.querySelector('[data-testid=boot-error]')?.textContent ?? ''}`)
      }
      return current === expected
    },
    stage,
    { timeout, polling: 100 },
  )
}

/** Waits until the embedded database is completely saved in IndexedDB. */
export async function waitForPersisted(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.bootPersisted === 'true', undefined, { timeout, polling: 100 })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** The demo snapshot (not the PostGIS bundle beside it, which every start loads). */
export const SNAPSHOT_PATTERN = /\/demo\/urbangrid-demo[^/]*\.tar\.gz(\?|$)/

/** A fresh harness with one 1600×1000 page booted and on the 案件 workspace. */
export async function openCasesWorkspace(): Promise<{ harness: Harness; session: BrowserSession }> {
  const harness = await startHarness()
  const session = await harness.open({ viewport: { width: 1600, height: 1000 } })
  await session.page.goto(harness.url)
  await waitForBoot(session.page)
  await session.page.locator('[data-workspace=cases]').first().click()
  await session.page.getByTestId('workspace-cases').waitFor()
  return { harness, session }
}
