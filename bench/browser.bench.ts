/**
 * The built app in headless Chromium on this machine (`npm run bench -- browser`):
 *   - navigation → database ready, first map frame, all default layers drawn; cold (empty
 *     IndexedDB: downloads and unpacks the snapshot) and warm (second start, IndexedDB
 *     reused). The warm figures use the cold ones, measured in the same run, as baseline.
 *   - main-thread long tasks during a start (count over 200 ms after the first frame, max)
 *   - one repaint of the whole default view once the warm start is settled (the database up,
 *     nothing loading): navigation-independent, the cost of every frame — pan, hover, boot —
 *     which is large where WebGL is software-rendered.
 *   - main-thread long tasks while a user then hovers over, drags and wheel-zooms that view
 *     (count over 200 ms, longest).
 *   - the JS the first screen loaded (gzip), the whole bundle's JS, the WASM/data assets.
 *   - the same start, repaint and interaction on a bare MapLibre page drawing the same
 *     layers from the same data (bench/bare-maplibre.ts), in a container the size of the
 *     app's map: the app's figures are printed beside it, with the ratio.
 *   All of it N times (`--runs=N`, default 5): the figures are medians, each run's value beside.
 *
 * Builds: `--dist=<dir>` (repeatable; default the repository's dist/, built if missing).
 * With several, each round runs every build and then the bare page, in turn, so builds are
 * compared back to back under the same machine load; the later builds' figures take the
 * first build's as their baseline:
 *   npm run bench -- browser --runs=3 --dist=/tmp/dist-before --dist=dist
 * The map marks `window.__urbangrid = { firstFrameAt, layersReadyAt }`; the shell marks each
 * boot stage in `window.__urbangridBoot`. Targets (issue 3): first frame < 1.5 s, layers
 * < 5 s cold and < 2.5 s warm, no task over 200 ms after the first frame.
 */
import { existsSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { build } from 'vite'
import { REPO_ROOT, startHarness, waitForPersisted, type Harness } from '../tests/e2e/harness.ts'
import { startBarePage } from './bare-maplibre.ts'
import { result, type Bench, type BenchResult } from './bench.ts'
import {
  LONG_TASK_OBSERVER,
  REPAINTS,
  bundleSizes,
  firstScreenJavascript,
  longTasksAfterFirstFrame,
  mapCanvasSize,
  measureBoot,
  measureInteraction,
  measureRepaint,
  median,
  type BootFigures,
  type InteractionFigures,
} from './browser-measure.ts'

/** `npm run bench -- browser --runs=N` (default 5): cold + warm starts, N times; medians are reported. */
function runCount(): number {
  const argument = process.argv.find((value) => value.startsWith('--runs='))
  const runs = argument ? Number(argument.slice('--runs='.length)) : 5
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not ${argument}`)
  return runs
}

/** `--dist=<dir>`, in the order given (relative to the current directory); none = the repository's dist/. */
function distDirectories(): string[] {
  const given = process.argv.filter((value) => value.startsWith('--dist=')).map((value) => resolve(value.slice('--dist='.length)))
  return given.length > 0 ? given : [join(REPO_ROOT, 'dist')]
}

/** One page's series: a start per run (cold only for the bare page), the settled view's repaint and interaction. */
interface Series {
  /** the build's directory name (dist, dist-before…), or 'bare MapLibre' */
  label: string
  directory: string
  colds: BootFigures[]
  warms: BootFigures[]
  repaints: (number | null)[]
  interactions: InteractionFigures[]
  firstScreenJs: { gzip: number; files: number }[]
}

const newSeries = (label: string, directory = ''): Series => ({ label, directory, colds: [], warms: [], repaints: [], interactions: [], firstScreenJs: [] })

/** One cold and one warm start of the app, then the warm view's repaint and interaction. */
async function runApp(harness: Harness, series: Series, log: (message: string) => void): Promise<{ width: number; height: number }> {
  const cold = await harness.open()
  await cold.context.addInitScript(LONG_TASK_OBSERVER)
  series.colds.push(await measureBoot(cold.page, harness.url, log, { app: true }))
  series.firstScreenJs.push(firstScreenJavascript(series.directory, [...cold.requests]))
  await waitForPersisted(cold.page, 300_000)
  await cold.close({ keepProfile: true })

  const warm = await harness.open({ userDataDir: cold.userDataDir })
  await warm.context.addInitScript(LONG_TASK_OBSERVER)
  series.warms.push(await measureBoot(warm.page, harness.url, log, { app: true }))
  series.repaints.push(await measureRepaint(warm.page))
  const canvas = await mapCanvasSize(warm.page)
  series.interactions.push(await measureInteraction(warm.page))
  if (warm.requests.some((url) => url.includes('/demo/urbangrid-demo.tar.gz'))) log('  WARNING: the warm start downloaded the snapshot again')
  await warm.close()
  rmSync(cold.userDataDir, { recursive: true, force: true })
  return canvas
}

/** The bare page in a fresh profile: its start, then the same repaint and interaction. */
async function runBare(harness: Harness, url: string, series: Series, log: (message: string) => void): Promise<void> {
  const session = await harness.open()
  await session.context.addInitScript(LONG_TASK_OBSERVER)
  series.colds.push(await measureBoot(session.page, url, log, { app: false }))
  series.repaints.push(await measureRepaint(session.page))
  series.interactions.push(await measureInteraction(session.page))
  await session.close()
}

interface Summary {
  median: number
  runs: number[]
}

function summary(values: (number | null)[]): Summary | null {
  const known = values.filter((value): value is number => value !== null)
  return known.length === 0 ? null : { median: median(known), runs: known.map((value) => Math.round(value)) }
}

/** The figures of one build; `baseline` (the first build) gives the later builds their ratio. */
function appFigures(series: Series, runs: number, suffix: string, baseline: Series | null): BenchResult[] {
  const figures: BenchResult[] = []
  const against = (bench: string, pick: (series: Series) => Summary | null) => (baseline ? { baseline: `${bench}@${baseline.label}`, baseline_ms: pick(baseline)?.median ?? null } : null)
  const pair = (bench: string, pick: (boot: BootFigures) => number | null, target: Record<string, number>) => {
    const cold = summary(series.colds.map(pick))
    const warm = summary(series.warms.map(pick))
    const coldOf = (other: Series) => summary(other.colds.map(pick))
    const warmOf = (other: Series) => summary(other.warms.map(pick))
    if (cold)
      figures.push(
        result({ bench: `${bench}.cold${suffix}`, n: runs, ms: cold.median, ...(against(`${bench}.cold`, coldOf) ?? { baseline: null, baseline_ms: null }), target_ms: target.cold, runs_ms: cold.runs }),
      )
    if (warm)
      figures.push(
        result({
          bench: `${bench}.warm${suffix}`,
          n: runs,
          ms: warm.median,
          ...(against(`${bench}.warm`, warmOf) ?? { baseline: `${bench}.cold${suffix}`, baseline_ms: cold?.median ?? null }),
          target_ms: target.warm,
          runs_ms: warm.runs,
        }),
      )
  }
  pair('browser.navigation-to-db-ready', (boot) => boot.dbReadyMs, {})
  pair('browser.navigation-to-first-map-frame', (boot) => boot.firstFrameMs, { cold: 1500, warm: 1500 })
  pair('browser.navigation-to-layers-drawn', (boot) => boot.layersReadyMs, { cold: 5000, warm: 2500 })
  const repaint = summary(series.repaints)
  if (repaint)
    figures.push(
      result({
        bench: `browser.repaint-default-view${suffix}`,
        n: runs,
        ms: repaint.median,
        ...(against('browser.repaint-default-view', (other) => summary(other.repaints)) ?? { baseline: null, baseline_ms: null }),
        unit: `median over the runs of each run's median of ${REPAINTS} repaints (request → next frame after the commit)`,
        runs_ms: repaint.runs,
      }),
    )
  figures.push(
    result({
      bench: `browser.long-tasks-interaction${suffix}`,
      n: median(series.interactions.map((run) => run.over)),
      ms: median(series.interactions.map((run) => run.longest)),
      ...(against('browser.long-tasks-interaction', (other) => ({ median: median(other.interactions.map((run) => run.longest)), runs: [] })) ?? { baseline: null, baseline_ms: null }),
      unit: 'medians over the runs: n = tasks over 200 ms while hovering (30 moves), dragging (6) and wheel-zooming (3 in, 3 out) the settled warm view, ms = longest task',
      runs: series.interactions.map((run) => `${run.over}/${Math.round(run.longest)} of ${run.tasks}`),
      target_ms: 200,
    }),
  )
  for (const [label, boots] of [
    ['cold', series.colds],
    ['warm', series.warms],
  ] as const) {
    const perRun = boots.map(longTasksAfterFirstFrame)
    const longestOf = (other: Series) => ({ median: median((label === 'cold' ? other.colds : other.warms).map((boot) => longTasksAfterFirstFrame(boot).longest)), runs: [] })
    figures.push(
      result({
        bench: `browser.long-tasks-after-first-frame.${label}${suffix}`,
        n: median(perRun.map((run) => run.over)),
        ms: median(perRun.map((run) => run.longest)),
        ...(against(`browser.long-tasks-after-first-frame.${label}`, longestOf) ?? { baseline: null, baseline_ms: null }),
        unit: 'medians over the runs: n = tasks over 200 ms after the first frame, ms = longest such task',
        runs: perRun.map((run) => `${run.over}/${Math.round(run.longest)}`),
        target_ms: 200,
      }),
    )
  }
  return figures
}

