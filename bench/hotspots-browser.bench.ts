/**
 * 热点分析 in headless Chromium (`npm run bench -- hotspots-browser`, issue 17): the time from a
 * change of the period or the category to the settled workspace — both periods read, units
 * counted, Gi* (with FDR) run, the map's hot spot layer drawn (MapLibre idle), the ranking
 * rendered — against the 总览's own filter change (the date range: incident counts refetched,
 * heatmap and layers redrawn, map idle), measured the same way in the same session,
 * alternating. Timed from the action in the page to the condition, polled every animation frame.
 * N rounds (`--runs=N`, default 5): medians, each round's value beside.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { REPO_ROOT, startHarness, waitForBoot } from '../tests/e2e/harness.ts'
import { result, type Bench } from './bench.ts'
import { median } from './browser-measure.ts'

function runCount(): number {
  const argument = process.argv.find((value) => value.startsWith('--runs='))
  const runs = argument ? Number(argument.slice('--runs='.length)) : 5
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not ${argument}`)
  return runs
}

/** Milliseconds from `act` to the moment `settled` holds in the page (checked every frame after the map went busy). */
async function timeUntilSettled(page: Page, canvas: string, act: () => Promise<void>, settled: string): Promise<number> {
  await page.evaluate(`(() => {
    window.__benchStart = performance.now()
    document.querySelector(${JSON.stringify(canvas)}).dataset.mapIdle = 'pending'
  })()`)
  await act()
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const element = document.querySelector(${JSON.stringify(canvas)})
      // 'pending' until the map has gone busy and come back to idle with the new data.
      if (element.dataset.mapIdle === 'true' && (${settled})) resolve(performance.now() - window.__benchStart)
      else requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  })`) as Promise<number>
}

const OVERVIEW_SETTLED = `!document.querySelector('[data-loading]')`
/** A different choice each round, so no round is answered from the previous one's cache. */
const PRESETS = ['上季度', '上月', '近 30 天', '本季度', '近 7 天', '本月']
const CATEGORIES = ['06', '09', '01', '02', '03', '04']
const DAYS = ['2026-07-01', '2026-08-01', '2026-06-01', '2026-09-01', '2026-05-01', '2026-04-01']
const HOTSPOTS_SETTLED = `![...document.querySelectorAll('[role=status]')].some((node) => node.textContent.includes('正在读取与计算')) && !!document.querySelector('[data-testid=hotspots-bins]') && !!document.querySelector('[data-testid=hotspots-ranking] tbody tr.ant-table-row')`

const hotspotsBrowserBench: Bench = {
  name: 'hotspots-browser',
  async run(log) {
    if (!existsSync(join(REPO_ROOT, 'dist', 'index.html'))) {
      log('  building the app (dist/ missing)…')
      await build({ root: REPO_ROOT, logLevel: 'warn' })
    }
    const runs = runCount()
    const harness = await startHarness()
    const overview: number[] = []
    const period: number[] = []
    const category: number[] = []
    try {
      const session = await harness.open({ viewport: { width: 1600, height: 1000 } })
      const { page } = session
      await page.goto(harness.url)
      await waitForBoot(page)
      await page.locator('.overview-map-canvas[data-map-idle=true]').waitFor({ timeout: 120_000 })
      const from = page.locator('.filter-range input[type=date]').first()
      // Workspaces unmount when left: each round changes the overview, then the hotspots
      // workspace (back at its defaults), in turn.
      if (runs > PRESETS.length) throw new Error(`--runs: at most ${PRESETS.length} (one distinct period per round)`)
      for (let run = 1; run <= runs; run += 1) {
        await page.locator('[data-workspace=overview]').first().click()
        await page.locator('.overview-map-canvas[data-map-idle=true]').waitFor({ timeout: 120_000 })
        const day = DAYS[run - 1]
        const overviewMs = await timeUntilSettled(page, '.overview-map-canvas', () => from.fill(day), OVERVIEW_SETTLED)
        overview.push(overviewMs)

        await page.locator('[data-workspace=hotspots]').first().click()
        await page.getByTestId('workspace-hotspots').waitFor()
        await page.getByRole('tab', { name: '排名' }).click()
        await page.waitForFunction(HOTSPOTS_SETTLED, undefined, { timeout: 120_000, polling: 100 })
        await page.locator('.hotspots-map-canvas[data-map-idle=true]').waitFor({ timeout: 120_000 })
        const periodMs = await timeUntilSettled(
          page,
          '.hotspots-map-canvas',
          async () => {
            await page.getByTestId('hotspots-preset').click()
            await page.locator('.ant-select-item-option', { hasText: PRESETS[run - 1] }).click()
          },
          HOTSPOTS_SETTLED,
        )
        period.push(periodMs)
        const categoryMs = await timeUntilSettled(
          page,
          '.hotspots-map-canvas',
          async () => {
            await page.getByTestId('hotspots-categories').click()
            await page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${CATEGORIES[run - 1]} `) }).click()
            await page.keyboard.press('Escape')
          },
          HOTSPOTS_SETTLED,
        )
        category.push(categoryMs)
        log(`  round ${run}/${runs}: 总览 date change ${overviewMs.toFixed(0)} ms; 热点分析 period ${periodMs.toFixed(0)} ms, category ${categoryMs.toFixed(0)} ms`)
      }
    } finally {
      await harness.close()
    }
    const baseline = median(overview)
    const round = (values: number[]) => values.map((value) => Math.round(value))
    return [
      result({ bench: 'hotspots-browser.overview-date-change', n: runs, ms: baseline, baseline: null, baseline_ms: null, runs_ms: round(overview) }),
      result({ bench: 'hotspots-browser.period-change', n: runs, ms: median(period), baseline: 'overview date change, same session', baseline_ms: baseline, runs_ms: round(period) }),
      result({ bench: 'hotspots-browser.category-change', n: runs, ms: median(category), baseline: 'overview date change, same session', baseline_ms: baseline, runs_ms: round(category) }),
    ]
  },
}

export const benches: Bench[] = [hotspotsBrowserBench]
