/**
 * Cases in the browser (`npm run bench -- cases`), the built app in headless Chromium:
 *   - cases-assign-100k: the demo district's 100,000 cases as a 12319 export (GCJ-02, as the
 *     hotline writes them) checked and placed in the import worker — time from "校验并分配"
 *     to the preview (parse, validate, convert, place every row: grid, segment, department,
 *     deadline; and, since issue 13, ask the database which rows it already has). Baseline: Turf's idiomatic way (booleanPointInPolygon over every current
 *     grid) for the grid alone, in Node on the same points, measured on a sample and
 *     extrapolated (labelled).
 *   - cases-import-100k: the same file end to end — check, then commit in batches of 1,000
 *     through intake_incidents on the embedded database, until the result is shown. The
 *     rows are the demo's own cases, so the preview finds them all by content; the bench
 *     ticks "write them anyway", as a dispatcher would for a genuinely new file.
 *     Baseline: the write alone — the same rows through intake_incidents in batches of
 *     1,000 on the embedded database in Node (same snapshot), to show what the pipeline adds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { booleanPointInPolygon } from '@turf/turf'
import { build } from 'vite'
import { generateDemoDistrict } from '../scripts/demo/generate.ts'
import { DEMO_USERS } from '../scripts/seed/reference-data.ts'
import { SNAPSHOT_FILE } from '../scripts/ensure-demo.ts'
import { asCaller } from '../src/data/embedded/embedded-calls.ts'
import { fromWgs84 } from '../src/domain/import/coordinate-system.ts'
import { encodeGbk } from '../src/domain/tabular/encode-gbk.ts'
import { REPO_ROOT, startHarness, waitForBoot } from '../tests/e2e/harness.ts'
import type { IntakeRow } from '../src/domain/import/intake-row.ts'
import { result, type Bench } from './bench.ts'

const COLUMNS = ['工单编号', '受理时间', '来源', '问题类别', '问题描述', '事发地址', '经度', '纬度']


function demoCases(): { csv: Uint8Array; rows: IntakeRow[]; grids: ReturnType<typeof generateDemoDistrict>['grids'] } {
  const district = generateDemoDistrict()
  const lines = [COLUMNS.join(',')]
  const rows: IntakeRow[] = []
  for (const incident of district.incidents) {
    const [lon, lat] = fromWgs84(incident.lon, incident.lat, 'gcj02')
    const id = `BENCH-${incident.id}`
    const time = incident.reportedAt.slice(0, 19).replace('T', ' ')
    const description = incident.description.replace(/[",\r\n]/g, ' ')
    lines.push([id, time, '12319热线', incident.categoryCode, description, '', lon.toFixed(7), lat.toFixed(7)].join(','))
    rows.push({ external_id: id, lon: incident.lon, lat: incident.lat, category_code: incident.categoryCode, source: 'hotline_12319', description, reported_at: incident.reportedAt })
  }
  return { csv: encodeGbk(`${lines.join('\r\n')}\r\n`), rows, grids: district.grids }
}

function turfBaselineMs(rows: IntakeRow[], grids: ReturnType<typeof generateDemoDistrict>['grids'], sample = 1000): number {
  const step = Math.max(1, Math.floor(rows.length / sample))
  const started = performance.now()
  let measured = 0
  for (let index = 0; index < rows.length && measured < sample; index += step, measured++) {
    const point = [rows[index].lon, rows[index].lat]
    for (const grid of grids) if (booleanPointInPolygon(point, grid.geometry)) break
  }
  return ((performance.now() - started) / measured) * rows.length
}

async function writeOnlyMs(rows: IntakeRow[]): Promise<number> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { postgis } = await import('@electric-sql/pglite-postgis')
  const db = new PGlite({ extensions: { postgis }, loadDataDir: new Blob([readFileSync(SNAPSHOT_FILE)], { type: 'application/x-gzip' }) })
  await db.waitReady
  const dispatcher = DEMO_USERS.find((user) => user.role === 'dispatcher')!
  const started = performance.now()
  for (let from = 0; from < rows.length; from += 1000) {
    const batch = rows.slice(from, from + 1000)
    await asCaller(db, { sub: dispatcher.id, role: 'authenticated' }, (tx) => tx.query('select public.intake_incidents($1::json)', [JSON.stringify(batch)]))
  }
  const elapsed = performance.now() - started
  await db.close()
  return elapsed
}

const casesBench: Bench = {
  name: 'cases',
  async run(log) {
    log('  generating the 100,000 demo cases as a GBK, GCJ-02 12319 export…')
    const { csv, rows, grids } = demoCases()
    const file = join(mkdtempSync(join(tmpdir(), 'urbangrid-bench-')), 'demo-100k-12319.csv')
    writeFileSync(file, csv)
    log(`  ${(csv.byteLength / 1e6).toFixed(1)} MB; Turf baseline on a sample…`)
    const turfMs = turfBaselineMs(rows, grids)
    log('  write-only baseline: intake_incidents in batches of 1,000 on the embedded database in Node…')
    const writeMs = await writeOnlyMs(rows)
    log('  building the app…')
    await build({ root: REPO_ROOT, logLevel: 'warn' })
    const harness = await startHarness()
    try {
      const session = await harness.open({ viewport: { width: 1600, height: 1000 } })
      const { page } = session
      await page.goto(harness.url)
      await waitForBoot(page, { timeout: 300_000 })
      await page.locator('[data-workspace=cases]').first().click()
      await page.getByTestId('cases-tab-import').click()
      await page.waitForFunction(() => !(document.querySelector('[data-testid=import-file]') as HTMLInputElement | null)?.disabled, undefined, {
        timeout: 120_000,
      })
      await page.getByTestId('import-file').setInputFiles(file)
      await page.getByTestId('import-file-info').waitFor({ timeout: 120_000 })
      log('  checking and placing in the import worker…')
      const checkStarted = Date.now()
      await page.getByTestId('import-check').click()
      await page.getByTestId('import-summary').waitFor({ timeout: 600_000 })
      const checkMs = Date.now() - checkStarted
      const timing = (await page.getByTestId('import-timing').textContent()) ?? ''
      const [workerCheckMs, placeMs] = (timing.match(/\d+/g) ?? []).map(Number)
      const summary = (await page.getByTestId('import-summary').textContent()) ?? ''
      const [rowsRead, valid] = (summary.match(/[\d,]+/g) ?? []).map((value) => Number(value.replace(/,/g, '')))
      log(`  ${valid} of ${rowsRead} rows valid; committing…`)
      // The file is the demo's own cases, so the preview finds every row already there by
      // content (issue 13); the dispatcher says they are new, and all of them are written.
      const contentMatches = page.getByTestId('import-write-content-matches')
      if ((await contentMatches.count()) > 0) await contentMatches.check()
      const commitStarted = Date.now()
      await page.getByTestId('import-commit').click()
      await page.getByTestId('import-committed').waitFor({ timeout: 1_800_000 })
      const commitMs = Date.now() - commitStarted
      const committed = (await page.getByTestId('import-committed').textContent()) ?? ''
      await session.close()
      return [
        result({
          bench: 'cases-assign-100k',
          n: rowsRead,
          ms: checkMs,
          baseline: 'turf booleanPointInPolygon over every current grid (grid only), Node, same points',
          baseline_ms: Math.round(turfMs),
          baseline_extrapolated_from: 1000,
          worker_check_ms: workerCheckMs,
          worker_place_ms: placeMs,
          valid,
          note: 'Chromium headless, import worker: parse GBK CSV + validate + GCJ-02→WGS84 + grid/segment/department/deadline',
        }),
        result({
          bench: 'cases-import-100k',
          n: rowsRead,
          ms: checkMs + commitMs,
          baseline: 'write only: intake_incidents in batches of 1,000, embedded PGlite in Node, same rows',
          baseline_ms: Math.round(writeMs),
          check_ms: checkMs,
          commit_ms: commitMs,
          committed,
        }),
      ]
    } finally {
      await harness.close()
    }
  },
}

export const benches: Bench[] = [casesBench]