function sizeFigures(series: Series, suffix: string): BenchResult[] {
  const sizes = bundleSizes(series.directory)
  const firstScreen = series.firstScreenJs.reduce((largest, run) => (run.gzip > largest.gzip ? run : largest), { gzip: 0, files: 0 })
  return [
    result({
      bench: `bundle.first-screen-js-gzip${suffix}`,
      n: series.firstScreenJs.length,
      ms: 0,
      baseline: null,
      baseline_ms: null,
      bytes: firstScreen.gzip,
      files: firstScreen.files,
      unit: 'gzip (level 9) of every assets/*.js the page and its workers requested until the layers were drawn, cold (the largest over the runs)',
    }),
    result({ bench: `bundle.js-gzip${suffix}`, n: 1, ms: 0, baseline: null, baseline_ms: null, bytes: sizes.jsGzip, raw_bytes: sizes.jsRaw, entry_gzip_bytes: sizes.entryGzip }),
    result({ bench: `bundle.wasm-and-data${suffix}`, n: 1, ms: 0, baseline: null, baseline_ms: null, bytes: Object.values(sizes.binary).reduce((a, b) => a + b, 0), files: sizes.binary }),
    result({ bench: `bundle.first-view${suffix}`, n: 1, ms: 0, baseline: null, baseline_ms: null, bytes: sizes.firstViewBytes, gzip_bytes: sizes.firstViewGzip }),
    result({ bench: `bundle.demo-snapshot${suffix}`, n: 1, ms: 0, baseline: null, baseline_ms: null, bytes: sizes.snapshotBytes, target_bytes: 15_000_000 }),
  ]
}

/** The bare page's own figures, and each build's warm start against them (ratio = bare / app). */
function bareFigures(bare: Series, builds: Series[], runs: number, suffixOf: (series: Series) => string): BenchResult[] {
  const figures: BenchResult[] = []
  const metrics: { name: string; bare: Summary | null; app: (series: Series) => Summary | null; unit?: string }[] = [
    { name: 'navigation-to-first-map-frame', bare: summary(bare.colds.map((boot) => boot.firstFrameMs)), app: (series) => summary(series.warms.map((boot) => boot.firstFrameMs)) },
    {
      name: 'navigation-to-layers-drawn',
      bare: summary(bare.colds.map((boot) => boot.layersReadyMs)),
      app: (series) => summary(series.warms.map((boot) => boot.layersReadyMs)),
      unit: 'time to the map idle with every layer given its data',
    },
    {
      name: 'longest-task-after-first-frame',
      bare: summary(bare.colds.map((boot) => longTasksAfterFirstFrame(boot).longest)),
      app: (series) => summary(series.warms.map((boot) => longTasksAfterFirstFrame(boot).longest)),
    },
    { name: 'repaint-default-view', bare: summary(bare.repaints), app: (series) => summary(series.repaints) },
    {
      name: 'longest-task-interaction',
      bare: summary(bare.interactions.map((run) => run.longest)),
      app: (series) => summary(series.interactions.map((run) => run.longest)),
    },
  ]
  for (const metric of metrics) {
    if (!metric.bare) continue
    figures.push(result({ bench: `browser.bare-maplibre.${metric.name}`, n: runs, ms: metric.bare.median, baseline: null, baseline_ms: null, runs_ms: metric.bare.runs, unit: metric.unit }))
    for (const series of builds) {
      const app = metric.app(series)
      if (!app) continue
      figures.push(
        result({
          bench: `browser.app-vs-bare.${metric.name}${suffixOf(series)}`,
          n: runs,
          ms: app.median,
          baseline: `browser.bare-maplibre.${metric.name}`,
          baseline_ms: metric.bare.median,
          unit: 'the app warm (ms) against the bare MapLibre page (baseline_ms); ratio = bare / app',
          app_over_bare: Math.round((app.median / metric.bare.median) * 100) / 100,
          runs_ms: app.runs,
        }),
      )
    }
  }
  return figures
}

/** A side-by-side table on stderr: every build, the bare page, and app / bare. */
function printTable(figures: BenchResult[], builds: Series[], suffixOf: (series: Series) => string, log: (message: string) => void): void {
  const find = (bench: string) => figures.find((figure) => figure.bench === bench)
  const cell = (figure: BenchResult | undefined, field: 'ms' | 'bytes' = 'ms') => {
    if (!figure) return '—'
    if (field === 'bytes') return `${Math.round(Number(figure.bytes) / 1000)} kB`
    const runs = (figure.runs_ms as number[] | undefined) ?? (figure.runs as string[] | undefined)
    return `${Math.round(figure.ms)} ms${runs ? ` [${runs.join(' ')}]` : ''}`
  }
  const rows: [string, (suffix: string) => string, string][] = [
    ['first frame, cold', (s) => cell(find(`browser.navigation-to-first-map-frame.cold${s}`)), '—'],
    ['first frame, warm', (s) => cell(find(`browser.navigation-to-first-map-frame.warm${s}`)), cell(find('browser.bare-maplibre.navigation-to-first-map-frame'))],
    ['layers drawn, cold', (s) => cell(find(`browser.navigation-to-layers-drawn.cold${s}`)), '—'],
    ['layers drawn, warm', (s) => cell(find(`browser.navigation-to-layers-drawn.warm${s}`)), cell(find('browser.bare-maplibre.navigation-to-layers-drawn'))],
    ['over 200 ms / longest task after first frame, cold', (s) => cell(find(`browser.long-tasks-after-first-frame.cold${s}`)), '—'],
    ['over 200 ms / longest task after first frame, warm', (s) => cell(find(`browser.long-tasks-after-first-frame.warm${s}`)), cell(find('browser.bare-maplibre.longest-task-after-first-frame'))],
    ['one repaint', (s) => cell(find(`browser.repaint-default-view${s}`)), cell(find('browser.bare-maplibre.repaint-default-view'))],
    ['hover/drag/zoom: over 200 ms / longest', (s) => cell(find(`browser.long-tasks-interaction${s}`)), cell(find('browser.bare-maplibre.longest-task-interaction'))],
    ['first-screen JS gzip', (s) => cell(find(`bundle.first-screen-js-gzip${s}`), 'bytes'), cell(find('bundle.bare-maplibre-js-gzip'), 'bytes')],
  ]
  const ratios = (row: string) => {
    const name = {
      'first frame, warm': 'navigation-to-first-map-frame',
      'layers drawn, warm': 'navigation-to-layers-drawn',
      'over 200 ms / longest task after first frame, warm': 'longest-task-after-first-frame',
      'one repaint': 'repaint-default-view',
      'hover/drag/zoom: over 200 ms / longest': 'longest-task-interaction',
    }[row]
    if (!name) return ''
    return builds.map((series) => `${find(`browser.app-vs-bare.${name}${suffixOf(series)}`)?.app_over_bare ?? '—'}×`).join(' / ')
  }
  log(`\n  figure | ${builds.map((series) => series.label).join(' | ')} | bare MapLibre | app / bare`)
  for (const [name, value, bare] of rows) log(`  ${name} | ${builds.map((series) => value(suffixOf(series))).join(' | ')} | ${bare} | ${ratios(name)}`)
}

const browserBench: Bench = {
  name: 'browser',
  async run(log) {
    const directories = distDirectories()
    const defaultDist = join(REPO_ROOT, 'dist')
    if (directories.includes(defaultDist) && !existsSync(join(defaultDist, 'index.html'))) {
      log('  building the app (dist/ missing)…')
      await build({ root: REPO_ROOT, logLevel: 'warn' })
    }
    const runs = runCount()
    const builds = directories.map((directory) => newSeries(basename(directory), directory))
    if (new Set(builds.map((series) => series.label)).size < builds.length) throw new Error('--dist: give each build a directory of its own name')
    const suffixOf = (series: Series) => (builds.length > 1 ? `@${series.label}` : '')
    const bare = newSeries('bare MapLibre')
    const harnesses = new Map<string, Harness>()
    log('  building the bare MapLibre page…')
    const barePage = await startBarePage()
    try {
      for (const { directory } of builds) harnesses.set(directory, await startHarness({ distDir: directory }))
      let canvas: { width: number; height: number } | null = null
      for (let run = 1; run <= runs; run += 1) {
        for (const series of builds) {
          log(`  run ${run}/${runs}, ${series.label}: cold start (empty IndexedDB), then warm start (same profile)…`)
          canvas = await runApp(harnesses.get(series.directory)!, series, log)
        }
        log(`  run ${run}/${runs}: bare MapLibre page, ${canvas!.width}×${canvas!.height} (the app's map canvas)…`)
        await runBare(harnesses.get(builds[0].directory)!, `${barePage.url}?w=${canvas!.width}&h=${canvas!.height}`, bare, log)
      }
    } finally {
      for (const harness of harnesses.values()) await harness.close()
      await barePage.close()
    }
    const baseline = builds.length > 1 ? builds[0] : null
    const figures = builds.flatMap((series) => [
      ...appFigures(series, runs, suffixOf(series), series === baseline ? null : baseline),
      ...sizeFigures(series, suffixOf(series)),
    ])
    figures.push(...bareFigures(bare, builds, runs, suffixOf))
    figures.push(result({ bench: 'bundle.bare-maplibre-js-gzip', n: 1, ms: 0, baseline: null, baseline_ms: null, bytes: barePage.javascriptGzip }))
    printTable(figures, builds, suffixOf, log)
    return figures
  },
}

export const benches: Bench[] = [browserBench]
